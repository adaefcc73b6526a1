// The memories of one chip: HBM, CMEM (if any), one VMEM port per TensorCore, the on-chip network
// and the chip's inter-chip links, plus how a DMA transfer reserves them.
#pragma once

#include <systemc>

#include <memory>
#include <vector>

#include "arch/spec/bandwidth_port.h"
#include "arch/memory/hbm.h"
#include "arch/spec/activity.h"

namespace coda::arch {

class MemorySystem : public sc_core::sc_module {
 public:
  MemorySystem(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip);

  // Reserves the source side of a transfer; returns the cycle its data has been read.
  std::uint64_t read(const Endpoint& at, std::uint64_t earliest, const Transfer& t, Activity& act);
  // Reserves the destination side; returns the cycle its data has been written.
  std::uint64_t write(const Endpoint& at, std::uint64_t earliest, const Transfer& t, Activity& act);
  // MXU/VPU operand traffic on a core's VMEM port.
  std::uint64_t vmem_access(int core, std::uint64_t earliest, std::uint64_t bytes);
  BandwidthPort& noc() { return m_noc; }
  BandwidthPort& ici() { return m_ici; }
  std::uint64_t noc_latency_cycles() const { return m_noc_latency; }

 private:
  std::uint64_t touch(const Endpoint& at, std::uint64_t earliest, const Transfer& t, Activity& act,
                      bool is_write);

  Hbm m_hbm;
  BandwidthPort m_cmem;
  std::vector<BandwidthPort> m_vmem;
  BandwidthPort m_noc, m_ici;
  std::uint64_t m_noc_latency = 0;
};

}  // namespace coda::arch
