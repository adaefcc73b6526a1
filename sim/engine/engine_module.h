// The top SystemC module: every unit of every chip, and the dispatcher that releases a task to its
// unit when all its dependencies have completed.
#pragma once

#include <systemc>

#include <memory>
#include <vector>

#include "arch/common/i_unit.h"
#include "arch/common/unit_registry.h"
#include "arch/memory/memory_system.h"
#include "sim/engine/simulator.h"

namespace coda::engine {

class EngineModule : public sc_core::sc_module, public arch::ICompletionSink {
 public:
  EngineModule(const sc_core::sc_module_name& name, const arch::ArchSpec& chip,
               const std::vector<schedule::Schedule>& phases, const SimOptions& options,
               SimResult& result);
  void on_complete(std::uint32_t task) override;

 private:
  void run_phases();
  void dispatch(std::uint32_t task);
  arch::IUnit& unit_of(const arch::UnitRef& ref);

  const arch::ArchSpec& m_chip;
  const std::vector<schedule::Schedule>& m_phases;
  SimResult& m_result;
  arch::UnitContext m_ctx;
  std::vector<std::unique_ptr<arch::MemorySystem>> m_memories;
  std::vector<std::unique_ptr<arch::UnitModule>> m_units;  // owns every unit module
  std::vector<arch::IUnit*> m_unit_table;                  // indexed by unit_index()
  int m_units_per_chip = 0;

  const schedule::Schedule* m_current = nullptr;
  std::vector<std::uint32_t> m_waiting;                  // unmet dependencies per task
  std::vector<std::vector<std::uint32_t>> m_dependents;  // tasks waiting on each task
  std::vector<std::uint32_t> m_labels;                   // trace label per group
  std::size_t m_outstanding = 0;
  sc_core::sc_event m_phase_done;
};

}  // namespace coda::engine
