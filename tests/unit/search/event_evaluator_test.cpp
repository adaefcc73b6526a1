// Event-driven evaluation through a child process, with stand-in `coda` scripts: a good answer is
// parsed, a crash, a hang or garbage fails only that trial with its reason, and the study goes on.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "search/runner.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

// JSON as `coda simulate --json` prints it, with the fields the evaluator reads.
const char* kGoodJson =
    "{\"time_s\": 0.002, \"throughput_per_s\": 500, \"energy_per_inference_j\": 0.01, "
    "\"tflops\": 3.5, \"perf_per_tdp_tflops_per_w\": 0.05}";

std::string script(const TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir.write(name, "#!/bin/sh\n" + body + "\n");
  ::chmod(path.c_str(), 0755);
  return path;
}

Study study_of(const TempDir& dir) {
  testing::write_accuracy_table(dir);
  return parse_study_text(testing::small_study(), "small.yaml", dir.path());
}

TEST(SearchEventEvaluator, ParsesTheWorkerAndReportsItsFailures) {
  TempDir dir("event_eval");
  const Study s = study_of(dir);
  const DesignPoint p = make_point(s, {2, 0, 1, 2, 2, 1, 0});
  auto run = [&](const std::string& body, double timeout_s = 10) {
    EventEvaluator e(s, make_oracle(s.oracle, s.model), script(dir, "coda", body), timeout_s);
    return e.evaluate(p);
  };
  const Outcome ok = run("echo '" + std::string(kGoodJson) + "'");
  ASSERT_EQ(ok.status, Status::ok) << ok.reason;
  EXPECT_EQ(ok.fidelity, "event");
  EXPECT_EQ(ok.metrics.at("latency_s"), 0.002);  // time_s of the worker
  EXPECT_EQ(ok.metrics.at("perf_per_tdp_tflops_per_w"), 0.05);
  // The chip metrics come from the parent and accuracy from the oracle: 50 + 3 x 5 + 2 x 1.
  EXPECT_GT(ok.metrics.at("area_mm2"), 0.0);
  EXPECT_EQ(ok.metrics.at("accuracy"), 67.0);

  const Outcome crashed = run("kill -9 $$");
  EXPECT_EQ(crashed.status, Status::failed);
  EXPECT_EQ(crashed.reason, "coda simulate: killed by signal 9");
  const Outcome exited = run("echo 'error: no such thing' >&2; exit 2");
  EXPECT_EQ(exited.reason, "coda simulate: exit code 2: error: no such thing");
  const Outcome hung = run("sleep 5", 0.3);
  EXPECT_EQ(hung.reason, "coda simulate: timed out after 0.3 s");
  const Outcome garbage = run("echo not json");
  EXPECT_EQ(garbage.reason, "coda simulate printed no JSON object");
  const Outcome partial = run("echo '{\"time_s\": 1}'");
  EXPECT_EQ(partial.reason, "coda simulate JSON lacks throughput_per_s");
}

// make_evaluator gives the event workers the study's limits: the worker sees an address-space
// limit of run.worker_memory (ulimit -v counts KiB: 1 GiB = 1,048,576) and is stopped after
// run.worker_timeout.
TEST(SearchEventEvaluator, WorkersKeepTheStudysLimits) {
  TempDir dir("event_limit");
  testing::write_accuracy_table(dir);
  const Study s = parse_study_text(
      testing::small_study("run: {worker_timeout: 250 ms, worker_memory: 1 GiB}\n"), "small.yaml",
      dir.path());
  const DesignPoint p = make_point(s, {2, 0, 1, 2, 2, 1, 0});
  const std::string limit = dir.file("ulimit.txt");
  const auto measured = make_evaluator(
      s, "event", script(dir, "coda", "ulimit -v > " + limit + "; echo '" + kGoodJson + "'"));
  ASSERT_EQ(measured->evaluate(p).status, Status::ok);
  std::ifstream in(limit);
  std::string kib;
  in >> kib;
  EXPECT_EQ(kib, "1048576");
  const auto hung = make_evaluator(s, "event", script(dir, "coda2", "sleep 5"));
  const Outcome o = hung->evaluate(p);
  EXPECT_EQ(o.status, Status::failed);
  EXPECT_EQ(o.reason, "coda simulate: timed out after 0.25 s");
}

TEST(SearchEventEvaluator, WorkerArgumentsNameTheChipModelAndKnobs) {
  TempDir dir("event_args");
  const Study s = study_of(dir);
  const std::string args = dir.file("args.txt"), chip = dir.file("chip.yaml");
  // Record the arguments and the chip file (--hw is argument 3), then answer.
  const std::string body =
      "echo \"$@\" > " + args + "; cp \"$3\" " + chip + "; echo '" + kGoodJson + "'";
  EventEvaluator e(s, nullptr, script(dir, "coda", body));
  ASSERT_EQ(e.evaluate(make_point(s, {2, 0, 1, 2, 2, 1, 1})).status, Status::ok);
  std::ifstream a(args), c(chip);
  const std::string argv((std::istreambuf_iterator<char>(a)), std::istreambuf_iterator<char>());
  const std::string yaml((std::istreambuf_iterator<char>(c)), std::istreambuf_iterator<char>());
  EXPECT_NE(argv.find("simulate --hw "), std::string::npos) << argv;
  EXPECT_NE(argv.find("--model nb201 --json --fidelity event"), std::string::npos) << argv;
  EXPECT_NE(argv.find("-k arch=|nor_conv_3x3~0|+|none~0|skip_connect~1|"), std::string::npos);
  EXPECT_NE(argv.find("-k batch=1"), std::string::npos) << argv;
  EXPECT_EQ(yaml, "extends: \"tpu_v4i\"\ncore.mxu.rows: \"128\"\n");
}

TEST(SearchEventEvaluator, AStudyGoesOnPastCrashedWorkers) {
  TempDir dir("event_study");
  const Study s = study_of(dir);
  // Every second call crashes (a counter file makes the script stateful).
  const std::string counter = dir.file("calls");
  const std::string body = "n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n+1)) > " +
                           counter + "; if [ $((n % 2)) = 1 ]; then kill -9 $$; fi; echo '" +
                           kGoodJson + "'";
  RunOptions o;
  o.strategy = "grid";
  o.fidelity = "event";
  o.budget = 8;
  o.coda_exe = script(dir, "coda", body);
  Store st(dir.file("s.db"));
  // Grid points 0 and 1 are the all-none cell, which the full table has: every point gets a
  // worker. Calls 2, 4, 6, 8 crash.
  const RunSummary r = run_study(s, st, o);
  EXPECT_EQ(r.asked, 8u);
  EXPECT_EQ(r.ok, 4u);
  EXPECT_EQ(r.failed, 4u);
  for (const auto& t : st.trials()) {
    if (t.outcome.status == Status::failed) {
      EXPECT_EQ(t.outcome.reason, "coda simulate: killed by signal 9");
    }
  }
}

}  // namespace
}  // namespace coda::search
