// The study loop with the analytic evaluator: resume equals an uninterrupted run, repeated points
// come from the store, infeasible and failed points carry their reason, the report's front is the
// non-dominated set of the trials.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "search/runner.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

Study study_of(const TempDir& dir, const std::string& extra = "", std::size_t skip = 0) {
  testing::write_accuracy_table(dir, skip);
  return parse_study_text(testing::small_study(extra), "small.yaml", dir.path());
}

// (key, status, metrics) of every trial, in store order.
std::vector<std::string> dump(const Store& st) {
  std::vector<std::string> out;
  for (const auto& t : st.trials()) {
    out.push_back(t.key + " " + to_string(t.outcome.status) + " " +
                  nlohmann::json(t.outcome.metrics).dump());
  }
  return out;
}

TEST(SearchRunner, ResumeEqualsAnUninterruptedRun) {
  TempDir dir("resume");
  const Study s = study_of(dir);
  for (const std::string strategy : {"nsga2", "evolution"}) {
    Store a(dir.file(strategy + "_a.db")), b(dir.file(strategy + "_b.db"));
    const RunSummary first = run_study(s, a, testing::run_options(strategy, 5, 23));
    EXPECT_EQ(first.asked, 23u);
    const RunSummary resumed = run_study(s, a, testing::run_options(strategy, 5, 50));
    // The replay serves the 23 stored asks and evaluates only what is new.
    EXPECT_EQ(resumed.asked, 50u);
    EXPECT_EQ(resumed.evaluated + first.evaluated, a.trials().size());  // each point once
    EXPECT_GE(resumed.from_store, 23u);
    run_study(s, b, testing::run_options(strategy, 5, 50));
    EXPECT_EQ(a.runs().at(0).asks, b.runs().at(0).asks) << strategy;
    EXPECT_EQ(dump(a), dump(b)) << strategy;
  }
}

// A run whose recorded asks differ from what the strategy asks again (a store written by another
// simulator version, whose keys differ) is refused before anything is evaluated.
TEST(SearchRunner, ResumeRefusesAnotherVersionsAsks) {
  TempDir dir("mismatch");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  const RunSummary first = run_study(s, st, testing::run_options("random", 2, 6));
  const std::string asked = st.runs().at(0).asks.at(3);
  st.record_asks(first.run_id, 3, {{"0123456789abcdef0123456789abcdef", "[0]"}});
  try {
    run_study(s, st, testing::run_options("random", 2, 10));
    FAIL() << "resumed over another version's asks";
  } catch (const core::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--db: run 1 of the store asked 0123456789abcdef0123456789abcdef at trial 3, now " +
                  asked + ": the store was written by another simulator version");
  }
  EXPECT_EQ(st.trials().size(), 6u);
}

TEST(SearchRunner, RepeatedPointsComeFromTheStore) {
  TempDir dir("repeat");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  const RunSummary one = run_study(s, st, testing::run_options("grid", 0, 20));
  EXPECT_EQ(one.evaluated, 20u);
  // Another run (a different seed) of the grid asks the same 20 points: nothing is evaluated.
  const RunSummary two = run_study(s, st, testing::run_options("grid", 1, 20));
  EXPECT_EQ(two.evaluated, 0u);
  EXPECT_EQ(two.from_store, 20u);
  EXPECT_EQ(st.trials().size(), 20u);
  EXPECT_EQ(st.runs().size(), 2u);
}

