// NAS benchmark builders against the benchmarks' own tables (../shared/data/nas/): every
// NAS-Bench-Macro architecture's params and FLOPs (= MACs, the repo's convention) exactly, and
// the NAS-Bench-201 parameter counts NASLib reports for its sampled cells.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "models/builders/registry.h"
#include "models/graph/counters.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {

// The shared reference data sits next to the repository (../shared/data/nas).
const std::string kNasDir = std::string(CODA_SOURCE_DIR) + "/../shared/data/nas/";

// Splits one CSV line, honouring double quotes.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += ch;
    }
  }
  return out;
}

std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::map<std::string, std::string>> rows;
  std::string line;
  const auto next = [&] {
    if (!std::getline(in, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // the Macro table has CRLF ends
    return true;
  };
  if (!next()) return rows;
  const auto header = split_csv(line);
  while (next()) {
    const auto fields = split_csv(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(row);
  }
  return rows;
}

TEST(NasBenchMacro, EveryArchitectureMatchesTheTable) {
  const auto rows = read_csv(kNasDir + "nas_bench_macro_cifar10.csv");
  if (rows.empty()) GTEST_SKIP() << "NAS data not found under " << kNasDir;
  ASSERT_EQ(rows.size(), 6561u);
  int checked = 0;
  for (const auto& row : rows) {
    const ModelCounts c = count_model(build_model("nas_bench_macro", {{"arch", row.at("arch")}}));
    ASSERT_EQ(c.params, std::stoll(row.at("params"))) << row.at("arch");
    ASSERT_EQ(c.macs, std::stoll(row.at("flops"))) << row.at("arch");
    ++checked;
  }
  EXPECT_EQ(checked, 6561);
}

TEST(NasBench201, SampledCellsMatchNaslibParams) {
  const auto rows = read_csv(kNasDir + "naslib_zc_benchmark_samples.csv");
  if (rows.empty()) GTEST_SKIP() << "NAS data not found under " << kNasDir;
  const std::map<std::string, std::string> datasets = {
      {"cifar10", "cifar10"}, {"cifar100", "cifar100"}, {"ImageNet16-120", "imagenet16_120"}};
  int checked = 0;
  for (const auto& row : rows) {
    if (row.at("search_space") != "nasbench201") continue;
    const Graph g = build_model("nb201", {{"arch", row.at("arch_decoded")},
                                          {"dataset", datasets.at(row.at("dataset_or_task"))}});
    const ModelCounts c = count_model(g);
    ASSERT_EQ(c.params, std::llround(std::stod(row.at("params_m")) * 1e6))
        << row.at("arch_decoded");
    ++checked;
  }
  EXPECT_EQ(checked, 2174);
}

TEST(NasBench201, BadCellStringNamesTheProblem) {
  try {
    build_model("nb201",
                {{"arch", "|nor_conv_3x3~0|+|nor_conv_5x5~0|none~1|+|none~0|none~1|none~2|"}});
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_STREQ(e.what(),
                 "knob arch: bad NAS-Bench-201 cell "
                 "'|nor_conv_3x3~0|+|nor_conv_5x5~0|none~1|+|none~0|none~1|none~2|': unknown op "
                 "'nor_conv_5x5' (did you mean 'nor_conv_1x1'?); expected "
                 "|op~0|+|op~0|op~1|+|op~0|op~1|op~2| with op one of none, skip_connect, "
                 "nor_conv_1x1, nor_conv_3x3, avg_pool_3x3");
  }
}

TEST(NasBenchMacro, BadCodeNamesTheProblem) {
  try {
    build_model("nas_bench_macro", {{"arch", "0123"}});
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_STREQ(e.what(),
                 "knob arch: bad NAS-Bench-Macro code '0123'; expected 8 digits of 0 "
                 "(identity), 1 (mb3_k3), 2 (mb6_k5)");
  }
}

}  // namespace
}  // namespace coda::models
