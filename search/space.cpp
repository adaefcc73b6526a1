// Space sampling and membership; platform-independent random numbers.
#include "search/space.h"

#include <cmath>

#include "arch/spec/schema.h"
#include "sim/core/units.h"

namespace coda::search {

const char* to_string(DomainKind k) {
  switch (k) {
    case DomainKind::int_range:
      return "int";
    case DomainKind::pow2_range:
      return "pow2";
    case DomainKind::real_range:
      return "real";
    case DomainKind::choice:
      return "choice";
  }
  return "?";
}

std::string Dimension::text(double gene) const {
  if (discrete()) return levels.at(static_cast<std::size_t>(gene));
  if (!decl) return core::format_number(gene);
  arch::ParamValue v;
  v.number = gene;
  return arch::format_param(*decl, v);
}

bool Space::contains(const Genes& g) const {
  if (g.size() != m_dims.size()) return false;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const Dimension& d = m_dims[i];
    if (d.discrete()) {
      if (g[i] < 0 || g[i] >= static_cast<double>(d.size()) || std::floor(g[i]) != g[i])
        return false;
    } else if (!(g[i] >= d.lo && g[i] <= d.hi)) {
      return false;
    }
  }
  return true;
}

double Space::sample_gene(std::size_t i, std::mt19937_64& rng) const {
  const Dimension& d = m_dims[i];
  if (d.discrete()) return static_cast<double>(uniform_index(rng, d.size()));
  return d.lo + (d.hi - d.lo) * uniform01(rng);
}

Genes Space::sample(std::mt19937_64& rng) const {
  Genes g(m_dims.size());
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = sample_gene(i, rng);
  return g;
}

double Space::cardinality(std::size_t real_levels) const {
  double n = 1;
  for (const auto& d : m_dims) n *= d.discrete() ? static_cast<double>(d.size()) : real_levels;
  return n;
}

std::uint64_t uniform_index(std::mt19937_64& rng, std::uint64_t n) {
  // Rejection sampling removes the modulo bias: draws in the top partial bucket are redrawn.
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t x;
  do {
    x = rng();
  } while (x >= limit);
  return x % n;
}

double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace coda::search
