// The scalar sequencer of a TensorCore: serves Delay jobs (kernel launch, per-step issue costs).
#pragma once

#include "arch/common/queued_unit.h"

namespace coda::arch {

class Sequencer : public QueuedUnit {
 public:
  Sequencer(const sc_core::sc_module_name& name, int chip, int core, UnitContext& ctx)
      : QueuedUnit(name, UnitKind::sequencer, ctx,
                   {"chip" + std::to_string(chip) + " core" + std::to_string(core), "sequencer",
                    "sequencer"}) {}

 protected:
  std::uint64_t serve(const Work& work, std::uint64_t now, Activity&) override {
    return now + std::get<Delay>(work).cycles;
  }
};

}  // namespace coda::arch
