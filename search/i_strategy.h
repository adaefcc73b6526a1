// The ask/tell interface every search strategy implements, and the factory by name.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "search/metrics.h"
#include "search/pareto.h"
#include "search/space.h"

namespace coda::search {

class IStrategy {
 public:
  virtual ~IStrategy() = default;
  // Contract: returns between 1 and max_points gene vectors, each inside the space, or none when
  // the strategy has nothing left to propose (a finished grid). The result depends only on the
  // seed and the tells so far. Every asked point must be told before the next ask.
  virtual std::vector<Genes> ask(std::size_t max_points) = 0;
  // Contract: called once per asked point, in ask order. `scores` are the objective scores to
  // minimize; nullopt for an infeasible or failed point (never selected as a parent).
  virtual void tell(const Genes& genes, const std::optional<Scores>& scores) = 0;
};

struct StrategyOptions {
  std::uint64_t seed = 0;
  std::uint64_t population = 0;  // evolution, nsga2 (lacs: points per ask); 0 = default
  std::size_t grid_levels = 5;   // grid and lacs: levels of a real range
  // The study's objectives in score order (lacs finds latency_s and accuracy among them).
  std::vector<Objective> objectives;
  // lacs: the latency ratio of one scaling step and its relative tolerance.
  double lacs_target = 2, lacs_tolerance = 0.05;
  // Where a strategy reports what it concluded (lacs: the chosen coefficients); may be empty.
  std::function<void(const std::string&)> note;
};

// name: random, grid, evolution (regularized/aging evolution), nsga2, lacs (latency-aware compound
// scaling, search/lacs.h). The space must outlive the strategy.
std::unique_ptr<IStrategy> make_strategy(const std::string& name, const Space& space,
                                         const StrategyOptions& options);

}  // namespace coda::search
