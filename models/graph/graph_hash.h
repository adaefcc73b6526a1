// A stable structural hash of a graph, for caches keyed by workload (e.g. Schedule.graph_hash).
#pragma once

#include <cstdint>

#include "models/graph/graph.h"

namespace coda::models {

// FNV-1a over every op (kind, complete attributes, input/output tensor ids) and every tensor
// (shape, dtype, kind), in id order. Names are ignored: renaming changes nothing, any change to
// structure, shapes, dtypes or attributes changes the hash (barring collisions). Tensor ids take
// part, so a graph re-read from YAML or ONNX (which numbers tensors differently) may hash
// differently from the built one; graphs built the same way always hash the same.
std::uint64_t structural_hash(const Graph& g);

}  // namespace coda::models
