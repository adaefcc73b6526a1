// Whole networks on the engine: conservation of work and traffic, and monotonic sanity. Each
// simulation runs in its own forked child (one SystemC elaboration per process).
#include <systemc>

#include <gtest/gtest.h>

#include "arch/spec/loader.h"
#include "models/graph/counters.h"
#include "models/io/model_source.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/lower_graph.h"
#include "tests/sysc/fork_run.h"

namespace coda {
namespace {

struct Totals {
  std::uint64_t cycles, mxu_macs, hbm_bytes, compulsory, graph_macs, group_macs, mxu_group_macs;
};

Totals simulate(const std::string& chip_name, const std::string& model,
                const std::map<std::string, std::string>& knobs = {},
                const std::function<void(arch::ArchSpec&)>& edit = {}) {
  return testing::run_forked<Totals>([&] {
    arch::ArchSpec chip = arch::load_arch(chip_name);
    if (edit) edit(chip);
    const auto graph = models::load_model(model, knobs);
    const auto gs = schedule::lower_graph(graph, chip);
    const auto r = engine::simulate(chip, {gs.schedule});
    const auto& a = r.phases.at(0);
    Totals t{a.cycles(), a.mxu_macs, a.hbm_read_bytes + a.hbm_write_bytes, gs.compulsory_hbm_bytes,
             static_cast<std::uint64_t>(models::count_model(graph).macs), 0, 0};
    for (std::size_t i = 0; i < gs.layers.size(); ++i) {
      t.group_macs += gs.schedule.groups[i].macs;
      if (gs.layers[i].unit == "mxu") t.mxu_group_macs += gs.schedule.groups[i].macs;
    }
    return t;
  });
}

TEST(Network, ResNet50ExecutesExactlyTheGraphsMacsOnTheMxus) {
  const Totals t = simulate("tpu_v4", "resnet50");
  EXPECT_EQ(t.graph_macs, 4'089'184'256u);  // models/: torchvision's 4.09 G
  EXPECT_EQ(t.group_macs, t.graph_macs);    // every op lowered once
  EXPECT_EQ(t.mxu_macs, t.graph_macs);      // bf16: one pass, no depthwise, no padding counted
}

TEST(Network, DepthwiseOnTheVpuKeepsTheMacCount) {
  const Totals t = simulate("tpu_v4", "efficientnet_b0");
  EXPECT_EQ(t.group_macs, t.graph_macs);
  EXPECT_EQ(t.mxu_macs, t.mxu_group_macs);  // the rest ran on the VPU (depthwise)
  EXPECT_LT(t.mxu_macs, t.graph_macs);
}

TEST(Network, HbmTrafficIsAtLeastTheCompulsoryBytes) {
  for (const char* m : {"resnet50", "efficientnet_b0", "bert_base"}) {
    SCOPED_TRACE(m);
    const Totals t = simulate("tpu_v4", m);
    EXPECT_GT(t.compulsory, 0u);
    EXPECT_GE(t.hbm_bytes, t.compulsory);
  }
}

TEST(Network, MoreHbmBandwidthIsNeverSlower) {
  for (const char* m : {"resnet50", "bert_base"}) {
    SCOPED_TRACE(m);
    std::uint64_t previous = ~0ull;
    for (double scale : {0.5, 1.0, 2.0, 4.0}) {
      const Totals t = simulate("tpu_v4", m, {}, [scale](arch::ArchSpec& a) {
        a.hbm.bandwidth_bytes_per_s *= scale;
      });
      EXPECT_LE(t.cycles, previous) << "HBM bandwidth x" << scale;
      previous = t.cycles;
    }
  }
}

TEST(Network, MoreMxusIsNeverSlowerOnAComputeBoundNetwork) {
  // ResNet-50 at batch 32 on tpu_v4 is MXU-bound (coda simulate reports bound "mxu").
  std::uint64_t previous = ~0ull;
  for (int mxus : {1, 2, 4}) {
    const Totals t = simulate("tpu_v4", "resnet50", {{"batch", "32"}},
                              [mxus](arch::ArchSpec& a) { a.mxu.count = mxus; });
    EXPECT_LE(t.cycles, previous) << mxus << " MXUs per core";
    previous = t.cycles;
  }
}

TEST(Network, Batch8ThroughputIsAtLeastBatch1OnResNet50) {
  const Totals one = simulate("tpu_v4", "resnet50", {{"batch", "1"}});
  const Totals eight = simulate("tpu_v4", "resnet50", {{"batch", "8"}});
  // Throughput = batch / latency: 8 / t8 >= 1 / t1  <=>  t8 <= 8 t1.
  EXPECT_LE(eight.cycles, 8 * one.cycles);
  EXPECT_EQ(eight.mxu_macs, 8 * one.mxu_macs);
}

TEST(Network, AnalyticEstimateAgreesWithTheEngineWithinFivePercent) {
  // Same schedule, same unit formulas; the estimator simplifies HBM to one bandwidth pool and
  // orders tasks by readiness instead of simulating them (docs/architecture.md has the zoo-wide
  // numbers: median 0.1%, worst 3.4%).
  for (const char* m : {"resnet50", "efficientnet_b0", "bert_base"}) {
    SCOPED_TRACE(m);
    const Totals event = simulate("tpu_v4", m);
    const auto chip = arch::load_arch("tpu_v4");
    const auto gs = schedule::lower_graph(models::load_model(m, {}), chip);
    const auto estimate = schedule::estimate(chip, gs.schedule);
    const double e = static_cast<double>(event.cycles);
    EXPECT_NEAR(static_cast<double>(estimate.total.cycles()), e, 0.05 * e);
    EXPECT_EQ(estimate.total.mxu_macs, event.mxu_macs);  // the same work, counted the same way
  }
}

}  // namespace
}  // namespace coda
