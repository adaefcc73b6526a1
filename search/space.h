// The search space: one Dimension per knob (hardware path or model knob) with its domain, and the
// gene vector a strategy proposes (a level index per discrete dimension, a value per real one).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sim/core/error.h"

namespace coda::arch {
struct ParamDecl;
}

namespace coda::search {

// A point as strategies see it: genes[i] is a level index (discrete) or a value (real) of dims[i].
using Genes = std::vector<double>;

enum class DomainKind { int_range, pow2_range, real_range, choice };
const char* to_string(DomainKind k);  // "int", "pow2", "real", "choice"

struct Dimension {
  enum class Target { hardware, model };
  std::string name;  // chip path ("core.mxu.rows") or model knob ("batch", "arch.edge_2_1")
  Target target = Target::hardware;
  DomainKind kind = DomainKind::choice;
  std::vector<std::string> levels;        // canonical text of each level (discrete kinds)
  double lo = 0, hi = 0;                  // real_range bounds (SI units for hardware knobs)
  const arch::ParamDecl* decl = nullptr;  // the chip parameter (hardware), for formatting reals
  core::SourceLoc where;

  bool discrete() const { return kind != DomainKind::real_range; }
  std::size_t size() const { return levels.size(); }  // 0 for a real range
  // Canonical YAML text of the value a gene stands for.
  std::string text(double gene) const;
  // Level i of n evenly spaced values of a real range, both ends included (lo when n is 1).
  double grid_value(std::size_t i, std::size_t n) const {
    return n == 1 ? lo : lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
  }
};

class Space {
 public:
  void add(Dimension d) { m_dims.push_back(std::move(d)); }
  const std::vector<Dimension>& dims() const { return m_dims; }
  std::size_t size() const { return m_dims.size(); }

  // True when every gene is a valid level index or a value within [lo, hi].
  bool contains(const Genes& g) const;
  // Uniformly random genes (each dimension independently).
  Genes sample(std::mt19937_64& rng) const;
  // One gene drawn uniformly for dimension i (a real range: uniform in [lo, hi]).
  double sample_gene(std::size_t i, std::mt19937_64& rng) const;
  // Number of distinct points if every dimension is discrete; reals count `real_levels` each.
  double cardinality(std::size_t real_levels) const;

 private:
  std::vector<Dimension> m_dims;
};

// Uniform integer in [0, n) from a 64-bit engine, identical on every platform (no std::
// distributions, whose output is implementation-defined).
std::uint64_t uniform_index(std::mt19937_64& rng, std::uint64_t n);
// Uniform real in [0, 1) with 53 random bits, platform independent.
double uniform01(std::mt19937_64& rng);

}  // namespace coda::search
