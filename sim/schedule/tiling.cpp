#include "sim/schedule/tiling.h"

#include <algorithm>
#include <limits>

#include "arch/spec/timing.h"

namespace coda::schedule {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

Parts candidates(std::uint64_t dim) {
  Parts c{dim};
  for (std::uint64_t v = 128; v < dim; v *= 2) c.push_back(v);
  return c;
}

}  // namespace

Parts split_even(std::uint64_t total, int parts, std::uint64_t quantum) {
  Parts out;
  if (total == 0 || parts <= 0) return out;
  const std::uint64_t quanta = ceil_div(total, quantum);
  const std::uint64_t used = std::min<std::uint64_t>(parts, quanta);
  std::uint64_t given = 0;
  for (std::uint64_t p = 0; p < used; ++p) {
    // Part p gets quanta*(p+1)/used - quanta*p/used quanta: sizes differ by at most one quantum.
    const std::uint64_t q = quanta * (p + 1) / used - quanta * p / used;
    const std::uint64_t size = std::min(q * quantum, total - given);
    out.push_back(size);
    given += size;
  }
  return out;
}

void assign_mxus(int mxus, int cols, MatmulTiling& t) {
  const auto n_blocks = ceil_div(t.tn, static_cast<std::uint64_t>(cols));
  t.mxus_n = static_cast<int>(std::min<std::uint64_t>(mxus, n_blocks));
  t.mxus_m = static_cast<int>(std::min<std::uint64_t>(mxus / t.mxus_n, t.tm));
  t.mxus_m = std::max(t.mxus_m, 1);
}

MatmulTiling choose_matmul_tiling(const arch::ArchSpec& a, std::uint64_t m, std::uint64_t k,
                                  std::uint64_t n, std::uint32_t in_bytes, std::uint32_t out_bytes,
                                  const MxuExecution& ex, double hbm_share, int mxus) {
  MatmulTiling best;
  double best_score = std::numeric_limits<double>::infinity();
  const double step_cycles =
      static_cast<double>(arch::seconds_to_cycles(a.overheads.tile_step_s, a.clock_hz));
  const double bytes_per_cycle = a.hbm.bandwidth_bytes_per_s * hbm_share / a.clock_hz;
  const Parts ms = candidates(m), ns = candidates(n), ks = candidates(k);
  for (std::uint64_t tm : ms) {
    for (std::uint64_t tn : ns) {
      for (std::uint64_t tk : ks) {
        const std::uint64_t vmem = 2 * (tm * tk + tk * tn) * in_bytes + 2 * tm * tn * out_bytes;
        if (vmem > a.vmem.capacity_bytes) continue;
        MatmulTiling t{tm, tk, tn, 1, 1};
        assign_mxus(mxus, a.mxu.cols, t);
        const std::uint64_t mt = ceil_div(m, tm), nt = ceil_div(n, tn), kt = ceil_div(k, tk);
        const double steps = static_cast<double>(mt * nt * kt);
        const arch::MatmulTile tile{
            static_cast<std::uint32_t>(ceil_div(tm, t.mxus_m)), static_cast<std::uint32_t>(tk),
            static_cast<std::uint32_t>(ceil_div(tn, t.mxus_n)), ex.mxu_type, ex.passes};
        const double compute = steps * static_cast<double>(arch::mxu_tile_cycles(a.mxu, tile));
        // A is re-read for every N tile unless one K tile holds it; B is re-read per M tile.
        const double traffic =
            static_cast<double>(m * k * (kt == 1 ? 1 : nt) + k * n * mt) * in_bytes +
            static_cast<double>(m * n * out_bytes);
        const double score = std::max(compute, traffic / bytes_per_cycle) + steps * step_cycles;
        if (score < best_score * (1 - 1e-9)) {
          best_score = score;
          best = t;
        }
      }
    }
  }
  if (best.tm == 0) {  // nothing fits: fall back to one array-sized tile (validate guarantees fit)
    best = {std::min<std::uint64_t>(m, a.mxu.rows), std::min<std::uint64_t>(k, a.mxu.rows),
            std::min<std::uint64_t>(n, a.mxu.cols), 1, 1};
    assign_mxus(mxus, a.mxu.cols, best);
  }
  return best;
}

}  // namespace coda::schedule
