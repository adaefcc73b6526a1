// Transformer families: ViT (torchvision), BERT (google-research/bert), GPT-2 style decoder.
#include "models/builders/attention.h"
#include "models/builders/families.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {
using I = std::vector<std::int64_t>;

struct TransformerShape {
  std::int64_t layers, hidden, heads, mlp;
};

TransformerShape read_shape(Knobs& k, const TransformerShape& d) {
  TransformerShape s;
  s.layers = k.get_int("layers", d.layers, 1, 1024, "encoder/decoder layers");
  s.hidden = k.get_int("hidden", d.hidden, 8, 65536, "model width");
  s.heads = k.get_int("heads", d.heads, 1, 1024, "attention heads (must divide hidden)");
  s.mlp = k.get_int("mlp", d.mlp, 8, 262144, "MLP hidden width");
  if (s.hidden % s.heads != 0) {
    throw core::InputError(
        {}, "knob heads",
        "heads " + std::to_string(s.heads) + " must divide hidden " + std::to_string(s.hidden));
  }
  return s;
}

// Positions 0..n-1 (or past..past+n-1) as an int32 constant, looked up in a learned table.
TensorId positions(NetBuilder& b, TensorId table, std::int64_t n, const std::string& leaf) {
  const TensorId ids =
      b.graph().add_tensor(b.name(leaf + ".ids"), {1, n}, DType::int32, TensorKind::constant);
  return b.op(OpKind::embedding, leaf, {ids, table});
}

}  // namespace

Graph build_vit(Knobs& k) {
  const std::string v =
      k.get_choice("variant", "b16", {"b16", "b32", "l16", "l32", "h14"}, "ViT size and patch");
  const bool base = v[0] == 'b', large = v[0] == 'l';
  const TransformerShape d = base    ? TransformerShape{12, 768, 12, 3072}
                             : large ? TransformerShape{24, 1024, 16, 4096}
                                     : TransformerShape{32, 1280, 16, 5120};
  const CommonKnobs c = read_common_knobs(k);
  const TransformerShape s = read_shape(k, d);
  const std::int64_t patch = k.get_int("patch", std::stoll(v.substr(1)), 1, 256, "patch size");
  const std::int64_t res = k.get_int("resolution", 224, patch, 4096, "input height and width");
  const std::int64_t classes = k.get_int("num_classes", 1000, 1, 100000, "classifier outputs");
  if (res % patch != 0) {
    throw core::InputError(
        {}, "knob resolution",
        std::to_string(res) + " is not a multiple of patch " + std::to_string(patch));
  }
  const std::int64_t tokens = (res / patch) * (res / patch), seq = tokens + 1;
  NetBuilder b("vit_" + v, c.dtype);
  TensorId x = b.input("image", {c.batch, 3, res, res});
  x = b.conv(x, "conv_proj", s.hidden, patch, patch, 1, true);
  x = b.op(OpKind::reshape, "patches", {x}, {{"shape", I{c.batch, s.hidden, tokens}}});
  x = b.op(OpKind::transpose, "tokens", {x}, {{"perm", I{0, 2, 1}}});
  TensorId cls =
      b.op(OpKind::broadcast_to, "class_tokens", {b.weight("class_token", {1, 1, s.hidden})},
           {{"shape", I{c.batch, 1, s.hidden}}});
  x = b.op(OpKind::concat, "prepend_class", {cls, x}, {{"axis", std::int64_t{1}}});
  x = b.op(OpKind::add, "add_pos", {x, b.weight("pos_embedding", {1, seq, s.hidden})});
  for (std::int64_t l = 0; l < s.layers; ++l) {
    b.push("encoder.layers." + std::to_string(l));
    b.push("attn");
    TensorId a = attention(b, b.layer_norm(x, "ln_1"), {s.heads});
    b.pop();
    x = b.op(OpKind::add, "residual_1", {x, a});
    b.push("mlp");
    TensorId m = mlp(b, b.layer_norm(x, "ln_2"), s.mlp, OpKind::gelu);
    b.pop();
    x = b.op(OpKind::add, "residual_2", {x, m});
    b.pop();
  }
  x = b.layer_norm(x, "encoder.ln");
  x = b.graph().add_op(OpKind::split, "class_split", {x},
                       {{"axis", std::int64_t{1}}, {"split", I{1, tokens}}})[0];
  x = b.op(OpKind::reshape, "class_out", {x}, {{"shape", I{c.batch, s.hidden}}});
  b.graph().mark_output(b.linear(x, "heads.head", classes));
  return b.take();
}

