// search::hypervolume against pagmo2's (issue 6: "your own NSGA-II with pagmo2's hypervolume as
// the yardstick"). Random point sets in 2 to 5 objectives, with dominated points, duplicates and
// ties; pagmo2 is given the points that strictly dominate the reference (it rejects others; ours
// counts them as adding nothing). Both are exact, so they agree to rounding.
#include <gtest/gtest.h>

#include <algorithm>
#include <pagmo/utils/hypervolume.hpp>
#include <random>

#include "search/pareto.h"

namespace coda::search {
namespace {

double pagmo_hypervolume(const std::vector<Scores>& points, const Scores& reference) {
  std::vector<pagmo::vector_double> inside;
  for (const Scores& p : points) {
    bool strictly = true;
    for (std::size_t i = 0; i < p.size(); ++i) strictly = strictly && p[i] < reference[i];
    if (strictly) inside.push_back(p);
  }
  if (inside.empty()) return 0;
  return pagmo::hypervolume(inside).compute(reference);
}

TEST(SearchHypervolumePagmo, AgreesWithPagmoOnRandomSets) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t dims = 2; dims <= 5; ++dims) {
    for (int trial = 0; trial < 40; ++trial) {
      const std::size_t n = 1 + rng() % (dims <= 3 ? 200 : 60);
      std::vector<Scores> points(n, Scores(dims));
      for (auto& p : points) {
        for (auto& v : p) v = trial % 4 == 0 ? std::floor(unit(rng) * 6) / 5 : unit(rng);  // ties
      }
      if (n > 2) points[n - 1] = points[0];  // a duplicate
      const Scores reference(dims, 1.05);
      const double ours = hypervolume(points, reference);
      const double theirs = pagmo_hypervolume(points, reference);
      EXPECT_NEAR(ours, theirs, 1e-12 * std::max(1.0, theirs))
          << dims << "-D, " << n << " points, trial " << trial;
    }
  }
}

// A front shaped like a search result: three objectives (accuracy negated, latency, energy) on
// scales nine orders apart, as Objective::score gives them.
TEST(SearchHypervolumePagmo, AgreesOnObjectivesOfDifferentScales) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Scores> points;
  for (int i = 0; i < 300; ++i)
    points.push_back({-(60 + 35 * unit(rng)), 1e-5 * (1 + 9 * unit(rng)), 1e-3 * unit(rng)});
  const Scores reference{-10, 1e-4, 2e-3};
  const double theirs = pagmo_hypervolume(points, reference);
  ASSERT_GT(theirs, 0);
  EXPECT_NEAR(hypervolume(points, reference), theirs, 1e-12 * theirs);
}

}  // namespace
}  // namespace coda::search
