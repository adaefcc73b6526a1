// The analytic evaluator on a model with a chain form (NAS-Bench-201) gives what the whole graph
// gives, numbers and messages alike.
#include <gtest/gtest.h>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "search/evaluator.h"
#include "sim/core/error.h"
#include "sim/schedule/chain_estimate.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/op_report.h"

namespace coda::search {
namespace {

const char* kStudy =
    "name: t\nchip: tpu_v4i\nmodel:\n  name: nb201\n  knobs:\n    arch: {nb201_cell: all}\n"
    "objectives: {latency_s: minimize}\n";

Outcome evaluate(const std::map<std::string, std::string>& knobs) {
  const Study s = parse_study_text(kStudy, "t.yaml", "");
  AnalyticEvaluator e(s, nullptr);
  DesignPoint p;
  p.knobs = knobs;
  return e.evaluate(p);
}

TEST(AnalyticEvaluator, BlockByBlockGivesTheWholeGraphsMetrics) {
  const std::map<std::string, std::string> knobs = {
      {"arch", "|nor_conv_3x3~0|+|avg_pool_3x3~0|none~1|+|skip_connect~0|nor_conv_1x1~1|none~2|"},
      {"batch", "4"}};
  const Outcome o = evaluate(knobs);
  ASSERT_EQ(o.status, Status::ok) << o.reason;

  const auto chip = arch::load_arch("tpu_v4i");
  const models::Graph g = models::load_model("nb201", knobs);
  const auto n = schedule::estimate_network(g, chip);
  const auto total = schedule::make_total_report(chip, n.macs, n.flops, n.total,
                                                 schedule::mxu_execution(chip, n.dtype).mxu_type);
  EXPECT_EQ(o.metrics.at("latency_s"), total.time_s);
  EXPECT_EQ(o.metrics.at("throughput_per_s"), 4 / total.time_s);
  EXPECT_EQ(o.metrics.at("energy_per_inference_j"), total.energy.energy_j / 4);
  EXPECT_EQ(o.metrics.at("tflops"), total.tflops);
  EXPECT_EQ(o.metrics.at("perf_per_tdp_tflops_per_w"), total.tflops_per_tdp_w);
  EXPECT_EQ(o.metrics.at("macs"), static_cast<double>(n.macs));
  EXPECT_EQ(o.metrics.at("macs_per_inference"), static_cast<double>(n.macs) / 4);
  EXPECT_EQ(o.metrics.at("params"), static_cast<double>(n.params));
  EXPECT_EQ(o.metrics.at("memory_bytes"), static_cast<double>(n.weight_bytes + n.activation_bytes));
}

TEST(AnalyticEvaluator, BadModelsAndUnrunnableOpsAreInfeasibleWithTheWholeGraphsMessages) {
  std::string why;
  try {
    models::load_model("nb201", {{"arch", "|conv~0|"}});
  } catch (const core::InputError& e) {
    why = e.what();
  }
  ASSERT_FALSE(why.empty());
  Outcome o = evaluate({{"arch", "|conv~0|"}});
  EXPECT_EQ(o.status, Status::infeasible);
  EXPECT_EQ(o.reason, "model: " + why);

  o = evaluate({{"dtype", "int8"}});
  EXPECT_EQ(o.status, Status::infeasible);
  EXPECT_EQ(o.reason,
            "lowering: --dtype: 'int8' is not supported by the MXU of tpu_v4i; supported: bf16, "
            "fp16, fp32 (via bf16)");
}

}  // namespace
}  // namespace coda::search
