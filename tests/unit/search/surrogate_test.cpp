// The timm surrogate: exact recovery on synthetic data, filtering, cross-validation on the real
// table, and trials scored by it carry their error.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "search/design_point.h"
#include "search/runner.h"
#include "search/surrogate.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

TEST(SearchSurrogate, RecoversAnExactLaw) {
  // top1 = 70 + 3 ln(gmacs) + 2 ln(params): any 5+ distinct points give it back, errors 0.
  std::vector<SurrogateSample> s;
  for (double g : {0.4, 1.0, 1.8, 4.5, 9.9, 19.0}) {
    for (double p : {5.0, 12.0})
      s.push_back({g, p * (1 + g), 70 + 3 * std::log(g) + 2 * std::log(p * (1 + g))});
  }
  const SurrogateFit f = fit_surrogate(s);
  EXPECT_NEAR(f.a, 70, 1e-9);
  EXPECT_NEAR(f.b, 3, 1e-9);
  EXPECT_NEAR(f.c, 2, 1e-9);
  EXPECT_NEAR(f.train_rmse, 0, 1e-9);
  EXPECT_NEAR(f.cv_rmse, 0, 1e-9);
  EXPECT_EQ(f.rows, s.size());
  EXPECT_THROW(fit_surrogate({s.begin(), s.begin() + 4}), std::runtime_error);
}

TEST(SearchSurrogate, FiltersByFamilyAndTag) {
  TempDir dir("surrogate_filter");
  const std::string csv = dir.write("t.csv",
                                    "model,architecture,top1,param_count_m,gmacs\n"
                                    "fam_b0.in1k,fam_b0,77.0,5.3,0.39\n"
                                    "fam_b1.in1k,fam_b1,79.0,7.8,0.70\n"
                                    "fam_b1.ra_in1k,fam_b1,80.0,7.8,0.70\n"
                                    "other.in1k,other,70.0,3.0,0.30\n"
                                    "fam_b2.in1k,fam_b2,80.0,9.1,\n");  // no GMACs: skipped
  EXPECT_EQ(timm_samples(csv, "fam_b", "").size(), 3u);
  const auto in1k = timm_samples(csv, "fam_b", "in1k");
  ASSERT_EQ(in1k.size(), 2u);
  EXPECT_EQ(in1k[1].top1, 79.0);
  EXPECT_EQ(in1k[1].gmacs, 0.70);
  EXPECT_EQ(in1k[1].params_m, 7.8);
}

const std::string kTimm =
    std::string(CODA_SOURCE_DIR) + "/../shared/data/nas/timm_accuracy_vs_throughput.csv";

TEST(SearchSurrogate, CrossValidatedErrorOnTimm) {
  if (!std::filesystem::exists(kTimm)) GTEST_SKIP() << "no " << kTimm;
  for (const auto& [family, tag] : std::vector<std::pair<std::string, std::string>>{
           {"tf_efficientnet_b", "in1k"}, {"resnet", ""}, {"efficientnet", ""}}) {
    const SurrogateFit f = fit_surrogate(timm_samples(kTimm, family, tag));
    EXPECT_GE(f.rows, 5u) << family;
    // Least squares: held-out errors are never smaller than the fitted residuals.
    EXPECT_GE(f.cv_rmse, f.train_rmse) << family;
    std::printf("%s %s: %zu rows, train %.3f, cv %.3f points\n", family.c_str(), tag.c_str(),
                f.rows, f.train_rmse, f.cv_rmse);
  }
}

TEST(SearchSurrogate, TrialsCarryTheEstimateAndItsError) {
  if (!std::filesystem::exists(kTimm)) GTEST_SKIP() << "no " << kTimm;
  TempDir dir("surrogate_study");
  const Study s = parse_study_text(
      "chip: tpu_v4i\nmodel:\n  name: efficientnet_b0\n  knobs:\n    batch: 2\n"
      "    width: {choice: [1.0, 1.5]}\nobjectives: {accuracy: maximize, latency_s: minimize}\n"
      "accuracy: {surrogate: " +
          kTimm + ", family: tf_efficientnet_b, tag: in1k}\n",
      "s.yaml", "");
  Store st(dir.file("s.db"));
  RunOptions o;
  o.strategy = "grid";
  o.budget = 2;
  run_study(s, st, o);
  const SurrogateFit f = fit_surrogate(timm_samples(kTimm, "tf_efficientnet_b", "in1k"));
  for (const auto& t : st.trials()) {
    const auto& m = t.outcome.metrics;
    ASSERT_EQ(t.outcome.status, Status::ok) << t.outcome.reason;
    // Batch 2: MACs per inference are half the batch's.
    EXPECT_DOUBLE_EQ(m.at("macs_per_inference"), m.at("macs") / 2);
    EXPECT_DOUBLE_EQ(m.at("accuracy"),
                     f.predict(m.at("macs_per_inference") / 1e9, m.at("params") / 1e6));
    EXPECT_EQ(m.at("accuracy_cv_rmse"), f.cv_rmse);
  }
  // The report labels the accuracy an estimate, with its error.
  const auto j = nlohmann::json::parse(report_json(st, false));
  EXPECT_EQ(j["study"]["estimates"]["accuracy"]["by"], "surrogate");
  EXPECT_EQ(j["study"]["estimates"]["accuracy"]["cv_rmse_percentage_points"], f.cv_rmse);
}

// A store once served an efficientnet-fitted accuracy to a study fitted on resnets (and a trial
// without accuracy to a study that asks for it): the surrogate's table, family and tag are part of
// every trial's key.
TEST(SearchSurrogate, KeysFollowTheSurrogate) {
  if (!std::filesystem::exists(kTimm)) GTEST_SKIP() << "no " << kTimm;
  auto study = [](const std::string& accuracy) {
    return parse_study_text(
        "chip: tpu_v4i\nmodel:\n  name: efficientnet_b0\n  knobs:\n"
        "    width: {choice: [1.0, 1.5]}\nobjectives: {latency_s: minimize}\n" +
            accuracy,
        "s.yaml", "");
  };
  const Study none = study("");
  const Study eff = study("accuracy: {surrogate: " + kTimm + ", family: tf_efficientnet_b}\n");
  const Study eff_in1k =
      study("accuracy: {surrogate: " + kTimm + ", family: tf_efficientnet_b, tag: in1k}\n");
  const Study res = study("accuracy: {surrogate: " + kTimm + ", family: resnet}\n");
  std::set<std::string> keys;
  for (const Study* s : {&none, &eff, &eff_in1k, &res})
    keys.insert(trial_key(*s, make_point(*s, {0}), "analytic"));
  EXPECT_EQ(keys.size(), 4u);
}

TEST(SearchSurrogate, TooFewRowsIsABadStudy) {
  if (!std::filesystem::exists(kTimm)) GTEST_SKIP() << "no " << kTimm;
  try {
    parse_study_text(
        "chip: tpu_v4i\nmodel: {name: resnet50}\nobjectives: {accuracy: maximize}\n"
        "accuracy: {surrogate: " +
            kTimm + ", family: no_such_net}\n",
        "s.yaml", "");
    ADD_FAILURE() << "no rows";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("accuracy.surrogate: surrogate family 'no_such_net' "
                                         "matches 0 rows of the table; at least 5 are needed"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace coda::search
