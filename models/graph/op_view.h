// Typed views of matrix ops (conv geometry, matmul dims) for counters and schedulers.
#pragma once

#include <cstdint>

#include "models/graph/graph.h"

namespace coda::models {

// conv2d in NCHW: x[n, c_in, h, w] * weight[c_out, c_in/groups, kh, kw] -> [n, c_out, h_out,
// w_out].
struct Conv2dView {
  std::int64_t n, c_in, h, w, c_out, kh, kw;
  std::int64_t stride_h, stride_w, pad_top, pad_left, pad_bottom, pad_right, dilation_h, dilation_w,
      groups;
  std::int64_t h_out, w_out;
  bool has_bias;
  bool depthwise() const { return groups > 1 && groups == c_in && c_out % c_in == 0; }
  // n * c_out * h_out * w_out * (c_in / groups) * kh * kw
  std::int64_t macs() const { return n * c_out * h_out * w_out * (c_in / groups) * kh * kw; }
};

// matmul and fully_connected as `batch` independent [m, k] x [k, n] products.
// fully_connected folds every leading dim of x into m (batch = 1).
struct MatmulView {
  std::int64_t batch, m, k, n;
  bool has_bias;
  std::int64_t macs() const { return batch * m * k * n; }
};

// Precondition: op.kind == OpKind::conv2d (else core::InputError).
Conv2dView conv2d_view(const Graph& g, const Op& op);
// Precondition: op.kind is matmul or fully_connected (else core::InputError).
MatmulView matmul_view(const Graph& g, const Op& op);

}  // namespace coda::models