TEST(SearchRunner, InfeasibleBeforeTimingWithItsReason) {
  TempDir dir("infeasible");
  // tpu_v4i is hundreds of mm^2, far above 1 mm^2: every point is infeasible on area alone.
  const Study s = study_of(dir, "constraints: {area_mm2: {max: 1}}\n");
  Store st(dir.file("s.db"));
  const RunSummary r = run_study(s, st, testing::run_options("random", 1, 5));
  EXPECT_EQ(r.infeasible, 5u);
  for (const auto& t : st.trials()) {
    EXPECT_EQ(t.outcome.status, Status::infeasible);
    EXPECT_EQ(t.outcome.reason.rfind("area_mm2 = ", 0), 0u) << t.outcome.reason;
    EXPECT_NE(t.outcome.reason.find(" > max 1"), std::string::npos) << t.outcome.reason;
    EXPECT_TRUE(t.outcome.metrics.count("area_mm2"));
    EXPECT_FALSE(t.outcome.metrics.count("latency_s"));  // never timed
  }
}

TEST(SearchRunner, LatencyLimitAndMissingAccuracy) {
  TempDir dir("limits");
  // A latency limit of 1 ns fails every point after timing; it keeps its measured latency.
  const Study s = study_of(dir, "constraints: {latency_s: {max: 1e-9}}\n", 1);
  Store st(dir.file("s.db"));
  // Grid order, last dimension fastest: points 0 and 1 are the all-none cell (missing from the
  // table) at both MXU sizes; point 2 changes the last edge to skip_connect.
  run_study(s, st, testing::run_options("grid", 0, 3));
  const auto trials = st.trials();
  ASSERT_EQ(trials.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(trials[i].outcome.status, Status::failed);
    EXPECT_NE(trials[i].outcome.reason.find("is not in"), std::string::npos);
  }
  EXPECT_EQ(trials[2].outcome.status, Status::infeasible);
  EXPECT_EQ(trials[2].outcome.reason.rfind("latency_s = ", 0), 0u);
  EXPECT_GT(trials[2].outcome.metrics.at("latency_s"), 1e-9);
}

TEST(SearchRunner, MetricsAreConsistent) {
  TempDir dir("metrics");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  run_study(s, st, testing::run_options("random", 2, 4));
  for (const auto& t : st.trials()) {
    const auto& m = t.outcome.metrics;
    ASSERT_EQ(t.outcome.status, Status::ok) << t.outcome.reason;
    // Batch 1: throughput is 1 / latency.
    EXPECT_NEAR(m.at("throughput_per_s") * m.at("latency_s"), 1.0, 1e-12);
    // Achieved TFLOP/s over TDP is the reported Perf/TDP.
    EXPECT_NEAR(m.at("tflops") / m.at("tdp_w"), m.at("perf_per_tdp_tflops_per_w"), 1e-12);
    EXPECT_GE(m.at("accuracy"), 50.0);
    EXPECT_EQ(t.outcome.fidelity, "analytic");
  }
}

TEST(SearchRunner, WorkloadsAreSummed) {
  TempDir dir("workloads");
  const Study s = parse_study_text(
      "chip: tpu_v4i\nmodel:\n  workloads: [resnet18, mobilenet_v2]\n"
      "hardware:\n  core.mxu.count: {int: [1, 4]}\nobjectives: {latency_s: minimize}\n",
      "w.yaml", "");
  EXPECT_EQ(s.model, "resnet18+mobilenet_v2");
  Store st(dir.file("w.db"));
  run_study(s, st, testing::run_options("grid", 0, 2));
  for (const auto& t : st.trials()) {
    const auto& m = t.outcome.metrics;
    ASSERT_EQ(t.outcome.status, Status::ok) << t.outcome.reason;
    const double a = m.at("resnet18.latency_s"), b = m.at("mobilenet_v2.latency_s");
    // One inference of each, back to back.
    EXPECT_DOUBLE_EQ(m.at("latency_s"), a + b);
    EXPECT_DOUBLE_EQ(m.at("throughput_per_s"), 2 / (a + b));
    EXPECT_DOUBLE_EQ(
        m.at("energy_per_inference_j"),
        m.at("resnet18.energy_per_inference_j") + m.at("mobilenet_v2.energy_per_inference_j"));
    // TFLOP/s over both: (tflops_a * a + tflops_b * b) / (a + b).
    EXPECT_DOUBLE_EQ(m.at("tflops"),
                     (m.at("resnet18.tflops") * a + m.at("mobilenet_v2.tflops") * b) / (a + b));
  }
  try {
    parse_study_text(
        "chip: tpu_v4i\nmodel:\n  name: resnet18\n  workloads: [resnet18]\n"
        "objectives: {latency_s: minimize}\n",
        "w.yaml", "");
    ADD_FAILURE() << "name and workloads together";
  } catch (const core::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "w.yaml:4:14: model.workloads: give model.name or model.workloads, not both");
  }
}