Graph build_bert(Knobs& k) {
  const std::string v =
      k.get_choice("variant", "base", {"tiny", "mini", "small", "medium", "base", "large"},
                   "BERT size (google-research/bert)");
  static const std::map<std::string, TransformerShape> sizes = {
      {"tiny", {2, 128, 2, 512}},    {"mini", {4, 256, 4, 1024}},
      {"small", {4, 512, 8, 2048}},  {"medium", {8, 512, 8, 2048}},
      {"base", {12, 768, 12, 3072}}, {"large", {24, 1024, 16, 4096}}};
  const CommonKnobs c = read_common_knobs(k);
  const TransformerShape s = read_shape(k, sizes.at(v));
  const std::int64_t max_pos = k.get_int("max_positions", 512, 1, 1 << 20, "position table size");
  const std::int64_t seq = k.get_int("seq_len", 128, 1, max_pos, "tokens per sequence");
  const std::int64_t vocab = k.get_int("vocab", 30522, 2, 1 << 22, "vocabulary size");
  const bool pooler = k.get_bool("pooler", true, "the [CLS] pooler dense + tanh");
  NetBuilder b("bert_" + v, c.dtype);
  const TensorId ids = b.input("input_ids", {c.batch, seq}, DType::int32);
  const TensorId types = b.input("token_type_ids", {c.batch, seq}, DType::int32);
  b.push("embeddings");
  TensorId x =
      b.op(OpKind::embedding, "word", {ids, b.weight("word_embeddings", {vocab, s.hidden})});
  x = b.op(OpKind::add, "add_type",
           {x, b.op(OpKind::embedding, "type",
                    {types, b.weight("token_type_embeddings", {2, s.hidden})})});
  x = b.op(
      OpKind::add, "add_pos",
      {x, positions(b, b.weight("position_embeddings", {max_pos, s.hidden}), seq, "position")});
  x = b.layer_norm(x, "ln");
  b.pop();
  for (std::int64_t l = 0; l < s.layers; ++l) {
    b.push("encoder.layer." + std::to_string(l));
    b.push("attention");
    x = b.layer_norm(b.op(OpKind::add, "residual", {x, attention(b, x, {s.heads})}), "ln");
    b.pop();
    b.push("ffn");
    x = b.layer_norm(b.op(OpKind::add, "residual", {x, mlp(b, x, s.mlp, OpKind::gelu)}), "ln");
    b.pop();
    b.pop();
  }
  b.graph().mark_output(x);
  if (pooler) {
    TensorId cls = x;
    if (seq > 1) {
      cls = b.graph().add_op(OpKind::split, b.name("pooler.first_token"), {x},
                             {{"axis", std::int64_t{1}}, {"split", I{1, seq - 1}}})[0];
    }
    cls = b.op(OpKind::reshape, "pooler.flatten", {cls}, {{"shape", I{c.batch, s.hidden}}});
    b.graph().mark_output(
        b.op(OpKind::tanh, "pooler.act", {b.linear(cls, "pooler.dense", s.hidden)}));
  }
  return b.take();
}

Graph build_gpt(Knobs& k) {
  const CommonKnobs c = read_common_knobs(k);
  const TransformerShape s = read_shape(k, {12, 768, 12, 3072});
  const std::string mode = k.get_choice("mode", "prefill", {"prefill", "decode"},
                                        "prefill: seq_len prompt tokens; decode: one new token "
                                        "attending to seq_len - 1 cached ones");
  const std::int64_t max_pos = k.get_int("max_positions", 1024, 1, 1 << 22, "context window");
  const std::int64_t seq = k.get_int("seq_len", 1024, 1, max_pos, "context length");
  const std::int64_t vocab = k.get_int("vocab", 50257, 2, 1 << 22, "vocabulary size");
  const bool tied = k.get_bool("tied_embeddings", true, "LM head reuses the token embedding");
  const OpKind act = read_activation(k, "activation", "gelu", "MLP activation");
  const std::int64_t kv_heads =
      k.get_int("kv_heads", s.heads, 1, s.heads, "key/value heads (grouped-query attention)");
  if (s.heads % kv_heads != 0) {
    throw core::InputError(
        {}, "knob kv_heads",
        "kv_heads " + std::to_string(kv_heads) + " must divide heads " + std::to_string(s.heads));
  }
  const std::string norm = k.get_choice("norm", "layer_norm", {"layer_norm", "rms_norm"},
                                        "normalisation (rms_norm has a scale only)");
  const bool gated = k.get_bool("gated_mlp", false, "gate * up -> down MLP (SwiGLU style)");
  const bool bias = k.get_bool("bias", true, "biases on attention and MLP projections");
  const std::string pos = k.get_choice("positions", "learned", {"learned", "none"},
                                       "learned position table, or none (rotary: no weights)");
  const bool decode = mode == "decode";
  const std::int64_t past = decode ? seq - 1 : 0, now = decode ? 1 : seq;
  if (decode && seq < 2) throw core::InputError({}, "knob seq_len", "decode needs seq_len >= 2");
  NetBuilder b("gpt", c.dtype);
  const TensorId ids = b.input("input_ids", {c.batch, now}, DType::int32);
  const TensorId wte = b.weight("wte", {vocab, s.hidden});
  TensorId x = b.op(OpKind::embedding, "token_embedding", {ids, wte});
  if (pos == "learned") {
    const TensorId wpe = b.weight("wpe", {max_pos, s.hidden});
    x = b.op(OpKind::add, "add_pos", {x, positions(b, wpe, now, "position_embedding")});
  }
  const auto normalize = [&](TensorId t, const std::string& leaf) {
    if (norm == "layer_norm") return b.layer_norm(t, leaf);
    return b.op(OpKind::rms_norm, leaf, {t, b.weight(leaf + ".weight", {s.hidden})});
  };
  TensorId mask = -1;
  if (!decode && seq > 1) mask = b.constant("causal_mask", {1, 1, seq, seq});
  for (std::int64_t l = 0; l < s.layers; ++l) {
    b.push("h." + std::to_string(l));
    b.push("attn");
    AttentionOptions o;
    o.heads = s.heads;
    o.kv_heads = kv_heads;
    o.bias = bias;
    o.causal_mask = mask;
    o.past_len = past;
    o.emit_kv = !decode;
    TensorId a = attention(b, normalize(x, "ln_1"), o);
    b.pop();
    x = b.op(OpKind::add, "residual_1", {x, a});
    b.push("mlp");
    TensorId m = mlp(b, normalize(x, "ln_2"), s.mlp, act, gated, bias);
    b.pop();
    x = b.op(OpKind::add, "residual_2", {x, m});
    b.pop();
  }
  x = normalize(x, "ln_f");
  const TensorId head = tied ? wte : b.weight("lm_head.weight", {vocab, s.hidden});
  b.graph().mark_output(b.op(OpKind::fully_connected, "lm_head", {x, head}));
  return b.take();
}

}  // namespace coda::models
