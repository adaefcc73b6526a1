// Vector unit (VPU): lanes x sublanes ALU slots; serves VectorTile jobs with per-op-class
// throughput and latency (arch/spec/timing.h), bounded by its VMEM traffic.
#pragma once

#include "arch/common/queued_unit.h"
#include "arch/memory/memory_system.h"

namespace coda::arch {

class Vpu : public QueuedUnit {
 public:
  Vpu(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip, int core,
      UnitContext& ctx, MemorySystem& mem);

 protected:
  std::uint64_t serve(const Work& work, std::uint64_t now, Activity& did) override;

 private:
  const VectorUnitSpec& m_spec;
  int m_core;
  MemorySystem& m_mem;
};

}  // namespace coda::arch
