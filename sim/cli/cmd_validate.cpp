// `coda validate --hw CHIP FILE.csv`: simulate every row of a measured-latency CSV under its
// measured conditions and report MAPE per sweep and overall, plus the worst rows.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "arch/spec/loader.h"
#include "sim/cli/commands.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/measured_csv.h"

namespace coda::cli {
namespace {

struct Scored {
  const schedule::MeasuredRow* row;
  double simulated_us, error;  // error = |sim - measured| / measured
};

int run(const std::string& hw, const std::string& file, bool json, int worst_count) {
  const arch::ArchSpec chip = arch::load_arch(hw);
  const auto rows = schedule::read_measured_csv(file);
  std::vector<schedule::Schedule> phases(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    schedule::ScheduleBuilder b(phases[i], chip);
    if (const auto* m = std::get_if<schedule::MatmulOp>(&rows[i].work)) {
      schedule::lower_matmul(b, *m);
    } else {
      schedule::lower_vector(b, std::get<schedule::VectorOp>(rows[i].work));
    }
  }
  const auto result = engine::simulate(chip, phases);
  std::vector<Scored> scored;
  std::map<std::string, std::pair<double, int>> per_sweep;  // sum of errors, rows
  double total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double us = static_cast<double>(result.phases[i].cycles()) / chip.clock_hz * 1e6;
    const double err = std::fabs(us - rows[i].measured_us) / rows[i].measured_us;
    scored.push_back({&rows[i], us, err});
    per_sweep[rows[i].sweep].first += err;
    per_sweep[rows[i].sweep].second += 1;
    total += err;
  }
  const double mape = rows.empty() ? 0 : total / static_cast<double>(rows.size());
  std::vector<Scored> worst = scored;
  std::sort(worst.begin(), worst.end(), [](const Scored& a, const Scored& b) {
    return a.error != b.error ? a.error > b.error : a.row->case_id < b.row->case_id;
  });
  worst.resize(std::min<std::size_t>(worst.size(), static_cast<std::size_t>(worst_count)));
  if (json) {
    nlohmann::json j = {{"chip", chip.name}, {"file", file}, {"rows", rows.size()}, {"mape", mape}};
    j["sweeps"] = nlohmann::json::object();
    for (const auto& [name, acc] : per_sweep) j["sweeps"][name] = acc.first / acc.second;
    j["worst"] = nlohmann::json::array();
    for (const auto& w : worst) {
      j["worst"].push_back({{"case_id", w.row->case_id},
                            {"measured_us", w.row->measured_us},
                            {"simulated_us", w.simulated_us},
                            {"error", w.error}});
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::printf("%s on %s: %zu rows, MAPE %.2f%%\n", file.c_str(), chip.name.c_str(), rows.size(),
              100 * mape);
  for (const auto& [name, acc] : per_sweep) {
    std::printf("  %-28s %5d rows  MAPE %6.2f%%\n", name.c_str(), acc.second,
                100 * acc.first / acc.second);
  }
  std::printf("worst rows:\n");
  for (const auto& w : worst) {
    std::printf("  %-44s measured %9.3f us  simulated %9.3f us  error %6.1f%%\n",
                w.row->case_id.c_str(), w.row->measured_us, w.simulated_us, 100 * w.error);
  }
  return 0;
}

}  // namespace

Command add_validate_command(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "validate", "Simulate every row of a measured-latency CSV and report MAPE per sweep");
  auto hw = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto worst = std::make_shared<int>(10);
  app->add_option("--hw", *hw, "Chip: preset name or .yaml file")->required();
  app->add_option("file", *file, "CSV of measured op latencies")->required();
  app->add_flag("--json", *json, "Print {mape, rows, sweeps, worst} as JSON");
  app->add_option("--worst", *worst, "How many worst rows to list")->check(CLI::Range(0, 100000));
  return {app, [=] { return run(*hw, *file, *json, *worst); }};
}

}  // namespace coda::cli
