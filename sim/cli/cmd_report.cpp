// `coda report FILE.db`: the trials, runs and Pareto front of a study store (text, --json or
// --csv); with --out, a self-contained HTML page whose front designs are simulated event-driven
// by `coda simulate` children for their own report and trace (search/design_reports.cpp).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "search/report.h"
#include "search/runner.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"

namespace coda::cli {
namespace {

namespace fs = std::filesystem;

struct ReportArgs {
  std::string db, html, designs_dir;
  bool json = false, timings = false, csv = false, no_designs = false;
  std::size_t designs = 20;
  std::size_t jobs = std::max(1u, std::thread::hardware_concurrency());
  double timeout_s = search::DesignReportOptions{}.timeout_s;
};

// Simulates the front designs for the page at `html`: files in --designs-dir (default
// <page stem>_designs next to the page), linked relative to the page.
search::FrontReports design_reports(const search::Store& store, const ReportArgs& a) {
  search::DesignReportOptions o;
  o.coda_exe = self_exe();
  o.max_designs = a.no_designs ? 0 : a.designs;
  o.jobs = a.jobs;
  o.timeout_s = a.timeout_s;
  const fs::path page_dir = fs::absolute(a.html).parent_path();
  o.dir = a.designs_dir.empty()
              ? (page_dir / (fs::path(a.html).stem().string() + "_designs")).string()
              : a.designs_dir;
  const fs::path rel =
      fs::absolute(o.dir).lexically_normal().lexically_relative(page_dir.lexically_normal());
  o.link_dir = rel.empty() ? fs::absolute(o.dir).generic_string() : rel.generic_string();
  return search::write_design_reports(
      store, o,
      [](std::size_t i, std::size_t n, const std::string& key, const std::string& workload) {
        std::fprintf(stderr, "report: coda simulate %zu/%zu: front design %s, %s\n", i, n,
                     key.substr(0, 12).c_str(), workload.c_str());
      });
}

int run_report(const ReportArgs& a) {
  const std::string& db = a.db;
  if (!fs::exists(db)) throw core::InputError({db, 0, 0}, "", "no such store");
  search::Store store(db);
  if (!a.html.empty()) {
    std::ofstream f(a.html);
    if (!f) throw core::InputError({}, "--out", "cannot write '" + a.html + "'");
    f << search::report_html(store, design_reports(store, a));
  }
  if (a.csv) {
    std::cout << search::report_csv(store);
    return 0;
  }
  const std::string text = search::report_json(store, a.timings);
  if (a.json) {
    std::cout << text << "\n";
    return 0;
  }
  const auto j = nlohmann::json::parse(text);
  if (!j.contains("study")) {
    std::printf("%s: no runs\n", db.c_str());
    return 0;
  }
  std::printf("study %s, %zu trials\n", j["study"]["name"].get<std::string>().c_str(),
              j["trials"].size());
  std::printf("%4s %-17s %6s %-9s %6s %5s %10s %9s %12s %6s\n", "run", "strategy", "seed",
              "fidelity", "asks", "ok", "infeasible", "failed", "hypervolume", "front");
  for (const auto& r : j["runs"]) {
    std::printf("%4lld %-17s %6llu %-9s %6zu %5d %10d %9d %12.6g %6zu\n", r["id"].get<long long>(),
                r["strategy"].get<std::string>().c_str(), r["seed"].get<unsigned long long>(),
                r["fidelity"].get<std::string>().c_str(), r["asks"].get<std::size_t>(),
                r["ok"].get<int>(), r["infeasible"].get<int>(), r["failed"].get<int>(),
                r.value("hypervolume", 0.0), r.value("front_size", std::size_t{0}));
  }
  std::printf("Pareto front (%zu designs):\n", j["front"].size());
  if (const auto e = j["study"].find("estimates"); e != j["study"].end()) {
    for (const auto& [metric, by] : e->items()) {
      std::printf(
          "  (%s: a %s estimate, not a measurement; cross-validated RMSE %.3g percentage points)\n",
          metric.c_str(), by["by"].get<std::string>().c_str(),
          by["cv_rmse_percentage_points"].get<double>());
    }
  }
  for (const auto& f : j["front"]) {
    std::string line = "  " + f["key"].get<std::string>().substr(0, 12) + " " +
                       (f["fidelity"] == "event" ? "event   " : "analytic");
    for (const auto& o : j["study"]["objectives"]) {
      const std::string m = o["metric"];
      char b[64];
      std::snprintf(b, sizeof b, "  %s=%.5g", m.c_str(), f["metrics"][m].get<double>());
      line += b;
    }
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

}  // namespace

std::string self_exe() {
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("coda") : p.string();
}

std::string positive_number(const std::string& value) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || !(v > 0) || !std::isfinite(v))
    return value + " is not allowed: expected a number > 0";
  return "";
}

Command add_report_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("report", "Trials, runs and Pareto front of a study store");
  auto a = std::make_shared<ReportArgs>();
  app->add_option("db", a->db, "Study store (.db)")->required();
  app->add_flag("--json", a->json, "Runs, every trial and the front as JSON");
  app->add_flag("--timings", a->timings, "Add each trial's evaluation time (eval_s) to the JSON");
  app->add_flag("--csv", a->csv, "Every trial as CSV: inputs and metrics as columns");
  auto* out = app->add_option("--out", a->html,
                              "Also write a self-contained HTML report (runs, hypervolume over "
                              "trials, front, front designs with their reports and traces)");
  app->add_option("--designs", a->designs,
                  "With --out: simulate the first N front designs event-driven for their report "
                  "and trace (default 20; 0 = none)")
      ->needs(out);
  app->add_flag("--no-designs", a->no_designs, "With --out: simulate no front design")->needs(out);
  app->add_option("-j,--jobs", a->jobs,
                  "With --out: designs simulated at once (default: the cores); the files do not "
                  "depend on it")
      ->check(positive_number)
      ->needs(out);
  app->add_option("--timeout", a->timeout_s,
                  "With --out: seconds each design's simulation may take before it is stopped "
                  "and marked failed (default 1800)")
      ->check(positive_number)
      ->needs(out);
  app->add_option("--designs-dir", a->designs_dir,
                  "With --out: where the designs' chips, reports and traces go (default: "
                  "<page stem>_designs next to the page)")
      ->needs(out);
  return {app, [a] { return run_report(*a); }};
}

}  // namespace coda::cli
