// End-to-end runs of the `coda` executable: output, exit codes and error messages word for word.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include <sstream>
#include "tests/e2e/run_coda.h"

namespace {

using CliRun = coda::testing::CodaRun;

CliRun coda(const std::string& args) { return coda::testing::run_coda(args); }

std::string data(const std::string& file) {
  return std::string(CODA_SOURCE_DIR) + "/../shared/data/tpu_measured/" + file;
}

TEST(Cli, PresetsListsEveryChipWithItsPeak) {
  const CliRun r = coda("presets");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* p :
       {"tpu_v2", "tpu_v3", "tpu_v4 ", "tpu_v4i", "tpu_v5e", "tpu_v5p", "tpu_v6e"}) {
    EXPECT_NE(r.out.find(p), std::string::npos) << p;
  }
  EXPECT_NE(r.out.find("275.3"), std::string::npos);  // tpu_v4 bf16 TFLOP/s
  const CliRun j = coda("presets --json");
  ASSERT_EQ(j.code, 0) << j.err;
  const auto presets = nlohmann::json::parse(j.out);  // nothing but JSON on stdout
  ASSERT_EQ(presets.size(), 7u);
  for (const auto& p : presets) {
    EXPECT_GT(p["tdp_w"].get<double>(), 0);
    EXPECT_GT(p["area_mm2"].get<double>(), 0);
  }
}

TEST(Cli, OpJsonHasTheDocumentedFieldsAndIsByteIdenticalAcrossRuns) {
  const std::string args = "op --hw tpu_v4 --matmul 1024,1024,1024 --json";
  const CliRun a = coda(args), b = coda(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto j = nlohmann::json::parse(a.out);
  for (const char* k : {"cycles", "time_s", "tflops", "bound", "utilization", "bytes"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
  for (const char* u : {"mxu", "vpu", "dma", "hbm"}) {
    EXPECT_GE(j["utilization"][u].get<double>(), 0.0);
    EXPECT_LE(j["utilization"][u].get<double>(), 1.0);
  }
  EXPECT_DOUBLE_EQ(j["time_s"].get<double>(), j["cycles"].get<double>() / 1050e6);
  EXPECT_EQ(j["flops"].get<std::uint64_t>(), 2ull * 1024 * 1024 * 1024);
}

TEST(Cli, BadMatmulShapeIsExitCode2WithOneMessage) {
  const CliRun r = coda("op --hw tpu_v4 --matmul 10,20");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: --matmul: expected 3 positive integers M,K,N, got '10,20'\n");
  EXPECT_EQ(r.out, "");
}

TEST(Cli, AnUnwritableTracePathFailsBeforeSimulating) {
  const CliRun r = coda("op --hw tpu_v4 --matmul 64,64,64 --trace /nonexistent/dir/x.json");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");  // nothing was simulated or printed
  EXPECT_EQ(r.err, "error: --trace: cannot write '/nonexistent/dir/x.json'\n");
}

TEST(Cli, UnsupportedDtypeNamesWhatTheChipSupports) {
  const CliRun r = coda("op --hw tpu_v3 --matmul 128,128,128 --dtype int8");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: --dtype: 'int8' is not supported by the MXU of tpu_v3; supported: bf16, "
            "fp16, fp32 (via bf16)\n");
}

TEST(Cli, UnknownPresetSuggestsOne) {
  const CliRun r = coda("op --hw tpu_v9 --matmul 128,128,128");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: --hw: unknown preset 'tpu_v9' (did you mean 'tpu_v2'?); presets: "
            "tpu_v2, tpu_v3, tpu_v4, tpu_v4i, tpu_v5e, tpu_v5p, tpu_v6e; or give a path to "
            "a .yaml file\n");
}

TEST(Cli, UnknownVectorOpListsTheSupportedOnes) {
  const CliRun r = coda("op --hw tpu_v4 --vector sigmoidd --shape 128");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: --vector: expected one of add, sub, mul,"), std::string::npos);
  EXPECT_NE(r.err.find("got 'sigmoidd' (did you mean 'sigmoid'?)"), std::string::npos);
}

TEST(Cli, CheckPrintsTheResolvedDescriptionAndRejectsBadFiles) {
  const CliRun ok = coda("check tpu_v5e");
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("bandwidth: 819 GB/s"), std::string::npos);
  const std::string bad = std::filesystem::temp_directory_path() / "coda_e2e_bad.yaml";
  std::ofstream(bad) << "extends: tpu_v4\nclock: fast\n";
  const CliRun r = coda("check " + bad);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "error: " + bad +
                       ":2:8: clock: expected a frequency like '940 MHz' in [1 MHz, 100 GHz], got "
                       "'fast'\n");
}

