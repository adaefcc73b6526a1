// Which ops fuse into a matrix op's epilogue, and the vector work they add there.
#pragma once

#include <vector>

#include "models/graph/graph.h"
#include "sim/schedule/ops.h"

namespace coda::schedule {

// The chain of ops after matrix op `op` that run in its epilogue: while the running output has a
// single reader that is an activation, a (folded) batch norm, or an add/sub/mul/div whose other
// operand is a broadcast constant or a same-shape tensor (a residual) produced before `op`, and is
// not a graph output.
models::OpIds epilogue_chain(const models::Graph& g, models::OpId op);
// Whether an op of this kind may join an epilogue chain (activations, batch norm, binary ops).
bool may_join_epilogue(models::OpKind kind);

// The epilogue work of `chain` after `op`: ops per output element by class, the levels of
// residual inputs (from `tensor_levels`, indexed by tensor id), and the names for reports.
Epilogue epilogue_of(const models::Graph& g, models::OpId op, const models::OpIds& chain,
                     const std::vector<arch::MemLevel>& tensor_levels);

// Vector work per element of one activation kind (relu, silu, ...), by class.
std::array<float, arch::kVectorOpClasses> activation_ops(models::OpKind kind);

}  // namespace coda::schedule
