// The interface every hardware unit implements, and what units report into.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/spec/activity.h"
#include "arch/spec/unit_work.h"
#include "traces/trace.h"

namespace coda::arch {

// Told when a task finishes. Contract: called exactly once per submitted task, from the unit's
// SystemC process, at the simulated time the task completes.
class ICompletionSink {
 public:
  virtual ~ICompletionSink() = default;
  virtual void on_complete(std::uint32_t task) = 0;
};

// Shared reporting context of one simulation: activity of the current phase and the trace sink.
struct UnitContext {
  ICompletionSink* done = nullptr;
  Activity* activity = nullptr;             // the phase being simulated; units add to it
  std::vector<Activity>* groups = nullptr;  // per task group of the phase (span and counters)
  traces::ITraceSink* trace = nullptr;      // null when tracing is off
};

// A unit that executes tasks. Contract: submit() never blocks and may be called at any simulated
// time; tasks start in submission order, one at a time; time passes inside the unit's own process
// (occupancy computed analytically when the task starts), then ICompletionSink::on_complete fires.
class IUnit {
 public:
  virtual ~IUnit() = default;
  virtual void submit(const UnitJob& job) = 0;
};

}  // namespace coda::arch
