// End-to-end runs of `coda simulate`: JSON fields, layers, determinism, report, trace, schedule
// dump, and bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/run_coda.h"

namespace {

using coda::testing::run_coda;

std::string temp(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("coda_sim_" + name)).string();
}

TEST(Simulate, JsonCarriesTheSummaryAndEveryLayer) {
  const auto a = run_coda("simulate --hw tpu_v4 --model resnet50 --json");
  const auto b = run_coda("simulate --hw tpu_v4 --model resnet50 --json");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);  // same inputs, byte-identical output
  const auto j = nlohmann::json::parse(a.out);
  for (const char* k : {"time_s", "cycles", "tflops", "utilization", "layers", "throughput_per_s",
                        "energy_j", "power_w", "area_mm2", "tdp_w", "energy_per_inference_j"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
  EXPECT_EQ(j["macs"].get<std::uint64_t>(), 4'089'184'256u);
  EXPECT_EQ(j["layers"].size(), 56u);  // 53 convs (with fused epilogues), pooling x2, fc
  double layer_macs = 0;
  for (const auto& l : j["layers"]) {
    layer_macs += l["macs"].get<double>();
    EXPECT_LE(l["util_mxu"].get<double>(), 1.0);
  }
  EXPECT_DOUBLE_EQ(layer_macs, 4'089'184'256.0);
  // throughput = batch / latency
  EXPECT_DOUBLE_EQ(j["throughput_per_s"].get<double>(), 1.0 / j["time_s"].get<double>());
}

TEST(Simulate, AnalyticFidelityReportsTheSameWork) {
  const auto e =
      nlohmann::json::parse(run_coda("simulate --hw tpu_v4 --model bert_base --json").out);
  const auto a = nlohmann::json::parse(
      run_coda("simulate --hw tpu_v4 --model bert_base --json --fidelity analytic").out);
  EXPECT_EQ(a["fidelity"], "analytic");
  EXPECT_EQ(a["macs"], e["macs"]);
  EXPECT_EQ(a["layers"].size(), e["layers"].size());
  EXPECT_NEAR(a["cycles"].get<double>(), e["cycles"].get<double>(),
              0.05 * e["cycles"].get<double>());
}

TEST(Simulate, ReportIsOneSelfContainedHtmlFileWithThreeCharts) {
  const std::string html = temp("report.html");
  const auto r = run_coda("simulate --hw tpu_v4 --model efficientnet_b0 --report " + html);
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(html);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::size_t svgs = 0;
  for (auto p = text.find("<svg"); p != std::string::npos; p = text.find("<svg", p + 1)) ++svgs;
  EXPECT_EQ(svgs, 3u);  // layer bars, utilization over time, roofline
  EXPECT_EQ(text.find("<script"), std::string::npos);
  EXPECT_EQ(text.find("src="), std::string::npos);
  EXPECT_EQ(text.find("<link"), std::string::npos);
  EXPECT_NE(text.find(">blocks.0.depthwise<"), std::string::npos);  // the layer table
}

TEST(Simulate, TraceHasAnHbmBandwidthCounterWithinTheChipsBandwidth) {
  const std::string trace = temp("trace.json");
  ASSERT_EQ(run_coda("simulate --hw tpu_v4 --model resnet50 --trace " + trace).code, 0);
  std::ifstream in(trace);
  const auto j = nlohmann::json::parse(in);
  int counters = 0, slices = 0;
  for (const auto& e : j["traceEvents"]) {
    if (e["ph"] == "C") {
      ++counters;
      EXPECT_LE(e["args"]["GB/s"].get<double>(), 1200.0 * 1.001);  // tpu_v4: 1.2 TB/s
    }
    if (e["ph"] == "X" && e["name"].get<std::string>().rfind("layer1.0.conv1", 0) == 0) ++slices;
  }
  EXPECT_EQ(counters, 200);
  EXPECT_GT(slices, 0);  // layer names label the slices
}

TEST(Simulate, DumpedScheduleIsCheckedAndCoversEveryLayer) {
  const std::string dump = temp("schedule.json");
  ASSERT_EQ(run_coda("simulate --hw tpu_v5e --model mobilenet_v2 --dump-schedule " + dump +
                     " --fidelity analytic --json")
                .code,
            0);
  std::ifstream in(dump);
  const auto j = nlohmann::json::parse(in);
  EXPECT_TRUE(j["check"].empty());  // every task on an existing unit, deps acyclic
  std::vector<bool> covered(j["groups"].size(), false);
  for (const auto& t : j["tasks"]) covered.at(t["group"].get<std::size_t>()) = true;
  for (std::size_t g = 0; g < covered.size(); ++g) EXPECT_TRUE(covered[g]) << "group " << g;
}

TEST(Simulate, BadInputIsExitCode2WithOneMessage) {
  const auto unknown = run_coda("simulate --hw tpu_v4 --model resnet51");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("resnet51"), std::string::npos);
  EXPECT_NE(unknown.err.find("did you mean 'resnet50'"), std::string::npos);
  const auto knob = run_coda("simulate --hw tpu_v4 --model resnet50 -k batch");
  EXPECT_EQ(knob.code, 2);
  EXPECT_EQ(knob.err, "error: --knob: expected key=value, got 'batch'\n");
  const auto trace =
      run_coda("simulate --hw tpu_v4 --model resnet50 --fidelity analytic --trace x");
  EXPECT_EQ(trace.code, 2);
}

}  // namespace

namespace {

TEST(Compare, MatrixHasEveryPairAndSpeedupsRelativeToTheFirstChip) {
  const auto r =
      coda::testing::run_coda("compare --hw tpu_v4,tpu_v5p --model resnet50,mobilenet_v2 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 4u);
  for (const auto& c : j) {
    if (c["chip"] == "tpu_v4") {
      EXPECT_DOUBLE_EQ(c["speedup_vs_first"].get<double>(), 1.0);
    }
    EXPECT_GT(c["throughput_per_s"].get<double>(), 0);
  }
  // Each cell equals a separate `coda simulate` run (one elaboration per child process).
  const auto alone = nlohmann::json::parse(
      coda::testing::run_coda("simulate --hw tpu_v5p --model mobilenet_v2 --json").out);
  EXPECT_DOUBLE_EQ(j[3]["time_s"].get<double>(), alone["time_s"].get<double>());
  EXPECT_DOUBLE_EQ(j[3]["speedup_vs_first"].get<double>(),
                   j[2]["time_s"].get<double>() / j[3]["time_s"].get<double>());
}

TEST(Compare, AnUnknownChipIsExitCode2) {
  const auto r = coda::testing::run_coda("compare --hw tpu_v4,tpu_v7 --model resnet50");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: --hw: unknown preset 'tpu_v7'"), std::string::npos);
}

}  // namespace
