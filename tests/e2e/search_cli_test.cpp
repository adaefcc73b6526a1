// `coda search` and `coda report` end to end: bad studies exit 2 before evaluating, a re-run is
// served from the store, same seed gives byte-identical reports, kill -9 then resume equals an
// uninterrupted run, event fidelity runs `coda simulate` workers, LACS scales EfficientNet-X on
// TPU v4 (configs/search/lacs_tpu_v4.yaml), --confirm-near, and the HTML report charts each run's
// hypervolume over its trials and links the front designs' reports and traces.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/e2e/run_coda.h"
#include "tests/unit/search/fixtures.h"

namespace coda {
namespace {

using search::testing::TempDir;
using testing::run_coda;

std::string read_file(const std::string& path) {
  std::ifstream f(path);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// The small study (729 cells x 2 MXU sizes on tpu_v4i) with a synthetic accuracy table.
std::string write_study(const TempDir& dir, const std::string& extra = "") {
  search::testing::write_accuracy_table(dir);
  return dir.write("small.yaml", search::testing::small_study(extra));
}

TEST(SearchCli, BadStudyExitsTwoBeforeAnyEvaluation) {
  TempDir dir("cli_bad");
  search::testing::write_accuracy_table(dir);
  std::string text = search::testing::small_study();
  text.replace(text.find("[64, 128]"), 9, "[128, 64]");
  const std::string study = dir.write("bad.yaml", text);
  const auto r = run_coda("search " + study + " --db " + dir.file("bad.db"));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: " + study +
                       ":9:25: hardware.core.mxu.rows.pow2: empty range [128, 64]: low is above "
                       "high\n");
  EXPECT_FALSE(std::filesystem::exists(dir.file("bad.db")));  // nothing opened, nothing run
}

// The small study with its accuracy from `sh SCRIPT` (written to the folder) instead of the table.
std::string write_command_study(const TempDir& dir, const std::string& script,
                                const std::string& extra = "") {
  std::string text = search::testing::small_study();
  const std::string table = "  table: acc.csv\n  column: acc\n";
  text.replace(text.find(table), table.size(),
               "  command: sh " + dir.write("train.sh", script) + "\n" + extra);
  return dir.write("cmd.yaml", text);
}

// An oracle command that fails is found on the run's first design, before any evaluation and
// before a store is opened; one that answers is not run twice for that design.
TEST(SearchCli, OracleCommandIsTriedBeforeAnyEvaluation) {
  TempDir dir("cli_oracle");
  std::string study =
      write_command_study(dir, "cat > /dev/null; echo 'CUDA out of memory' >&2; exit 1\n");
  auto r = run_coda("search " + study + " --db " + dir.file("c.db") + " --budget 4");
  EXPECT_EQ(r.code, 2);
  const std::string head = "error: " + study + ":14:12: accuracy.command: oracle command 'sh " +
                           dir.file("train.sh") +
                           "' failed on the run's first design, before any evaluation: exit "
                           "code 1: CUDA out of memory; its input was ";
  ASSERT_EQ(r.err.substr(0, head.size()), head) << r.err;
  const auto input = nlohmann::json::parse(r.err.substr(head.size()));  // one line, then \n
  EXPECT_EQ(input["model"], "nb201");
  EXPECT_EQ(input["knobs"]["batch"], "1");
  EXPECT_TRUE(input["hardware"].contains("core.mxu.rows")) << input.dump();
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.db")));

  study = write_command_study(dir, "sleep 5\n", "  timeout_s: 0.2\n");
  r = run_coda("search " + study + " --db " + dir.file("c.db") + " --budget 4");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("before any evaluation: timed out after 0.2 s; its input was {"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.db")));

  // Each run of the command adds a line to calls.txt: the tried design's answer serves its
  // trial, so there are as many lines as evaluations; a resumed run tries nothing.
  const std::string calls = dir.file("calls.txt");
  study = write_command_study(dir, "cat > /dev/null; echo x >> " + calls + "; echo 70.5\n");
  const std::string args = "search " + study + " --db " + dir.file("c.db") + " --budget 4 --json";
  r = run_coda(args);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["ok"], 4);
  auto lines = [&] {
    const std::string text = read_file(calls);
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  };
  EXPECT_EQ(lines(), summary["evaluated"].get<int>());
  r = run_coda(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["from_store"], 4);
  EXPECT_EQ(lines(), summary["evaluated"].get<int>());
}

// --retry-failed evaluates the failed trials a run asks again, once each, in their place in the
// store. The oracle command answers its first call (the try before the run) and then fails until
// the file `fixed` exists.
TEST(SearchCli, RetryFailedEvaluatesFailedTrialsAgainInPlace) {
  TempDir dir("cli_retry");
  const std::string calls = dir.file("calls.txt"), fixed = dir.file("fixed");
  const std::string study = write_command_study(
      dir, "cat > /dev/null; echo x >> " + calls + "; n=$(wc -l < " + calls +
               "); if [ \"$n\" -eq 1 ] || [ -f " + fixed +
               " ]; then echo 70.5; else echo 'out of memory' >&2; exit 1; fi\n");
  const std::string args = "search " + study + " --db " + dir.file("r.db") + " --budget 6 --json";
  auto statuses = [&] {
    const auto rep = nlohmann::json::parse(run_coda("report " + dir.file("r.db") + " --json").out);
    std::vector<std::pair<std::string, std::string>> out;  // key, status, in report order
    for (const auto& t : rep["trials"]) out.emplace_back(t["key"], t["status"]);
    return out;
  };
  auto r = run_coda(args);
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["ok"], 1);  // the design the command was tried on
  const auto before = statuses();
  std::size_t failed = 0;
  for (const auto& [key, status] : before) failed += status == "failed";
  ASSERT_EQ(failed + 1, before.size());
  ASSERT_GT(failed, 0u);
  // Without the flag, failed trials are served like the others.
  r = run_coda(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["from_store"], 6);
  EXPECT_EQ(statuses(), before);

