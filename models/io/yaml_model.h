// The YAML model format (docs/models.md): read with file:line:column errors, and written back.
#pragma once

#include <string>

#include "models/graph/graph.h"

namespace coda::models {

// Reads a model file. Ops may appear in any order; they are added in dependency order. Throws
// core::InputError with file:line:column, the key path (e.g. "ops[3].inputs[1]") and what is
// allowed, for syntax errors, unknown keys/ops/attributes, dangling inputs, cycles and shape or
// dtype mismatches.
Graph load_yaml_model(const std::string& path);
Graph parse_yaml_model(const std::string& text, const std::string& file_label);

// Writes a graph in the same format; load_yaml_model(write) gives an identical graph.
std::string to_yaml(const Graph& g);

}  // namespace coda::models
