// Helper for lowering code: appends tasks with dependencies and spreads transfers over DMA engines.
#pragma once

#include <initializer_list>

#include "sim/schedule/schedule.h"

namespace coda::schedule {

class ScheduleBuilder {
 public:
  ScheduleBuilder(Schedule& out, const arch::ArchSpec& chip) : m_out(out), m_chip(chip) {}

  // Starts a new group (op); following tasks belong to it. Returns its index.
  std::uint32_t begin_group(TaskGroup g);
  TaskGroup& group() { return m_out.groups[m_group]; }

  TaskId add(arch::UnitRef unit, Work work, Deps deps);
  TaskId mxu(int core, int index, const arch::MatmulTile& t, Deps deps);
  TaskId vpu(int core, const arch::VectorTile& t, Deps deps);
  TaskId delay(int core, std::uint64_t cycles, Deps deps);
  // A transfer on the next DMA engine of the chip (round robin).
  TaskId dma(const arch::Transfer& t, Deps deps);

  const arch::ArchSpec& chip() const { return m_chip; }
  // Whether groups get their report texts (name, note); false for a caller that wants only the
  // timing (the search's analytic estimate), which saves building the strings. Default true.
  bool describe() const { return m_describe; }
  void set_describe(bool on) { m_describe = on; }

 private:
  Schedule& m_out;
  const arch::ArchSpec& m_chip;
  std::uint32_t m_group = 0;
  int m_next_dma = 0;
  bool m_describe = true;
};

// Dependencies without the "no task" marker.
Deps deps_of(std::initializer_list<long long> ids);
constexpr long long kNoTask = -1;

}  // namespace coda::schedule
