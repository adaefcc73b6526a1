#include "arch/spec/metrics.h"

#include <algorithm>

namespace coda::arch {

double chip_macs_per_cycle(const ArchSpec& a, DType t) {
  return static_cast<double>(a.tensorcores) * a.mxu.count * a.mxu.rows * a.mxu.cols * a.mxu.rate(t);
}

double peak_flops(const ArchSpec& a, DType t) {
  return 2.0 * chip_macs_per_cycle(a, t) * a.clock_hz;
}

double ridge_flops_per_byte(const ArchSpec& a, DType t) {
  return peak_flops(a, t) / a.hbm.bandwidth_bytes_per_s;
}

void set_even_unit_busy(const ArchSpec& a, Activity& act) {
  for (int k = 0; k < kUnitKinds; ++k) {
    act.max_unit_busy[k] =
        act.busy_cycles[k] / std::max(units_per_chip(a, static_cast<UnitKind>(k)), 1);
  }
}

int units_per_chip(const ArchSpec& a, UnitKind kind) {
  switch (kind) {
    case UnitKind::mxu:
      return a.tensorcores * a.mxu.count;
    case UnitKind::dma:
      return a.dma.engines;
    case UnitKind::vpu:
    case UnitKind::sequencer:
      return a.tensorcores;
  }
  return 0;
}

std::size_t unit_slot(const ArchSpec& a, const UnitRef& u) {
  const std::size_t per_core = static_cast<std::size_t>(a.mxu.count) + 2;
  switch (u.kind) {
    case UnitKind::mxu:
      return u.core * per_core + u.index;
    case UnitKind::vpu:
      return u.core * per_core + a.mxu.count;
    case UnitKind::sequencer:
      return u.core * per_core + a.mxu.count + 1;
    case UnitKind::dma:
      return a.tensorcores * per_core + u.index;
  }
  return 0;
}

std::size_t units_in_chip(const ArchSpec& a) {
  return static_cast<std::size_t>(a.tensorcores) * (a.mxu.count + 2) + a.dma.engines;
}

std::uint64_t onchip_bytes(const ArchSpec& a) {
  return static_cast<std::uint64_t>(a.tensorcores) * a.vmem.capacity_bytes + a.cmem.capacity_bytes;
}

}  // namespace coda::arch
