// Energy, area and static-power tables as written in configs/energy/*.yaml (figures at their own
// reference node, before scaling to a chip), with their loader and validation.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "arch/spec/arch_spec.h"
#include "sim/core/error.h"

namespace coda::arch {

struct CostTable {
  std::string file;  // the table file (the last one of an extends chain: the one named)
  std::string description;
  // Dynamic energy, pJ at energy_node_nm (scaled by (nm / energy_node_nm)^energy_exponent).
  double energy_node_nm = 45;
  double energy_exponent = 0.5;
  std::array<double, 5> mac_pj{};                       // per MAC, index DType
  std::array<double, kVectorOpClasses> vector_op_pj{};  // per element operation, index class
  std::vector<double> sram_capacity_bytes;              // ascending
  std::vector<double> sram_read_pj_per_64b;             // one 64-bit access at each capacity
  double sram_bank_bytes = 0;
  double sram_routing_exponent = 0;
  double noc_pj_per_bit = 0;
  // Not scaled with the node.
  double hbm_pj_per_bit = 0;
  double ici_pj_per_bit = 0;
  // Static power: W per mm^2 of die, plus W per chip.
  double static_w_per_mm2 = 0;
  double static_chip_w = 0;
  // Area, mm^2 at area_node_nm (scaled by (nm / area_node_nm)^area_exponent; PHYs not scaled).
  double area_node_nm = 7;
  double area_exponent = 1.5;
  std::array<double, 5> mxu_mm2_per_mac{};  // index DType
  double vpu_mm2_per_slot = 0;              // per lane x sublane
  double sram_mm2_per_mib = 0;
  double hbm_phy_mm2_per_channel = 0;
  double ici_phy_mm2_per_link = 0;
  double uncore_fraction = 0;  // in [0, 0.9]: total die = parts / (1 - uncore_fraction)
};

// Where tables live: $CODA_ENERGY_DIR if set, else configs/energy beside the preset directory.
std::string energy_table_dir();

// Resolves the `energy_table` value of a chip: "" or a name -> energy_table_dir()/NAME.yaml; a path
// (contains '/' or ends in .yaml) -> relative to the directory of `where.file`. Throws InputError
// at `where` when the file does not exist.
std::string resolve_energy_table(const std::string& what, const core::SourceLoc& where);

// Loads and validates a table file (resolving `extends:`). Every declared key must be present
// after the merge: no silent defaults. Throws InputError naming file:line:column, the key path, the
// bad value and what is allowed.
CostTable load_cost_table(const std::string& file);
// load_cost_table once per file and process (thread-safe); later calls return the same table.
const CostTable& cached_cost_table(const std::string& file);
// Same from text (label names it in messages; a relative extends resolves from the current dir).
CostTable parse_cost_table(const std::string& yaml, const std::string& label);

}  // namespace coda::arch
