// The analytic estimator: a critical-path list schedule over the same Schedule the engine runs,
// with the same closed-form unit timing (arch/spec/timing.h) and simplified sharing (HBM as one
// bandwidth pool, no per-channel striping). No SystemC; runs in-process in microseconds, so the
// search can screen with it and confirm with the event-driven engine.
#pragma once

#include <vector>

#include "arch/spec/activity.h"
#include "sim/schedule/schedule.h"

namespace coda::schedule {

struct Estimate {
  arch::Activity total;                // start 0, end = the last task's finish
  std::vector<arch::Activity> groups;  // per task group: span, busy time, MACs, bytes (or empty)
};

// A list schedule: tasks are taken in the order they become ready (ties by id); each starts when
// its dependencies have finished and its unit is free, and reserves its memory ports and HBM share.
// `per_group` false: the total only (`groups` stays empty).
Estimate estimate(const arch::ArchSpec& chip, const Schedule& s, bool per_group = true);

}  // namespace coda::schedule
