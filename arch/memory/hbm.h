// HBM: independent channels, each a bandwidth port; an access is striped over channels in 32-byte
// bursts (round robin from a rotating start), so concurrent streams contend channel by channel.
#pragma once

#include <systemc>

#include <vector>

#include "arch/spec/bandwidth_port.h"
#include "arch/spec/arch_spec.h"

namespace coda::arch {

class Hbm : public sc_core::sc_module {
 public:
  Hbm(const sc_core::sc_module_name& name, const ArchSpec& spec);

  // Reserves channels for `occupied_bytes` (whole bursts) starting no earlier than `earliest`;
  // returns the cycle the last burst has transferred, access latency included.
  std::uint64_t access(std::uint64_t earliest, std::uint64_t occupied_bytes);
  int channels() const { return static_cast<int>(m_channels.size()); }

 private:
  std::vector<BandwidthPort> m_channels;
  std::uint64_t m_latency_cycles = 0;
  std::size_t m_next = 0;  // first channel of the next access
};

}  // namespace coda::arch
