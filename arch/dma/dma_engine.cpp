#include "arch/dma/dma_engine.h"

#include <algorithm>
#include <cmath>

#include "arch/spec/timing.h"

namespace coda::arch {

DmaEngine::DmaEngine(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip, int index,
                     UnitContext& ctx, std::vector<MemorySystem*> chips)
    : QueuedUnit(name, UnitKind::dma, ctx,
                 {"chip" + std::to_string(chip), "dma" + std::to_string(index), "dma"}),
      m_chips(std::move(chips)),
      m_bytes_per_cycle(spec.dma.bandwidth_bytes_per_s / spec.clock_hz),
      m_latency(seconds_to_cycles(spec.dma.latency_s, spec.clock_hz)),
      m_ici_latency(seconds_to_cycles(spec.ici.latency_s, spec.clock_hz)) {}

// After the descriptor latency every resource on the path streams concurrently (reserved from the
// same start); the transfer ends when the slowest one has passed its last byte:
//   end = start + max(own bytes / bandwidth, source, links, destination)
std::uint64_t DmaEngine::serve(const Work& work, std::uint64_t now, Activity& act) {
  const auto& t = std::get<Transfer>(work);
  const std::uint64_t start = now + m_latency;
  const std::uint64_t bytes = t.bytes();
  std::uint64_t end = start + static_cast<std::uint64_t>(
                                  std::ceil(static_cast<double>(bytes) / m_bytes_per_cycle - 1e-9));
  end = std::max(end, m_chips.at(t.src.chip)->read(t.src, start, t, act));
  if (t.src.chip != t.dst.chip) {
    const std::uint64_t hops =
        t.src.chip > t.dst.chip ? t.src.chip - t.dst.chip : t.dst.chip - t.src.chip;
    act.ici_bytes += bytes;
    end = std::max(end, m_chips[t.src.chip]->ici().reserve(start, bytes) + hops * m_ici_latency);
  } else if (t.src.level == MemLevel::vmem && t.dst.level == MemLevel::vmem &&
             t.src.core != t.dst.core) {
    act.noc_bytes += bytes;
    MemorySystem& mem = *m_chips[t.src.chip];
    end = std::max(end, mem.noc().reserve(start, bytes) + mem.noc_latency_cycles());
  }
  return std::max(end, m_chips.at(t.dst.chip)->write(t.dst, start, t, act));
}

CODA_REGISTER_UNIT(dma, "analytic", [](const UnitArgs& a) -> std::unique_ptr<UnitModule> {
  return std::make_unique<DmaEngine>(a.name.c_str(), a.spec, a.chip, a.index, a.ctx, a.memories);
});

}  // namespace coda::arch
