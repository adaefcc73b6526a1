// Closed-form unit timing (arch/spec/timing.h), derivations beside each expectation.
#include "arch/spec/timing.h"

#include <gtest/gtest.h>

#include "arch/spec/loader.h"

namespace coda::arch {
namespace {

MxuSpec mxu128() {
  MxuSpec m;
  m.rows = m.cols = 128;
  m.macs_per_cycle[static_cast<int>(DType::bf16)] = 1;
  m.accumulator_rows = 2048;
  return m;
}

TEST(MxuTiming, OneFoldEqualsScaleSimWeightStationary) {
  // SCALE-Sim WS, one fold: 2R + C + M - 2 = 256 + 128 + 512 - 2 = 894 (with M = 512).
  EXPECT_EQ(mxu_tile_cycles(mxu128(), {512, 128, 128, DType::bf16, 1}), 894u);
  // A stream shorter than R: 2R + C + 2 - 2 = 384 (SCALE-Sim's report for 2x2x2 is 383 = 384 - 1).
  EXPECT_EQ(mxu_tile_cycles(mxu128(), {2, 2, 2, DType::bf16, 1}), 384u);
}

TEST(MxuTiming, WeightStationaryHidesTheNextLoadBehindTheStream) {
  // M = K = N = 1024: F = 8 * 8 = 64 folds, s = 1024 >= R.
  // R + (F - 1) * max(s, R) + s + (R + C - 2) = 128 + 63 * 1024 + 1024 + 254 = 65918.
  EXPECT_EQ(mxu_tile_cycles(mxu128(), {1024, 1024, 1024, DType::bf16, 1}), 65918u);
  // Ideal: M*K*N / (R*C) = 65536 cycles; the array is 99.4% busy.
}

TEST(MxuTiming, SingleWeightBufferExposesEveryLoad) {
  MxuSpec m = mxu128();
  m.weight_buffers = 1;
  // F * (R + s) + (R + C - 2) = 64 * (128 + 1024) + 254 = 73982.
  EXPECT_EQ(mxu_tile_cycles(m, {1024, 1024, 1024, DType::bf16, 1}), 73982u);
}

TEST(MxuTiming, AccumulatorCapacityChunksTheStream) {
  MxuSpec m = mxu128();
  m.accumulator_rows = 512;
  // Two chunks of s = 512, each over F = 1 fold (K = N = 128):
  // chunk sum F * max(512, R) * 2 = 1024; + R - max(512, R) + 512 = 128; + 254 drain = 1406.
  EXPECT_EQ(mxu_tile_cycles(m, {1024, 128, 128, DType::bf16, 1}), 1406u);
}

TEST(MxuTiming, EmulationPassesMultiplyTheFolds) {
  // fp32 as 3 bf16 passes: F = 3 folds of s = 512: 128 + 2 * 512 + 512 + 254 = 1918.
  EXPECT_EQ(mxu_tile_cycles(mxu128(), {512, 128, 128, DType::bf16, 3}), 1918u);
  EXPECT_EQ(mxu_tile_macs({512, 128, 128, DType::bf16, 3}), 3ull * 512 * 128 * 128);
}

TEST(MxuTiming, OutputStationaryStreamsK) {
  MxuSpec m = mxu128();
  m.dataflow = Dataflow::output_stationary;
  // Stationary C[m=256, n=128]: F = 2 folds; s = K = 1024: 128 + 1 * 1024 + 1024 + 254 = 2430.
  EXPECT_EQ(mxu_tile_cycles(m, {256, 1024, 128, DType::bf16, 1}), 2430u);
}

TEST(VectorTiming, ThroughputPlusLatencyPerClass) {
  const ArchSpec v4 = load_arch("tpu_v4");  // 128 x 8 slots; add_mul 2/slot/cycle, latency 2
  VectorTile t;
  t.elements = 1 << 20;
  t.ops_per_element[static_cast<int>(VectorOpClass::add_mul)] = 1;
  // ceil(2^20 / (1024 * 2)) + 2 = 512 + 2.
  EXPECT_EQ(vector_tile_cycles(v4.vpu, t), 514u);
  t.ops_per_element[static_cast<int>(VectorOpClass::transcendental)] = 1;
  // + ceil(2^20 / (1024 * 0.25)) + 8 = 4096 + 8.
  EXPECT_EQ(vector_tile_cycles(v4.vpu, t), 514u + 4104u);
}

TEST(TransferTiming, RoundsUpToWholeCyclesAndBursts) {
  EXPECT_EQ(transfer_cycles(1000, 1e9, 1e9), 1000u);
  EXPECT_EQ(transfer_cycles(1001, 2e9, 1e9), 501u);
  EXPECT_EQ(hbm_occupied_bytes({{}, {}, 4, 33}), 4u * 64);  // 33-byte rows take two 32 B bursts
}

}  // namespace
}  // namespace coda::arch
