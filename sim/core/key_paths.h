// Declared dotted YAML key paths, and the check every loader makes of a YAML entry against them:
// unknown keys (with "did you mean" and the keys allowed at that level), sections given a value.
#pragma once

#include <string>
#include <vector>

#include "sim/core/yaml_file.h"

namespace coda::core {

class KeyPaths {
 public:
  // `leaves` in declaration order, e.g. {"clock", "core.mxu.rows"}; "extends" is also allowed at
  // the top level.
  explicit KeyPaths(std::vector<std::string> leaves) : m_leaves(std::move(leaves)) {}

  bool is_leaf(const std::string& path) const;
  // A path some leaf lies below ("core", "core.mxu").
  bool is_section(const std::string& path) const;
  // Direct children of a section ("" = top level, where "extends" is listed last).
  std::vector<std::string> children_of(const std::string& section) const;

  // Throws InputError unless `e` names a leaf or "extends", or is an empty mapping for a section
  // and `empty_sections_ok`.
  void check(const YamlEntry& e, bool empty_sections_ok) const;

 private:
  std::vector<std::string> m_leaves;
};

}  // namespace coda::core
