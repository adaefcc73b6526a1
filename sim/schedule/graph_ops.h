// How a non-matrix graph op maps onto the vector lowering (kind, shape, window), and which ops are
// views that move no data.
#pragma once

#include <optional>

#include "models/graph/graph.h"
#include "sim/schedule/ops.h"

namespace coda::schedule {

// reshape, identity, split and kv_cache_read only name data already in place.
bool is_view(models::OpKind kind);
// conv2d, matmul and fully_connected: the ops that run on the MXU with an epilogue.
bool is_matrix(models::OpKind kind);

// Per op: whether one of its results reaches a graph output (the others are dead code).
std::vector<char> live_ops(const models::Graph& g);

// The chip's type for a model tensor type (bf16 for one the chip layer does not know).
arch::DType compute_dtype(models::DType t);

// The VectorOp for a vector-unit op (levels and name left for the caller), or nullopt for ops
// handled elsewhere (matrix ops, views, embedding).
std::optional<VectorOp> vector_op_of(const models::Graph& g, const models::Op& op,
                                     arch::DType dtype);

}  // namespace coda::schedule
