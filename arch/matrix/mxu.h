// Systolic matrix unit (MXU): serves MatmulTile jobs with the closed-form occupancy of
// arch/spec/timing.h (fill + folds + drain), bounded by its operand traffic on the core's VMEM
// port.
#pragma once

#include "arch/common/queued_unit.h"
#include "arch/memory/memory_system.h"

namespace coda::arch {

class Mxu : public QueuedUnit {
 public:
  Mxu(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip, int core, int index,
      UnitContext& ctx, MemorySystem& mem);

 protected:
  std::uint64_t serve(const Work& work, std::uint64_t now, Activity& did) override;

 private:
  const MxuSpec& m_spec;
  int m_core;
  MemorySystem& m_mem;
};

}  // namespace coda::arch
