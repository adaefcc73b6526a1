// A shared port with a bandwidth: transfers reserve it first come, first served, so concurrent
// users queue behind each other (contention is real). No SystemC: the engine's memories and links
// and the analytic estimator reserve the same way.
#pragma once

#include <cstdint>
#include <string>

namespace coda::arch {

class BandwidthPort {
 public:
  BandwidthPort() = default;
  BandwidthPort(std::string name, double bytes_per_cycle)
      : m_name(std::move(name)), m_bpc(bytes_per_cycle) {}

  // Reserves the port for `bytes` starting no earlier than `earliest`; returns the cycle the last
  // byte has passed. Occupancy: ceil(bytes / bytes_per_cycle) cycles after max(earliest, free).
  std::uint64_t reserve(std::uint64_t earliest, std::uint64_t bytes);
  double bytes_per_cycle() const { return m_bpc; }
  std::uint64_t busy_cycles() const { return m_busy; }
  const std::string& name() const { return m_name; }

 private:
  std::string m_name;
  double m_bpc = 1;
  std::uint64_t m_free_at = 0;
  std::uint64_t m_busy = 0;
};

}  // namespace coda::arch
