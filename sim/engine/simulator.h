// The facade into the event-driven engine (this header has no SystemC). SystemC allows one
// elaboration per process: simulate() may be called once; run several independent schedules as
// phases of that one call, or fork a child process per simulation.
#pragma once

#include <vector>

#include "arch/spec/activity.h"
#include "sim/schedule/schedule.h"
#include "traces/trace.h"

namespace coda::engine {

struct SimOptions {
  int chips = 1;                        // identical chips, connected by their ICI links
  traces::ITraceSink* trace = nullptr;  // null: no trace
};

struct SimResult {
  std::vector<arch::Activity> phases;  // one per schedule, in order
  // Per phase, one Activity per task group (op) with the span from its first task's start to its
  // last task's end; max_unit_busy is not kept per group.
  std::vector<std::vector<arch::Activity>> groups;
  std::uint64_t events = 0;  // timed unit events (one per task)
};

// Elaborates `chip` (times `chips`) and simulates each schedule in turn: phase i starts the cycle
// phase i-1 has fully drained, with every resource idle, so phases are independent measurements.
// Throws std::logic_error if the schedule fails schedule::check or if called twice in a process.
SimResult simulate(const arch::ArchSpec& chip, const std::vector<schedule::Schedule>& phases,
                   const SimOptions& options = {});

}  // namespace coda::engine
