// Energy, area and TDP of a chip: a cost table scaled to the chip's node, energy of counted
// activity, die area and TDP from peak activity. Plain functions of (ArchSpec, Activity); no
// SystemC.
#pragma once

#include <array>
#include <string>

#include "arch/spec/activity.h"
#include "arch/spec/arch_spec.h"
#include "arch/spec/cost_table.h"

namespace coda::arch {

// A cost table scaled to one chip: SI units (J, W, mm^2) at the chip's process_nm.
struct CostModel {
  CostTable table;
  double energy_scale = 1;        // (process_nm / table.energy_node_nm)^energy_exponent
  double area_scale = 1;          // (process_nm / table.area_node_nm)^area_exponent
  std::array<double, 5> mac_j{};  // per MAC, index DType
  std::array<double, kVectorOpClasses> vector_op_j{};  // per element operation
  double vmem_j_per_byte = 0, cmem_j_per_byte = 0;     // read or write, at their capacities
  double noc_j_per_bit = 0, hbm_j_per_bit = 0, ici_j_per_bit = 0;
  double static_w_per_mm2 = 0, static_chip_w = 0;
};

// (to_nm / from_nm)^exponent: the factor a figure at from_nm takes at to_nm.
double node_scale(double from_nm, double to_nm, double exponent);
// pJ of one 64-bit access to an SRAM of `capacity_bytes` at the table's node: log-log interpolation
// of the table points at min(capacity, bank), times (capacity / bank)^routing_exponent above a
// bank.
double sram_pj_per_64b(const CostTable& t, double capacity_bytes);

CostModel scale_cost_table(const CostTable& table, const ArchSpec& chip);
// The table the chip names (energy_table; "" = default), loaded once per file and process, scaled.
// Throws core::InputError for a missing or bad table.
CostModel load_cost_model(const ArchSpec& chip);

enum class CostPart { mxu, vpu, vmem, cmem, hbm, noc, ici, static_power };
constexpr int kCostParts = 8;
const char* to_string(CostPart p);  // "mxu", ..., "static"

struct EnergyReport {
  double time_s = 0;     // activity cycles / clock
  double energy_j = 0;   // dynamic + static
  double dynamic_j = 0;  // every counted action
  double static_j = 0;   // static power x time_s
  double power_w = 0;    // energy_j / time_s (0 for an empty span)
  std::array<double, kCostParts> part_j{};
  double part(CostPart p) const { return part_j[static_cast<int>(p)]; }
};

enum class AreaPart { mxu, vpu, sram, hbm_phy, ici_phy, uncore };
constexpr int kAreaParts = 6;
const char* to_string(AreaPart p);

struct AreaReport {
  double total_mm2 = 0;
  std::array<double, kAreaParts> part_mm2{};
  double part(AreaPart p) const { return part_mm2[static_cast<int>(p)]; }
};

AreaReport area_of(const ArchSpec& chip, const CostModel& m);
double area_mm2(const ArchSpec& chip, const CostModel& m);

// Activity of `cycles` cycles at peak (docs/energy.md): every MXU at full rate on its most
// energy-hungry native type with its streamed operand read from VMEM, the VPU at full add_mul rate,
// HBM read at full bandwidth into VMEM, CMEM at its port bandwidth, every NoC and ICI link busy.
Activity peak_activity(const ArchSpec& chip, const CostModel& m, std::uint64_t cycles);
// Static power plus the dynamic power of peak_activity, W.
double tdp_w(const ArchSpec& chip, const CostModel& m);

EnergyReport energy_of(const ArchSpec& chip, const CostModel& m, const Activity& act);
// Convenience: load_cost_model(chip) then the above.
EnergyReport energy_of(const ArchSpec& chip, const Activity& act);

}  // namespace coda::arch
