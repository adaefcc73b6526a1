// What `coda simulate` reports for a whole network: the total (as for one op) plus one report per
// layer, from either fidelity's activity counters. No SystemC.
#pragma once

#include <string>
#include <vector>

#include "sim/schedule/lower_graph.h"
#include "sim/schedule/op_report.h"

namespace coda::schedule {

struct LayerReport {
  LayerInfo info;
  OpReport r;  // time = the layer's span: first task start to last task end
  std::uint64_t start_cycle = 0;
};

struct NetworkReport {
  std::string model, chip, fidelity;
  std::uint64_t batch = 1;
  OpReport total;
  double throughput_per_s = 0;  // inferences per second: batch / latency
  double peak_fraction = 0;     // achieved FLOP/s over peak FLOP/s of the compute type
  std::uint64_t compulsory_hbm_bytes = 0;
  std::vector<LayerReport> layers;
};

// `groups[i]` is the activity of gs.schedule.groups[i] (engine or estimator).
NetworkReport make_network_report(const arch::ArchSpec& chip, const GraphSchedule& gs,
                                  const arch::Activity& total,
                                  const std::vector<arch::Activity>& groups);

}  // namespace coda::schedule
