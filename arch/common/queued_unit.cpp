#include "arch/common/queued_unit.h"

#include <algorithm>

namespace coda::arch {

QueuedUnit::QueuedUnit(const sc_core::sc_module_name& name, UnitKind kind, UnitContext& ctx,
                       const traces::Track& track)
    : UnitModule(name), m_kind(kind), m_ctx(ctx) {
  if (m_ctx.trace) m_track = m_ctx.trace->add_track(track);
  SC_HAS_PROCESS(QueuedUnit);
  SC_THREAD(run);
}

std::uint64_t QueuedUnit::now_cycles() {
  return sc_core::sc_time_stamp().value() / sc_core::sc_time(1, sc_core::SC_NS).value();
}

void QueuedUnit::submit(const UnitJob& job) {
  m_queue.push_back(job);
  m_wake.notify(sc_core::SC_ZERO_TIME);
}

void QueuedUnit::run() {
  while (true) {
    while (m_queue.empty()) wait(m_wake);
    const UnitJob job = m_queue.front();
    m_queue.pop_front();
    const std::uint64_t start = now_cycles();
    Activity did;
    const std::uint64_t end = serve(*job.work, start, did);
    if (end > start) wait(sc_core::sc_time(static_cast<double>(end - start), sc_core::SC_NS));
    const auto k = static_cast<int>(m_kind);
    did.busy_cycles[k] = end - start;
    did.tasks[k] = 1;
    Activity& act = *m_ctx.activity;
    act.add(did);
    if (m_phase != &act) m_busy_in_phase = 0;  // a new phase (each has its own Activity)
    m_phase = &act;
    m_busy_in_phase += end - start;
    act.max_unit_busy[k] = std::max(act.max_unit_busy[k], m_busy_in_phase);
    if (m_ctx.groups) {
      Activity& g = (*m_ctx.groups)[job.group];
      g.add(did);
      g.start_cycle = std::min(g.start_cycle, start);
      g.end_cycle = std::max(g.end_cycle, end);
    }
    if (m_ctx.trace && end > start) {
      m_ctx.trace->busy(m_track, start, end, job.label, did.hbm_read_bytes + did.hbm_write_bytes);
    }
    m_ctx.done->on_complete(job.task);
  }
}

}  // namespace coda::arch
