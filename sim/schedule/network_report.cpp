#include "sim/schedule/network_report.h"

#include "arch/spec/metrics.h"
#include "sim/schedule/lower.h"

namespace coda::schedule {
NetworkReport make_network_report(const arch::ArchSpec& chip, const GraphSchedule& gs,
                                  const arch::Activity& total,
                                  const std::vector<arch::Activity>& groups) {
  NetworkReport n;
  n.chip = chip.name;
  n.compulsory_hbm_bytes = gs.compulsory_hbm_bytes;
  const arch::DType mxu_type = mxu_execution(chip, gs.dtype).mxu_type;
  n.total = make_op_report(chip, gs.schedule, total, mxu_type);
  n.peak_fraction = n.total.time_s > 0 ? static_cast<double>(n.total.flops) / n.total.time_s /
                                             arch::peak_flops(chip, mxu_type)
                                       : 0;
  for (std::size_t i = 0; i < gs.layers.size(); ++i) {
    // A layer's busiest unit is not tracked per group: use the average over the units of a kind.
    arch::Activity act = groups.at(i);
    arch::set_even_unit_busy(chip, act);
    Schedule one;
    one.groups.push_back(gs.schedule.groups[i]);
    LayerReport l;
    l.info = gs.layers[i];
    l.r = make_op_report(chip, one, act, mxu_type);
    l.r.name = gs.layers[i].name;
    l.start_cycle = act.start_cycle;
    n.layers.push_back(l);
  }
  return n;
}

}  // namespace coda::schedule
