// Regularized (aging) evolution with a Pareto tournament, and the shared mutation helpers.
#include "search/strategies.h"

namespace coda::search {

Genes fresh_sample(const Space& space, std::mt19937_64& rng, const std::set<Genes>& seen) {
  Genes g = space.sample(rng);
  for (int tries = 0; tries < 20 && seen.count(g); ++tries) g = space.sample(rng);
  return g;
}

Genes mutate_one(const Space& space, const Genes& parent, std::mt19937_64& rng,
                 const std::set<Genes>& seen) {
  Genes child = parent;
  for (int tries = 0; tries < 20; ++tries) {
    child = parent;
    const std::size_t i = uniform_index(rng, space.size());
    const Dimension& d = space.dims()[i];
    if (d.discrete()) {
      if (d.size() < 2) continue;
      // A different level: draw from the other size-1 levels.
      const double pick = static_cast<double>(uniform_index(rng, d.size() - 1));
      child[i] = pick >= parent[i] ? pick + 1 : pick;
    } else {
      child[i] = space.sample_gene(i, rng);
    }
    if (!seen.count(child)) break;
  }
  return child;
}

EvolutionStrategy::EvolutionStrategy(const Space& space, std::uint64_t seed, std::size_t population,
                                     std::size_t sample)
    : m_space(space),
      m_rng(seed),
      m_population(std::max<std::size_t>(2, population)),
      m_sample(std::max<std::size_t>(1, sample)) {}

std::vector<Genes> EvolutionStrategy::ask(std::size_t max_points) {
  std::vector<Genes> out;
  if (max_points == 0) return out;
  if (m_asked < m_population) {  // the initial population: random points
    while (out.size() < max_points && m_asked < m_population) {
      out.push_back(fresh_sample(m_space, m_rng, m_seen));
      m_seen.insert(out.back());
      ++m_asked;
    }
    return out;
  }
  // Tournament: the non-dominated feasible members of a sample drawn with replacement.
  std::vector<std::size_t> drawn;
  std::vector<Scores> scores;
  for (std::size_t s = 0; s < m_sample; ++s) {
    const std::size_t i = uniform_index(m_rng, m_members.size());
    if (m_members[i].scores) {
      drawn.push_back(i);
      scores.push_back(*m_members[i].scores);
    }
  }
  Genes child;
  if (drawn.empty()) {
    child = fresh_sample(m_space, m_rng, m_seen);
  } else {
    const auto front = pareto_front(scores);
    const std::size_t parent = drawn[front[uniform_index(m_rng, front.size())]];
    child = mutate_one(m_space, m_members[parent].genes, m_rng, m_seen);
  }
  m_seen.insert(child);
  ++m_asked;
  out.push_back(std::move(child));
  return out;
}

void EvolutionStrategy::tell(const Genes& genes, const std::optional<Scores>& scores) {
  m_members.push_back({genes, scores});
  if (m_members.size() > m_population) m_members.pop_front();  // the oldest dies
}

}  // namespace coda::search
