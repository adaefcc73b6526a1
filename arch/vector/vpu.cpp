#include "arch/vector/vpu.h"

#include <algorithm>

#include "arch/spec/timing.h"

namespace coda::arch {

Vpu::Vpu(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip, int core,
         UnitContext& ctx, MemorySystem& mem)
    : QueuedUnit(name, UnitKind::vpu, ctx,
                 {"chip" + std::to_string(chip) + " core" + std::to_string(core), "vpu", "vpu"}),
      m_spec(spec.vpu),
      m_core(core),
      m_mem(mem) {}

// VMEM traffic: each element is read and its result written once (2 x element_bytes).
std::uint64_t Vpu::serve(const Work& work, std::uint64_t now, Activity& did) {
  const auto& t = std::get<VectorTile>(work);
  for (int c = 0; c < kVectorOpClasses; ++c) {
    const auto ops =
        static_cast<std::uint64_t>(t.ops_per_element[c] * static_cast<double>(t.elements));
    did.vpu_ops_by_class[c] += ops;
    did.vpu_ops += ops;
  }
  const std::uint64_t bytes = 2 * t.elements * t.element_bytes;
  did.vmem_read_bytes += bytes / 2;
  did.vmem_write_bytes += bytes / 2;
  return std::max(now + vector_tile_cycles(m_spec, t), m_mem.vmem_access(m_core, now, bytes));
}

CODA_REGISTER_UNIT(vpu, "analytic", [](const UnitArgs& a) -> std::unique_ptr<UnitModule> {
  return std::make_unique<Vpu>(a.name.c_str(), a.spec, a.chip, a.core, a.ctx,
                               *a.memories.at(a.chip));
});

}  // namespace coda::arch
