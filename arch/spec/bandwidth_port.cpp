#include "arch/spec/bandwidth_port.h"

#include <algorithm>
#include <cmath>

namespace coda::arch {

std::uint64_t BandwidthPort::reserve(std::uint64_t earliest, std::uint64_t bytes) {
  if (bytes == 0) return earliest;
  const auto occupancy =
      static_cast<std::uint64_t>(std::ceil(static_cast<double>(bytes) / m_bpc - 1e-9));
  const std::uint64_t start = std::max(earliest, m_free_at);
  m_free_at = start + occupancy;
  m_busy += occupancy;
  return m_free_at;
}

}  // namespace coda::arch
