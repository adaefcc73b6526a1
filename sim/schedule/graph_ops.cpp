#include "sim/schedule/graph_ops.h"

namespace coda::schedule {
namespace {

using models::OpKind;

VectorShape dims(const models::Shape& s) {
  VectorShape d;
  for (auto v : s) d.push_back(static_cast<std::uint64_t>(std::max<std::int64_t>(v, 1)));
  if (d.empty()) d.push_back(1);
  return d;
}

std::optional<VectorKind> kind_of(OpKind k) {
  switch (k) {
    case OpKind::add:
      return VectorKind::add;
    case OpKind::sub:
      return VectorKind::sub;
    case OpKind::mul:
      return VectorKind::mul;
    case OpKind::div:
      return VectorKind::div;
    case OpKind::relu:
      return VectorKind::relu;
    case OpKind::relu6:
      return VectorKind::relu6;
    case OpKind::silu:
      return VectorKind::silu;
    case OpKind::gelu:
      return VectorKind::gelu;
    case OpKind::sigmoid:
      return VectorKind::sigmoid;
    case OpKind::tanh:
      return VectorKind::tanh;
    case OpKind::hard_swish:
      return VectorKind::hard_swish;
    case OpKind::batch_norm:
      return VectorKind::batch_norm;
    case OpKind::layer_norm:
      return VectorKind::layer_norm;
    case OpKind::rms_norm:
      return VectorKind::rms_norm;
    case OpKind::softmax:
      return VectorKind::softmax;
    case OpKind::max_pool:
      return VectorKind::max_pool;
    case OpKind::avg_pool:
      return VectorKind::avg_pool;
    case OpKind::global_avg_pool:
    case OpKind::reduce_mean:
    case OpKind::reduce_sum:
      return VectorKind::reduce;
    case OpKind::transpose:
    case OpKind::space_to_depth:
    case OpKind::depth_to_space:
      return VectorKind::permute;
    case OpKind::concat:
    case OpKind::pad:
    case OpKind::broadcast_to:
    case OpKind::kv_cache_append:
      return VectorKind::copy;
    default:
      return std::nullopt;
  }
}

}  // namespace

bool is_view(OpKind kind) {
  // kv_cache_read names the cache where it lives (HBM); its consumer reads it from there.
  return kind == OpKind::reshape || kind == OpKind::identity || kind == OpKind::split ||
         kind == OpKind::kv_cache_read;
}

bool is_matrix(OpKind kind) {
  return kind == OpKind::conv2d || kind == OpKind::matmul || kind == OpKind::fully_connected;
}

std::vector<char> live_ops(const models::Graph& g) {
  std::vector<char> live(g.num_ops(), 0);
  auto keep = [&](models::TensorId t) {
    if (g.tensor(t).producer >= 0) live[static_cast<std::size_t>(g.tensor(t).producer)] = 1;
  };
  for (auto t : g.outputs()) keep(t);
  for (std::size_t i = g.num_ops(); i-- > 0;) {  // ids are a topological order
    if (!live[i]) continue;
    for (auto t : g.ops()[i].inputs) keep(t);
  }
  return live;
}

arch::DType compute_dtype(models::DType t) {
  return arch::parse_dtype(models::to_string(t)).value_or(arch::DType::bf16);
}

std::optional<VectorOp> vector_op_of(const models::Graph& g, const models::Op& op,
                                     arch::DType dtype) {
  const auto kind = kind_of(op.kind);
  if (!kind) return std::nullopt;
  VectorOp v;
  v.kind = *kind;
  v.dtype = dtype;
  // The work runs over the largest tensor the op touches (an input, or the output of a
  // broadcast or a concat).
  const models::Tensor* largest = &g.tensor(op.outputs.front());
  for (auto in : op.inputs) {
    if (g.tensor(in).elements() > largest->elements()) largest = &g.tensor(in);
  }
  v.shape = dims(largest->shape);
  std::int64_t out = 0;
  for (auto o : op.outputs) out += g.tensor(o).elements();
  if (op.kind == OpKind::kv_cache_append) {
    // Only the new rows x[B,H,T,D] are written into the cache.
    largest = &g.tensor(op.inputs.at(1));
    v.shape = dims(largest->shape);
    out = largest->elements();
  }
  v.out_elements = static_cast<std::uint64_t>(std::max<std::int64_t>(out, 1));
  if (op.kind == OpKind::max_pool || op.kind == OpKind::avg_pool) {
    const auto k = op.attrs.get_ints("kernel_shape", {2, 2});
    const auto s = op.attrs.get_ints("strides", k);
    v.window = static_cast<std::uint32_t>(k.empty() ? 2 : k.front());
    v.stride = static_cast<std::uint32_t>(s.empty() ? 2 : s.front());
    // XLA keeps convolutional activations with channels on lanes, so windows span rows and
    // sublanes, not lanes (docs/architecture.md).
    v.window_on_lanes = false;
  }
  return v;
}

}  // namespace coda::schedule
