#include "models/graph/counters.h"

#include <optional>

#include "models/graph/op_view.h"

namespace coda::models {
namespace {

// A shape's first dimension, when it has one.
std::optional<std::uint64_t> first_dim(const Shape& s) {
  if (s.empty() || s.front() <= 0) return std::nullopt;
  return static_cast<std::uint64_t>(s.front());
}

double intensity(std::int64_t flops, std::uint64_t bytes) {
  return bytes == 0 ? 0.0 : static_cast<double>(flops) / static_cast<double>(bytes);
}

// Element operations outside the MAC array: one per output element for elementwise,
// activation and normalisation ops; one per window element for pools and reductions.
std::int64_t vector_ops(const Graph& g, const Op& op) {
  const Tensor& in = g.tensor(op.inputs[0]);
  const Tensor& out = g.tensor(op.outputs[0]);
  switch (op_info(op.kind).op_class) {
    case OpClass::elementwise:
    case OpClass::activation:
    case OpClass::normalization:
      return op.kind == OpKind::identity ? 0 : out.elements();
    case OpClass::pooling: {
      if (op.kind == OpKind::global_avg_pool) return in.elements();
      std::int64_t k[2];  // kernel h, w (shape inference checks there are 2)
      op.attrs.get_ints_into("kernel_shape", k, 2, 1);
      return out.elements() * k[0] * k[1];
    }
    case OpClass::reduction:
      return in.elements();
    default:
      return 0;
  }
}

}  // namespace

double OpCounts::arithmetic_intensity() const {
  return intensity(flops(), weight_bytes + activation_bytes());
}

OpCounts& OpCounts::operator+=(const OpCounts& o) {
  params += o.params;
  macs += o.macs;
  vector_ops += o.vector_ops;
  weight_bytes += o.weight_bytes;
  input_bytes += o.input_bytes;
  output_bytes += o.output_bytes;
  return *this;
}

double ModelCounts::arithmetic_intensity() const {
  return intensity(flops(), weight_bytes + activation_bytes);
}

OpCounts count_op(const Graph& g, const Op& op) {
  OpCounts c;
  for (TensorId id : op.inputs) {
    const Tensor& t = g.tensor(id);
    if (t.is_parameter()) c.params += t.elements();
    if (t.is_parameter()) {
      c.weight_bytes += t.bytes();
    } else {
      c.input_bytes += t.bytes();
    }
  }
  for (TensorId id : op.outputs) c.output_bytes += g.tensor(id).bytes();
  if (op.kind == OpKind::conv2d) {
    c.macs = conv2d_view(g, op).macs();
  } else if (op.kind == OpKind::matmul || op.kind == OpKind::fully_connected) {
    c.macs = matmul_view(g, op).macs();
  }
  c.vector_ops = vector_ops(g, op);
  return c;
}

std::uint64_t batch_of(const Graph& g) {
  for (TensorId t : g.inputs()) {
    if (const auto b = first_dim(g.tensor(t).shape)) return *b;
  }
  return 1;
}

std::uint64_t batch_of(const Shape& input) { return first_dim(input).value_or(1); }

ModelCounts count_model(const Graph& g) {
  ModelCounts m;
  std::vector<bool> seen(g.tensors().size(), false);
  for (const Op& op : g.ops()) {
    OpCounts c = count_op(g, op);
    c.params = 0;  // re-attributed below so a shared weight counts once
    for (TensorId id : op.inputs) {
      const Tensor& t = g.tensor(id);
      if (seen[static_cast<std::size_t>(id)]) continue;
      seen[static_cast<std::size_t>(id)] = true;
      if (t.is_parameter()) c.params += t.elements();
      if (t.is_parameter()) {
        m.weight_bytes += t.bytes();
      } else {
        m.activation_bytes += t.bytes();
      }
    }
    for (TensorId id : op.outputs) {
      if (!seen[static_cast<std::size_t>(id)]) m.activation_bytes += g.tensor(id).bytes();
      seen[static_cast<std::size_t>(id)] = true;
    }
    m.params += c.params;
    m.macs += c.macs;
    m.vector_ops += c.vector_ops;
    m.per_op.push_back(c);
  }
  return m;
}

}  // namespace coda::models
