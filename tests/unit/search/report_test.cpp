// The HTML report's parts: hypervolume over trials (each run's curve ends at its hypervolume in the
// JSON; sampled points equal the full computation).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

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

RunOptions opts(const std::string& strategy, std::uint64_t seed, std::uint64_t budget) {
  RunOptions o;
  o.strategy = strategy;
  o.seed = seed;
  o.budget = budget;
  return o;
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
  run_study(s, st, opts("nsga2", 3, 40));
  run_study(s, st, opts("random", 1, 25));
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

}  // namespace
}  // namespace coda::search
