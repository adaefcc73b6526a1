#include "arch/spec/timing.h"

#include <algorithm>
#include <cmath>

namespace coda::arch {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

}  // namespace

std::uint64_t mxu_tile_macs(const MatmulTile& t) {
  return static_cast<std::uint64_t>(t.m) * t.k * t.n * t.passes;
}

// A systolic array of R rows x C columns keeps one operand stationary (a R x C block of it, a
// "fold") while the other streams through, one vector of R values per cycle:
//   weight-stationary: B[k, n] folds of R x C stay; A's m rows stream       (a=k, b=n, s=m)
//   input-stationary:  A^T[k, m] folds stay; B's n columns stream            (a=k, b=m, s=n)
//   output-stationary: C[m, n] folds accumulate in place; k steps stream     (a=m, b=n, s=k)
// folds F = ceil(a/R) * ceil(b/C) * passes; streaming a fold takes s' = ceil(s / macs_per_cycle)
// cycles; loading a fold's stationary block takes R cycles (one row per cycle).
//   weight_buffers = 2 (TPU): the next fold loads while the current one streams, so every fold
//     but the last costs max(s', R):  cycles = R + (F - 1) * max(s', R) + s' + (R + C - 2)
//   weight_buffers = 1 (SCALE-Sim): every load is exposed: cycles = F * (R + s') + (R + C - 2)
// R + C - 2 is the skew the last results need to drain out of the array. For F = 1 both give
// SCALE-Sim's 2R + C + s' - 2. A weight-stationary stream longer than the accumulators
// (accumulator_rows) is cut into chunks that each re-stream every fold.
std::uint64_t mxu_tile_cycles(const MxuSpec& mxu, const MatmulTile& t) {
  if (t.m == 0 || t.k == 0 || t.n == 0) return 0;
  const std::uint64_t R = mxu.rows, C = mxu.cols;
  std::uint64_t a = t.k, b = t.n, s = t.m;
  if (mxu.dataflow == Dataflow::input_stationary) {
    b = t.m;
    s = t.n;
  } else if (mxu.dataflow == Dataflow::output_stationary) {
    a = t.m;
    s = t.k;
  }
  const double rate = std::max(mxu.rate(t.dtype), 1e-9);
  const std::uint64_t folds = ceil_div(a, R) * ceil_div(b, C) * t.passes;
  const std::uint64_t chunk = mxu.dataflow == Dataflow::weight_stationary
                                  ? static_cast<std::uint64_t>(mxu.accumulator_rows)
                                  : s;
  std::uint64_t cycles = R + C - 2;  // final drain
  std::uint64_t last_stream = 0;
  for (std::uint64_t done = 0; done < s; done += chunk) {
    const std::uint64_t len = std::min(chunk, s - done);
    last_stream = static_cast<std::uint64_t>(std::ceil(static_cast<double>(len) / rate));
    cycles += folds * (mxu.weight_buffers >= 2 ? std::max(last_stream, R) : R + last_stream);
  }
  if (mxu.weight_buffers >= 2) {
    // The first load is exposed (+R); the last fold has no next load to wait for.
    cycles += R - std::max(last_stream, R) + last_stream;
  }
  return cycles;
}

// Each op class c issues ceil(E * ops_c / (lanes * sublanes * throughput_c)) cycles and adds its
// pipeline latency once (classes run back to back on the same ALUs).
std::uint64_t vector_tile_cycles(const VectorUnitSpec& vpu, const VectorTile& t) {
  const double slots = static_cast<double>(vpu.lanes) * vpu.sublanes;
  std::uint64_t cycles = 0;
  for (int c = 0; c < kVectorOpClasses; ++c) {
    const double ops = static_cast<double>(t.elements) * t.ops_per_element[c];
    if (ops <= 0) continue;
    cycles += static_cast<std::uint64_t>(std::ceil(ops / (slots * vpu.ops[c].throughput)));
    cycles += static_cast<std::uint64_t>(vpu.ops[c].latency);
  }
  return cycles;
}

std::uint64_t transfer_cycles(double bytes, double bytes_per_s, double clock_hz) {
  if (bytes <= 0) return 0;
  return static_cast<std::uint64_t>(std::ceil(bytes / bytes_per_s * clock_hz - 1e-9));
}

std::uint64_t seconds_to_cycles(double seconds, double clock_hz) {
  return static_cast<std::uint64_t>(std::ceil(seconds * clock_hz - 1e-9));
}

std::uint64_t hbm_occupied_bytes(const Transfer& t) {
  return t.rows * ceil_div(t.row_bytes, kHbmBurstBytes) * kHbmBurstBytes;
}

}  // namespace coda::arch
