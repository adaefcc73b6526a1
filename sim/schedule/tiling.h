// Choosing VMEM tiles for a matmul on one TensorCore, and splitting work evenly.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/spec/arch_spec.h"
#include "sim/core/small_vector.h"
#include "sim/schedule/lower.h"

namespace coda::schedule {

// Sizes of the parts of a split; most splits have a handful, kept inline.
using Parts = boost::container::small_vector<std::uint64_t, 8>;

// Up to `parts` sizes summing to `total`, each a multiple of `quantum` except possibly the last;
// fewer parts when total is too small to give each one at least one quantum.
Parts split_even(std::uint64_t total, int parts, std::uint64_t quantum);

struct MatmulTiling {
  std::uint64_t tm = 0, tk = 0, tn = 0;  // VMEM tile of A (tm x tk), B (tk x tn), C (tm x tn)
  int mxus_m = 1, mxus_n = 1;  // MXUs splitting a tile's M and N (mxus_m * mxus_n <= count)
};

// `mxus` MXUs over a tile: N first (each MXU holds different weight columns and A is read once),
// then M.
void assign_mxus(int mxus, int cols, MatmulTiling& t);

// The tile sizes (candidates: the whole dimension or powers of two from 128) that fit VMEM double
// buffered and minimise max(MXU cycles, HBM traffic cycles) + per-step overhead, for one core's
// share of a matmul. `hbm_share` is the fraction of HBM bandwidth this core can expect; `mxus`
// the MXUs of the core the tile is spread over.
MatmulTiling choose_matmul_tiling(const arch::ArchSpec& a, std::uint64_t m, std::uint64_t k,
                                  std::uint64_t n, std::uint32_t in_bytes, std::uint32_t out_bytes,
                                  const MxuExecution& ex, double hbm_share, int mxus);

}  // namespace coda::schedule
