// Dominance, non-dominated sorting, crowding and hypervolume against hand derivations and a
// brute-force count of unit cells.
#include <gtest/gtest.h>

#include <random>

#include "search/pareto.h"

namespace coda::search {
namespace {

TEST(SearchPareto, Dominance) {
  EXPECT_TRUE(dominates({1, 2}, {1, 3}));
  EXPECT_FALSE(dominates({1, 3}, {1, 3}));  // equal: neither dominates
  EXPECT_FALSE(dominates({0, 4}, {1, 3}));  // a trade-off
}

TEST(SearchPareto, SortsIntoFronts) {
  // (1,4) (2,2) (4,1) trade off; (3,3) is dominated only by (2,2); (5,5) by all; (2,2) repeats.
  const std::vector<Scores> p = {{1, 4}, {2, 2}, {4, 1}, {3, 3}, {5, 5}, {2, 2}};
  const auto f = nondominated_sort(p);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0], (std::vector<std::size_t>{0, 1, 2, 5}));
  EXPECT_EQ(f[1], (std::vector<std::size_t>{3}));
  EXPECT_EQ(f[2], (std::vector<std::size_t>{4}));
  EXPECT_EQ(pareto_front(p), f[0]);
}

TEST(SearchPareto, CrowdingDistance) {
  const std::vector<Scores> p = {{1, 4}, {2, 2}, {4, 1}};
  const auto d = crowding_distance(p, {0, 1, 2});
  EXPECT_TRUE(std::isinf(d[0]));
  EXPECT_TRUE(std::isinf(d[2]));
  // Middle point: neighbours span (4-1)/(4-1) in x and (4-1)/(4-1) in y.
  EXPECT_DOUBLE_EQ(d[1], 2.0);
}

TEST(SearchPareto, FrontDistanceIsTheWorstObjectiveGapToTheNearestMember) {
  // Ranges over the points: x in [1, 5] and y in [1, 5], both 4.
  const std::vector<Scores> p = {{1, 4}, {2, 2}, {4, 1}, {3, 3}, {5, 5}};
  const auto d = front_distances(p);
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0], 0.0);
  EXPECT_EQ(d[1], 0.0);
  EXPECT_EQ(d[2], 0.0);
  // (3,3): against (2,2) max(1/4, 1/4) = 0.25; against (1,4) max(2/4, -1/4) = 0.5; against
  // (4,1) max(-1/4, 2/4) = 0.5; the nearest is 0.25.
  EXPECT_DOUBLE_EQ(d[3], 0.25);
  // (5,5): against (2,2) max(3/4, 3/4) = 0.75; the others give 1.
  EXPECT_DOUBLE_EQ(d[4], 0.75);
  EXPECT_TRUE(front_distances({}).empty());
}

TEST(SearchPareto, HypervolumeByHand) {
  // Staircase (1,3) (2,2) (3,1) under reference (4,4): columns x in [1,2) [2,3) [3,4) are
  // dominated from y = 3, 2, 1 up to 4: 1 + 2 + 3 = 6.
  EXPECT_DOUBLE_EQ(hypervolume({{1, 3}, {2, 2}, {3, 1}}, {4, 4}), 6.0);
  // A dominated point and one outside the reference add nothing.
  EXPECT_DOUBLE_EQ(hypervolume({{1, 3}, {2, 2}, {3, 1}, {3, 3}, {5, 0}}, {4, 4}), 6.0);
  // One point in 3-D: a box.
  EXPECT_DOUBLE_EQ(hypervolume({{1, 2, 3}}, {2, 4, 7}), 1.0 * 2 * 4);
  EXPECT_DOUBLE_EQ(hypervolume({}, {1, 1}), 0.0);
}

// Unit cells of the grid [0, ref) dominated by at least one point.
double brute_force(const std::vector<Scores>& pts, const Scores& ref) {
  double n = 0;
  std::vector<int> c(ref.size(), 0);
  for (;;) {
    for (const auto& p : pts) {
      bool in = true;
      for (std::size_t i = 0; i < c.size() && in; ++i) in = p[i] <= c[i];
      if (in) {
        ++n;
        break;
      }
    }
    std::size_t i = 0;
    while (i < c.size() && ++c[i] == static_cast<int>(ref[i])) c[i++] = 0;
    if (i == c.size()) break;
  }
  return n;
}

TEST(SearchPareto, HypervolumeMatchesBruteForce) {
  std::mt19937_64 rng(11);
  for (std::size_t dims : {2u, 3u, 4u}) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<Scores> pts(1 + rng() % 12, Scores(dims));
      for (auto& p : pts)
        for (auto& v : p) v = static_cast<double>(rng() % 8);
      const Scores ref(dims, 8.0);
      EXPECT_DOUBLE_EQ(hypervolume(pts, ref), brute_force(pts, ref)) << dims << "-D " << trial;
    }
  }
}

}  // namespace
}  // namespace coda::search