  std::ofstream(fixed) << "\n";
  r = run_coda(args + " --retry-failed");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["retried"], failed);
  EXPECT_EQ(j["evaluated"], failed);
  EXPECT_EQ(j["ok"], 6);
  const auto after = statuses();
  ASSERT_EQ(after.size(), before.size());  // replaced, not added
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].first, before[i].first);  // same trials, same order
    EXPECT_EQ(after[i].second, "ok");
  }
  // Nothing failed is left: a retrying run is served from the store.
  r = run_coda(args + " --retry-failed");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["retried"], 0);
  EXPECT_EQ(j["from_store"], 6);
}

// Counts and time limits must be > 0, said in one line (not CLI11's 300-digit range).
TEST(SearchCli, BadCountsAndTimeLimitsExitTwo) {
  TempDir dir("cli_counts");
  const std::string study = write_study(dir);
  auto r = run_coda("search " + study + " --db " + dir.file("c.db") + " -j 0");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "--jobs: 0 is not allowed: expected a number > 0\nRun with --help for more "
            "information.\n");
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.db")));
  ASSERT_EQ(run_coda("search " + study + " --db " + dir.file("c.db") + " --budget 3").code, 0);
  r = run_coda("report " + dir.file("c.db") + " --out " + dir.file("r.html") + " --timeout -1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "--timeout: -1 is not allowed: expected a number > 0\nRun with --help for "
            "more information.\n");
  r = run_coda("report " + dir.file("c.db") + " --timeout 5");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "--timeout requires --out\nRun with --help for more information.\n");
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.html")));
}

TEST(SearchCli, RerunIsServedFromTheStore) {
  TempDir dir("cli_rerun");
  const std::string study = write_study(dir);
  const std::string args =
      "search " + study + " --db " + dir.file("s.db") + " --strategy nsga2 --seed 4 --budget 30";
  const auto first = run_coda(args);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("30 trials"), std::string::npos) << first.out;
  const auto again = run_coda(args);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("0 evaluated, 30 from the store"), std::string::npos) << again.out;
  const auto rep = run_coda("report " + dir.file("s.db") + " --json");
  ASSERT_EQ(rep.code, 0) << rep.err;
  const auto j = nlohmann::json::parse(rep.out);
  EXPECT_EQ(j["runs"].size(), 1u);
  EXPECT_EQ(j["runs"][0]["asks"], 30);
  std::set<std::string> keys;
  for (const auto& t : j["trials"]) keys.insert(t["key"].get<std::string>());
  EXPECT_EQ(keys.size(), j["trials"].size());
  ASSERT_FALSE(j["front"].empty());
  for (const auto& f : j["front"]) EXPECT_TRUE(keys.count(f["key"].get<std::string>()));
  // CSV: a header (the study's one chip knob and two model knobs, then metrics), one row per
  // trial in the JSON's order.
  const auto csv = run_coda("report " + dir.file("s.db") + " --csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  std::istringstream lines(csv.out);
  std::string header, line;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("key,status,fidelity,reason,model,hw.core.mxu.rows,knob.arch,knob.batch,"
                         "accuracy,",
                         0),
            0u)
      << header;
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.substr(0, 32), j["trials"][rows]["key"].get<std::string>());
    ++rows;
  }
  EXPECT_EQ(rows, j["trials"].size());
  // HTML: the hypervolume chart and one 2-D projection per pair of objectives (here 1), every
  // front design in the table.
  ASSERT_EQ(
      run_coda("report " + dir.file("s.db") + " --out " + dir.file("r.html") + " --no-designs")
          .code,
      0);
  const std::string html = read_file(dir.file("r.html"));
  std::size_t svgs = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++svgs;
  EXPECT_EQ(svgs, 2u);
  EXPECT_FALSE(std::filesystem::exists(dir.file("r_designs")));
  for (const auto& fr : j["front"])
    EXPECT_NE(html.find("<td>" + fr["key"].get<std::string>() + "</td>"), std::string::npos);
}

