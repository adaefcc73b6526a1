#include "arch/spec/energy.h"

#include <cmath>

#include "arch/spec/metrics.h"

namespace coda::arch {
namespace {

constexpr double kPico = 1e-12;
constexpr double kMiB = 1048576.0;

double u(std::uint64_t v) { return static_cast<double>(v); }

}  // namespace

double node_scale(double from_nm, double to_nm, double exponent) {
  return std::pow(to_nm / from_nm, exponent);
}

double sram_pj_per_64b(const CostTable& t, double capacity_bytes) {
  const auto& c = t.sram_capacity_bytes;
  const auto& e = t.sram_read_pj_per_64b;
  const double bank = std::min(capacity_bytes, t.sram_bank_bytes);
  // Segment i spans points i and i + 1; below the first and above the last point the end segments
  // extend (log-log straight lines).
  std::size_t i = 0;
  while (i + 2 < c.size() && bank > c[i + 1]) ++i;
  const double slope = std::log(e[i + 1] / e[i]) / std::log(c[i + 1] / c[i]);
  const double in_bank = e[i] * std::pow(bank / c[i], slope);
  const double banks = std::max(capacity_bytes, t.sram_bank_bytes) / t.sram_bank_bytes;
  return in_bank * std::pow(banks, t.sram_routing_exponent);
}

CostModel scale_cost_table(const CostTable& t, const ArchSpec& chip) {
  CostModel m;
  m.table = t;
  m.energy_scale = node_scale(t.energy_node_nm, chip.process_nm, t.energy_exponent);
  m.area_scale = node_scale(t.area_node_nm, chip.process_nm, t.area_exponent);
  const double s = m.energy_scale * kPico;
  for (std::size_t i = 0; i < m.mac_j.size(); ++i) m.mac_j[i] = t.mac_pj[i] * s;
  for (std::size_t i = 0; i < m.vector_op_j.size(); ++i) m.vector_op_j[i] = t.vector_op_pj[i] * s;
  // 64-bit access figures per byte: / 8.
  m.vmem_j_per_byte = sram_pj_per_64b(t, u(chip.vmem.capacity_bytes)) / 8 * s;
  m.cmem_j_per_byte =
      chip.cmem.capacity_bytes > 0 ? sram_pj_per_64b(t, u(chip.cmem.capacity_bytes)) / 8 * s : 0;
  m.noc_j_per_bit = t.noc_pj_per_bit * s;
  m.hbm_j_per_bit = t.hbm_pj_per_bit * kPico;
  m.ici_j_per_bit = t.ici_pj_per_bit * kPico;
  m.static_w_per_mm2 = t.static_w_per_mm2;
  m.static_chip_w = t.static_chip_w;
  return m;
}

CostModel load_cost_model(const ArchSpec& chip) {
  const std::string file = resolve_energy_table(chip.energy_table, {chip.source_file, 0, 0});
  return scale_cost_table(cached_cost_table(file), chip);
}

const char* to_string(CostPart p) {
  static const char* names[kCostParts] = {"mxu", "vpu", "vmem", "cmem",
                                          "hbm", "noc", "ici",  "static"};
  return names[static_cast<int>(p)];
}

const char* to_string(AreaPart p) {
  static const char* names[kAreaParts] = {"mxu", "vpu", "sram", "hbm_phy", "ici_phy", "uncore"};
  return names[static_cast<int>(p)];
}

AreaReport area_of(const ArchSpec& a, const CostModel& m) {
  const CostTable& t = m.table;
  AreaReport r;
  auto& p = r.part_mm2;
  // A processing element is as large as the most expensive type it runs natively, at its rate.
  double pe = 0;
  for (std::size_t i = 0; i < t.mxu_mm2_per_mac.size(); ++i) {
    pe = std::max(pe, t.mxu_mm2_per_mac[i] * a.mxu.macs_per_cycle[i]);
  }
  const double pes = u(a.tensorcores) * a.mxu.count * a.mxu.rows * a.mxu.cols;
  p[static_cast<int>(AreaPart::mxu)] = pes * pe * m.area_scale;
  p[static_cast<int>(AreaPart::vpu)] =
      u(a.tensorcores) * a.vpu.lanes * a.vpu.sublanes * t.vpu_mm2_per_slot * m.area_scale;
  const double sram_mib =
      (u(a.tensorcores) * u(a.vmem.capacity_bytes) + u(a.cmem.capacity_bytes)) / kMiB;
  p[static_cast<int>(AreaPart::sram)] = sram_mib * t.sram_mm2_per_mib * m.area_scale;
  p[static_cast<int>(AreaPart::hbm_phy)] = a.hbm.channels * t.hbm_phy_mm2_per_channel;
  p[static_cast<int>(AreaPart::ici_phy)] = a.ici.links * t.ici_phy_mm2_per_link;
  double parts = 0;
  for (double v : p) parts += v;
  // parts = (1 - f) x total.
  r.total_mm2 = parts / (1 - t.uncore_fraction);
  p[static_cast<int>(AreaPart::uncore)] = r.total_mm2 - parts;
  return r;
}

double area_mm2(const ArchSpec& chip, const CostModel& m) { return area_of(chip, m).total_mm2; }

Activity peak_activity(const ArchSpec& a, const CostModel& m, std::uint64_t cycles) {
  Activity act;
  act.end_cycle = cycles;
  const double n = u(cycles);
  // The native type with the most MXU energy per cycle.
  int best = -1;
  for (int i = 0; i < 5; ++i) {
    const double rate = a.mxu.macs_per_cycle[i];
    if (rate > 0 && (best < 0 || rate * m.mac_j[i] > a.mxu.macs_per_cycle[best] * m.mac_j[best])) {
      best = i;
    }
  }
  if (best < 0) best = static_cast<int>(DType::bf16);  // no native type (a spec built in code)
  const auto type = static_cast<DType>(best);
  const auto macs = static_cast<std::uint64_t>(chip_macs_per_cycle(a, type) * n);
  act.mxu_macs = act.mxu_macs_by_dtype[best] = macs;
  // Weight-stationary: each MXU reads `rows` inputs per MAC per PE per cycle.
  act.vmem_read_bytes = static_cast<std::uint64_t>(u(a.tensorcores) * a.mxu.count * a.mxu.rows *
                                                   a.mxu.rate(type) * dtype_bytes(type) * n);
  const auto add_mul = static_cast<int>(VectorOpClass::add_mul);
  act.vpu_ops = act.vpu_ops_by_class[add_mul] = static_cast<std::uint64_t>(
      u(a.tensorcores) * a.vpu.lanes * a.vpu.sublanes * a.vpu.ops[add_mul].throughput * n);
  const auto bytes = [&](double bytes_per_s) {
    return static_cast<std::uint64_t>(bytes_per_s / a.clock_hz * n);
  };
  act.hbm_read_bytes = act.vmem_write_bytes = bytes(a.hbm.bandwidth_bytes_per_s);
  act.cmem_read_bytes = bytes(a.cmem.bandwidth_bytes_per_s);
  act.noc_bytes = bytes(a.noc.links * a.noc.bandwidth_bytes_per_s);
  act.ici_bytes = bytes(a.ici.links * a.ici.bandwidth_bytes_per_s);
  return act;
}

double tdp_w(const ArchSpec& chip, const CostModel& m) {
  // One second of peak activity: its energy in J is the power in W.
  const auto cycles = static_cast<std::uint64_t>(std::llround(chip.clock_hz));
  return energy_of(chip, m, peak_activity(chip, m, cycles)).power_w;
}

EnergyReport energy_of(const ArchSpec& a, const CostModel& m, const Activity& act) {
  EnergyReport r;
  auto& p = r.part_j;
  for (int i = 0; i < 5; ++i) p[0] += u(act.mxu_macs_by_dtype[i]) * m.mac_j[i];
  for (int c = 0; c < kVectorOpClasses; ++c) p[1] += u(act.vpu_ops_by_class[c]) * m.vector_op_j[c];
  p[2] = u(act.vmem_read_bytes + act.vmem_write_bytes) * m.vmem_j_per_byte;
  p[3] = u(act.cmem_read_bytes + act.cmem_write_bytes) * m.cmem_j_per_byte;
  p[4] = u(act.hbm_read_bytes + act.hbm_write_bytes) * 8 * m.hbm_j_per_bit;
  p[5] = u(act.noc_bytes) * 8 * m.noc_j_per_bit;
  p[6] = u(act.ici_bytes) * 8 * m.ici_j_per_bit;
  for (int i = 0; i < 7; ++i) r.dynamic_j += p[i];
  r.time_s = u(act.cycles()) / a.clock_hz;
  const double static_w = m.static_w_per_mm2 * area_mm2(a, m) + m.static_chip_w;
  r.static_j = p[static_cast<int>(CostPart::static_power)] = static_w * r.time_s;
  r.energy_j = r.dynamic_j + r.static_j;
  r.power_w = r.time_s > 0 ? r.energy_j / r.time_s : 0;
  return r;
}

EnergyReport energy_of(const ArchSpec& chip, const Activity& act) {
  return energy_of(chip, load_cost_model(chip), act);
}

}  // namespace coda::arch
