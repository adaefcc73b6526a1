// lower_graph covers every op exactly once (or as a view), with fused chains recorded per layer.
#include "sim/schedule/lower_graph.h"

#include <gtest/gtest.h>

#include "arch/spec/loader.h"
#include "models/graph/counters.h"
#include "models/io/model_source.h"
#include "sim/schedule/graph_ops.h"

namespace coda::schedule {
namespace {

TEST(GraphLowering, EveryOpIsInExactlyOneLayerOrIsAView) {
  const auto chip = arch::load_arch("tpu_v4");
  for (const char* m : {"resnet50", "efficientnet_b0", "bert_base", "gpt_small", "mobilenet_v2"}) {
    SCOPED_TRACE(m);
    const auto g = models::load_model(m, {});
    const auto gs = lower_graph(g, chip);
    std::vector<int> seen(g.num_ops(), 0);
    for (const auto& l : gs.layers) {
      for (auto op : l.ops) ++seen.at(op);
    }
    for (const auto& op : g.ops()) {
      EXPECT_EQ(seen[op.id], is_view(op.kind) ? 0 : 1) << op.name;
    }
    EXPECT_TRUE(check(gs.schedule, chip).empty());
    EXPECT_EQ(gs.macs, static_cast<std::uint64_t>(models::count_model(g).macs));
  }
}

TEST(GraphLowering, ResNetBlocksFuseBatchNormActivationAndTheResidualAdd) {
  const auto chip = arch::load_arch("tpu_v4");
  const auto gs = lower_graph(models::load_model("resnet50", {}), chip);
  // The first block: conv3 ends with its batch norm; the downsample conv, computed after it,
  // fuses its batch norm, the residual add (conv3's output, already computed) and the relu.
  std::map<std::string, std::string> kinds;
  for (const auto& l : gs.layers) kinds[l.name] = l.kinds;
  EXPECT_EQ(kinds["layer1.0.conv3"], "conv2d+batch_norm");
  EXPECT_EQ(kinds["layer1.0.downsample"], "conv2d+batch_norm+add+relu");
  EXPECT_EQ(kinds["layer1.0.conv1"], "conv2d+batch_norm+relu");
  EXPECT_EQ(gs.layers.size(), 56u);  // 53 convs + max pool + global average pool + fc
  GraphLowerOptions no_fusion;
  no_fusion.fuse = false;
  const auto unfused = lower_graph(models::load_model("resnet50", {}), chip, no_fusion);
  EXPECT_GT(unfused.layers.size(), 150u);  // every batch norm, relu and add on its own
}

// Dead code is not lowered. With only `none` edges, each NAS-Bench-201 node is x * 0; nodes 1 and
// 2 feed nothing (only `none` edges read them), so 2 muls per cell x 15 cells = 30 ops are dead,
// and the 15 live muls are the only vector layers the cells add.
TEST(GraphLowering, OpsThatFeedNoOutputAreNotLowered) {
  const auto chip = arch::load_arch("tpu_v4i");
  const auto g =
      models::load_model("nb201", {{"arch", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"}});
  const auto gs = lower_graph(g, chip);
  EXPECT_EQ(gs.dead_ops, 30u);
  int zero_layers = 0;
  for (const auto& l : gs.layers) zero_layers += l.name.find(".zero") != std::string::npos;
  EXPECT_EQ(zero_layers, 15);
  for (const auto& l : gs.layers) {
    EXPECT_EQ(l.name.find("node_1"), std::string::npos) << l.name;
    EXPECT_EQ(l.name.find("node_2"), std::string::npos) << l.name;
  }
}

}  // namespace
}  // namespace coda::schedule