TEST(SearchCli, HtmlReportChartsHypervolumeAndLinksFrontDesignReports) {
  TempDir dir("cli_html");
  const std::string study = write_study(dir), db = dir.file("h.db");
  ASSERT_EQ(
      run_coda("search " + study + " --db " + db + " --strategy nsga2 --seed 4 --budget 30").code,
      0);
  ASSERT_EQ(
      run_coda("search " + study + " --db " + db + " --strategy random --seed 1 --budget 12").code,
      0);
  const std::string cmd = "report " + db + " --out " + dir.file("r.html") + " --designs 2";
  const auto first = run_coda(cmd);
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string html = read_file(dir.file("r.html"));
  const auto again = run_coda(cmd);  // the same store: the same page, byte for byte
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(read_file(dir.file("r.html")), html);
  EXPECT_EQ(first.out, run_coda("report " + db).out);  // the text on stdout does not change
  const auto j = nlohmann::json::parse(run_coda("report " + db + " --json").out);
  ASSERT_EQ(j["runs"].size(), 2u);

  // Hypervolume over trials: one polyline per run, ending (its title and its marker) at the
  // hypervolume the runs table shows after all of the run's asks.
  std::map<std::string, std::string> table;  // run id -> hypervolume cell
  const std::regex row(
      "<tr><td>(\\d+)</td><td>[^<]*</td><td>\\d+</td><td>[^<]*</td>(?:<td>\\d+</td>){4}<td>([^<]*)"
      "</td>");
  for (std::sregex_iterator m(html.begin(), html.end(), row), end; m != end; ++m)
    table[(*m)[1]] = (*m)[2];
  ASSERT_EQ(table.size(), 2u) << html;
  const std::regex line(
      "<polyline data-run=\"(\\d+)\"[^>]* points=\"([^\"]*)\"><title>([^<]*)</title></polyline>"
      "<circle data-run=\"\\1\" cx=\"([^\"]*)\" cy=\"([^\"]*)\"");
  std::size_t lines = 0;
  for (std::sregex_iterator m(html.begin(), html.end(), line), end; m != end; ++m, ++lines) {
    const std::string id = (*m)[1], points = (*m)[2], title = (*m)[3];
    const auto& run = j["runs"][std::stoi(id) - 1];
    EXPECT_EQ(title, run["strategy"].get<std::string>() + " seed " + run["seed"].dump() + " (" +
                         run["fidelity"].get<std::string>() + "): hypervolume " + table.at(id) +
                         " after " + run["asks"].dump() + " trials");
    EXPECT_EQ(points.substr(points.rfind(' ') + 1), (*m)[4].str() + "," + (*m)[5].str());
    EXPECT_EQ(std::count(points.begin(), points.end(), ','), run["asks"].get<int>());
  }
  EXPECT_EQ(lines, 2u);

  // The first two front designs: chip, report and trace next to the page, linked relatively.
  ASSERT_GE(j["front"].size(), 2u);
  for (std::size_t i = 0; i < j["front"].size(); ++i) {
    const std::string stem = j["front"][i]["key"].get<std::string>().substr(0, 12);
    const std::string base = "r_designs/" + stem;
    if (i >= 2) {
      EXPECT_FALSE(std::filesystem::exists(dir.file(base + ".html")));
      continue;
    }
    EXPECT_NE(read_file(dir.file(base + ".html")).find("<html"), std::string::npos);
    const auto trace = nlohmann::json::parse(read_file(dir.file(base + ".trace.json")));
    EXPECT_FALSE(trace.empty());
    EXPECT_TRUE(std::filesystem::exists(dir.file(base + ".chip.yaml")));
    EXPECT_NE(html.find("<a href=\"" + base + ".chip.yaml\">chip</a><br><a href=\"" + base +
                        ".html\">report</a> <a href=\"" + base + ".trace.json\">trace</a>"),
              std::string::npos)
        << stem;
  }
  EXPECT_NE(html.find("of the first 2 of " + std::to_string(j["front"].size()) + " designs"),
            std::string::npos);
}

