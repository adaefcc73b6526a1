#include "sim/schedule/analytic.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include "arch/spec/bandwidth_port.h"
#include "arch/spec/metrics.h"
#include "arch/spec/timing.h"

namespace coda::schedule {
namespace {

using arch::MemLevel;

class Estimator {
 public:
  Estimator(const arch::ArchSpec& a, const Schedule& s) : m_a(a), m_s(s) {
    const double clk = a.clock_hz;
    m_hbm = arch::BandwidthPort("hbm", a.hbm.bandwidth_bytes_per_s / clk);
    m_cmem = arch::BandwidthPort("cmem", std::max(a.cmem.bandwidth_bytes_per_s, 1.0) / clk);
    m_noc = arch::BandwidthPort(
        "noc", std::max(a.noc.bandwidth_bytes_per_s, 1.0) * std::max(a.noc.links, 1) / clk);
    m_vmem.assign(a.tensorcores, arch::BandwidthPort("vmem", a.vmem.bandwidth_bytes_per_s / clk));
    m_units.assign(arch::units_in_chip(a), 0);
    m_dma_bpc = a.dma.bandwidth_bytes_per_s / clk;
    m_dma_latency = arch::seconds_to_cycles(a.dma.latency_s, clk);
    m_hbm_latency = arch::seconds_to_cycles(a.hbm.latency_s, clk);
    m_noc_latency = arch::seconds_to_cycles(a.noc.latency_s, clk);
  }

  // Tasks start in order of the cycle they become ready (ties by id), as the engine's units see
  // them arrive; each reserves its unit and ports from max(ready, unit free).
  Estimate run(bool per_group) {
    Estimate e;
    arch::Activity unset;
    unset.start_cycle = ~0ull;
    if (per_group) e.groups.assign(m_s.groups.size(), unset);
    const std::size_t n = m_s.tasks.size();
    // Dependents of each task as one flat array (CSR): first[t] .. first[t + 1].
    std::vector<std::uint32_t> first(n + 1, 0), waiting(n);
    for (const Task& t : m_s.tasks) {
      waiting[t.id] = static_cast<std::uint32_t>(t.deps.size());
      for (TaskId d : t.deps) ++first[d + 1];
    }
    for (std::size_t i = 0; i < n; ++i) first[i + 1] += first[i];
    std::vector<TaskId> dependents(first[n]);
    {
      std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
      for (const Task& t : m_s.tasks) {
        for (TaskId d : t.deps) dependents[next[d]++] = t.id;
      }
    }
    std::vector<std::uint64_t> ready_at(n, 0);
    using Item = std::pair<std::uint64_t, TaskId>;  // (ready cycle, id)
    std::vector<Item> heap;
    heap.reserve(n);
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> ready(std::greater<Item>(),
                                                                           std::move(heap));
    for (const Task& t : m_s.tasks) {
      if (t.deps.empty()) ready.push({0, t.id});
    }
    arch::Activity did;  // one task's counters (per_group only)
    while (!ready.empty()) {
      const auto [at, id] = ready.top();
      ready.pop();
      const Task& t = m_s.tasks[id];
      std::uint64_t& unit_free = m_units[arch::unit_slot(m_a, t.unit)];
      const std::uint64_t start = std::max(at, unit_free);
      // A task's counters go straight into the total unless its group needs them too.
      if (per_group) did = arch::Activity{};
      arch::Activity& counted = per_group ? did : e.total;
      const std::uint64_t end = serve(t, start, counted);
      const auto k = static_cast<int>(t.unit.kind);
      counted.busy_cycles[k] += end - start;
      counted.tasks[k] += 1;
      unit_free = end;
      e.total.end_cycle = std::max(e.total.end_cycle, end);
      if (per_group) {
        e.total.add(did);
        arch::Activity& g = e.groups[t.group];
        g.add(did);
        g.start_cycle = std::min(g.start_cycle, start);
        g.end_cycle = std::max(g.end_cycle, end);
      }
      for (std::uint32_t i = first[id]; i < first[id + 1]; ++i) {
        const TaskId d = dependents[i];
        ready_at[d] = std::max(ready_at[d], end);
        if (--waiting[d] == 0) ready.push({ready_at[d], d});
      }
    }
    for (auto& g : e.groups) {
      if (g.start_cycle == ~0ull) g.start_cycle = g.end_cycle = 0;
    }
    arch::set_even_unit_busy(m_a, e.total);
    return e;
  }

