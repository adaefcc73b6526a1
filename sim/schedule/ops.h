// Single operations the lowering understands, described by shape (no graph needed). `coda op`
// builds these from the command line; whole-network lowering builds them from graph ops.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/spec/dtype.h"
#include "arch/spec/unit_work.h"

namespace coda::schedule {

// C[batch, m, n] = A[batch, m, k] x B[batch, k, n].
struct MatmulOp {
  std::uint64_t batch = 1, m = 0, k = 0, n = 0;
  arch::DType dtype = arch::DType::bf16;
  arch::MemLevel a_level = arch::MemLevel::hbm;  // where A lives when the op starts
  arch::MemLevel b_level = arch::MemLevel::hbm;
  arch::MemLevel c_level = arch::MemLevel::hbm;  // where C must be written
  // HBM bytes actually read per A element (1 for a matmul; below 1 for an implicit-GEMM
  // convolution, whose im2col rows are formed in VMEM from an input read once).
  double a_traffic_ratio = 1.0;
  std::string name;  // report label; derived from the shape when empty
};

// 2-D convolution, NHWC input [n, h, w, c], kernel [kh, kw, c / groups, out_channels].
struct ConvOp {
  std::uint64_t n = 1, h = 0, w = 0, c = 0, out_channels = 0;
  std::uint32_t kh = 1, kw = 1, stride_h = 1, stride_w = 1;
  std::uint32_t pad_h = 0, pad_w = 0;  // per side
  std::uint32_t groups = 1;
  arch::DType dtype = arch::DType::bf16;
  std::uint64_t out_h() const { return (h + 2 * pad_h - kh) / stride_h + 1; }
  std::uint64_t out_w() const { return (w + 2 * pad_w - kw) / stride_w + 1; }
};

enum class VectorKind {
  add,
  sub,
  mul,
  div,
  relu,
  leaky_relu,
  elu,
  selu,
  binary_step,
  linear,
  gelu,
  sigmoid,
  tanh,
  exp,
  softmax,
  layer_norm,
  rms_norm,
  batch_norm,
  max_pool,
  avg_pool
};
const std::vector<std::string>& vector_kind_names();  // in enum order
bool parse_vector_kind(const std::string& name, VectorKind& out);

// A vector-unit op over a tensor of `shape`. Reductions (softmax, norms) run over the last axis;
// pooling reads a window x window patch with the given stride over the two innermost spatial axes.
struct VectorOp {
  VectorKind kind = VectorKind::add;
  std::vector<std::uint64_t> shape;
  arch::DType dtype = arch::DType::bf16;
  std::uint32_t window = 2, stride = 2;  // pooling only
};

}  // namespace coda::schedule
