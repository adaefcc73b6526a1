// Convenience layer over Graph for code-built networks: scoped names, weights, conv/bn/act blocks.
#pragma once

#include <string>
#include <vector>

#include "models/graph/graph.h"

namespace coda::models {

class NetBuilder {
 public:
  NetBuilder(const std::string& model_name, DType dtype) : m_graph(model_name), m_dtype(dtype) {}

  Graph& graph() { return m_graph; }
  Graph take() { return std::move(m_graph); }
  DType dtype() const { return m_dtype; }
  const Shape& shape(TensorId t) const { return m_graph.tensor(t).shape; }
  std::int64_t channels(TensorId t) const { return shape(t)[1]; }

  // Name scopes: ops and weights are named "<scope>.<leaf>" ("layer1.0.conv1").
  void push(const std::string& scope) { m_scopes.push_back(scope); }
  void pop() { m_scopes.pop_back(); }
  std::string name(const std::string& leaf) const;

  TensorId input(const std::string& name, const Shape& shape, DType dtype);
  TensorId input(const std::string& name, const Shape& shape) {
    return input(name, shape, m_dtype);
  }
  TensorId weight(const std::string& leaf, const Shape& shape);
  TensorId constant(const std::string& leaf, const Shape& shape);
  TensorId op(OpKind kind, const std::string& leaf, const TensorIds& inputs, Attrs attrs = {});

  // Padding of conv(): symmetric dilation*(k-1)/2 (PyTorch style, the default) or TensorFlow
  // "same" (output = ceil(in / stride), the odd pixel of padding after).
  void set_tf_same_padding(bool on) { m_tf_same = on; }

  // conv2d; padding as set above.
  TensorId conv(TensorId x, const std::string& leaf, std::int64_t c_out, std::int64_t k,
                std::int64_t stride = 1, std::int64_t groups = 1, bool bias = false,
                std::int64_t dilation = 1);
  TensorId batch_norm(TensorId x, const std::string& leaf);
  // No-op when kind is identity.
  TensorId act(TensorId x, OpKind kind, const std::string& leaf);
  // conv (no bias) + batch_norm "<leaf>.bn" + activation.
  TensorId conv_bn_act(TensorId x, const std::string& leaf, std::int64_t c_out, std::int64_t k,
                       std::int64_t stride, std::int64_t groups, OpKind activation);
  TensorId linear(TensorId x, const std::string& leaf, std::int64_t n, bool bias = true);
  TensorId layer_norm(TensorId x, const std::string& leaf);
  // Squeeze-and-excite as its ops: global pool, 1x1 conv (bias) -> act -> 1x1 conv -> sigmoid, mul.
  TensorId squeeze_excite(TensorId x, const std::string& leaf, std::int64_t squeeze, OpKind act);

 private:
  Graph m_graph;
  DType m_dtype;
  std::vector<std::string> m_scopes;
  bool m_tf_same = false;
};

// Channel rounding used by MobileNet/EfficientNet: nearest multiple of `divisor`, at least
// `divisor`, never more than 10% below v.
std::int64_t make_divisible(double v, std::int64_t divisor = 8);

}  // namespace coda::models
