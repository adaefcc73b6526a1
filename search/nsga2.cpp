// NSGA-II: generations, tournament, crossover, mutation and elitist selection.
#include <algorithm>
#include <numeric>

#include "search/lacs.h"
#include "search/strategies.h"

namespace coda::search {

Nsga2Strategy::Nsga2Strategy(const Space& space, std::uint64_t seed, std::size_t population)
    : m_space(space), m_rng(seed), m_population(std::max<std::size_t>(4, population)) {}

std::vector<Genes> Nsga2Strategy::ask(std::size_t max_points) {
  std::vector<Genes> out;
  const std::size_t n = std::min(max_points, m_population);
  for (std::size_t i = 0; i < n; ++i) {
    Genes g = m_parents.empty() ? fresh_sample(m_space, m_rng, m_seen) : offspring();
    m_seen.insert(g);
    out.push_back(std::move(g));
  }
  m_outstanding += out.size();
  return out;
}

void Nsga2Strategy::tell(const Genes& genes, const std::optional<Scores>& scores) {
  m_children.push_back({genes, scores, 0, 0});
  if (--m_outstanding == 0 && m_children.size() >= m_population) select();
}

std::size_t Nsga2Strategy::tournament() {
  const std::size_t a = uniform_index(m_rng, m_parents.size());
  const std::size_t b = uniform_index(m_rng, m_parents.size());
  const Member &x = m_parents[a], &y = m_parents[b];
  if (x.rank != y.rank) return x.rank < y.rank ? a : b;
  if (x.crowding != y.crowding) return x.crowding > y.crowding ? a : b;
  return std::min(a, b);
}

Genes Nsga2Strategy::offspring() {
  const Genes& p1 = m_parents[tournament()].genes;
  const Genes& p2 = m_parents[tournament()].genes;
  Genes child = p1;
  for (int tries = 0; tries < 20; ++tries) {
    child = p1;
    if (uniform01(m_rng) < 0.9) {  // uniform crossover
      for (std::size_t i = 0; i < child.size(); ++i) {
        if (uniform01(m_rng) < 0.5) child[i] = p2[i];
      }
    }
    const double rate = 1.0 / static_cast<double>(m_space.size());
    for (std::size_t i = 0; i < child.size(); ++i) {
      if (uniform01(m_rng) < rate) child[i] = m_space.sample_gene(i, m_rng);
    }
    if (!m_seen.count(child)) return child;
  }
  return mutate_one(m_space, child, m_rng, m_seen);
}

void Nsga2Strategy::select() {
  std::vector<Member> pool = m_parents;
  pool.insert(pool.end(), m_children.begin(), m_children.end());
  m_children.clear();
  std::vector<std::size_t> feasible, infeasible;
  std::vector<Scores> scores;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (pool[i].scores) {
      feasible.push_back(i);
      scores.push_back(*pool[i].scores);
    } else {
      infeasible.push_back(i);
    }
  }
  std::vector<Member> next;
  std::size_t rank = 0;
  for (const auto& front : nondominated_sort(scores)) {
    if (next.size() >= m_population) break;
    const std::vector<double> crowd = crowding_distance(scores, front);
    std::vector<std::size_t> order(front.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return crowd[a] > crowd[b]; });
    for (std::size_t r : order) {
      if (next.size() >= m_population) break;
      Member m = pool[feasible[front[r]]];
      m.rank = rank;
      m.crowding = crowd[r];
      next.push_back(std::move(m));
    }
    ++rank;
  }
  for (std::size_t i : infeasible) {  // infeasible points fill what is left, oldest first
    if (next.size() >= m_population) break;
    Member m = pool[i];
    m.rank = rank;
    m.crowding = 0;
    next.push_back(std::move(m));
  }
  m_parents = std::move(next);
}

std::unique_ptr<IStrategy> make_strategy(const std::string& name, const Space& space,
                                         const StrategyOptions& o) {
  if (name == "random") return std::make_unique<RandomStrategy>(space, o.seed);
  if (name == "grid") return std::make_unique<GridStrategy>(space, o.grid_levels);
  if (name == "evolution")
    return std::make_unique<EvolutionStrategy>(space, o.seed, o.population ? o.population : 64, 16);
  if (name == "nsga2")
    return std::make_unique<Nsga2Strategy>(space, o.seed, o.population ? o.population : 50);
  if (name == "lacs") return std::make_unique<LacsStrategy>(space, o);
  throw core::InputError({}, "--strategy", "unknown strategy '" + name + "'");
}

}  // namespace coda::search
