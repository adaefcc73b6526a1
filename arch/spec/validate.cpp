#include "arch/spec/validate.h"

#include "sim/core/key_paths.h"
#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::arch {
namespace {

using core::InputError;

const core::KeyPaths& chip_keys() {
  static const core::KeyPaths keys = [] {
    std::vector<std::string> leaves;
    for (const auto& d : arch_params()) leaves.push_back(d.path);
    return core::KeyPaths(leaves);
  }();
  return keys;
}

}  // namespace

const ParamDecl* find_param(const std::string& path) {
  for (const auto& d : arch_params()) {
    if (d.path == path) return &d;
  }
  return nullptr;
}

void check_known_key(const core::YamlEntry& e) { chip_keys().check(e, true); }

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
