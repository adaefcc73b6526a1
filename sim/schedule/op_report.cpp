#include "sim/schedule/op_report.h"

#include <algorithm>

#include "arch/spec/metrics.h"

namespace coda::schedule {

OpReport make_op_report(const arch::ArchSpec& a, const Schedule& s, const arch::Activity& act,
                        arch::DType mxu_type) {
  std::uint64_t macs = 0, flops = 0;
  for (const auto& g : s.groups) {
    macs += g.macs;
    flops += g.flops;
  }
  OpReport r = make_total_report(a, macs, flops, act, mxu_type);
  for (const auto& g : s.groups) {
    r.name += (r.name.empty() ? "" : " + ") + g.name;
    if (!g.note.empty()) r.note += (r.note.empty() ? "" : "; ") + g.note;
  }
  return r;
}

OpReport make_total_report(const arch::ArchSpec& a, std::uint64_t macs, std::uint64_t flops,
                           const arch::Activity& act, arch::DType mxu_type) {
  return make_total_report(a, arch::load_cost_model(a), macs, flops, act, mxu_type);
}

OpReport make_total_report(const arch::ArchSpec& a, const arch::CostModel& cost, std::uint64_t macs,
                           std::uint64_t flops, const arch::Activity& act, arch::DType mxu_type) {
  OpReport r;
  r.macs = macs;
  r.flops = flops;
  r.activity = act;
  r.cycles = act.cycles();
  r.time_s = static_cast<double>(r.cycles) / a.clock_hz;
  r.tflops = r.time_s > 0 ? static_cast<double>(r.flops) / r.time_s / 1e12 : 0;
  const double cycles = static_cast<double>(std::max<std::uint64_t>(r.cycles, 1));
  const auto busy = [&](arch::UnitKind k) {
    return static_cast<double>(act.busy_cycles[static_cast<int>(k)]);
  };
  const auto peak = [&](arch::UnitKind k) {
    return static_cast<double>(act.max_unit_busy[static_cast<int>(k)]);
  };
  const double mxu_peak = std::max(arch::chip_macs_per_cycle(a, mxu_type), 1e-9);
  r.util_mxu = static_cast<double>(act.mxu_macs) / (mxu_peak * cycles);
  r.util_vpu = busy(arch::UnitKind::vpu) / (a.tensorcores * cycles);
  r.util_dma = busy(arch::UnitKind::dma) / (a.dma.engines * cycles);
  const double hbm_bytes = static_cast<double>(act.hbm_read_bytes + act.hbm_write_bytes);
  const double hbm_cycles = hbm_bytes / (a.hbm.bandwidth_bytes_per_s / a.clock_hz);
  r.util_hbm = hbm_cycles / cycles;
  const double cmem_bytes = static_cast<double>(act.cmem_read_bytes + act.cmem_write_bytes);
  const double cmem_cycles = a.cmem.bandwidth_bytes_per_s > 0
                                 ? cmem_bytes / (a.cmem.bandwidth_bytes_per_s / a.clock_hz)
                                 : 0;
  // The dominant resource: the one whose own busy time is longest.
  const std::pair<const char*, double> candidates[] = {
      {"mxu", peak(arch::UnitKind::mxu)},
      {"vpu", peak(arch::UnitKind::vpu)},
      {"hbm", hbm_cycles},
      {"cmem", cmem_cycles},
      {"overhead", peak(arch::UnitKind::sequencer)}};
  double best = -1;
  for (const auto& [name, t] : candidates) {
    if (t > best) {
      best = t;
      r.bound = name;
    }
  }
  if (peak(arch::UnitKind::dma) > 1.05 * std::max({hbm_cycles, cmem_cycles, best})) r.bound = "dma";
  r.energy = arch::energy_of(a, cost, act);
  r.area_mm2 = arch::area_mm2(a, cost);
  r.tdp_w = arch::tdp_w(a, cost);
  r.tflops_per_tdp_w = r.tdp_w > 0 ? r.tflops / r.tdp_w : 0;
  return r;
}

}  // namespace coda::schedule
