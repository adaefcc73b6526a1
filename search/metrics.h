// The metrics a trial can report (name with its unit), objectives with a direction and constraints
// with a limit, as declared in a study file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"

namespace coda::search {

enum class Goal { minimize, maximize };

struct MetricInfo {
  std::string name;               // e.g. "latency_s"
  std::string unit;               // e.g. "s"
  Goal natural = Goal::minimize;  // the direction that is usually better (docs only)
  std::string doc;
};

// Every metric a study may name as an objective or a constraint.
const std::vector<MetricInfo>& metric_catalog();
const MetricInfo* find_metric(const std::string& name);
std::vector<std::string> metric_names();

// Metric values of one trial, SI units as named.
using Metrics = std::map<std::string, double>;

struct Objective {
  std::string metric;
  Goal goal = Goal::minimize;
  core::SourceLoc where;
  // The value as a quantity to minimize (maximized metrics negated).
  double score(const Metrics& m) const;
};

struct Constraint {
  std::string metric;
  std::optional<double> min, max;  // inclusive limits, in the metric's unit
  core::SourceLoc where;
  // "" when `value` satisfies the limits, else e.g. "area_mm2 = 812.5 > max 600".
  std::string violation(double value) const;
};

}  // namespace coda::search
