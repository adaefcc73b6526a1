// Contract suite run against every strategy: proposals stay inside the space, the same seed gives
// the same proposals, a different seed different ones; plus grid coverage and search quality.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "search/i_strategy.h"

namespace coda::search {
namespace {

// Mixed space: int (3 levels), choice (4), real [0, 1], pow2 (5 levels).
Space mixed_space() {
  Space sp;
  auto discrete = [&](const char* name, DomainKind k, std::size_t n) {
    Dimension d;
    d.name = name;
    d.kind = k;
    for (std::size_t i = 0; i < n; ++i) d.levels.push_back(std::to_string(i));
    sp.add(d);
  };
  discrete("a", DomainKind::int_range, 3);
  discrete("b", DomainKind::choice, 4);
  Dimension r;
  r.name = "r";
  r.kind = DomainKind::real_range;
  r.lo = 0;
  r.hi = 1;
  sp.add(r);
  discrete("c", DomainKind::pow2_range, 5);
  return sp;
}

// Two conflicting objectives; gene a == 0 is infeasible.
std::optional<Scores> objective(const Genes& g) {
  if (g[0] == 0) return std::nullopt;
  const double x = (g[0] + g[1] + g[3]) / 9.0;  // in [1/9, 1]
  return Scores{x + 0.3 * g[2], 1 - x + 0.3 * (1 - g[2])};
}

// Asks until `budget` points (or exhaustion), telling each; returns every proposal.
std::vector<Genes> drive(const std::string& name, const Space& sp, std::uint64_t seed,
                         std::size_t budget) {
  StrategyOptions o;
  o.seed = seed;
  o.population = 12;
  o.grid_levels = 3;
  const auto s = make_strategy(name, sp, o);
  std::vector<Genes> all;
  while (all.size() < budget) {
    const auto batch = s->ask(budget - all.size());
    if (batch.empty()) break;
    EXPECT_LE(batch.size(), budget - all.size());
    for (const auto& g : batch) {
      all.push_back(g);
      s->tell(g, objective(g));
    }
  }
  return all;
}

class SearchStrategyContract : public ::testing::TestWithParam<std::string> {};

TEST_P(SearchStrategyContract, ProposesOnlyPointsInsideTheSpace) {
  const Space sp = mixed_space();
  const auto all = drive(GetParam(), sp, 1, 300);
  EXPECT_GE(all.size(), 3u * 4 * 3 * 5);  // even the grid (180 points) proposes them all
  for (const auto& g : all) EXPECT_TRUE(sp.contains(g));
}

TEST_P(SearchStrategyContract, SameSeedSameProposals) {
  const Space sp = mixed_space();
  EXPECT_EQ(drive(GetParam(), sp, 42, 200), drive(GetParam(), sp, 42, 200));
}

TEST_P(SearchStrategyContract, OtherSeedOtherProposals) {
  if (GetParam() == "grid") GTEST_SKIP() << "the grid does not depend on the seed";
  const Space sp = mixed_space();
  EXPECT_NE(drive(GetParam(), sp, 1, 100), drive(GetParam(), sp, 2, 100));
}

TEST_P(SearchStrategyContract, ShorterBudgetIsAPrefix) {
  // A resumed run replays with the larger budget; its first asks must be the shorter run's.
  const Space sp = mixed_space();
  const auto shorter = drive(GetParam(), sp, 9, 37), longer = drive(GetParam(), sp, 9, 80);
  ASSERT_GE(longer.size(), shorter.size());
  EXPECT_TRUE(std::equal(shorter.begin(), shorter.end(), longer.begin()));
}

INSTANTIATE_TEST_SUITE_P(All, SearchStrategyContract,
                         ::testing::Values("random", "grid", "evolution", "nsga2"));

TEST(SearchStrategy, GridVisitsEveryPointOnce) {
  Space sp = mixed_space();
  const auto all = drive("grid", sp, 0, 1000);
  // 3 x 4 x 3 (real at 3 levels: 0, 0.5, 1) x 5 = 180, each once.
  EXPECT_EQ(all.size(), 180u);
  EXPECT_EQ(std::set<Genes>(all.begin(), all.end()).size(), 180u);
  std::set<double> reals;
  for (const auto& g : all) reals.insert(g[2]);
  EXPECT_EQ(reals, (std::set<double>{0, 0.5, 1}));
}

TEST(SearchStrategy, EvolutionAndNsga2BeatRandomOnADiscreteProblem) {
  // 8 choice genes of 6 levels; minimize (sum, count of odd levels) with a needle: the best
  // trade-off needs many genes at level 0 or 1 at once, which random sampling rarely hits.
  Space sp;
  for (int i = 0; i < 8; ++i) {
    Dimension d;
    d.name = "g" + std::to_string(i);
    d.levels = {"0", "1", "2", "3", "4", "5"};
    sp.add(d);
  }
  auto f = [](const Genes& g) {
    double sum = 0, odd = 0;
    for (double v : g) {
      sum += v;
      odd += static_cast<int>(v) % 2;
    }
    return Scores{sum, odd};
  };
  auto hv = [&](const std::string& name, std::uint64_t seed) {
    StrategyOptions o;
    o.seed = seed;
    o.population = 20;
    const auto s = make_strategy(name, sp, o);
    std::vector<Scores> seen;
    while (seen.size() < 400) {
      for (const auto& g : s->ask(400 - seen.size())) {
        seen.push_back(f(g));
        s->tell(g, seen.back());
      }
    }
    return hypervolume(seen, {41, 9});
  };
  for (std::uint64_t seed : {1, 2, 3}) {
    EXPECT_GT(hv("evolution", seed), hv("random", seed)) << seed;
    EXPECT_GT(hv("nsga2", seed), hv("random", seed)) << seed;
  }
}

}  // namespace
}  // namespace coda::search
