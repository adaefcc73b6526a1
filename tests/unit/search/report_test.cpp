// The HTML report's parts: hypervolume over trials (each run's curve ends at its hypervolume in the
// JSON; sampled points equal the full computation), and the front designs' reports and traces
// from `coda simulate` children (stand-in scripts): one per workload, linked, the chip resolved;
// a child that fails is marked in the page, not thrown.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "arch/spec/loader.h"
#include "search/pareto.h"
#include "search/report.h"
#include "search/runner.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

Study study_of(const TempDir& dir) {
  testing::write_accuracy_table(dir);
  return parse_study_text(testing::small_study(), "small.yaml", dir.path());
}

std::string script(const TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir.write(name, "#!/bin/sh\n" + body + "\n");
  ::chmod(path.c_str(), 0755);
  return path;
}

std::string read(const std::string& path) {
  std::ifstream f(path);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SearchReport, HypervolumeCurvesEndAtEachRunsHypervolume) {
  TempDir dir("report_hv");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  run_study(s, st, testing::run_options("nsga2", 3, 40));
  run_study(s, st, testing::run_options("random", 1, 25));
  const auto runs = st.runs();
  const auto trials = st.trials();
  const auto j = nlohmann::json::parse(report_json(runs, trials, false));
  const auto curves = hypervolume_curves(runs, trials);
  ASSERT_EQ(curves.size(), 2u);
  EXPECT_EQ(curves[0].label, "nsga2 seed 3 (analytic)");
  EXPECT_EQ(curves[1].label, "random seed 1 (analytic)");
  // Scores to minimize and the reference, as the report has them: (-accuracy, latency).
  const Scores ref = {-j["reference"]["accuracy"].get<double>(),
                      j["reference"]["latency_s"].get<double>()};
  std::map<std::string, const StoredTrial*> by_key;
  for (const auto& t : trials) by_key[t.key] = &t;
  for (std::size_t r = 0; r < 2; ++r) {
    const HypervolumeCurve& c = curves[r];
    const auto& asks = runs[r].asks;
    EXPECT_EQ(c.run_id, runs[r].id);
    ASSERT_EQ(c.points.size(), asks.size());  // fewer asks than the 200-point cap: all of them
    // The last point is the run's hypervolume in the JSON, exactly.
    EXPECT_EQ(c.points.back().second, j["runs"][r]["hypervolume"].get<double>());
    std::vector<Scores> ok;
    std::set<std::string> seen;
    double before = 0;
    for (std::size_t i = 0; i < asks.size(); ++i) {
      const StoredTrial& t = *by_key.at(asks[i]);
      if (t.outcome.status == Status::ok && seen.insert(t.key).second)
        ok.push_back({-t.outcome.metrics.at("accuracy"), t.outcome.metrics.at("latency_s")});
      EXPECT_EQ(c.points[i].first, i + 1);
      EXPECT_EQ(c.points[i].second, hypervolume(ok, ref)) << i;  // all ok trials so far
      EXPECT_GE(c.points[i].second, before);
      before = c.points[i].second;
    }
    // Sampled: at most 7 points, the last one included, each on the full curve.
    const auto sampled = hypervolume_curves(runs, trials, 7)[r];
    ASSERT_EQ(sampled.points.size(), 7u);
    EXPECT_EQ(sampled.points.back(), c.points.back());
    for (const auto& [x, y] : sampled.points) EXPECT_EQ(y, c.points[x - 1].second);
  }
  const std::string svg = hypervolume_chart(curves);
  EXPECT_EQ(count(svg, "<polyline"), 2u);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("<title>nsga2 seed 3 (analytic): hypervolume " +
                     short_number(curves[0].points.back().second) + " after 40 trials</title>"),
            std::string::npos);
  EXPECT_EQ(hypervolume_chart({}), "");
}

