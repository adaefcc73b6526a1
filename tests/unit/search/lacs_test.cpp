// LACS on a closed-form latency and accuracy, where the chosen coefficients and the family follow
// by hand; determinism, infeasible points, and the errors of a space it cannot scale.
#include <gtest/gtest.h>

#include <cmath>

#include "search/lacs.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

// depth: pow2 [1, 8] (1, 2, 4, 8); width: real [1, 2] (grid_levels 5: 1, 1.25, 1.5, 1.75, 2);
// resolution: int [224, 448] step 32 (224, 256, ..., 448).
Space scaling_space() {
  constexpr auto model = Dimension::Target::model;
  Space sp;
  sp.add(testing::levels_dim("depth", DomainKind::pow2_range, {"1", "2", "4", "8"}, model));
  sp.add(testing::real_dim("width", 1, 2, model));
  sp.add(testing::levels_dim("resolution", DomainKind::int_range, testing::int_levels(224, 448, 32),
                             model));
  return sp;
}

double depth_of(const Genes& g) { return std::pow(2.0, g[0]); }
double resolution_of(const Genes& g) { return 224 + 32 * g[2]; }

// EfficientNet's cost rule as the latency: d * w^2 * (r / 224)^2 ms (the base: 1 ms).
double latency(const Genes& g) {
  const double r = resolution_of(g) / 224;
  return 1e-3 * depth_of(g) * g[1] * g[1] * r * r;
}
// Accuracy (%): 70 + 2 log2(d) + 10 (w - 1) + (r - 224) / 32.
double accuracy(const Genes& g) {
  return 70 + 2 * g[0] + 10 * (g[1] - 1) + (resolution_of(g) - 224) / 32;
}

struct LacsRun {
  std::vector<Genes> asks;
  std::vector<std::string> notes;
  std::optional<LacsStrategy::Choice> choice;
  std::vector<Genes> family;
};

// Drives LACS to the end; `scores` gives each point's scores (nullopt: infeasible).
LacsRun drive(const std::function<std::optional<Scores>(const Genes&)>& scores, bool with_accuracy,
              std::uint64_t seed = 0, std::size_t batch = 0) {
  const Space sp = scaling_space();
  StrategyOptions o;
  o.seed = seed;
  o.population = batch;
  o.grid_levels = 5;
  if (with_accuracy) o.objectives.push_back({"accuracy", Goal::maximize, {}});
  o.objectives.push_back({"latency_s", Goal::minimize, {}});
  LacsRun run;
  o.note = [&](const std::string& n) { run.notes.push_back(n); };
  LacsStrategy s(sp, o);
  for (std::vector<Genes> batch_asked; !(batch_asked = s.ask(1000)).empty();) {
    for (const auto& g : batch_asked) {
      EXPECT_TRUE(sp.contains(g));
      run.asks.push_back(g);
      s.tell(g, scores(g));
    }
    EXPECT_LE(run.asks.size(), 200u);
    if (run.asks.size() > 200) break;
  }
  run.choice = s.choice();
  run.family = s.family();
  return run;
}

std::optional<Scores> both(const Genes& g) { return Scores{-accuracy(g), latency(g)}; }
std::optional<Scores> latency_only(const Genes& g) { return Scores{latency(g)}; }

bool asked(const LacsRun& r, const Genes& g) {
  return std::find(r.asks.begin(), r.asks.end(), g) != r.asks.end();
}

// Genes: depth level index, width value, resolution level index.
const Genes kA = {0, 1, 3};     // depth 1, width 1, resolution 320
const Genes kB = {0, 1.25, 1};  // depth 1, width 1.25, resolution 256
const Genes kC = {1, 1, 0};     // depth 2, width 1, resolution 224

TEST(SearchLacs, ChoosesTheMostAccurateCoefficientsInTheBand) {
  // Band: 2 x (1 +- 0.05) = [1.9, 2.1]. Ratios d w^2 (r/224)^2 of the grid in it:
  //   d 1: w^2 (r/224)^2 in the band: w 1 with r 320 (2.0408), w 1.25 (1.5625) with r 256
  //        (x 1.3061 = 2.0408); w >= 1.5 gives w^2 >= 2.25 already.
  //   d 2: w^2 (r/224)^2 in [0.95, 1.05]: only w 1, r 224 (2.0). d >= 4 is above 2.1.
  // Accuracies: A (1, 1, 320) 70 + 0 + 0 + 3 = 73; B (1, 1.25, 256) 70 + 0 + 2.5 + 1 = 73.5;
  // C (2, 1, 224) 70 + 2 = 72. B wins: alpha 1, beta 1.25, gamma 256/224 = 8/7.
  // Family: phi 2: width 1.25^2 = 1.5625, resolution 224 (8/7)^2 = 292.57 -> nearest 288;
  // phi 3: width 1.953125, resolution 334.37 -> 320 (320 is 14.4 away, 352 17.6); phi 4: width
  // 2.44 > 2 leaves the space.
  const LacsRun r = drive(both, true);
  ASSERT_GE(r.asks.size(), 3u);
  EXPECT_EQ(r.asks.front(), (Genes{0, 1, 0}));  // the base first
  ASSERT_TRUE(r.choice);
  EXPECT_EQ(r.choice->genes, kB);
  EXPECT_DOUBLE_EQ(r.choice->coefficients[0], 1);
  EXPECT_DOUBLE_EQ(r.choice->coefficients[1], 1.25);
  EXPECT_DOUBLE_EQ(r.choice->coefficients[2], 256.0 / 224);
  EXPECT_NEAR(r.choice->ratio, 1.5625 * (256.0 / 224) * (256.0 / 224), 1e-12);
  EXPECT_DOUBLE_EQ(*r.choice->accuracy, 73.5);
  EXPECT_TRUE(r.choice->in_band);
  const std::vector<Genes> family = {{0, 1.5625, 2}, {0, 1.953125, 3}};
  EXPECT_EQ(r.family, family);
  // The family ends the run; every band point was measured before the choice.
  EXPECT_EQ(std::vector<Genes>(r.asks.end() - 2, r.asks.end()), family);
  EXPECT_TRUE(asked(r, kA) && asked(r, kB) && asked(r, kC));
  // The monotone pruning leaves most of the 4 x 5 x 8 - 1 = 159 candidates unasked.
  EXPECT_LT(r.asks.size(), 1 + 40 + 2u);
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_NE(r.notes[0].find("lacs: chose depth 1, width 1.25, resolution 256: alpha 1, beta 1.25, "
                            "gamma 1.143, latency ratio 2.041, accuracy 73.5"),
            std::string::npos)
      << r.notes[0];
  EXPECT_EQ(r.notes[1],
            "lacs: family phi 2: depth 1, width 1.5625, resolution 288; phi 3: depth 1, width "
            "1.953125, resolution 320");
}

