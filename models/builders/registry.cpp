#include "models/builders/registry.h"

#include <functional>

#include "models/builders/block_chain.h"
#include "models/builders/families.h"
#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::models {
namespace {

std::vector<ModelPreset> make_presets() {
  std::vector<ModelPreset> p;
  for (const char* d : {"18", "34", "50", "101", "152"}) {
    p.push_back({std::string("resnet") + d,
                 "resnet",
                 std::string("ResNet-") + d + " (torchvision)",
                 {{"depth", d}}});
  }
  p.push_back({"mobilenet_v2", "mobilenet_v2", "MobileNetV2 (torchvision)", {}});
  for (int i = 0; i < 8; ++i) {
    const std::string v = "b" + std::to_string(i);
    p.push_back({"efficientnet_" + v,
                 "efficientnet",
                 "EfficientNet-" + v + " (torchvision)",
                 {{"variant", v}}});
  }
  for (const char* s : {"original", "tpu", "gpu"}) {
    const std::string scaling = s;
    for (int i = 0; i < 8; ++i) {
      const std::string v = "b" + std::to_string(i);
      const std::string suffix = scaling == "original" ? "" : "_" + scaling;
      const std::string what =
          scaling == "original" ? "compound scaling" : scaling + " latency-aware compound scaling";
      p.push_back({"efficientnet_x_" + v + suffix,
                   "efficientnet_x",
                   "EfficientNet-X-" + v + ", " + what,
                   {{"variant", v}, {"scaling", scaling}}});
    }
  }
  for (const char* v : {"b16", "b32", "l16", "l32", "h14"}) {
    p.push_back({std::string("vit_") + v,
                 "vit",
                 std::string("ViT-") + v + " (torchvision)",
                 {{"variant", v}}});
  }
  for (const char* v : {"tiny", "mini", "small", "medium", "base", "large"}) {
    p.push_back({std::string("bert_") + v,
                 "bert",
                 std::string("BERT-") + v + " encoder + pooler",
                 {{"variant", v}}});
  }
  const struct {
    const char* name;
    int layers, hidden, heads;
  } gpts[] = {{"gpt_small", 12, 768, 12},
              {"gpt_medium", 24, 1024, 16},
              {"gpt_large", 36, 1280, 20},
              {"gpt_xl", 48, 1600, 25}};
  for (const auto& g : gpts) {
    p.push_back({g.name,
                 "gpt",
                 std::string("GPT-2 style decoder, ") + std::to_string(g.layers) + " layers x " +
                     std::to_string(g.hidden),
                 {{"layers", std::to_string(g.layers)},
                  {"hidden", std::to_string(g.hidden)},
                  {"heads", std::to_string(g.heads)},
                  {"mlp", std::to_string(4 * g.hidden)}}});
  }
  // LLaMA-style decoders: RMSNorm, SwiGLU MLP, no biases, rotary positions (no weights), untied.
  const std::map<std::string, std::string> llama = {
      {"norm", "rms_norm"}, {"gated_mlp", "true"}, {"activation", "silu"},
      {"bias", "false"},    {"positions", "none"}, {"tied_embeddings", "false"}};
  auto with = [&](std::map<std::string, std::string> m) {
    m.insert(llama.begin(), llama.end());
    return m;
  };
  p.push_back({"gpt_llama2_7b", "gpt", "LLaMA-2-7B shaped decoder (32 x 4096, MHA, SwiGLU 11008)",
               with({{"layers", "32"},
                     {"hidden", "4096"},
                     {"heads", "32"},
                     {"mlp", "11008"},
                     {"vocab", "32000"},
                     {"max_positions", "4096"},
                     {"seq_len", "4096"}})});
  p.push_back({"gpt_llama3_8b", "gpt",
               "LLaMA-3-8B shaped decoder (32 x 4096, GQA 8 kv heads, SwiGLU 14336)",
               with({{"layers", "32"},
                     {"hidden", "4096"},
                     {"heads", "32"},
                     {"kv_heads", "8"},
                     {"mlp", "14336"},
                     {"vocab", "128256"},
                     {"max_positions", "8192"},
                     {"seq_len", "8192"}})});
  p.push_back({"nb201", "nb201", "NAS-Bench-201 network from a cell string (knob arch)", {}});
  p.push_back({"nas_bench_macro",
               "nas_bench_macro",
               "NAS-Bench-Macro network from an 8-digit code (knob arch)",
               {}});
  return p;
}

const std::map<std::string, std::function<Graph(Knobs&)>>& families() {
  static const std::map<std::string, std::function<Graph(Knobs&)>> f = {
      {"resnet", build_resnet},
      {"mobilenet_v2", build_mobilenet_v2},
      {"efficientnet", build_efficientnet},
      {"efficientnet_x", build_efficientnet_x},
      {"vit", build_vit},
      {"bert", build_bert},
      {"gpt", build_gpt},
      {"nb201", build_nb201},
      {"nas_bench_macro", build_nas_bench_macro}};
  return f;
}

// Families that also have a chain form (block_chain.h).
const std::map<std::string, std::function<BlockChain(Knobs&)>>& chain_families() {
  static const std::map<std::string, std::function<BlockChain(Knobs&)>> f = {
      {"nb201", chain_nb201}};
  return f;
}

// `build` given the preset's knobs under the caller's; a knob it did not read is an error after.
template <class Built>
Built with_knobs(const ModelPreset& preset, const std::string& name,
                 const std::map<std::string, std::string>& knobs,
                 const std::function<Built(Knobs&)>& build, std::vector<Knobs::Used>* used) {
  Knobs k(knobs);
  for (const auto& [key, value] : preset.knobs) k.set_default(key, value);
  Built out = build(k);
  k.reject_unknown(name);
  if (used) *used = k.used();
  return out;
}

}  // namespace

const std::vector<ModelPreset>& model_presets() {
  static const std::vector<ModelPreset> p = make_presets();
  return p;
}

const ModelPreset* find_preset(const std::string& name) {
  for (const auto& p : model_presets()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Graph build_model(const std::string& name, const std::map<std::string, std::string>& knobs,
                  std::vector<Knobs::Used>* used) {
  const ModelPreset* preset = find_preset(name);
  if (!preset) {
    std::vector<std::string> names;
    for (const auto& p : model_presets()) names.push_back(p.name);
    throw core::InputError({}, "model",
                           "unknown model '" + name + "'" + core::did_you_mean(name, names) +
                               "; see `coda model list`");
  }
  Graph g = with_knobs(*preset, name, knobs, families().at(preset->family), used);
  g.set_name(name);
  return g;
}

std::optional<BlockChain> load_chain(const std::string& name_or_file,
                                     const std::map<std::string, std::string>& knobs) {
  const ModelPreset* preset = find_preset(name_or_file);
  if (!preset) return std::nullopt;
  const auto chain = chain_families().find(preset->family);
  if (chain == chain_families().end()) return std::nullopt;
  BlockChain c = with_knobs(*preset, name_or_file, knobs, chain->second, nullptr);
  c.name = name_or_file;
  return c;
}

}  // namespace coda::models
