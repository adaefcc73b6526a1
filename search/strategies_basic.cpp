// Random search and grid search.
#include <cmath>

#include "search/strategies.h"

namespace coda::search {

RandomStrategy::RandomStrategy(const Space& space, std::uint64_t seed)
    : m_space(space), m_rng(seed) {}

std::vector<Genes> RandomStrategy::ask(std::size_t max_points) {
  std::vector<Genes> out;
  for (std::size_t i = 0; i < std::min<std::size_t>(max_points, kIndependentBatch); ++i) {
    out.push_back(m_space.sample(m_rng));
  }
  return out;
}

GridStrategy::GridStrategy(const Space& space, std::size_t real_levels)
    : m_space(space), m_real_levels(std::max<std::size_t>(1, real_levels)) {
  m_total = space.cardinality(m_real_levels);
}

std::vector<Genes> GridStrategy::ask(std::size_t max_points) {
  std::vector<Genes> out;
  const auto& dims = m_space.dims();
  while (out.size() < std::min<std::size_t>(max_points, kIndependentBatch) && m_next < m_total) {
    // Mixed-radix decoding of the point number; the last dimension varies fastest.
    double rest = m_next++;
    Genes g(dims.size());
    for (std::size_t i = dims.size(); i-- > 0;) {
      const double radix = dims[i].discrete() ? static_cast<double>(dims[i].size()) : m_real_levels;
      const double digit = std::fmod(rest, radix);
      rest = std::floor(rest / radix);
      if (dims[i].discrete()) {
        g[i] = digit;
      } else {
        g[i] = dims[i].grid_value(static_cast<std::size_t>(digit), m_real_levels);
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace coda::search
