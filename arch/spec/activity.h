// Activity the engine counted over a span of simulated time: the basis of utilization, "bound",
// bytes per memory level and (later) energy. Plain value, no SystemC.
#pragma once

#include <array>
#include <cstdint>

#include "arch/spec/unit_work.h"

namespace coda::arch {

struct Activity {
  std::uint64_t start_cycle = 0, end_cycle = 0;
  std::array<std::uint64_t, kUnitKinds> busy_cycles{};    // summed over the units of a kind
  std::array<std::uint64_t, kUnitKinds> max_unit_busy{};  // busiest single unit of a kind
  std::array<std::uint64_t, kUnitKinds> tasks{};
  std::uint64_t mxu_macs = 0;  // MACs the MXUs executed, emulation passes included
  std::array<std::uint64_t, 5> mxu_macs_by_dtype{};  // the same, by input type (index: DType)
  std::uint64_t vpu_ops = 0;                         // vector operations (element x op)
  std::array<std::uint64_t, kVectorOpClasses> vpu_ops_by_class{};  // the same, by op class
  std::uint64_t hbm_read_bytes = 0, hbm_write_bytes = 0;
  std::uint64_t cmem_read_bytes = 0, cmem_write_bytes = 0;
  std::uint64_t vmem_read_bytes = 0, vmem_write_bytes = 0;
  std::uint64_t noc_bytes = 0, ici_bytes = 0;
  std::uint64_t hbm_busy_cycles = 0;  // cycles with at least one HBM channel transferring (approx.)

  std::uint64_t cycles() const { return end_cycle - start_cycle; }
  // Adds every counter of `d` (not the span, not max_unit_busy).
  void add(const Activity& d);
};

}  // namespace coda::arch
