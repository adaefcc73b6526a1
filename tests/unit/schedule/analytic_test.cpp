// The analytic estimator's list schedule: what it counts does not depend on whether per-group
// activity is kept (the search asks for the total only), and the groups add up to the total.
#include "sim/schedule/analytic.h"

#include <gtest/gtest.h>

#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "sim/schedule/builder.h"
#include "sim/schedule/lower_graph.h"
#include "tests/unit/schedule/expect_activity.h"

namespace coda::schedule {
namespace {

TEST(AnalyticEstimate, TheTotalIsTheSameWithOrWithoutPerGroupActivity) {
  for (const char* hw : {"tpu_v4", "tpu_v4i"}) {
    const auto chip = arch::load_arch(hw);
    for (const char* m : {"nb201", "resnet50", "bert_base"}) {
      SCOPED_TRACE(std::string(hw) + " " + m);
      const GraphSchedule gs = lower_graph(models::load_model(m, {}), chip);
      const Estimate with = estimate(chip, gs.schedule, true);
      const Estimate without = estimate(chip, gs.schedule, false);
      EXPECT_TRUE(without.groups.empty());
      ASSERT_EQ(with.groups.size(), gs.schedule.groups.size());
      expect_same_activity(with.total, without.total);
      // Every task belongs to one group, so the groups' counters add up to the total.
      arch::Activity sum;
      for (const auto& g : with.groups) sum.add(g);
      EXPECT_EQ(sum.busy_cycles, with.total.busy_cycles);
      EXPECT_EQ(sum.tasks, with.total.tasks);
      EXPECT_EQ(sum.mxu_macs, with.total.mxu_macs);
      EXPECT_EQ(sum.vpu_ops, with.total.vpu_ops);
      EXPECT_EQ(sum.hbm_read_bytes + sum.hbm_write_bytes,
                with.total.hbm_read_bytes + with.total.hbm_write_bytes);
      EXPECT_EQ(sum.vmem_read_bytes, with.total.vmem_read_bytes);
    }
  }
}

// Two equal DMA transfers: on one engine the second waits for the first; on two engines (the
// builder's round robin) they overlap and only share the HBM port. tpu_v4's DMA engines are
// slower than its HBM, so two at once finish in the time of one.
TEST(AnalyticEstimate, TransfersOnOneEngineQueueAndOnTwoOverlap) {
  const auto chip = arch::load_arch("tpu_v4");
  ASSERT_GE(chip.dma.engines, 2);
  const arch::Transfer t{{arch::MemLevel::hbm, 0, 0}, {arch::MemLevel::vmem, 0, 0}, 1, 1 << 20};
  Schedule one;
  {
    ScheduleBuilder b(one, chip);
    b.begin_group({"one", 0, 0, ""});
    b.add({arch::UnitKind::dma, 0, 0, 0}, t, {});
    b.add({arch::UnitKind::dma, 0, 0, 0}, t, {});
  }
  Schedule two;
  {
    ScheduleBuilder b(two, chip);
    b.begin_group({"two", 0, 0, ""});
    b.dma(t, {});
    b.dma(t, {});
  }
  const auto single = estimate(chip, one, false).total;
  const auto pair = estimate(chip, two, false).total;
  EXPECT_EQ(single.tasks[static_cast<int>(arch::UnitKind::dma)], 2u);
  EXPECT_EQ(pair.tasks[static_cast<int>(arch::UnitKind::dma)], 2u);
  EXPECT_EQ(single.hbm_read_bytes, 2u << 20);
  EXPECT_EQ(single.vmem_write_bytes, 2u << 20);
  // One transfer at 1050 MHz: the DMA latency 200 ns = 210 cycles, then 1 MiB at 300 GB/s =
  // 285.71 B/cycle: ceil(1,048,576 / 285.71) = ceil(3670.016) = 3671 cycles, 3881 in all. Its
  // HBM share (1.2 TB/s = 1142.86 B/cycle) takes ceil(917.5) = 918 cycles and VMEM less, so
  // the engine bounds it. On one engine the second starts at 3881 and ends at 7762; on two
  // engines both start at 0: the second's HBM share waits for the first's (210 + 918 = 1128,
  // then 918 more = 2046), still before its engine ends at 3881.
  EXPECT_EQ(single.end_cycle, 7762u);
  EXPECT_EQ(pair.end_cycle, 3881u);
  EXPECT_EQ(single.busy_cycles[static_cast<int>(arch::UnitKind::dma)], 7762u);
  EXPECT_EQ(pair.busy_cycles[static_cast<int>(arch::UnitKind::dma)], 7762u);
}

}  // namespace
}  // namespace coda::schedule
