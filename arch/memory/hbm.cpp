#include "arch/memory/hbm.h"

#include <algorithm>

#include "arch/spec/timing.h"

namespace coda::arch {

Hbm::Hbm(const sc_core::sc_module_name& name, const ArchSpec& spec) : sc_core::sc_module(name) {
  const double per_channel = spec.hbm.bandwidth_bytes_per_s / spec.hbm.channels / spec.clock_hz;
  for (int c = 0; c < spec.hbm.channels; ++c) {
    m_channels.emplace_back("ch" + std::to_string(c), per_channel);
  }
  m_latency_cycles = seconds_to_cycles(spec.hbm.latency_s, spec.clock_hz);
}

// Bursts b = occupied / 32 go to channels (m_next + i) mod C: each channel gets floor(b / C)
// bursts, and the first b mod C channels one more. The access ends when its slowest channel does.
std::uint64_t Hbm::access(std::uint64_t earliest, std::uint64_t occupied_bytes) {
  const std::uint64_t bursts = (occupied_bytes + kHbmBurstBytes - 1) / kHbmBurstBytes;
  const std::size_t n = m_channels.size();
  const std::uint64_t base = bursts / n, extra = bursts % n;
  std::uint64_t done = earliest;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t mine = base + (i < extra ? 1 : 0);
    if (mine == 0) break;
    done = std::max(done, m_channels[(m_next + i) % n].reserve(earliest, mine * kHbmBurstBytes));
  }
  m_next = (m_next + static_cast<std::size_t>(extra)) % n;
  return done + m_latency_cycles;
}

}  // namespace coda::arch