  std::uint64_t touch(const arch::Endpoint& at, std::uint64_t start, const arch::Transfer& t,
                      arch::Activity& did, bool write) {
    switch (at.level) {
      case MemLevel::hbm:
        (write ? did.hbm_write_bytes : did.hbm_read_bytes) += t.bytes();
        return m_hbm.reserve(start, arch::hbm_occupied_bytes(t)) + m_hbm_latency;
      case MemLevel::cmem:
        (write ? did.cmem_write_bytes : did.cmem_read_bytes) += t.bytes();
        return m_cmem.reserve(start, t.bytes());
      case MemLevel::vmem:
        (write ? did.vmem_write_bytes : did.vmem_read_bytes) += t.bytes();
        return m_vmem.at(at.core).reserve(start, t.bytes());
    }
    return start;
  }

  std::uint64_t serve(const Task& task, std::uint64_t start, arch::Activity& did) {
    if (const auto* m = std::get_if<arch::MatmulTile>(&task.work)) {
      const std::uint64_t col_folds = (m->n + m_a.mxu.cols - 1) / m_a.mxu.cols;
      const std::uint64_t bytes = (static_cast<std::uint64_t>(m->m) * m->k * col_folds +
                                   static_cast<std::uint64_t>(m->k) * m->n) *
                                  arch::dtype_bytes(m->dtype);
      did.mxu_macs += arch::mxu_tile_macs(*m);
      did.mxu_macs_by_dtype[static_cast<int>(m->dtype)] += arch::mxu_tile_macs(*m);
      did.vmem_read_bytes += bytes;
      return std::max(start + arch::mxu_tile_cycles(m_a.mxu, *m),
                      m_vmem.at(task.unit.core).reserve(start, bytes));
    }
    if (const auto* v = std::get_if<arch::VectorTile>(&task.work)) {
      for (int c = 0; c < arch::kVectorOpClasses; ++c) {
        const auto ops =
            static_cast<std::uint64_t>(v->ops_per_element[c] * static_cast<double>(v->elements));
        did.vpu_ops_by_class[c] += ops;
        did.vpu_ops += ops;
      }
      const std::uint64_t bytes = 2 * v->elements * v->element_bytes;
      did.vmem_read_bytes += bytes / 2;
      did.vmem_write_bytes += bytes / 2;
      return std::max(start + arch::vector_tile_cycles(m_a.vpu, *v),
                      m_vmem.at(task.unit.core).reserve(start, bytes));
    }
    if (const auto* x = std::get_if<arch::Transfer>(&task.work)) {
      const std::uint64_t s = start + m_dma_latency;
      std::uint64_t end = s + static_cast<std::uint64_t>(
                                  std::ceil(static_cast<double>(x->bytes()) / m_dma_bpc - 1e-9));
      end = std::max(end, touch(x->src, s, *x, did, false));
      if (x->src.level == MemLevel::vmem && x->dst.level == MemLevel::vmem &&
          x->src.core != x->dst.core) {
        did.noc_bytes += x->bytes();
        end = std::max(end, m_noc.reserve(s, x->bytes()) + m_noc_latency);
      }
      return std::max(end, touch(x->dst, s, *x, did, true));
    }
    return start + std::get<arch::Delay>(task.work).cycles;
  }

  const arch::ArchSpec& m_a;
  const Schedule& m_s;
  arch::BandwidthPort m_hbm, m_cmem, m_noc;  // HBM as one pool: no per-channel striping
  std::vector<arch::BandwidthPort> m_vmem;
  std::vector<std::uint64_t> m_units;  // free-at cycle per unit
  double m_dma_bpc = 1;
  std::uint64_t m_dma_latency = 0, m_hbm_latency = 0, m_noc_latency = 0;
};

}  // namespace

Estimate estimate(const arch::ArchSpec& chip, const Schedule& s, bool per_group) {
  return Estimator(chip, s).run(per_group);
}

}  // namespace coda::schedule