TEST(SearchRunner, ProgressWhileABatchRuns) {
  TempDir dir("progress");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  RunOptions o = testing::run_options("random", 4, 40);  // one batch of 40
  o.progress_every_s = 0;                                // a call after every trial
  std::vector<RunSummary> calls;
  const RunSummary sum = run_study(s, st, o, [&](const RunSummary& p) { calls.push_back(p); });
  // One call per evaluated trial as it is stored, then the batch's own call.
  ASSERT_EQ(calls.size(), sum.evaluated + 1);
  for (std::size_t k = 0; k < sum.evaluated; ++k) {
    EXPECT_EQ(calls[k].evaluated, k + 1);
    EXPECT_EQ(calls[k].asked, k + 1);
    EXPECT_EQ(calls[k].ok + calls[k].infeasible + calls[k].failed, k + 1);
    EXPECT_EQ(calls[k].from_store, 0u);  // repeats are counted when the batch ends
  }
  const RunSummary& last = calls.back();
  EXPECT_EQ(last.asked, 40u);
  EXPECT_EQ(last.evaluated + last.from_store, 40u);
  EXPECT_EQ(last.ok, sum.ok);
  // The last trial's call already has the whole front: repeats add no new scores.
  EXPECT_EQ(calls[sum.evaluated - 1].front_size, sum.front_size);
  EXPECT_EQ(calls[sum.evaluated - 1].best, sum.best);
  EXPECT_GT(sum.front_size, 0u);
}

TEST(SearchRunner, ReportFrontIsTheNonDominatedSet) {
  TempDir dir("report");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  const RunSummary sum = run_study(s, st, testing::run_options("nsga2", 3, 60));
  const auto j = nlohmann::json::parse(report_json(st, false));
  ASSERT_EQ(j["trials"].size(), st.trials().size());
  EXPECT_FALSE(j["trials"][0].contains("eval_s"));
  // Recompute: a trial is on the front when no ok trial is at least as good in accuracy and
  // latency and better in one.
  std::set<std::string> expected;
  for (const auto& a : j["trials"]) {
    bool dominated = false;
    for (const auto& b : j["trials"]) {
      const double aa = a["metrics"]["accuracy"], al = a["metrics"]["latency_s"];
      const double ba = b["metrics"]["accuracy"], bl = b["metrics"]["latency_s"];
      dominated |= ba >= aa && bl <= al && (ba > aa || bl < al);
    }
    if (!dominated) expected.insert(a["key"].get<std::string>());
  }
  std::set<std::string> front;
  for (const auto& f : j["front"]) front.insert(f["key"].get<std::string>());
  EXPECT_EQ(front, expected);
  EXPECT_GT(j["runs"][0]["hypervolume"].get<double>(), 0.0);
  EXPECT_EQ(j["runs"][0]["front_size"].get<std::size_t>(), expected.size());
  // The progress summary keeps the same front incrementally, and the best value per objective.
  EXPECT_EQ(sum.front_size, expected.size());
  double best_accuracy = 0;
  for (const auto& t : j["trials"])
    best_accuracy = std::max(best_accuracy, t["metrics"]["accuracy"].get<double>());
  ASSERT_EQ(sum.best.size(), 2u);
  EXPECT_EQ(-sum.best[0], best_accuracy);  // accuracy is maximized: its score is negated
}

}  // namespace
}  // namespace coda::search
