#include "sim/schedule/builder.h"

namespace coda::schedule {

std::uint32_t ScheduleBuilder::begin_group(TaskGroup g) {
  m_out.groups.push_back(std::move(g));
  m_group = static_cast<std::uint32_t>(m_out.groups.size() - 1);
  return m_group;
}

TaskId ScheduleBuilder::add(arch::UnitRef unit, Work work, Deps deps) {
  Task& t = m_out.tasks.emplace_back();
  t.id = static_cast<TaskId>(m_out.tasks.size() - 1);
  t.unit = unit;
  t.work = std::move(work);
  t.deps = std::move(deps);
  t.group = m_group;
  return t.id;
}

TaskId ScheduleBuilder::mxu(int core, int index, const arch::MatmulTile& t, Deps deps) {
  arch::UnitRef u{arch::UnitKind::mxu, 0, static_cast<std::uint16_t>(core),
                  static_cast<std::uint16_t>(index)};
  return add(u, t, std::move(deps));
}

TaskId ScheduleBuilder::vpu(int core, const arch::VectorTile& t, Deps deps) {
  return add({arch::UnitKind::vpu, 0, static_cast<std::uint16_t>(core), 0}, t, std::move(deps));
}

TaskId ScheduleBuilder::delay(int core, std::uint64_t cycles, Deps deps) {
  return add({arch::UnitKind::sequencer, 0, static_cast<std::uint16_t>(core), 0},
             arch::Delay{cycles}, std::move(deps));
}

TaskId ScheduleBuilder::dma(const arch::Transfer& t, Deps deps) {
  const auto engine = static_cast<std::uint16_t>(m_next_dma);
  m_next_dma = (m_next_dma + 1) % m_chip.dma.engines;
  return add({arch::UnitKind::dma, t.src.chip, 0, engine}, t, std::move(deps));
}

Deps deps_of(std::initializer_list<long long> ids) {
  Deps out;
  for (long long id : ids) {
    if (id != kNoTask) out.push_back(static_cast<TaskId>(id));
  }
  return out;
}

}  // namespace coda::schedule
