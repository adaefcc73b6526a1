#include "sim/core/yaml_file.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace coda::core {
namespace {

SourceLoc loc_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

std::string kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "an empty value";
    default:
      return "a scalar";
  }
}

void flatten(const YAML::Node& map, const std::string& prefix, const std::string& file,
             std::vector<YamlEntry>& out) {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (!seen.insert(key).second) {
      throw InputError(loc_of(kv.first, file), path, "duplicate key");
    }
    const YAML::Node& value = kv.second;
    YamlEntry e;
    e.path = path;
    e.where = loc_of(value.IsNull() ? kv.first : value, file);
    switch (value.Type()) {
      case YAML::NodeType::Map:
        if (value.size() == 0) {
          e.is_map = true;
          out.push_back(e);
        } else {
          flatten(value, path, file, out);
        }
        break;
      case YAML::NodeType::Sequence:
        e.is_list = true;
        for (const auto& item : value) {
          if (!item.IsScalar()) {
            throw InputError(loc_of(item, file), path,
                             "expected a list of scalars, got an item that is " + kind_name(item));
          }
          e.items.push_back(item.Scalar());
        }
        out.push_back(e);
        break;
      case YAML::NodeType::Null:
        throw InputError(e.where, path, "missing value");
      default:
        e.scalar = value.Scalar();
        out.push_back(e);
    }
  }
}

}  // namespace

std::vector<YamlEntry> parse_yaml_entries(const std::string& text, const std::string& file_label) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError({file_label, e.mark.line + 1, e.mark.column + 1}, "",
                     "YAML syntax error: " + e.msg);
  }
  std::vector<YamlEntry> out;
  if (root.IsNull()) return out;
  if (!root.IsMap()) {
    throw InputError(loc_of(root, file_label), "",
                     "expected a mapping of keys at the top level, got " + kind_name(root));
  }
  flatten(root, "", file_label, out);
  return out;
}

std::vector<YamlEntry> load_yaml_entries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0, 0}, "", "cannot open file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_yaml_entries(buffer.str(), path);
}

}  // namespace coda::core
