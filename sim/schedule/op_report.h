// What `coda op` reports for one simulated op: time, achieved rate, dominant resource, utilization,
// bytes per level, energy, area and TDP, computed from the engine's activity counters. No SystemC.
#pragma once

#include <string>

#include "arch/spec/activity.h"
#include "arch/spec/arch_spec.h"
#include "arch/spec/energy.h"
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
  // Cost (arch/spec/energy.h, docs/energy.md): energy of the op's activity (J, with the static
  // energy of its span), chip area (mm^2), chip TDP estimate (W), and Perf/TDP as achieved TFLOP/s
  // per W of TDP.
  arch::EnergyReport energy;
  double area_mm2 = 0, tdp_w = 0;
  double tflops_per_tdp_w = 0;
};

// `mxu_type`: the type the MXU executed (its peak is the utilization reference). Loads the chip's
// energy table (core::InputError if it is bad).
OpReport make_op_report(const arch::ArchSpec& chip, const Schedule& s, const arch::Activity& act,
                        arch::DType mxu_type);
// The same without names and notes, from the MACs and FLOPs of the work (a whole network's total).
OpReport make_total_report(const arch::ArchSpec& chip, std::uint64_t macs, std::uint64_t flops,
                           const arch::Activity& act, arch::DType mxu_type);
// The same with the chip's cost model already loaded (arch::load_cost_model).
OpReport make_total_report(const arch::ArchSpec& chip, const arch::CostModel& cost,
                           std::uint64_t macs, std::uint64_t flops, const arch::Activity& act,
                           arch::DType mxu_type);

}  // namespace coda::schedule
