// The Schedule: a plain, checkable value listing every unit task of a workload with its
// dependencies. The one bridge between workloads (ops) and hardware (units).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/spec/arch_spec.h"
#include "arch/spec/unit_work.h"
#include "sim/core/small_vector.h"

namespace coda::schedule {

using TaskId = std::uint32_t;
using Work = arch::Work;
// A list of tasks (a task's dependencies, the tasks that produce a tensor): most hold a handful,
// kept inline without a heap allocation each (lowering makes hundreds per network).
using Deps = boost::container::small_vector<TaskId, 6>;

struct Task {
  TaskId id = 0;
  arch::UnitRef unit;
  Work work;
  Deps deps;                // tasks that must complete before this one may start (all < id)
  std::uint32_t group = 0;  // index into Schedule::groups (the op this task belongs to)
};

// A group of tasks that implements one op, with the op-level facts reports need.
struct TaskGroup {
  std::string name;         // e.g. "matmul 1024x1024x1024 bf16"
  std::uint64_t macs = 0;   // the op's MACs (useful work; MXU passes not counted)
  std::uint64_t flops = 0;  // 2 per MAC plus vector FLOPs
  std::string note;         // lowering decisions worth reporting (e.g. "fp16 converted to bf16")
};

struct Schedule {
  std::vector<Task> tasks;
  std::vector<TaskGroup> groups;
};

// Problems with a schedule (empty when it is well formed): ids in order, deps refer to earlier
// tasks (so the graph is acyclic), units exist on the chip, groups exist, tiles are non-empty and
// fit VMEM (a matmul tile's A, B and C together; a vector tile's input and output; a transfer into
// VMEM within half of it, one side of a double buffer).
std::vector<std::string> check(const Schedule& s, const arch::ArchSpec& chip, int chips = 1);

}  // namespace coda::schedule
