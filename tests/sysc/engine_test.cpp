// Engine timing against closed forms. Each TEST elaborates once: ctest runs every TEST in its own
// process (gtest_discover_tests), as SystemC allows one elaboration per process.
#include <gtest/gtest.h>

#include "arch/spec/loader.h"
#include "arch/spec/metrics.h"
#include "arch/spec/timing.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/op_report.h"

namespace coda {
namespace {

arch::ArchSpec chip(const std::string& name) {
  return arch::load_arch(std::string(CODA_SOURCE_DIR) + "/tests/data/hw/" + name + ".yaml");
}

TEST(Engine, OneMatmulTileTakesTheClosedFormCycles) {
  const auto a = chip("ideal_1mxu");
  schedule::Schedule s;
  schedule::ScheduleBuilder b(s, a);
  b.begin_group({"tile", 0, 0, ""});
  b.mxu(0, 0, {1024, 1024, 1024, arch::DType::bf16, 1}, {});
  const auto r = engine::simulate(a, {s});
  // R + (F - 1) * max(s, R) + s + (R + C - 2) with F = 64, s = 1024: 128 + 63*1024 + 1024 + 254.
  EXPECT_EQ(r.phases[0].cycles(), 65918u);
  EXPECT_EQ(r.phases[0].mxu_macs, 1024ull * 1024 * 1024);
}

TEST(Engine, LargeAlignedMatmulOnOneMxuIsComputeBound) {
  const auto a = chip("ideal_1mxu");
  schedule::Schedule s;
  schedule::ScheduleBuilder b(s, a);
  schedule::MatmulOp op;
  op.m = op.k = op.n = 2048;
  schedule::lower_matmul(b, op);
  const auto r = engine::simulate(a, {s});
  // Ideal: M*K*N / (R*C) = 2048^3 / 16384 = 524288 cycles on the one array. The schedule adds the
  // first tile's load and the last tile's store and per-tile fill/drain: within 2% of ideal.
  const double ideal = 524288;
  EXPECT_GE(r.phases[0].cycles(), ideal);
  EXPECT_LE(r.phases[0].cycles(), 1.02 * ideal);
}

TEST(Engine, ComputeBoundMatmulReaches95PercentOfPeak) {
  const auto a = chip("ideal_v4");
  schedule::Schedule s;
  schedule::ScheduleBuilder b(s, a);
  schedule::MatmulOp op;
  op.m = op.k = op.n = 8192;
  schedule::lower_matmul(b, op);
  const auto r = engine::simulate(a, {s});
  const auto rep = schedule::make_op_report(a, s, r.phases[0], arch::DType::bf16);
  EXPECT_GE(rep.tflops * 1e12, 0.95 * arch::peak_flops(a, arch::DType::bf16));
  EXPECT_EQ(rep.bound, "mxu");
  EXPECT_LE(rep.util_mxu, 1.0);
  EXPECT_EQ(r.phases[0].mxu_macs, 8192ull * 8192 * 8192);  // every MAC executed exactly once
}

TEST(Engine, MemoryBoundElementwiseOnOneGibTakesBytesOverBandwidth) {
  const auto a = chip("ideal_v4");
  schedule::Schedule s;
  schedule::ScheduleBuilder b(s, a);
  schedule::VectorOp op;
  op.kind = schedule::VectorKind::add;
  op.shape = {512, 1024, 1024};  // 2^29 bf16 elements = 1 GiB per input
  schedule::lower_vector(b, op);
  const auto r = engine::simulate(a, {s});
  const auto rep = schedule::make_op_report(a, s, r.phases[0], arch::DType::bf16);
  // Two 1 GiB inputs read and one 1 GiB output written: 3 GiB / 1.2 TB/s.
  const double expected_s = 3.0 * (1ull << 30) / 1.2e12;
  EXPECT_NEAR(rep.time_s, expected_s, 0.03 * expected_s);
  EXPECT_EQ(rep.bound, "hbm");
  EXPECT_EQ(rep.activity.hbm_read_bytes, 2ull << 30);
  EXPECT_EQ(rep.activity.hbm_write_bytes, 1ull << 30);
  for (double u : {rep.util_mxu, rep.util_vpu, rep.util_dma, rep.util_hbm}) EXPECT_LE(u, 1.0);
}

TEST(Engine, ConcurrentStreamsContendForHbmChannels) {
  const auto a = chip("ideal_1mxu");  // 8 channels x 100 GB/s, 1 GHz: 100 B/cycle per channel
  schedule::Schedule one, two;
  const arch::Transfer t{{arch::MemLevel::hbm, 0, 0}, {arch::MemLevel::vmem, 0, 0}, 1, 8 << 20};
  {
    schedule::ScheduleBuilder b(one, a);
    b.begin_group({"one", 0, 0, ""});
    b.dma(t, {});
  }
  {
    schedule::ScheduleBuilder b(two, a);
    b.begin_group({"two", 0, 0, ""});
    b.dma(t, {});
    b.dma(t, {});  // a second engine, same time
  }
  const auto r = engine::simulate(a, {one, two});
  // 8 MiB over 8 channels: 1 MiB per channel / 100 B per cycle = 10486 cycles (rounded up).
  EXPECT_EQ(r.phases[0].cycles(), 10486u);
  // Two streams share the channels: twice the time, not the same time.
  EXPECT_EQ(r.phases[1].cycles(), 2u * 10486u);
}

TEST(Engine, TransfersBetweenCoresAndChipsPayLinkBandwidthAndLatency) {
  auto a = chip("ideal_1mxu");
  a.tensorcores = 2;
  schedule::Schedule cores, chips;
  {
    schedule::ScheduleBuilder b(cores, a);
    b.begin_group({"noc", 0, 0, ""});
    b.dma({{arch::MemLevel::vmem, 0, 0}, {arch::MemLevel::vmem, 0, 1}, 1, 1 << 20}, {});
  }
  {
    schedule::ScheduleBuilder b(chips, a);
    b.begin_group({"ici", 0, 0, ""});
    b.dma({{arch::MemLevel::hbm, 0, 0}, {arch::MemLevel::hbm, 1, 0}, 1, 1 << 20}, {});
  }
  engine::SimOptions o;
  o.chips = 2;
  const auto r = engine::simulate(a, {cores, chips}, o);
  // NoC: 1 MiB / 100 B/cycle = 10486 cycles + 10 cycles hop latency.
  EXPECT_EQ(r.phases[0].cycles(), 10486u + 10u);
  EXPECT_EQ(r.phases[0].noc_bytes, 1u << 20);
  // ICI: 1 MiB / 50 B/cycle = 20972 cycles + 1 hop x 1 us (1000 cycles).
  EXPECT_EQ(r.phases[1].cycles(), 20972u + 1000u);
  EXPECT_EQ(r.phases[1].ici_bytes, 1u << 20);
}

}  // namespace
}  // namespace coda
