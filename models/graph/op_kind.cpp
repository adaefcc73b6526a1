#include "models/graph/op_kind.h"

#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::models {
namespace {

using I = std::vector<std::int64_t>;

std::vector<OpInfo> make_table() {
  const AttrSpec strides{"strides", AttrValue{I{1, 1}}, "step [h, w]"};
  const AttrSpec pads{"pads", AttrValue{I{0, 0, 0, 0}}, "[top, left, bottom, right] (ONNX order)"};
  const AttrSpec kernel{"kernel_shape", std::nullopt, "window [h, w]"};
  const AttrSpec eps{"epsilon", AttrValue{1e-5}, "added to the variance"};
  const std::vector<std::string> x{"x"}, ab{"a", "b"};
  auto unary = [&](OpKind k, const char* name, const char* help) {
    return OpInfo{k, name, OpClass::activation, x, {}, help};
  };
  auto binary = [&](OpKind k, const char* name, const char* help) {
    return OpInfo{k, name, OpClass::elementwise, ab, {}, help};
  };
  return {
      {OpKind::conv2d,
       "conv2d",
       OpClass::matrix,
       {"x", "weight", "bias?"},
       {strides,
        pads,
        {"dilations", AttrValue{I{1, 1}}, "[h, w]"},
        {"group", AttrValue{std::int64_t{1}}, "1 dense, = channels depthwise"}},
       "x[N,C,H,W] * weight[Cout,C/group,kh,kw] (+ bias[Cout]) -> [N,Cout,Ho,Wo]"},
      {OpKind::matmul,
       "matmul",
       OpClass::matrix,
       ab,
       {},
       "a[...,M,K] x b[...,K,N] -> [...,M,N], batch dims broadcast (batched matmul)"},
      {OpKind::fully_connected,
       "fully_connected",
       OpClass::matrix,
       {"x", "weight", "bias?"},
       {},
       "x[...,K] x weight[N,K]^T (+ bias[N]) -> [...,N]"},
      binary(OpKind::add, "add", "a + b with numpy broadcasting"),
      binary(OpKind::sub, "sub", "a - b with numpy broadcasting"),
      binary(OpKind::mul, "mul", "a * b with numpy broadcasting"),
      binary(OpKind::div, "div", "a / b with numpy broadcasting"),
      unary(OpKind::relu, "relu", "max(x, 0)"),
      unary(OpKind::relu6, "relu6", "min(max(x, 0), 6)"),
      unary(OpKind::silu, "silu", "x * sigmoid(x) (swish)"),
      unary(OpKind::gelu, "gelu", "Gaussian error linear unit"),
      unary(OpKind::sigmoid, "sigmoid", "1 / (1 + exp(-x))"),
      unary(OpKind::tanh, "tanh", "hyperbolic tangent"),
      unary(OpKind::hard_swish, "hard_swish", "x * relu6(x + 3) / 6"),
      unary(OpKind::identity, "identity", "x (a copy)"),
      {OpKind::batch_norm,
       "batch_norm",
       OpClass::normalization,
       {"x", "scale", "bias"},
       {eps},
       "inference batch norm over axis 1: x * scale[C] + bias[C] (running stats folded)"},
      {OpKind::layer_norm,
       "layer_norm",
       OpClass::normalization,
       {"x", "scale", "bias?"},
       {{"axis", AttrValue{std::int64_t{-1}}, "first normalised axis"}, eps},
       "normalise over the trailing axes, then * scale + bias"},
      {OpKind::rms_norm,
       "rms_norm",
       OpClass::normalization,
       {"x", "scale"},
       {{"axis", AttrValue{std::int64_t{-1}}, "first normalised axis"}, eps},
       "x / rms(x) * scale over the trailing axes"},
      {OpKind::softmax,
       "softmax",
       OpClass::normalization,
       x,
       {{"axis", AttrValue{std::int64_t{-1}}, "axis to normalise"}},
       "exp(x) / sum(exp(x))"},
      {OpKind::max_pool,
       "max_pool",
       OpClass::pooling,
       x,
       {kernel, strides, pads},
       "window maximum over H, W of x[N,C,H,W]"},
      {OpKind::avg_pool,
       "avg_pool",
       OpClass::pooling,
       x,
       {kernel,
        strides,
        pads,
        {"count_include_pad", AttrValue{std::int64_t{0}}, "1: padding counts in the mean"}},
       "window mean over H, W of x[N,C,H,W]"},
      {OpKind::global_avg_pool,
       "global_avg_pool",
       OpClass::pooling,
       x,
       {},
       "mean over H, W: x[N,C,H,W] -> [N,C,1,1]"},
      {OpKind::reduce_mean,
       "reduce_mean",
       OpClass::reduction,
       x,
       {{"axes", std::nullopt, "axes to reduce"},
        {"keepdims", AttrValue{std::int64_t{1}}, "1 keeps reduced axes as size 1"}},
       "mean over axes"},
      {OpKind::reduce_sum,
       "reduce_sum",
       OpClass::reduction,
       x,
       {{"axes", std::nullopt, "axes to reduce"},
        {"keepdims", AttrValue{std::int64_t{1}}, "1 keeps reduced axes as size 1"}},
       "sum over axes"},
      {OpKind::reshape,
       "reshape",
       OpClass::data_movement,
       x,
       {{"shape", std::nullopt, "new shape; one -1 is inferred, 0 copies the input dim"}},
       "same elements, new shape"},
      {OpKind::transpose,
       "transpose",
       OpClass::data_movement,
       x,
       {{"perm", std::nullopt, "output axis i is input axis perm[i]"}},
       "permute axes"},
      {OpKind::concat,
       "concat",
       OpClass::data_movement,
       {"x..."},
       {{"axis", std::nullopt, "axis to join on"}},
       "join inputs along axis"},
      {OpKind::split,
       "split",
       OpClass::data_movement,
       x,
       {{"axis", std::nullopt, "axis to cut"}, {"split", std::nullopt, "sizes of the outputs"}},
       "cut x along axis into outputs of the given sizes"},
      {OpKind::pad,
       "pad",
       OpClass::data_movement,
       x,
       {{"pads", std::nullopt, "[begin per axis..., end per axis...] (ONNX order)"},
        {"value", AttrValue{0.0}, "fill value"}},
       "constant padding"},
      {OpKind::space_to_depth,
       "space_to_depth",
       OpClass::data_movement,
       x,
       {{"blocksize", std::nullopt, "b"}},
       "[N,C,H,W] -> [N,C*b*b,H/b,W/b]"},
      {OpKind::depth_to_space,
       "depth_to_space",
       OpClass::data_movement,
       x,
       {{"blocksize", std::nullopt, "b"}},
       "[N,C,H,W] -> [N,C/(b*b),H*b,W*b]"},
      {OpKind::broadcast_to,
       "broadcast_to",
       OpClass::data_movement,
       x,
       {{"shape", std::nullopt, "target shape (numpy broadcasting)"}},
       "repeat x to a broadcast-compatible shape"},
      {OpKind::embedding,
       "embedding",
       OpClass::embedding,
       {"ids", "table"},
       {},
       "ids[...] (integer) gathers rows of table[V,D] -> [...,D]"},
      {OpKind::kv_cache_read,
       "kv_cache_read",
       OpClass::kv_cache,
       {"cache"},
       {},
       "reads the cached keys or values cache[B,H,L,D] (decoding)"},
      {OpKind::kv_cache_append,
       "kv_cache_append",
       OpClass::kv_cache,
       {"cache", "x"},
       {{"axis", AttrValue{std::int64_t{2}}, "sequence axis"}},
       "appends x[B,H,T,D] to cache[B,H,L,D] -> [B,H,L+T,D]"},
  };
}

const std::vector<OpInfo>& table() {
  static const std::vector<OpInfo> t = make_table();
  return t;
}

}  // namespace