TEST(SearchReport, DesignReportsPerWorkloadWithTheirChipLinked) {
  TempDir dir("report_designs");
  const Study s = parse_study_text(
      "chip: tpu_v4i\nmodel:\n  workloads: [resnet18, mobilenet_v2]\n  knobs: {batch: 2}\n"
      "hardware:\n  core.mxu.count: {int: [1, 4]}\nobjectives: {latency_s: minimize}\n",
      "w.yaml", "");
  Store st(dir.file("w.db"));
  run_study(s, st, testing::run_options("grid", 0, 2));
  // A stand-in `coda`: records its arguments, writes the files --report and --trace name.
  const std::string args = dir.file("args.txt");
  const std::string exe = script(dir, "coda",
                                 "echo \"$@\" >> " + args +
                                     "\nwhile [ $# -gt 0 ]; do case \"$1\" in --report) echo "
                                     "'<html>' > \"$2\";; --trace) echo '{}' > \"$2\";; esac; "
                                     "shift; done");
  DesignReportOptions o;
  o.coda_exe = exe;
  o.dir = dir.file("d");
  o.link_dir = "d";
  const FrontReports fr = write_design_reports(st, o);
  const auto j = nlohmann::json::parse(report_json(st, false));
  ASSERT_EQ(j["front"].size(), 1u);  // one objective: the fastest design
  EXPECT_EQ(fr.front_size, 1u);
  const std::string key = j["front"][0]["key"], stem = key.substr(0, 12);
  ASSERT_EQ(fr.by_key.count(key), 1u);
  const DesignReports& d = fr.by_key.at(key);
  EXPECT_EQ(d.chip, "d/" + stem + ".chip.yaml");
  ASSERT_EQ(d.files.size(), 2u);
  for (const auto& f : d.files) {
    EXPECT_EQ(f.error, "") << f.workload;
    EXPECT_EQ(f.report, "d/" + stem + "." + f.workload + ".html");
    EXPECT_EQ(f.trace, "d/" + stem + "." + f.workload + ".trace.json");
    EXPECT_TRUE(std::filesystem::exists(dir.file(f.report)));
    EXPECT_TRUE(std::filesystem::exists(dir.file(f.trace)));
  }
  EXPECT_EQ(d.files[0].workload, "resnet18");
  EXPECT_EQ(d.files[1].workload, "mobilenet_v2");
  const std::string argv = read(args);
  const std::string chip = dir.file("d/" + stem + ".chip.yaml");
  EXPECT_NE(argv.find("simulate --hw " + chip +
                      " --model resnet18 --fidelity event --layers 0 "
                      "--report " +
                      dir.file("d/" + stem + ".resnet18.html") + " --trace " +
                      dir.file("d/" + stem + ".resnet18.trace.json") + " -k batch=2"),
            std::string::npos)
      << argv;
  EXPECT_NE(argv.find("--model mobilenet_v2"), std::string::npos) << argv;
  // The chip file is self-contained: the base chip resolved, with the design's override.
  const auto& hw = j["front"][0]["inputs"]["hardware"];
  EXPECT_EQ(arch::load_arch(chip).mxu.count, std::stoi(hw["core.mxu.count"].get<std::string>()));
  EXPECT_EQ(read(chip).find("extends"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.file("d/.base_chip.yaml")));
  const std::string html = report_html(st, fr);
  EXPECT_NE(html.find("<th>simulated</th>"), std::string::npos);
  EXPECT_NE(html.find("resnet18: <a href=\"d/" + stem + ".resnet18.html\">report</a> <a href=\"d/" +
                      stem + ".resnet18.trace.json\">trace</a>"),
            std::string::npos)
      << html;
  // Without designs, no column.
  EXPECT_EQ(report_html(st).find("<th>simulated</th>"), std::string::npos);
}

