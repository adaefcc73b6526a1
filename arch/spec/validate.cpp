#include "arch/spec/validate.h"

#include <set>

#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::arch {
namespace {

using core::InputError;

// Immediate child keys of a section ("" = top level), in declaration order, plus "extends".
std::vector<std::string> children_of(const std::string& section) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const std::string prefix = section.empty() ? "" : section + ".";
  for (const auto& d : arch_params()) {
    if (d.path.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = d.path.substr(prefix.size());
    const std::string child = rest.substr(0, rest.find('.'));
    if (seen.insert(child).second) out.push_back(child);
  }
  if (section.empty()) out.push_back("extends");
  return out;
}

bool is_section(const std::string& path) {
  for (const auto& d : arch_params()) {
    if (d.path.size() > path.size() && d.path.compare(0, path.size() + 1, path + ".") == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

const ParamDecl* find_param(const std::string& path) {
  for (const auto& d : arch_params()) {
    if (d.path == path) return &d;
  }
  return nullptr;
}

void check_known_key(const core::YamlEntry& e) {
  if (find_param(e.path)) return;
  if (is_section(e.path)) {
    if (e.is_map) return;
    throw InputError(e.where, e.path,
                     "expected a mapping with keys " + core::join(children_of(e.path)) + ", got " +
                         (e.is_list ? "a list" : "'" + e.scalar + "'"));
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
      const std::string where = section.empty() ? "at the top level" : "in " + section;
      throw InputError(e.where, head,
                       "unknown key '" + key + "'" + core::did_you_mean(key, allowed) +
                           "; keys allowed " + where + ": " + core::join(allowed));
    }
    section = head;
    pos = dot + 1;
  }
}

void check_consistency(const ArchSpec& a,
                       const std::function<core::SourceLoc(const std::string&)>& where) {
  bool any_type = false;
  for (double r : a.mxu.macs_per_cycle) any_type = any_type || r > 0;
  if (!any_type) {
    throw InputError(where("core.mxu.macs_per_cycle.bf16"), "core.mxu.macs_per_cycle",
                     "every input type has rate 0; at least one must be > 0");
  }
  // The lowering double-buffers one rows x cols bf16 tile of each operand (A, B, C): 2 x 3 tiles.
  const std::uint64_t min_vmem = 2ull * 3 * a.mxu.rows * a.mxu.cols * 2;
  if (a.vmem.capacity_bytes < min_vmem) {
    throw InputError(where("core.vmem.capacity"), "core.vmem.capacity",
                     core::format_bytes(a.vmem.capacity_bytes) + " cannot double-buffer one " +
                         std::to_string(a.mxu.rows) + "x" + std::to_string(a.mxu.cols) +
                         " bf16 tile of each operand; needs at least " +
                         core::format_bytes(min_vmem));
  }
  if (a.cmem.capacity_bytes > 0 && a.cmem.bandwidth_bytes_per_s <= 0) {
    throw InputError(
        where("cmem.bandwidth"), "cmem.bandwidth",
        "must be > 0 when cmem.capacity is " + core::format_bytes(a.cmem.capacity_bytes));
  }
  if (a.ici.links > 0 && a.ici.bandwidth_bytes_per_s <= 0) {
    throw InputError(where("ici.bandwidth"), "ici.bandwidth",
                     "must be > 0 when ici.links is " + std::to_string(a.ici.links));
  }
  if (a.tensorcores > 1 && (a.noc.links <= 0 || a.noc.bandwidth_bytes_per_s <= 0)) {
    throw InputError(where("noc.bandwidth"), "noc.bandwidth",
                     "a chip with " + std::to_string(a.tensorcores) +
                         " TensorCores needs noc.links >= 1 and noc.bandwidth > 0");
  }
  if (a.hbm.channels > 0 && a.hbm.bandwidth_bytes_per_s / a.hbm.channels < 1e6) {
    throw InputError(where("hbm.channels"), "hbm.channels",
                     std::to_string(a.hbm.channels) + " channels leave under 1 MB/s each of " +
                         core::format_bandwidth(a.hbm.bandwidth_bytes_per_s));
  }
}

}  // namespace coda::arch