int OpInfo::min_inputs() const {
  int n = 0;
  for (const auto& r : inputs) n += (r.back() == '?') ? 0 : 1;
  return n;
}

int OpInfo::max_inputs() const {
  if (!inputs.empty() && inputs.back().size() > 3 &&
      inputs.back().compare(inputs.back().size() - 3, 3, "...") == 0) {
    return -1;
  }
  return static_cast<int>(inputs.size());
}

const AttrSpec* OpInfo::attr(const std::string& key) const {
  for (const auto& a : attrs) {
    if (a.name == key) return &a;
  }
  return nullptr;
}

const OpInfo& op_info(OpKind kind) { return table()[static_cast<std::size_t>(kind)]; }

const std::string& to_string(OpKind kind) { return op_info(kind).name; }

std::string to_string(OpClass c) {
  static const char* names[] = {"matrix",        "elementwise", "activation",
                                "normalization", "pooling",     "reduction",
                                "data_movement", "embedding",   "kv_cache"};
  return names[static_cast<int>(c)];
}

const std::vector<std::string>& op_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& i : table()) out.push_back(i.name);
    return out;
  }();
  return names;
}

const std::vector<OpKind>& all_op_kinds() {
  static const std::vector<OpKind> kinds = [] {
    std::vector<OpKind> out;
    for (const auto& i : table()) out.push_back(i.kind);
    return out;
  }();
  return kinds;
}

std::optional<OpKind> parse_op_kind(const std::string& name) {
  for (const auto& i : table()) {
    if (i.name == name) return i.kind;
  }
  return std::nullopt;
}

Attrs complete_attrs(OpKind kind, Attrs attrs, const std::string& op_name) {
  const OpInfo& info = op_info(kind);
  for (const auto& [key, value] : attrs.values()) {
    if (info.attr(key)) continue;
    std::vector<std::string> allowed;
    for (const auto& a : info.attrs) allowed.push_back(a.name);
    throw core::InputError("op '" + op_name + "' (" + info.name + "): unknown attribute '" + key +
                           "'" + core::did_you_mean(key, allowed) + "; allowed: " +
                           (allowed.empty() ? std::string("none") : core::join(allowed)));
  }
  for (const auto& a : info.attrs) {
    if (attrs.has(a.name)) continue;
    if (!a.default_value) {
      throw core::InputError("op '" + op_name + "' (" + info.name +
                             "): missing required attribute '" + a.name + "' (" + a.help + ")");
    }
    attrs.set(a.name, *a.default_value);
  }
  return attrs;
}

}  // namespace coda::models
