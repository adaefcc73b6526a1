#include "sim/core/key_paths.h"

#include <algorithm>

#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::core {

bool KeyPaths::is_leaf(const std::string& path) const {
  return std::find(m_leaves.begin(), m_leaves.end(), path) != m_leaves.end();
}

bool KeyPaths::is_section(const std::string& path) const {
  return !path.empty() && std::any_of(m_leaves.begin(), m_leaves.end(), [&](const std::string& l) {
    return l.size() > path.size() && l.compare(0, path.size() + 1, path + ".") == 0;
  });
}

std::vector<std::string> KeyPaths::children_of(const std::string& section) const {
  std::vector<std::string> out;
  const std::string prefix = section.empty() ? "" : section + ".";
  for (const auto& l : m_leaves) {
    if (l.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = l.substr(prefix.size());
    const std::string child = rest.substr(0, rest.find('.'));
    if (std::find(out.begin(), out.end(), child) == out.end()) out.push_back(child);
  }
  if (section.empty()) out.push_back("extends");
  return out;
}

void KeyPaths::check(const YamlEntry& e, bool empty_sections_ok) const {
  if (is_leaf(e.path) || e.path == "extends") return;
  if (is_section(e.path)) {
    if (e.is_map && empty_sections_ok) return;
    throw InputError(e.where, e.path,
                     "expected a mapping with keys " + join(children_of(e.path)) + ", got " +
                         (e.is_list  ? "a list"
                          : e.is_map ? "an empty mapping"
                                     : "'" + e.scalar + "'"));
  }
  // Report the first component that is not known, relative to the deepest known section.
  std::string section;
  std::size_t pos = 0;
  while (true) {
    const std::size_t dot = e.path.find('.', pos);
    const std::string head = e.path.substr(0, dot);
    if (dot == std::string::npos || !is_section(head)) {
      const std::string key = e.path.substr(pos, dot == std::string::npos ? dot : dot - pos);
      const auto allowed = children_of(section);
      throw InputError(
          e.where, head,
          "unknown key '" + key + "'" + did_you_mean(key, allowed) + "; keys allowed " +
              (section.empty() ? "at the top level" : "in " + section) + ": " + join(allowed));
    }
    section = head;
    pos = dot + 1;
  }
}

}  // namespace coda::core
