// The chain form of a network (each distinct block lowered and estimated once) gives exactly the
// whole graph's estimate: cycles, every activity counter, MACs, FLOPs and model sizes.
#include "sim/schedule/chain_estimate.h"

#include <gtest/gtest.h>

#include <random>

#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "tests/unit/schedule/expect_activity.h"

namespace coda::schedule {
namespace {

const char* kOps[] = {"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"};

// The NAS-Bench-201 cell string of 6 edge ops (edge order 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2).
std::string cell(const int (&e)[6]) {
  auto op = [&](int i, int from) { return std::string(kOps[e[i]]) + "~" + std::to_string(from); };
  return "|" + op(0, 0) + "|+|" + op(1, 0) + "|" + op(2, 1) + "|+|" + op(3, 0) + "|" + op(4, 1) +
         "|" + op(5, 2) + "|";
}

// The model's size: what is known before lowering.
void expect_same_size(const NetworkTotals& a, const NetworkTotals& b) {
  EXPECT_EQ(a.macs, b.macs);
  EXPECT_EQ(a.dtype, b.dtype);
  EXPECT_EQ(a.params, b.params);
  EXPECT_EQ(a.weight_bytes, b.weight_bytes);
  EXPECT_EQ(a.activation_bytes, b.activation_bytes);
  EXPECT_EQ(a.batch, b.batch);
}

void expect_same(const NetworkTotals& a, const NetworkTotals& b) {
  expect_same_size(a, b);
  expect_same_activity(a.total, b.total);
  EXPECT_EQ(a.flops, b.flops);
}

void expect_chain_equals_graph(const arch::ArchSpec& chip, ChainEstimator& chains,
                               const std::map<std::string, std::string>& knobs) {
  const auto chain = models::load_chain("nb201", knobs);
  ASSERT_TRUE(chain);
  expect_same(*chains.estimate(*chain), estimate_network(models::load_model("nb201", knobs), chip));
}

// 60 random cells plus the extremes and three cells a review found, on three chips: tpu_v4i keeps
// activations in its 128 MiB CMEM, edge_npu has none (every activation goes to HBM), tpu_v4 has two
// TensorCores.
TEST(ChainEstimate, EqualsTheWholeGraphEstimateOnNasBench201Networks) {
  const std::string edge = std::string(CODA_SOURCE_DIR) + "/configs/search/edge_npu.yaml";
  for (const std::string name : {"tpu_v4i", "tpu_v4", edge.c_str()}) {
    SCOPED_TRACE(name);
    const auto chip = arch::load_arch(name);
    ChainEstimator chains(chip);
    std::mt19937 rng(7);
    std::vector<std::string> cells = {cell({0, 0, 0, 0, 0, 0}), cell({1, 1, 1, 1, 1, 1}),
                                      cell({3, 3, 3, 3, 3, 3}), cell({4, 4, 4, 4, 4, 4}),
                                      // Fusion chains that run through whole blocks: a cell that
                                      // is one x * 0 (an epilogue op), and one with no op at all.
                                      cell({0, 0, 1, 0, 1, 0}), cell({0, 0, 1, 0, 0, 1}),
                                      cell({1, 1, 0, 1, 0, 0})};
    for (int i = 0; i < 60; ++i) {
      int e[6];
      for (int& v : e) v = static_cast<int>(rng() % 5);
      cells.push_back(cell(e));
    }
    for (const auto& c : cells) {
      SCOPED_TRACE(c);
      expect_chain_equals_graph(chip, chains, {{"arch", c}});
    }
    // Other datasets, batch sizes and types reuse nothing of the above but are just as exact.
    expect_chain_equals_graph(chip, chains,
                              {{"arch", cells[8]}, {"dataset", "imagenet16_120"}, {"batch", "8"}});
    expect_chain_equals_graph(chip, chains, {{"arch", cells[9]}, {"dtype", "fp32"}});
  }
}

// The default network (5 cells per stage) on tpu_v4i: 19 blocks, 7 segments to lower. The stem;
// per stage one cell (each of its 5 cells reads a tensor of one shape from CMEM with only that
// tensor live, so all 5 see the same free CMEM); the 2 reductions; the head. No segment spans two
// blocks: the cell input has 3 readers (two relus and the skip's add), and the cell output is
// sum2 = sum1 + t2, where t2 = bn(conv(node 2)) and sum1 = x + t1: no epilogue reaches sum2,
// since sum1 is made after t2's conv and t2 after t1's. 1 + 3 + 2 + 1 = 7.
TEST(ChainEstimate, LowersEachDistinctBlockOnce) {
  const auto chip = arch::load_arch("tpu_v4i");
  ChainEstimator chains(chip);
  const auto chain = models::load_chain("nb201", {});
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->blocks.size(), 19u);
  chains.estimate(*chain);
  const std::size_t first = chains.segments_lowered();
  EXPECT_EQ(first, 7u);
  chains.estimate(*chain);
  EXPECT_EQ(chains.segments_lowered(), first);  // all served from the cache
}

// A cell whose input has one reader, a relu, and whose output leaves a conv's epilogue (node 1 =
// conv(relu(x)), node 2 = node 1, node 3 = conv(relu(node 2))): the whole-graph lowering fuses
// each cell's first relu into the previous block's last conv, so segments span blocks. A reduction
// ends in its downsample conv's epilogue (the residual add) too, but its input has two readers (a
// relu and the pool). Segments: stem + 5 cells, reduction + 5 cells, reduction + 5 cells + head
// (whose batch norm joins the last conv) = 3.
TEST(ChainEstimate, BlocksWhoseBoundaryAFusionCrossesAreLoweredTogether) {
  const auto chip = arch::load_arch("tpu_v4i");
  ChainEstimator chains(chip);
  const std::map<std::string, std::string> knobs = {
      {"arch", "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|nor_conv_3x3~2|"}};
  expect_chain_equals_graph(chip, chains, knobs);
  EXPECT_EQ(chains.segments_lowered(), 3u);
}

// The size comes before any lowering, so a memory check can stop there.
TEST(ChainEstimate, TheSizeIsKnownBeforeAnythingIsLowered) {
  const auto chip = arch::load_arch("tpu_v4i");
  ChainEstimator chains(chip);
  const auto chain = models::load_chain("nb201", {});
  ASSERT_TRUE(chain);
  NetworkTotals size;
  const auto stopped = chains.estimate(*chain, [&](const NetworkTotals& s) {
    size = s;
    return false;
  });
  EXPECT_FALSE(stopped);
  EXPECT_EQ(chains.segments_lowered(), 0u);
  expect_same_size(size, estimate_network(models::load_model("nb201", {}), chip));
}

TEST(ChainEstimate, OnlyNasBench201HasAChainForm) {
  EXPECT_FALSE(models::load_chain("resnet50", {}));
  EXPECT_FALSE(models::load_chain("model.yaml", {}));
  EXPECT_TRUE(models::load_chain("nb201", {{"cells", "2"}}));
}

}  // namespace
}  // namespace coda::schedule
