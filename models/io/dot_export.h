// Graphviz DOT export of a model graph: ops as boxes (kind, shape out, MACs), tensors as edges.
#pragma once

#include <string>

#include "models/graph/graph.h"

namespace coda::models {

std::string to_dot(const Graph& g);

}  // namespace coda::models
