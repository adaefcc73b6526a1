// Names of the unit implementations a chip description may choose per unit kind (core.mxu.model,
// core.vpu.model, dma.model). The SystemC side registers one factory under each name
// (arch/common/unit_registry.h); a test checks the two lists agree.
#pragma once

#include <string>
#include <vector>

#include "arch/spec/unit_work.h"

namespace coda::arch {

// "analytic": occupancy in closed form per task (arch/spec/timing.h), one timed event per task.
const std::vector<std::string>& unit_model_names(UnitKind kind);

}  // namespace coda::arch
