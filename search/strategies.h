// The built-in strategies: random, grid, regularized (aging) evolution and NSGA-II.
#pragma once

#include <deque>
#include <random>
#include <set>

#include "search/i_strategy.h"

namespace coda::search {

// Random and grid asks do not depend on what they are told, so they come in large batches: an MPI
// pool idles at the end of every batch while rank 0 records its asks, tells and asks again (~2 ms
// a batch on analytic studies; 256 a batch cost 32 such waits per 8,000 trials, docs/search.md).
// The runner shows progress while a batch runs.
inline constexpr std::size_t kIndependentBatch = 2048;

// Independent uniform samples; batches of up to kIndependentBatch.
class RandomStrategy : public IStrategy {
 public:
  RandomStrategy(const Space& space, std::uint64_t seed);
  std::vector<Genes> ask(std::size_t max_points) override;
  void tell(const Genes&, const std::optional<Scores>&) override {}

 private:
  const Space& m_space;
  std::mt19937_64 m_rng;
};

// Every combination in mixed-radix order (last dimension fastest), a real range at `real_levels`
// evenly spaced values including both ends, in batches of up to kIndependentBatch; then nothing.
class GridStrategy : public IStrategy {
 public:
  GridStrategy(const Space& space, std::size_t real_levels);
  std::vector<Genes> ask(std::size_t max_points) override;
  void tell(const Genes&, const std::optional<Scores>&) override {}

 private:
  const Space& m_space;
  std::size_t m_real_levels;
  double m_total = 0, m_next = 0;
};

// Point mutation that changes exactly one gene (a different level, or a fresh uniform real),
// retrying up to 20 times for a point not in `seen`.
Genes mutate_one(const Space& space, const Genes& parent, std::mt19937_64& rng,
                 const std::set<Genes>& seen);
// A random point not in `seen` (20 tries, then any).
Genes fresh_sample(const Space& space, std::mt19937_64& rng, const std::set<Genes>& seen);

// Regularized evolution (Real et al., AAAI 2019) for several objectives: an aging population of
// `population` members; a parent is drawn uniformly from the non-dominated members of a random
// sample of `sample` members; its child replaces the oldest member.
class EvolutionStrategy : public IStrategy {
 public:
  EvolutionStrategy(const Space& space, std::uint64_t seed, std::size_t population,
                    std::size_t sample);
  std::vector<Genes> ask(std::size_t max_points) override;
  void tell(const Genes& genes, const std::optional<Scores>& scores) override;

 private:
  struct Member {
    Genes genes;
    std::optional<Scores> scores;
  };
  const Space& m_space;
  std::mt19937_64 m_rng;
  std::size_t m_population, m_sample, m_asked = 0;
  std::deque<Member> m_members;
  std::set<Genes> m_seen;
};

// NSGA-II (Deb et al., IEEE TEC 2002): generations of `population` offspring by binary tournament
// on (front, crowding), uniform crossover (probability 0.9) and per-gene mutation (probability
// 1/dimensions); parents + offspring reduced by non-dominated sorting and crowding. Infeasible
// points rank after every feasible one.
class Nsga2Strategy : public IStrategy {
 public:
  Nsga2Strategy(const Space& space, std::uint64_t seed, std::size_t population);
  std::vector<Genes> ask(std::size_t max_points) override;
  void tell(const Genes& genes, const std::optional<Scores>& scores) override;

 private:
  struct Member {
    Genes genes;
    std::optional<Scores> scores;
    std::size_t rank = 0;
    double crowding = 0;
  };
  void select();
  std::size_t tournament();
  Genes offspring();
  const Space& m_space;
  std::mt19937_64 m_rng;
  std::size_t m_population, m_outstanding = 0;
  std::vector<Member> m_parents, m_children;
  std::set<Genes> m_seen;
};

}  // namespace coda::search
