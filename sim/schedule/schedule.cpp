#include "sim/schedule/schedule.h"

namespace coda::schedule {
namespace {

bool unit_exists(const arch::UnitRef& u, const arch::ArchSpec& a, int chips) {
  if (u.chip >= chips) return false;
  switch (u.kind) {
    case arch::UnitKind::mxu:
      return u.core < a.tensorcores && u.index < a.mxu.count;
    case arch::UnitKind::vpu:
    case arch::UnitKind::sequencer:
      return u.core < a.tensorcores && u.index == 0;
    case arch::UnitKind::dma:
      return u.index < a.dma.engines;
  }
  return false;
}

}  // namespace

std::vector<std::string> check(const Schedule& s, const arch::ArchSpec& chip, int chips) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < s.tasks.size(); ++i) {
    const Task& t = s.tasks[i];
    const std::string name = "task " + std::to_string(i);
    if (t.id != i) problems.push_back(name + ": id " + std::to_string(t.id) + " out of order");
    for (TaskId d : t.deps) {
      if (d >= t.id) problems.push_back(name + ": depends on later task " + std::to_string(d));
    }
    if (!unit_exists(t.unit, chip, chips)) {
      problems.push_back(name + ": no unit " + arch::to_string(t.unit.kind) + " " +
                         std::to_string(t.unit.index) + " on core " + std::to_string(t.unit.core));
    }
    if (t.group >= s.groups.size()) {
      problems.push_back(name + ": no group " + std::to_string(t.group));
    }
    const std::uint64_t vmem = chip.vmem.capacity_bytes;
    auto fits = [&](std::uint64_t bytes, std::uint64_t room, const std::string& what) {
      if (bytes > room) {
        problems.push_back(name + ": " + what + " needs " + std::to_string(bytes) +
                           " B of VMEM, more than " + std::to_string(room) + " B");
      }
    };
    if (const auto* m = std::get_if<arch::MatmulTile>(&t.work)) {
      if (t.unit.kind != arch::UnitKind::mxu)
        problems.push_back(name + ": matmul tile off the MXU");
      if (m->m == 0 || m->k == 0 || m->n == 0) problems.push_back(name + ": empty matmul tile");
      // Its A, B and C tiles sit in VMEM together.
      fits((std::uint64_t{m->m} * m->k + std::uint64_t{m->k} * m->n + std::uint64_t{m->m} * m->n) *
               arch::dtype_bytes(m->dtype),
           vmem, "matmul tile");
    } else if (const auto* v = std::get_if<arch::VectorTile>(&t.work)) {
      if (t.unit.kind != arch::UnitKind::vpu)
        problems.push_back(name + ": vector tile off the VPU");
      fits(2 * v->elements * v->element_bytes, vmem, "vector tile (in and out)");
    } else if (const auto* x = std::get_if<arch::Transfer>(&t.work)) {
      if (t.unit.kind != arch::UnitKind::dma)
        problems.push_back(name + ": transfer off a DMA engine");
      if (x->bytes() == 0) problems.push_back(name + ": empty transfer");
      // A transfer into VMEM fills one half of a double buffer.
      if (x->dst.level == arch::MemLevel::vmem) fits(x->bytes(), vmem / 2, "transfer into VMEM");
    } else if (t.unit.kind != arch::UnitKind::sequencer) {
      problems.push_back(name + ": delay off the sequencer");
    }
  }
  return problems;
}

}  // namespace coda::schedule
