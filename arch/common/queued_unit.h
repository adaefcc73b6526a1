// Base SystemC module for units that serve a FIFO of tasks one at a time: one SC_THREAD per unit,
// one timed wait per task (never per clock tick). 1 cycle of the chip clock = 1 ns of sc_time.
#pragma once

#include <systemc>

#include <deque>
#include <string>

#include "arch/common/i_unit.h"
#include "arch/common/unit_registry.h"

namespace coda::arch {

class QueuedUnit : public UnitModule {
 public:
  QueuedUnit(const sc_core::sc_module_name& name, UnitKind kind, UnitContext& ctx,
             const traces::Track& track);
  void submit(const UnitJob& job) override;

  static std::uint64_t now_cycles();

 protected:
  // Starts `work` at cycle `now`; returns the cycle it completes (>= now). May reserve shared
  // resources (memory ports, HBM channels); counts what it did (MACs, bytes) into `did`, which the
  // base adds, with the busy time, to the phase and to the work's task group.
  virtual std::uint64_t serve(const Work& work, std::uint64_t now, Activity& did) = 0;
  UnitContext& ctx() { return m_ctx; }

 private:
  void run();

  UnitKind m_kind;
  UnitContext& m_ctx;
  std::uint32_t m_track = 0;
  std::deque<UnitJob> m_queue;
  sc_core::sc_event m_wake;
  std::uint64_t m_busy_in_phase = 0;
  const Activity* m_phase = nullptr;  // the phase m_busy_in_phase belongs to
};

}  // namespace coda::arch
