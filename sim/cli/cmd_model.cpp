// `coda model list|info|export`: built-in networks and model files, their counters and exports.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "models/builders/registry.h"
#include "models/graph/counters.h"
#include "models/io/dot_export.h"
#include "models/io/model_source.h"
#include "models/io/onnx_io.h"
#include "models/io/yaml_model.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/core/units.h"

namespace coda::cli {
namespace {

using models::Graph;

struct ModelArgs {
  std::string model;
  std::vector<std::string> knobs;  // key=value
  std::string batch, dtype;
};

void add_model_args(CLI::App* app, ModelArgs& a) {
  app->add_option("model", a.model,
                  "Built-in model name (see `coda model list`) or a .yaml/.onnx file")
      ->required();
  app->add_option("-k,--knob", a.knobs, "Family knob key=value (repeatable), e.g. -k width=0.5");
  app->add_option("--batch", a.batch, "Batch size (knob batch)");
  app->add_option("--dtype", a.dtype, "Element type bf16|fp16|fp32|int8|fp8 (knob dtype)");
}

Graph load(const ModelArgs& a, std::vector<models::Knobs::Used>* used) {
  std::map<std::string, std::string> knobs;
  for (const auto& kv : a.knobs) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw core::InputError({}, "--knob", "expected key=value, got '" + kv + "'");
    }
    knobs[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!a.batch.empty()) knobs["batch"] = a.batch;
  if (!a.dtype.empty()) knobs["dtype"] = a.dtype;
  return models::load_model(a.model, knobs, used);
}

std::string si(double v) {
  const char* units[] = {"", "K", "M", "G", "T", "P"};
  int u = 0;
  while (std::abs(v) >= 1000 && u < 5) v /= 1000, ++u;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f %s", v, units[u]);
  return buf;
}

nlohmann::json tensor_json(const Graph& g, models::TensorId id) {
  const auto& t = g.tensor(id);
  return {{"name", t.name}, {"shape", t.shape}, {"dtype", models::to_string(t.dtype)}};
}

int run_info(const ModelArgs& a, bool per_layer, bool json) {
  std::vector<models::Knobs::Used> used;
  const Graph g = load(a, &used);
  const models::ModelCounts c = models::count_model(g);
  if (json) {
    nlohmann::json out = {{"name", g.name()},
                          {"ops", g.num_ops()},
                          {"params", c.params},
                          {"macs", c.macs},
                          {"flops", c.flops()},
                          {"flops_per_mac", 2},
                          {"vector_ops", c.vector_ops},
                          {"weight_bytes", c.weight_bytes},
                          {"activation_bytes", c.activation_bytes},
                          {"arithmetic_intensity_flops_per_byte", c.arithmetic_intensity()}};
    out["inputs"] = nlohmann::json::array();
    for (auto t : g.inputs()) out["inputs"].push_back(tensor_json(g, t));
    out["outputs"] = nlohmann::json::array();
    for (auto t : g.outputs()) out["outputs"].push_back(tensor_json(g, t));
    out["knobs"] = nlohmann::json::object();
    for (const auto& k : used) out["knobs"][k.key] = k.value;
    if (per_layer) {
      out["layers"] = nlohmann::json::array();
      for (const auto& op : g.ops()) {
        const auto& oc = c.per_op[static_cast<std::size_t>(op.id)];
        out["layers"].push_back(
            {{"name", op.name},
             {"op", models::to_string(op.kind)},
             {"output_shape", g.tensor(op.outputs[0]).shape},
             {"params", oc.params},
             {"macs", oc.macs},
             {"flops", oc.flops()},
             {"vector_ops", oc.vector_ops},
             {"weight_bytes", oc.weight_bytes},
             {"activation_bytes", oc.activation_bytes()},
             {"arithmetic_intensity_flops_per_byte", oc.arithmetic_intensity()}});
      }
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (per_layer) {
    std::printf("%-5s %-44s %-16s %-22s %12s %14s %12s %12s %9s\n", "#", "op", "kind",
                "output shape", "params", "MACs", "weight B", "act B", "FLOP/B");
    for (const auto& op : g.ops()) {
      const auto& oc = c.per_op[static_cast<std::size_t>(op.id)];
      std::printf("%-5d %-44s %-16s %-22s %12lld %14lld %12llu %12llu %9.1f\n", op.id,
                  op.name.c_str(), models::to_string(op.kind).c_str(),
                  models::to_string(g.tensor(op.outputs[0]).shape).c_str(),
                  static_cast<long long>(oc.params), static_cast<long long>(oc.macs),
                  static_cast<unsigned long long>(oc.weight_bytes),
                  static_cast<unsigned long long>(oc.activation_bytes()),
                  oc.arithmetic_intensity());
    }
    std::printf("\n");
  }
  std::printf("model             %s (%zu ops)\n", g.name().c_str(), g.num_ops());
  for (auto t : g.inputs()) {
    std::printf("input             %s %s %s\n", g.tensor(t).name.c_str(),
                models::to_string(g.tensor(t).shape).c_str(),
                models::to_string(g.tensor(t).dtype).c_str());
  }
  std::printf("params            %lld (%s)\n", static_cast<long long>(c.params),
              si(static_cast<double>(c.params)).c_str());
  std::printf("MACs              %lld (%s)\n", static_cast<long long>(c.macs),
              si(static_cast<double>(c.macs)).c_str());
  std::printf("FLOPs (2 x MACs)  %lld (%s)\n", static_cast<long long>(c.flops()),
              si(static_cast<double>(c.flops())).c_str());
  std::printf("vector ops        %lld (elementwise, norm, pool element operations)\n",
              static_cast<long long>(c.vector_ops));
  std::printf("weight bytes      %llu (%s)\n", static_cast<unsigned long long>(c.weight_bytes),
              core::format_bytes(c.weight_bytes).c_str());
  std::printf("activation bytes  %llu (%s)\n", static_cast<unsigned long long>(c.activation_bytes),
              core::format_bytes(c.activation_bytes).c_str());
  std::printf("intensity         %.2f FLOP/byte\n", c.arithmetic_intensity());
  if (!used.empty()) {
    std::printf("knobs            ");
    for (const auto& k : used) std::printf(" %s=%s", k.key.c_str(), k.value.c_str());
    std::printf("\n");
  }
  return 0;
}

int run_list(bool json) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : models::model_presets()) {
    if (json) {
      out.push_back({{"name", p.name}, {"family", p.family}, {"description", p.description}});
    } else {
      std::printf("%-24s %-16s %s\n", p.name.c_str(), p.family.c_str(), p.description.c_str());
    }
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

int run_export(const ModelArgs& a, const std::string& format, const std::string& output,
               bool with_weights) {
  const Graph g = load(a, nullptr);
  if (format == "onnx") {
    if (output.empty() || output == "-") {
      throw core::InputError({}, "--output", "ONNX export needs an output file (-o model.onnx)");
    }
    models::save_onnx_model(g, output, with_weights);
    return 0;
  }
  const std::string text = format == "yaml" ? models::to_yaml(g) : models::to_dot(g);
  if (output.empty() || output == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream out(output);
  if (!out) throw core::InputError({output, 0, 0}, "--output", "cannot write file");
  out << text;
  return 0;
}

}  // namespace

Command add_model_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("model",
                                    "Neural-network models: list built-ins, show counters, export");
  app->require_subcommand(1);
  auto* list = app->add_subcommand("list", "Built-in model names with their family");
  auto* info = app->add_subcommand("info", "Params, MACs, FLOPs (= 2 x MACs), bytes and intensity");
  auto* exp = app->add_subcommand("export", "Write a model as YAML, Graphviz DOT or ONNX");
  auto list_json = std::make_shared<bool>(false);
  list->add_flag("--json", *list_json, "Print JSON");
  auto info_args = std::make_shared<ModelArgs>();
  auto per_layer = std::make_shared<bool>(false);
  auto info_json = std::make_shared<bool>(false);
  add_model_args(info, *info_args);
  info->add_flag("--per-layer", *per_layer, "One row per op");
  info->add_flag("--json", *info_json, "Print JSON");
  auto exp_args = std::make_shared<ModelArgs>();
  auto format = std::make_shared<std::string>("yaml");
  auto output = std::make_shared<std::string>();
  auto weights = std::make_shared<bool>(false);
  add_model_args(exp, *exp_args);
  exp->add_option("-f,--format", *format, "yaml | dot | onnx")
      ->check(CLI::IsMember({"yaml", "dot", "onnx"}));
  exp->add_option("-o,--output", *output, "Output file (default stdout; required for onnx)");
  exp->add_flag("--with-weights", *weights,
                "ONNX: zero-filled initializers instead of weight inputs");
  return {app, [=] {
            if (list->parsed()) return run_list(*list_json);
            if (info->parsed()) return run_info(*info_args, *per_layer, *info_json);
            return run_export(*exp_args, *format, *output, *weights);
          }};
}

}  // namespace coda::cli
