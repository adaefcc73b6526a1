// How a non-matrix graph op maps onto the vector lowering (kind, shape, window), and which ops are
// views that move no data.
#pragma once

#include <optional>

#include "models/graph/graph.h"
#include "sim/schedule/ops.h"

namespace coda::schedule {

// reshape, identity, split and kv_cache_read only name data already in place.
bool is_view(models::OpKind kind);

// The VectorOp for a vector-unit op (levels and name left for the caller), or nullopt for ops
// handled elsewhere (matrix ops, views, embedding).
std::optional<VectorOp> vector_op_of(const models::Graph& g, const models::Op& op,
                                     arch::DType dtype);

}  // namespace coda::schedule
