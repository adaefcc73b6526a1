// Loads a YAML file into a flat, ordered list of leaf entries (key path -> scalar or list) with the
// file:line:column of each, so every later error can point at the exact place.
#pragma once

#include <string>
#include <vector>

#include "sim/core/error.h"

namespace coda::core {

// One leaf of a YAML document: "core.mxu.rows" -> "128". Lists of scalars keep their items.
struct YamlEntry {
  std::string path;                // dotted key path from the document root
  std::string scalar;              // the scalar text when !is_list
  std::vector<std::string> items;  // the items when is_list
  bool is_list = false;
  bool is_map = false;  // an empty mapping ({}), kept so "section: {}" is not lost
  SourceLoc where;
};

// Reads and flattens a YAML mapping. Throws InputError on a missing file, a syntax error (with the
// parser's line and column), a non-mapping root, a duplicate key, or a list holding non-scalars.
std::vector<YamlEntry> load_yaml_entries(const std::string& path);

// Same, from text (file_label names it in messages).
std::vector<YamlEntry> parse_yaml_entries(const std::string& text, const std::string& file_label);

}  // namespace coda::core
