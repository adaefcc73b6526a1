#include "models/builders/net_builder.h"

#include <algorithm>

namespace coda::models {

std::string NetBuilder::name(const std::string& leaf) const {
  std::size_t size = leaf.size();
  for (const auto& s : m_scopes) size += s.size() + 1;
  std::string out;
  out.reserve(size);
  for (const auto& s : m_scopes) out.append(s).push_back('.');
  return out.append(leaf);
}

TensorId NetBuilder::input(const std::string& name, const Shape& shape, DType dtype) {
  return m_graph.add_tensor(name, shape, dtype, TensorKind::input);
}

TensorId NetBuilder::weight(const std::string& leaf, const Shape& shape) {
  return m_graph.add_tensor(name(leaf), shape, m_dtype, TensorKind::weight);
}

TensorId NetBuilder::constant(const std::string& leaf, const Shape& shape) {
  return m_graph.add_tensor(name(leaf), shape, m_dtype, TensorKind::constant);
}

TensorId NetBuilder::op(OpKind kind, const std::string& leaf, const TensorIds& inputs,
                        Attrs attrs) {
  return m_graph.add(kind, name(leaf), inputs, std::move(attrs));
}

TensorId NetBuilder::conv(TensorId x, const std::string& leaf, std::int64_t c_out, std::int64_t k,
                          std::int64_t stride, std::int64_t groups, bool bias,
                          std::int64_t dilation) {
  const std::int64_t span = dilation * (k - 1) + 1;
  std::vector<std::int64_t> pads(4, dilation * (k - 1) / 2);
  if (m_tf_same) {
    for (int axis = 0; axis < 2; ++axis) {
      const std::int64_t in = shape(x)[static_cast<std::size_t>(2 + axis)];
      const std::int64_t out = (in + stride - 1) / stride;
      const std::int64_t total = std::max<std::int64_t>(0, (out - 1) * stride + span - in);
      pads[static_cast<std::size_t>(axis)] = total / 2;
      pads[static_cast<std::size_t>(axis + 2)] = total - total / 2;
    }
  }
  TensorIds in{x, weight(leaf + ".weight", {c_out, channels(x) / groups, k, k})};
  if (bias) in.push_back(weight(leaf + ".bias", {c_out}));
  Attrs attrs;  // set in name order, each value moved in (a braced list would copy them)
  attrs.set("dilations", std::vector<std::int64_t>{dilation, dilation});
  attrs.set("group", groups);
  attrs.set("pads", std::move(pads));
  attrs.set("strides", std::vector<std::int64_t>{stride, stride});
  return op(OpKind::conv2d, leaf, in, std::move(attrs));
}

TensorId NetBuilder::batch_norm(TensorId x, const std::string& leaf) {
  const std::int64_t c = channels(x);
  return op(OpKind::batch_norm, leaf,
            {x, weight(leaf + ".weight", {c}), weight(leaf + ".bias", {c})});
}

TensorId NetBuilder::act(TensorId x, OpKind kind, const std::string& leaf) {
  return kind == OpKind::identity ? x : op(kind, leaf, {x});
}

TensorId NetBuilder::conv_bn_act(TensorId x, const std::string& leaf, std::int64_t c_out,
                                 std::int64_t k, std::int64_t stride, std::int64_t groups,
                                 OpKind activation) {
  TensorId y = conv(x, leaf, c_out, k, stride, groups);
  y = batch_norm(y, leaf + ".bn");
  return act(y, activation, leaf + ".act");
}

TensorId NetBuilder::linear(TensorId x, const std::string& leaf, std::int64_t n, bool bias) {
  TensorIds in{x, weight(leaf + ".weight", {n, shape(x).back()})};
  if (bias) in.push_back(weight(leaf + ".bias", {n}));
  return op(OpKind::fully_connected, leaf, in);
}

TensorId NetBuilder::layer_norm(TensorId x, const std::string& leaf) {
  const std::int64_t d = shape(x).back();
  return op(OpKind::layer_norm, leaf,
            {x, weight(leaf + ".weight", {d}), weight(leaf + ".bias", {d})});
}

TensorId NetBuilder::squeeze_excite(TensorId x, const std::string& leaf, std::int64_t squeeze,
                                    OpKind activation) {
  const std::int64_t c = channels(x);
  TensorId s = op(OpKind::global_avg_pool, leaf + ".pool", {x});
  s = conv(s, leaf + ".fc1", squeeze, 1, 1, 1, true);
  s = act(s, activation, leaf + ".act");
  s = conv(s, leaf + ".fc2", c, 1, 1, 1, true);
  s = op(OpKind::sigmoid, leaf + ".gate", {s});
  return op(OpKind::mul, leaf + ".scale", {x, s});
}

std::int64_t make_divisible(double v, std::int64_t divisor) {
  std::int64_t out = std::max<std::int64_t>(
      divisor, static_cast<std::int64_t>(v + static_cast<double>(divisor) / 2) / divisor * divisor);
  if (static_cast<double>(out) < 0.9 * v) out += divisor;
  return out;
}

}  // namespace coda::models
