// `coda report FILE.db`: the trials, runs and Pareto front of a study store (text, --json or
// --csv), and with --out a self-contained HTML page.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "search/runner.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"

namespace coda::cli {
namespace {

namespace fs = std::filesystem;

int run_report(const std::string& db, bool json, bool timings, bool csv, const std::string& html) {
  if (!fs::exists(db)) throw core::InputError({db, 0, 0}, "", "no such store");
  search::Store store(db);
  if (!html.empty()) {
    std::ofstream f(html);
    if (!f) throw core::InputError({}, "--out", "cannot write '" + html + "'");
    f << search::report_html(store);
  }
  if (csv) {
    std::cout << search::report_csv(store);
    return 0;
  }
  const std::string text = search::report_json(store, timings);
  if (json) {
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
  std::printf("%4s %-10s %6s %-9s %6s %5s %10s %9s %12s %6s\n", "run", "strategy", "seed",
              "fidelity", "asks", "ok", "infeasible", "failed", "hypervolume", "front");
  for (const auto& r : j["runs"]) {
    std::printf("%4lld %-10s %6llu %-9s %6zu %5d %10d %9d %12.6g %6zu\n", r["id"].get<long long>(),
                r["strategy"].get<std::string>().c_str(), r["seed"].get<unsigned long long>(),
                r["fidelity"].get<std::string>().c_str(), r["asks"].get<std::size_t>(),
                r["ok"].get<int>(), r["infeasible"].get<int>(), r["failed"].get<int>(),
                r.value("hypervolume", 0.0), r.value("front_size", std::size_t{0}));
  }
  std::printf("Pareto front (%zu designs):\n", j["front"].size());
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

Command add_report_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("report", "Trials, runs and Pareto front of a study store");
  auto db = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto timings = std::make_shared<bool>(false);
  app->add_option("db", *db, "Study store (.db)")->required();
  app->add_flag("--json", *json, "Runs, every trial and the front as JSON");
  app->add_flag("--timings", *timings, "Add each trial's evaluation time (eval_s) to the JSON");
  auto csv = std::make_shared<bool>(false);
  app->add_flag("--csv", *csv, "Every trial as CSV: inputs and metrics as columns");
  auto html = std::make_shared<std::string>();
  app->add_option("--out", *html, "Also write a self-contained HTML report (front, runs, designs)");
  return {app,
          [db, json, timings, csv, html] { return run_report(*db, *json, *timings, *csv, *html); }};
}

}  // namespace coda::cli
