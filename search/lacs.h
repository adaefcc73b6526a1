// Latency-aware compound scaling (LACS, Li et al., "Searching for Fast Model Families on Multiple
// Accelerators", CVPR 2021): find depth, width and resolution coefficients (alpha, beta, gamma)
// whose simulated latency is `target` times the base model's, the most accurate such set, then
// propose the family base x (alpha^phi, beta^phi, gamma^phi), phi = 2, 3, ... (docs/search.md).
#pragma once

#include <array>
#include <deque>

#include "search/i_strategy.h"
#include "search/study.h"
#include "sim/core/yaml_file.h"

namespace coda::search {

// The model knobs LACS scales, in coefficient order (alpha, beta, gamma).
const std::array<std::string, 3>& lacs_knobs();

// Throws core::InputError (the study file's key paths) unless strategy lacs can search `s`: the
// model knobs depth, width and resolution searched over positive numbers and nothing else, a
// latency_s objective to minimize and, if accuracy is an objective, accuracy to maximize.
void check_lacs_study(const Study& s);
// Reads one entry of the study's `lacs:` section (target, tolerance) into `s`.
void read_lacs_entry(Study& s, const core::YamlEntry& e);

// Phase 1 asks the base point (every knob at its lowest value). Phase 2 asks the coefficient grid
// (every level of a discrete knob, `grid_levels` values of a real one) in order of how close
// EfficientNet's cost rule alpha * beta^2 * gamma^2 comes to the target, `population` points per
// ask (default 4); assuming latency grows with each knob, a candidate at least as large in every
// knob as one measured above the band target x (1 +- tolerance), or at most as large as one below
// it, is skipped unasked. Then the chosen set: the most accurate in the band (without an accuracy
// objective, or with nothing in the band, the ratio closest to the target). Phase 3 asks the
// family phi = 2, 3, ... (reals rounded to 1e-6, discrete knobs at the nearest level) until a knob
// leaves its range; then nothing. Infeasible or failed points are skipped and counted.
class LacsStrategy : public IStrategy {
 public:
  LacsStrategy(const Space& space, const StrategyOptions& options);
  std::vector<Genes> ask(std::size_t max_points) override;
  void tell(const Genes& genes, const std::optional<Scores>& scores) override;

  struct Choice {
    Genes genes;
    std::array<double, 3> coefficients{};  // alpha (depth), beta (width), gamma (resolution)
    double ratio = 0;                      // latency / the base's
    std::optional<double> accuracy;        // the accuracy metric, when it is an objective
    bool in_band = false;
  };
  // Set once phase 2 ends with a choice.
  const std::optional<Choice>& choice() const { return m_choice; }
  // The family (phi = 2, 3, ...) planned from the choice.
  const std::vector<Genes>& family() const { return m_family; }

 private:
  using Values = std::array<double, 3>;  // depth, width, resolution
  struct Candidate {
    Values values{};
    Genes genes;
    bool asked = false, ok = false;
    double ratio = 0, accuracy_score = 0;
  };
  Genes genes_of(const std::array<std::size_t, 3>& level) const;
  bool pruned(const Candidate& c) const;
  void choose();
  void plan_family();
  std::string describe(const Genes& g) const;

  const Space& m_space;
  StrategyOptions m_options;
  std::array<std::size_t, 3> m_dim{};                              // space index of each knob
  std::array<std::vector<std::pair<double, double>>, 3> m_levels;  // (value, gene), ascending
  std::size_t m_latency = 0;                                       // score index of latency_s
  std::optional<std::size_t> m_accuracy;                           // score index of accuracy
  std::size_t m_batch = 4;
  Genes m_base_genes;
  Values m_base{};
  enum class Phase { base, grid, family, done } m_phase = Phase::base;
  bool m_base_asked = false;
  std::optional<double> m_base_latency;
  std::vector<Candidate> m_candidates;  // in asking order
  std::size_t m_cursor = 0, m_skipped = 0, m_bad = 0;
  std::vector<Values> m_too_slow, m_too_fast;
  std::deque<std::size_t> m_outstanding;  // candidate index, kBase or kFamily
  std::optional<Choice> m_choice;
  std::vector<Genes> m_family;
  std::size_t m_family_next = 0;
};

}  // namespace coda::search