TEST(SearchCli, SameSeedGivesByteIdenticalReports) {
  TempDir dir("cli_same");
  const std::string study = write_study(dir);
  for (const char* db : {"a.db", "b.db"}) {
    ASSERT_EQ(run_coda("search " + study + " --db " + dir.file(db) +
                       " --strategy evolution --seed 8 --budget 25")
                  .code,
              0);
  }
  const auto a = run_coda("report " + dir.file("a.db") + " --json");
  const auto b = run_coda("report " + dir.file("b.db") + " --json");
  EXPECT_EQ(a.out, b.out);
  EXPECT_FALSE(a.out.empty());
}

TEST(SearchCli, KillDashNineThenResumeEqualsAnUninterruptedRun) {
  TempDir dir("cli_kill");
  const std::string study = write_study(dir, "run: {population: 10}\n");
  const std::string tail = " --strategy nsga2 --seed 2 --budget 300";
  ASSERT_EQ(run_coda("search " + study + " --db " + dir.file("whole.db") + tail).code, 0);
  // The interrupted run: a child we kill -9 once its progress shows 50 trials stored.
  const std::string log = dir.file("progress.log");
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string cmd = std::string(CODA_BINARY_DIR) + "/coda search " + study + " --db " +
                            dir.file("killed.db") + tail + " 2>" + log + " >/dev/null";
    ::execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  bool seen = false;
  for (int i = 0; i < 3000 && !seen; ++i) {
    std::ifstream f(log);
    const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    seen = text.find("trial 50/") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(seen) << "the run never reported 50 trials";
  // Killed by the signal (not finished): the resume has work left.
  EXPECT_TRUE(WIFSIGNALED(status));
  const auto resumed = run_coda("search " + study + " --db " + dir.file("killed.db") + tail);
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(resumed.out.find(" 0 from the store"), std::string::npos) << resumed.out;
  const auto a = run_coda("report " + dir.file("whole.db") + " --json");
  const auto b = run_coda("report " + dir.file("killed.db") + " --json");
  EXPECT_EQ(a.out, b.out);  // same trials in the same order, same asks, same front
}

TEST(SearchCli, EventFidelityRunsCodaWorkersInParallel) {
  TempDir dir("cli_event");
  const std::string study = write_study(dir);
  const std::string args = " --fidelity event --strategy random --seed 1 --budget 4";
  const auto two = run_coda("search " + study + " --db " + dir.file("two.db") + args + " -j 2");
  ASSERT_EQ(two.code, 0) << two.err;
  const auto one = run_coda("search " + study + " --db " + dir.file("one.db") + args + " -j 1");
  ASSERT_EQ(one.code, 0) << one.err;
  const std::string report = run_coda("report " + dir.file("two.db") + " --json").out;
  const auto j = nlohmann::json::parse(report);
  ASSERT_EQ(j["trials"].size(), 4u);
  for (const auto& t : j["trials"]) {
    EXPECT_EQ(t["status"], "ok") << t.dump();
    EXPECT_EQ(t["fidelity"], "event");
    EXPECT_GT(t["metrics"]["latency_s"].get<double>(), 0.0);
  }
  // Two workers at once store trials in completion order; the report does not depend on it.
  EXPECT_EQ(report, run_coda("report " + dir.file("one.db") + " --json").out);
}

TEST(SearchCli, LacsNeedsItsKnobsBeforeAnyStoreIsOpened) {
  TempDir dir("cli_lacs_bad");
  const std::string study = write_study(dir);
  const auto r = run_coda("search " + study + " --db " + dir.file("l.db") + " --strategy lacs");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: " + study +
                       ": model.knobs: strategy 'lacs' scales the model knobs depth, width and "
                       "resolution; missing: depth, width, resolution\n");
  EXPECT_FALSE(std::filesystem::exists(dir.file("l.db")));
}

