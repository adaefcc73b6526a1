#include "sim/engine/engine_module.h"

#include "arch/common/queued_unit.h"
#include "arch/common/unit_registry.h"
#include "arch/spec/metrics.h"

namespace coda::engine {

// Unit table layout per chip: for each core [mxu 0..count-1, vpu, sequencer], then DMA engines.
EngineModule::EngineModule(const sc_core::sc_module_name& name, const arch::ArchSpec& chip,
                           const std::vector<schedule::Schedule>& phases, const SimOptions& options,
                           SimResult& result)
    : sc_core::sc_module(name), m_chip(chip), m_phases(phases), m_result(result) {
  m_ctx.done = this;
  m_ctx.trace = options.trace;
  m_ctx.activity = &m_result.phases.at(0);
  std::vector<arch::MemorySystem*> mems;
  for (int c = 0; c < options.chips; ++c) {
    m_memories.push_back(
        std::make_unique<arch::MemorySystem>(("mem" + std::to_string(c)).c_str(), chip, c));
    mems.push_back(m_memories.back().get());
  }
  // Units come from the registry under the model names the chip description chooses.
  auto add = [&](arch::UnitKind kind, const std::string& model, std::string name, int c, int core,
                 int index) {
    arch::UnitArgs args{chip, std::move(name), c, core, index, m_ctx, mems};
    auto unit = arch::UnitRegistry::create(kind, model, args);
    m_unit_table.push_back(unit.get());
    m_units.push_back(std::move(unit));
  };
  for (int c = 0; c < options.chips; ++c) {
    const std::string p = "chip" + std::to_string(c) + "_";
    for (int core = 0; core < chip.tensorcores; ++core) {
      const std::string q = p + "core" + std::to_string(core) + "_";
      for (int i = 0; i < chip.mxu.count; ++i) {
        add(arch::UnitKind::mxu, chip.mxu.model, q + "mxu" + std::to_string(i), c, core, i);
      }
      add(arch::UnitKind::vpu, chip.vpu.model, q + "vpu", c, core, 0);
      add(arch::UnitKind::sequencer, "analytic", q + "seq", c, core, 0);
    }
    for (int e = 0; e < chip.dma.engines; ++e) {
      add(arch::UnitKind::dma, chip.dma.model, p + "dma" + std::to_string(e), c, 0, e);
    }
  }
  m_units_per_chip = static_cast<int>(m_unit_table.size()) / options.chips;
  SC_HAS_PROCESS(EngineModule);
  SC_THREAD(run_phases);
}

arch::IUnit& EngineModule::unit_of(const arch::UnitRef& u) {
  return *m_unit_table.at(u.chip * m_units_per_chip + arch::unit_slot(m_chip, u));
}

void EngineModule::dispatch(std::uint32_t task) {
  const schedule::Task& t = m_current->tasks[task];
  unit_of(t.unit).submit({task, t.group, m_labels.empty() ? 0 : m_labels[t.group], &t.work});
}

void EngineModule::on_complete(std::uint32_t task) {
  for (std::uint32_t d : m_dependents[task]) {
    if (--m_waiting[d] == 0) dispatch(d);
  }
  ++m_result.events;
  if (--m_outstanding == 0) m_phase_done.notify(sc_core::SC_ZERO_TIME);
}

void EngineModule::run_phases() {
  for (std::size_t p = 0; p < m_phases.size(); ++p) {
    const schedule::Schedule& s = m_phases[p];
    arch::Activity& act = m_result.phases[p];
    m_ctx.activity = &act;
    arch::Activity unset;
    unset.start_cycle = ~0ull;
    m_result.groups[p].assign(s.groups.size(), unset);
    m_ctx.groups = &m_result.groups[p];
    act.start_cycle = arch::QueuedUnit::now_cycles();
    m_current = &s;
    m_waiting.assign(s.tasks.size(), 0);
    m_dependents.assign(s.tasks.size(), {});
    for (const auto& t : s.tasks) {
      m_waiting[t.id] = static_cast<std::uint32_t>(t.deps.size());
      for (auto d : t.deps) m_dependents[d].push_back(t.id);
    }
    m_labels.clear();
    if (m_ctx.trace) {
      for (const auto& g : s.groups) m_labels.push_back(m_ctx.trace->add_label(g.name));
    }
    m_outstanding = s.tasks.size();
    if (m_outstanding > 0) {
      for (const auto& t : s.tasks) {
        if (t.deps.empty()) dispatch(t.id);
      }
      wait(m_phase_done);
    }
    act.end_cycle = arch::QueuedUnit::now_cycles();
    for (auto& g : m_result.groups[p]) {
      if (g.start_cycle == ~0ull) g.start_cycle = g.end_cycle = act.start_cycle;  // no busy task
    }
  }
}

}  // namespace coda::engine
