// DMA engine: moves a Transfer between memories, bounded by both ends (source and destination
// ports or HBM channels), by any link it crosses, and by its own bandwidth.
#pragma once

#include <vector>

#include "arch/common/queued_unit.h"
#include "arch/memory/memory_system.h"

namespace coda::arch {

class DmaEngine : public QueuedUnit {
 public:
  // `chips[i]` is the memory system of chip i (transfers may cross chips over ICI).
  DmaEngine(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip, int index,
            UnitContext& ctx, std::vector<MemorySystem*> chips);

 protected:
  std::uint64_t serve(const Work& work, std::uint64_t now, Activity& did) override;

 private:
  std::vector<MemorySystem*> m_chips;
  double m_bytes_per_cycle;
  std::uint64_t m_latency;      // descriptor issue, cycles
  std::uint64_t m_ici_latency;  // per hop, cycles
};

}  // namespace coda::arch
