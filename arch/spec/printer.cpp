// arch_to_yaml: the resolved description, nested like the input files, in human units.
#include <sstream>

#include "arch/spec/loader.h"
#include "arch/spec/schema.h"

namespace coda::arch {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string arch_to_yaml(const ArchSpec& spec) {
  std::ostringstream out;
  std::vector<std::string> open;  // sections currently open, outermost first
  for (const auto& d : arch_params()) {
    std::vector<std::string> parts;
    std::stringstream ss(d.path);
    for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    open.resize(common);
    for (std::size_t i = common; i + 1 < parts.size(); ++i) {
      out << std::string(2 * i, ' ') << parts[i] << ":\n";
      open.push_back(parts[i]);
    }
    const ParamValue v = d.get(spec);
    std::string text = format_param(d, v);
    if (d.kind == ParamKind::text) text = quoted(text);
    out << std::string(2 * (parts.size() - 1), ' ') << parts.back() << ": " << text << "\n";
  }
  return out.str();
}

}  // namespace coda::arch
