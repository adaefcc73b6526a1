// Outcomes as JSON for the processes of a pool (and metrics for the store).
#include "search/point_pool.h"

#include <limits>

namespace coda::search {

nlohmann::json outcome_json(const Outcome& o) {
  return {{"status", to_string(o.status)},
          {"reason", o.reason},
          {"metrics", o.metrics},
          {"fidelity", o.fidelity},
          {"eval_s", o.eval_s}};
}

Metrics metrics_from_json(const nlohmann::json& j) {
  Metrics m;
  for (const auto& [name, value] : j.items()) {
    m[name] = value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
  }
  return m;
}

Outcome outcome_from_json(const nlohmann::json& j) {
  Outcome o;
  o.status = status_from_string(j.at("status").get<std::string>());
  o.reason = j.at("reason").get<std::string>();
  o.metrics = metrics_from_json(j.at("metrics"));
  o.fidelity = j.at("fidelity").get<std::string>();
  o.eval_s = j.at("eval_s").get<double>();
  return o;
}

}  // namespace coda::search