TEST(SearchCli, LacsScalesEfficientNetXOnTpuV4) {
  const std::string study = std::string(CODA_SOURCE_DIR) + "/configs/search/lacs_tpu_v4.yaml";
  const std::string timm =
      std::string(CODA_SOURCE_DIR) + "/../shared/data/nas/timm_accuracy_vs_throughput.csv";
  if (!std::filesystem::exists(timm)) GTEST_SKIP() << "no " << timm;
  TempDir dir("cli_lacs");
  const std::string args = "search " + study + " --db " + dir.file("l.db") + " --budget 40";
  const auto r = run_coda(args);
  ASSERT_EQ(r.code, 0) << r.err;
  // The notes: the base, the choice with its latency ratio inside the band, the family.
  const auto chose = r.out.find("lacs: chose depth ");
  ASSERT_NE(chose, std::string::npos) << r.out;
  const auto at = r.out.find("latency ratio ", chose);
  ASSERT_NE(at, std::string::npos) << r.out;
  const double ratio = std::stod(r.out.substr(at + 14));
  EXPECT_GE(ratio, 1.9);
  EXPECT_LE(ratio, 2.1);
  EXPECT_NE(r.out.find("lacs: family "), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(run_coda("report " + dir.file("l.db") + " --json").out);
  ASSERT_EQ(j["runs"].size(), 1u);
  EXPECT_EQ(j["runs"][0]["strategy"], "lacs");
  EXPECT_LE(j["runs"][0]["asks"].get<int>(), 40);  // finished within the budget
  const auto& base = j["trials"][0]["inputs"]["knobs"];
  EXPECT_EQ(base["depth"], "1");
  EXPECT_EQ(base["width"], "1");
  EXPECT_EQ(base["resolution"], "224");
  // Replayed from the store: the same asks, the same notes.
  const auto again = run_coda(args);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find(" 0 evaluated"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.substr(again.out.find("lacs: ")), r.out.substr(r.out.find("lacs: ")));
}

TEST(SearchCli, ConfirmReRunsTheAnalyticFrontEventDriven) {
  TempDir dir("cli_confirm");
  const std::string study = write_study(dir);
  const auto r = run_coda("search " + study + " --db " + dir.file("c.db") +
                          " --strategy nsga2 --seed 3 --budget 30 --confirm 1");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(run_coda("report " + dir.file("c.db") + " --json").out);
  ASSERT_EQ(j["runs"].size(), 2u);
  const auto &screen = j["runs"][0], &confirm = j["runs"][1];
  EXPECT_EQ(confirm["strategy"], "nsga2+confirm");
  EXPECT_EQ(confirm["fidelity"], "event");
  // One event-driven trial per design on the analytic run's first front.
  EXPECT_EQ(confirm["asks"], screen["front_size"]);
  std::map<std::string, std::set<std::string>> fidelities;  // inputs -> fidelities evaluated
  for (const auto& t : j["trials"]) fidelities[t["inputs"].dump()].insert(t["fidelity"]);
  // The study's front takes a design's event-driven numbers whenever it has them.
  for (const auto& f : j["front"]) {
    const bool has_event = fidelities[f["inputs"].dump()].count("event") > 0;
    EXPECT_EQ(f["fidelity"], has_event ? "event" : "analytic") << f.dump();
  }
}

TEST(SearchCli, ConfirmNearTakesTheDesignsWithinADistanceOfTheFront) {
  TempDir dir("cli_near");
  const std::string study = write_study(dir);
  // Distance 0 is the front itself; every ok design is within 1 (a whole range) of it.
  std::map<std::string, nlohmann::json> runs;
  for (const char* near : {"0", "1"}) {
    const std::string db = dir.file(std::string("near") + near + ".db");
    const auto r = run_coda("search " + study + " --db " + db +
                            " --strategy random --seed 2 --budget 20 --confirm-near " + near);
    ASSERT_EQ(r.code, 0) << r.err;
    runs[near] = nlohmann::json::parse(run_coda("report " + db + " --json").out)["runs"];
  }
  EXPECT_EQ(runs["0"][1]["asks"], runs["0"][0]["front_size"]);
  std::set<std::string> ok;  // distinct ok designs of the screen
  const auto j = nlohmann::json::parse(run_coda("report " + dir.file("near1.db") + " --json").out);
  for (const auto& t : j["trials"]) {
    if (t["status"] == "ok" && t["fidelity"] == "analytic") ok.insert(t["key"]);
  }
  EXPECT_EQ(runs["1"][1]["asks"], ok.size());
  EXPECT_GT(ok.size(), runs["1"][0]["front_size"].get<std::size_t>());
  const auto bad = run_coda("search " + study + " --db " + dir.file("bad.db") +
                            " --fidelity event --confirm-near 0.1");
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err, "error: --confirm-near: confirms an analytic run; the fidelity is event\n");
}

}  // namespace
}  // namespace coda
