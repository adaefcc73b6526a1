// `coda simulate` against the golden results in traces/golden (tolerances stored with them;
// regenerate with scripts/update_golden.py when the model changes on purpose).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/run_coda.h"

namespace {

nlohmann::json simulate(const std::string& model, const std::string& hw) {
  const auto r = coda::testing::run_coda("simulate --json --hw " + hw + " --model " + model);
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

void check_golden(const std::string& model) {
  std::ifstream in(std::string(CODA_SOURCE_DIR) + "/traces/golden/" + model + "_tpu_v4.json");
  ASSERT_TRUE(in) << "missing golden file for " << model;
  const auto golden = nlohmann::json::parse(in);
  const auto now = simulate(model, "tpu_v4");
  const auto& tol = golden["tolerance"];
  auto near = [&](const char* key, double actual) {
    const double expected = golden[key].get<double>();
    EXPECT_NEAR(actual, expected, tol[key].get<double>() * expected)
        << model << " " << key << " (regenerate: scripts/update_golden.py)";
  };
  near("cycles", now["cycles"].get<double>());
  near("time_s", now["time_s"].get<double>());
  near("energy_j", now["energy_j"].get<double>());
  near("hbm_bytes",
       now["bytes"]["hbm_read"].get<double>() + now["bytes"]["hbm_write"].get<double>());
  EXPECT_EQ(now["macs"], golden["macs"]);
  EXPECT_EQ(now["flops"], golden["flops"]);
  EXPECT_EQ(now["layers"].size(), golden["layers"].get<std::size_t>());
}

TEST(Golden, ResNet50OnTpuV4) { check_golden("resnet50"); }
TEST(Golden, EfficientNetB0OnTpuV4) { check_golden("efficientnet_b0"); }
TEST(Golden, BertBaseOnTpuV4) { check_golden("bert_base"); }

}  // namespace
