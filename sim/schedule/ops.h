// Single operations the lowering understands, described by shape (no graph needed). `coda op`
// builds these from the command line; whole-network lowering builds them from graph ops.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/spec/dtype.h"
#include "arch/spec/unit_work.h"
#include "sim/core/small_vector.h"

namespace coda::schedule {

// Where an op's operands live: a few, kept inline.
using MemLevels = boost::container::small_vector<arch::MemLevel, 4>;
using VectorShape = boost::container::small_vector<std::uint64_t, 6>;

// Vector work fused into a matrix op's epilogue (bias, folded batch norm, activations, residual
// adds): operations per output element by class, and tensors of the output's shape read from the
// given levels (a residual). Applied while the accumulators drain, before C is stored.
struct Epilogue {
  std::array<float, 6> ops_per_element{};  // indexed by arch::VectorOpClass
  MemLevels extra_inputs;
  std::uint64_t const_bytes = 0;  // small constants (bias, folded batch norm), loaded once per core
  std::string names;              // "batch_norm+relu", for reports
  bool empty() const { return names.empty(); }
};

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
  Epilogue epilogue;
  std::string name;  // report label; derived from the shape when empty
};

// 2-D convolution, NHWC input [n, h, w, c], kernel [kh, kw, c / groups, out_channels].
struct ConvOp {
  std::uint64_t n = 1, h = 0, w = 0, c = 0, out_channels = 0;
  std::uint32_t kh = 1, kw = 1, stride_h = 1, stride_w = 1;
  std::uint32_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
  std::uint32_t dilation_h = 1, dilation_w = 1;
  std::uint32_t groups = 1;
  arch::DType dtype = arch::DType::bf16;
  arch::MemLevel in_level = arch::MemLevel::hbm, out_level = arch::MemLevel::hbm;
  Epilogue epilogue;
  std::string name;  // report label; derived from the geometry when empty
  std::uint64_t out_h() const {
    return (h + pad_top + pad_bottom - dilation_h * (kh - 1) - 1) / stride_h + 1;
  }
  std::uint64_t out_w() const {
    return (w + pad_left + pad_right - dilation_w * (kw - 1) - 1) / stride_w + 1;
  }
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
  avg_pool,
  relu6,
  silu,
  hard_swish,  // activations of the model zoo
  reduce,      // sum or mean over axes (global pooling): one reduction per input
  copy,        // data movement without compute (concat, pad, broadcast)
  permute      // layout change: a cross-lane shuffle per element (transpose, space-to-depth)
};
const std::vector<std::string>& vector_kind_names();  // in enum order
bool parse_vector_kind(const std::string& name, VectorKind& out);

// A vector-unit op over a tensor of `shape` (the largest input). Reductions (softmax, norms) run
// over the last axis; pooling reads a window x window patch with the given stride over two spatial
// axes, which span the lane dimension when window_on_lanes (NCHW data with W minor, as measured).
struct VectorOp {
  VectorKind kind = VectorKind::add;
  VectorShape shape;
  arch::DType dtype = arch::DType::bf16;
  std::uint32_t window = 2, stride = 2;  // pooling only
  bool window_on_lanes = true;           // pooling only
  std::uint64_t out_elements = 0;        // 0: as the kind implies (pooling: in / stride^2)
  MemLevels in_levels;                   // one per input; empty: all in HBM
  arch::MemLevel out_level = arch::MemLevel::hbm;
  std::uint64_t const_bytes = 0;  // small constants (gamma, beta, scale), loaded once per core
  std::string name;               // report label; derived when empty
};

}  // namespace coda::schedule
