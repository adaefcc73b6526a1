#include "arch/matrix/mxu.h"

#include <algorithm>

#include "arch/spec/timing.h"

namespace coda::arch {

Mxu::Mxu(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip, int core, int index,
         UnitContext& ctx, MemorySystem& mem)
    : QueuedUnit(name, UnitKind::mxu, ctx,
                 {"chip" + std::to_string(chip) + " core" + std::to_string(core),
                  "mxu" + std::to_string(index), "mxu"}),
      m_spec(spec.mxu),
      m_core(core),
      m_mem(mem) {}

// Operand traffic on VMEM: the streamed operand is read once per column of folds (m*k*ceil(n/C)
// elements in weight-stationary order) and the stationary one once (k*n).
std::uint64_t Mxu::serve(const Work& work, std::uint64_t now, Activity& did) {
  const auto& t = std::get<MatmulTile>(work);
  const std::uint64_t col_folds = (t.n + m_spec.cols - 1) / m_spec.cols;
  const std::uint64_t bytes =
      (static_cast<std::uint64_t>(t.m) * t.k * col_folds + static_cast<std::uint64_t>(t.k) * t.n) *
      dtype_bytes(t.dtype);
  did.mxu_macs += mxu_tile_macs(t);
  did.mxu_macs_by_dtype[static_cast<int>(t.dtype)] += mxu_tile_macs(t);
  did.vmem_read_bytes += bytes;
  return std::max(now + mxu_tile_cycles(m_spec, t), m_mem.vmem_access(m_core, now, bytes));
}

CODA_REGISTER_UNIT(mxu, "analytic", [](const UnitArgs& a) -> std::unique_ptr<UnitModule> {
  return std::make_unique<Mxu>(a.name.c_str(), a.spec, a.chip, a.core, a.index, a.ctx,
                               *a.memories.at(a.chip));
});

}  // namespace coda::arch
