// What `coda op` reports for one simulated op: time, achieved rate, dominant resource, utilization
// and bytes per level, computed from the engine's activity counters. No SystemC.
#pragma once

#include <string>

#include "arch/spec/activity.h"
#include "arch/spec/arch_spec.h"
#include "sim/schedule/schedule.h"

namespace coda::schedule {

struct OpReport {
  std::string name, note;
  std::uint64_t cycles = 0;
  double time_s = 0;
  std::uint64_t macs = 0;   // the op's useful MACs
  std::uint64_t flops = 0;  // 2 per MAC plus vector FLOPs
  double tflops = 0;        // achieved: flops / time_s / 1e12
  std::string bound;        // mxu, vpu, hbm, cmem, dma or overhead: the resource that dominates
  // Fractions in [0, 1]: MXU MACs over peak MACs of the executed type; VPU, DMA and sequencer busy
  // time over units x time; HBM bytes over bandwidth x time.
  double util_mxu = 0, util_vpu = 0, util_dma = 0, util_hbm = 0;
  arch::Activity activity;
};

// `mxu_type`: the type the MXU executed (its peak is the utilization reference).
OpReport make_op_report(const arch::ArchSpec& chip, const Schedule& s, const arch::Activity& act,
                        arch::DType mxu_type);

}  // namespace coda::schedule
