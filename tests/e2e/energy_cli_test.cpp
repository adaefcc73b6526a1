// `coda op` energy, area and TDP output end to end: the JSON fields and their relations, and a bad
// energy table as exit code 2 with one message.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/run_coda.h"

namespace {

namespace fs = std::filesystem;

using CliRun = coda::testing::CodaRun;

CliRun coda(const std::string& args) { return coda::testing::run_coda(args); }

TEST(EnergyCli, OpJsonCarriesEnergyPowerAreaTdpAndPerfPerTdp) {
  const CliRun r = coda("op --hw tpu_v4 --matmul 2048,2048,2048 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const double energy = j["energy_j"], power = j["power_w"], seconds = j["time_s"];
  const double tdp = j["tdp_w"], tflops = j["tflops"];
  // energy_j is the sum of its parts; power = energy / time; Perf/TDP = TFLOP/s / TDP W.
  double parts = 0;
  for (const auto& [name, joules] : j["energy_parts_j"].items()) parts += joules.get<double>();
  EXPECT_NEAR(energy, parts, 1e-12 * energy);
  EXPECT_NEAR(power, energy / seconds, 1e-9 * power);
  EXPECT_NEAR(j["perf_per_tdp_tflops_per_w"].get<double>(), tflops / tdp, 1e-12);
  // The MXU part is every MAC at 2.0 pJ x (7/45)^0.5 (configs/energy/default.yaml, 7 nm chip).
  EXPECT_NEAR(j["energy_parts_j"]["mxu"].get<double>(),
              2048.0 * 2048 * 2048 * 2.0e-12 * std::sqrt(7.0 / 45), 1e-6);
  // A compute-bound op runs below TDP but well above static power alone.
  EXPECT_LT(power, tdp);
  EXPECT_GT(j["energy_parts_j"]["mxu"].get<double>(), 0.5 * energy);
  EXPECT_GT(j["area_mm2"].get<double>(), 100);
}

TEST(EnergyCli, BadEnergyTableIsExitCode2WithOneMessage) {
  const fs::path dir = fs::temp_directory_path() / ("coda_energy_bad_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "t.yaml") << "extends: default\nenergy:\n  hbm_pj_per_bit: -1\n";
  std::ofstream(dir / "chip.yaml") << "extends: tpu_v4\nenergy_table: t.yaml\n";
  const CliRun r = coda("op --hw " + (dir / "chip.yaml").string() + " --matmul 128,128,128");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: " + (dir / "t.yaml").string() +
                       ":3:19: energy.hbm_pj_per_bit: expected a number in [0, 1000] (pJ per "
                       "bit), got '-1'\n");
  EXPECT_EQ(r.out, "");
  fs::remove_all(dir);
}

}  // namespace