TEST(Cli, TopologyCsvSimulatesEveryRow) {
  const std::string csv = std::filesystem::temp_directory_path() / "coda_e2e_topo.csv";
  std::ofstream(csv) << "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
                        "Channels, Num Filter, Strides,\nconv1, 224, 224, 7, 7, 3, 64, 2,\n"
                        "conv2, 56, 56, 3, 3, 64, 64, 1,\n";
  const CliRun r = coda("op --hw tpu_v4 --topology " + csv + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  std::stringstream lines(r.out);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["op"].get<std::string>().rfind(n == 0 ? "conv1:" : "conv2:", 0), 0u);
    EXPECT_GT(j["cycles"].get<double>(), 0);
  }
  EXPECT_EQ(n, 2);
}

TEST(Cli, TraceIsAPerfettoTimelineWithATrackPerUnit) {
  const std::string trace = std::filesystem::temp_directory_path() / "coda_e2e_trace.json";
  const std::string csv = std::filesystem::temp_directory_path() / "coda_e2e_trace.csv";
  const CliRun r = coda("op --hw tpu_v4 --matmul 2048,2048,2048 --trace " + trace +
                        " --trace-csv " + csv + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(trace);
  const auto j = nlohmann::json::parse(in);
  int threads = 0, spans = 0;
  for (const auto& e : j["traceEvents"]) {
    threads += e["ph"] == "M" && e["name"] == "thread_name";
    spans += e["ph"] == "X";
  }
  EXPECT_EQ(threads, 2 * (4 + 2) + 8);  // per core 4 MXUs, VPU, sequencer; 8 DMA engines
  EXPECT_GT(spans, 0);
  std::ifstream c(csv);
  std::string header;
  std::getline(c, header);
  EXPECT_EQ(header.rfind("bin_start_cycle,bin_end_cycle,bin_start_us,bin_end_us,", 0), 0u);
}

TEST(Cli, VcdHasAWirePerUnitThatEndsLowWithRisingTimes) {
  const std::string vcd = std::filesystem::temp_directory_path() / "coda_e2e_trace.vcd";
  ASSERT_EQ(coda("op --hw tpu_v4 --matmul 2048,2048,2048 --trace-vcd " + vcd).code, 0);
  std::ifstream in(vcd);
  std::map<std::string, char> last;  // wire id -> last value
  int wires = 0;
  long long previous = -1;
  bool monotonic = true;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("$var wire 1 ", 0) == 0) ++wires;
    if (line.size() > 1 && line[0] == '#') {
      const long long t = std::stoll(line.substr(1));
      monotonic = monotonic && t > previous;
      previous = t;
    }
    if (!line.empty() && (line[0] == '0' || line[0] == '1')) last[line.substr(1)] = line[0];
  }
  EXPECT_EQ(wires, 2 * (4 + 2) + 8);  // per core 4 MXUs, VPU, sequencer; 8 DMA engines
  EXPECT_TRUE(monotonic);
  EXPECT_GT(previous, 0);
  for (const auto& [id, v] : last) EXPECT_EQ(v, '0') << "wire " << id << " ends busy";
}

TEST(Cli, ValidateMatmulCalibrationMapeIsAtMostTenPercent) {
  if (!std::filesystem::exists(data("matmul_calibration.csv"))) {
    GTEST_SKIP() << "../shared/data/tpu_measured is not beside the repository";
  }
  const CliRun r = coda("validate --hw tpu_v4 " + data("matmul_calibration.csv") + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rows"].get<int>(), 1396);
  EXPECT_LE(j["mape"].get<double>(), 0.10);
  for (const char* s :
       {"data_matmul2", "data_matmul3", "data_matmul5", "data_matmul6", "trace_matmul"}) {
    EXPECT_TRUE(j["sweeps"].contains(s)) << s;
  }
}

}  // namespace
