// Energy of simulated activity (arch/spec/energy.h) through the event-driven engine. One
// elaboration per TEST: ctest runs every TEST in its own process.
#include <systemc>  // first: declares the extern "C" sc_main libsystemc.so references

#include <gtest/gtest.h>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/op_report.h"

int sc_main(int, char**) { return 0; }

namespace coda {
namespace {

// b independent [1024, 2048] x [2048, 2048] bf16 matmuls (a batched matmul: every inference has
// its own operands, as attention's). Shared weights (M growing with the batch) are checked on
// Activity values in tests/unit/arch/energy_test.cpp: through the engine the tiler's W re-reads
// change with M, which is scheduling, not the energy model.
schedule::Schedule batch_matmul(const arch::ArchSpec& a, std::uint64_t b) {
  schedule::Schedule s;
  schedule::ScheduleBuilder builder(s, a);
  schedule::MatmulOp op;
  op.batch = b;
  op.m = 1024;
  op.k = op.n = 2048;
  schedule::lower_matmul(builder, op);
  return s;
}

TEST(EnergyEngine, ComputeBoundEnergyPerInferenceIsConstantInBatch) {
  const arch::ArchSpec a = arch::load_arch("tpu_v4");
  const std::vector<std::uint64_t> batches = {1, 2, 4, 8};
  std::vector<schedule::Schedule> phases;
  for (auto b : batches) phases.push_back(batch_matmul(a, b));
  const auto r = engine::simulate(a, phases);
  const arch::CostModel m = arch::load_cost_model(a);
  std::vector<double> e, dyn;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    const auto rep = schedule::make_op_report(a, phases[i], r.phases[i], arch::DType::bf16);
    EXPECT_EQ(rep.bound, "mxu");
    // Every MAC at 2.0 pJ x (7/45)^0.5 = 0.78882 pJ: b x 1024 x 2048 x 2048 MACs.
    EXPECT_NEAR(rep.energy.part(arch::CostPart::mxu),
                1024.0 * batches[i] * 2048 * 2048 * m.mac_j[0], 1e-9);
    e.push_back(rep.energy.energy_j);
    dyn.push_back(rep.energy.dynamic_j);
  }
  // Dynamic energy counts actions. From batch 2 on, the two TensorCores each take whole
  // inferences and every inference does the same ones: dynamic energy per inference within 1% of
  // batch 2's. (Batch 1 splits its one matmul over the cores, both of which read A: 16 MiB from
  // HBM instead of 12, so its dynamic energy per inference is higher.) Static energy is power x
  // time; time per inference falls as pipeline fill and drain amortise: total per inference
  // within 5% of batch 2's and never above batch 1's.
  EXPECT_GT(dyn[0], dyn[1] / 2);
  for (std::size_t i = 1; i < batches.size(); ++i) {
    SCOPED_TRACE(batches[i]);
    EXPECT_NEAR(dyn[i] / batches[i], dyn[1] / 2, 0.01 * dyn[1] / 2);
    EXPECT_NEAR(e[i] / batches[i], e[1] / 2, 0.05 * e[1] / 2);
    EXPECT_LE(e[i] / batches[i], e[0]);
  }
}

TEST(EnergyEngine, MemoryBoundVectorOpEnergyIsMostlyHbm) {
  const arch::ArchSpec a = arch::load_arch("tpu_v4");
  schedule::Schedule s;
  schedule::ScheduleBuilder builder(s, a);
  schedule::VectorOp v;
  ASSERT_TRUE(schedule::parse_vector_kind("add", v.kind));
  v.shape = {8192, 8192};
  schedule::lower_vector(builder, v);
  const auto r = engine::simulate(a, {s});
  const auto rep = schedule::make_op_report(a, s, r.phases[0], arch::DType::bf16);
  // Per element: HBM 6 B (two bf16 reads, one write) x 8 x 3.97 pJ = 190.6 pJ; VMEM (12 B at
  // 3.05 pJ/B) and the VPU add (0.91 pJ) are far smaller.
  EXPECT_GT(rep.energy.part(arch::CostPart::hbm), 0.8 * rep.energy.dynamic_j);
  EXPECT_NEAR(rep.energy.part(arch::CostPart::hbm), 8192.0 * 8192 * 6 * 8 * 3.97e-12, 1e-6);
}

}  // namespace
}  // namespace coda