TEST(SearchReport, AFailedChildIsMarkedInThePage) {
  TempDir dir("report_failed");
  Study s = study_of(dir);
  Store st(dir.file("s.db"));
  run_study(s, st, testing::run_options("nsga2", 3, 30));
  const auto j = nlohmann::json::parse(report_json(st, false));
  ASSERT_GE(j["front"].size(), 2u);
  DesignReportOptions o;
  o.dir = dir.file("d");
  o.max_designs = 1;
  auto first = [&](const FrontReports& fr) {  // the error of the one design simulated
    EXPECT_EQ(fr.by_key.size(), 1u);
    if (fr.by_key.empty()) return std::string("none");
    const DesignReports& d = fr.by_key.begin()->second;
    EXPECT_EQ(d.files.size(), 1u);
    return d.files.at(0).error;
  };
  o.coda_exe = dir.file("no_such_coda");
  const FrontReports missing = write_design_reports(st, o);
  EXPECT_EQ(missing.by_key.count(j["front"][0]["key"]), 1u);  // the first of the front
  EXPECT_EQ(first(missing), "coda simulate: exit code 127: cannot run " + o.coda_exe);
  const std::string html = report_html(st, missing);
  EXPECT_NE(html.find("report failed: coda simulate: exit code 127"), std::string::npos);
  EXPECT_NE(html.find("<td>not simulated</td>"), std::string::npos);  // the second
  o.coda_exe = script(dir, "coda", "echo boom >&2; exit 3");
  EXPECT_EQ(first(write_design_reports(st, o)), "coda simulate: exit code 3: boom");
  o.coda_exe = script(dir, "coda", "exit 0");  // succeeds, writes nothing
  EXPECT_EQ(first(write_design_reports(st, o)), "coda simulate wrote no report or trace");
  // A store without the study's base chip cannot build the design's chip.
  s.base_chip_yaml.clear();
  Store old(dir.file("old.db"));
  run_study(s, old, testing::run_options("nsga2", 3, 10));
  EXPECT_EQ(first(write_design_reports(old, o)).rfind("the store has no base chip", 0), 0u);
  o.max_designs = 0;
  EXPECT_TRUE(write_design_reports(st, o).by_key.empty());
  // A child over its time limit is stopped and marked.
  o.max_designs = 1;
  o.timeout_s = 0.2;
  o.coda_exe = script(dir, "coda", "sleep 5");
  EXPECT_EQ(first(write_design_reports(st, o)), "coda simulate: timed out after 0.2 s");
}

// Children run `jobs` at a time; each design's files and links are those of a serial run, and
// progress counts every child once.
TEST(SearchReport, DesignsSimulatedAtOnceGiveTheSameFiles) {
  TempDir dir("report_jobs");
  const Study s = study_of(dir);
  Store st(dir.file("s.db"));
  run_study(s, st, testing::run_options("nsga2", 3, 30));
  DesignReportOptions o;
  o.max_designs = 4;
  // A stand-in for `coda simulate` that writes the report and trace it is given.
  o.coda_exe = script(dir, "coda",
                      "while [ $# -gt 0 ]; do case \"$1\" in --report) echo \"<html>$2\" > \"$2\"; "
                      "shift;; --trace) echo '[]' > \"$2\"; shift;; esac; shift; done");
  std::map<std::size_t, std::size_t> i_seen;
  std::vector<std::string> pages;
  for (std::size_t jobs : {1, 3}) {
    o.jobs = jobs;
    o.dir = dir.file("d" + std::to_string(jobs));
    o.link_dir = "d";
    i_seen.clear();
    const FrontReports fr = write_design_reports(
        st, o, [&](std::size_t i, std::size_t n, const std::string&, const std::string&) {
          EXPECT_EQ(n, 4u);
          ++i_seen[i];
        });
    EXPECT_EQ(i_seen, (std::map<std::size_t, std::size_t>{{1, 1}, {2, 1}, {3, 1}, {4, 1}}));
    ASSERT_EQ(fr.by_key.size(), 4u);
    for (const auto& [key, d] : fr.by_key) {
      ASSERT_EQ(d.files.size(), 1u);
      EXPECT_EQ(d.files[0].error, "");
      EXPECT_EQ(d.files[0].report, "d/" + key.substr(0, 12) + ".html");
      EXPECT_EQ(read(o.dir + "/" + key.substr(0, 12) + ".html"),
                "<html>" + o.dir + "/" + key.substr(0, 12) + ".html\n");
    }
    pages.push_back(report_html(st, fr));
  }
  EXPECT_EQ(pages[0], pages[1]);
}

}  // namespace
}  // namespace coda::search