TEST(SearchLacs, WithoutAccuracyTheRatioClosestToTheTarget) {
  // C (2, 1, 224) has ratio 2 exactly (A and B 2.0408). Family: depth 4, then 8; 16 leaves.
  const LacsRun r = drive(latency_only, false);
  ASSERT_TRUE(r.choice);
  EXPECT_EQ(r.choice->genes, kC);
  EXPECT_DOUBLE_EQ(r.choice->ratio, 2);
  EXPECT_FALSE(r.choice->accuracy);
  EXPECT_EQ(r.family, (std::vector<Genes>{{2, 1, 0}, {3, 1, 0}}));
}

TEST(SearchLacs, InfeasiblePointsAreSkippedButCounted) {
  // Without B, A (73) beats C (72): gamma 320/224 = 10/7; phi 2 asks 224 (10/7)^2 = 457 > 448,
  // outside the space: no family.
  const LacsRun r = drive([](const Genes& g) { return g == kB ? std::nullopt : both(g); }, true);
  ASSERT_TRUE(r.choice);
  EXPECT_EQ(r.choice->genes, kA);
  EXPECT_TRUE(r.family.empty());
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_NE(r.notes[0].find(", 1 infeasible or failed\n"), std::string::npos) << r.notes[0];
  EXPECT_EQ(r.notes[1], "lacs: family empty (phi 2 leaves the space)");
}

TEST(SearchLacs, AnInfeasibleBaseEndsTheRun) {
  const LacsRun r = drive([](const Genes&) -> std::optional<Scores> { return std::nullopt; }, true);
  EXPECT_EQ(r.asks.size(), 1u);
  EXPECT_FALSE(r.choice);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0],
            "lacs: the base point (depth 1, width 1, resolution 224) is infeasible or failed: no "
            "latency to scale from");
}

TEST(SearchLacs, SameAsksForTheSameSeedAndAnyBatch) {
  const LacsRun a = drive(both, true, 3), b = drive(both, true, 3);
  EXPECT_EQ(a.asks, b.asks);
  // The order is the cost rule's, not random: another seed asks the same points.
  EXPECT_EQ(a.asks, drive(both, true, 4).asks);
  // Larger batches decide pruning later (more asks) but choose the same.
  const LacsRun big = drive(both, true, 3, 16);
  EXPECT_GE(big.asks.size(), a.asks.size());
  ASSERT_TRUE(big.choice);
  EXPECT_EQ(big.choice->genes, kB);
  EXPECT_EQ(big.family, a.family);
}

TEST(SearchLacs, NeedsItsThreeKnobsAndALatencyObjective) {
  auto error = [](const Space& sp, std::vector<Objective> objectives) -> std::string {
    StrategyOptions o;
    o.objectives = std::move(objectives);
    try {
      make_strategy("lacs", sp, o);
    } catch (const core::InputError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::vector<Objective> lat = {{"latency_s", Goal::minimize, {}}};
  Space two;
  two.add(scaling_space().dims()[0]);
  two.add(scaling_space().dims()[2]);
  EXPECT_EQ(error(two, lat),
            "model.knobs: strategy 'lacs' scales the model knobs depth, width and resolution; "
            "missing: width");
  Space extra = scaling_space();
  Dimension rows;
  rows.name = "core.mxu.rows";
  rows.levels = {"64", "128"};
  extra.add(rows);
  EXPECT_EQ(error(extra, lat),
            "hardware.core.mxu.rows.choice: strategy 'lacs' scales depth, width and resolution "
            "only; give 'core.mxu.rows' one value or use another strategy");
  EXPECT_EQ(error(scaling_space(), {{"accuracy", Goal::maximize, {}}}),
            "objectives: strategy 'lacs' needs the objective latency_s: minimize");
  Space zero = scaling_space();
  Space bad;
  for (Dimension d : zero.dims()) {
    if (d.name == "width") d.lo = 0;
    bad.add(d);
  }
  EXPECT_EQ(error(bad, lat),
            "model.knobs.width.real: strategy 'lacs' scales positive numbers; '0' is not one");
  EXPECT_EQ(error(scaling_space(), lat), "no error");
}

}  // namespace
}  // namespace coda::search
