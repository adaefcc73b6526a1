// Lowering of single operations onto a chip: tiling to VMEM with double buffering, splitting across
// TensorCores and MXUs, data movement as DMA transfers. Each function appends one task group to the
// builder and returns the ids of its final tasks (what a consumer would depend on).
#pragma once

#include <vector>

#include "sim/schedule/builder.h"
#include "sim/schedule/ops.h"

namespace coda::schedule {

// `after`: tasks that must complete before the op starts (its producers).
Deps lower_matmul(ScheduleBuilder& b, const MatmulOp& op, const Deps& after = {});
Deps lower_conv(ScheduleBuilder& b, const ConvOp& op, const Deps& after = {});
Deps lower_vector(ScheduleBuilder& b, const VectorOp& op, const Deps& after = {});

// How an MXU input type is executed: natively, converted to bf16 (fp16 on chips without fp16), or
// emulated with 3 bf16 passes (fp32 without native fp32, as XLA's bf16_3x). Throws InputError when
// the chip cannot run it (e.g. int8 without int8 support).
struct MxuExecution {
  arch::DType mxu_type;
  std::uint32_t passes;
  bool convert;
  std::string note;
};
MxuExecution mxu_execution(const arch::ArchSpec& chip, arch::DType t);

}  // namespace coda::schedule
