// Outcomes as JSON for the processes of a pool.
#include "search/point_pool.h"

#include <nlohmann/json.hpp>

namespace coda::search {

std::string outcome_to_json(const Outcome& o) {
  return nlohmann::json({{"status", to_string(o.status)},
                         {"reason", o.reason},
                         {"metrics", o.metrics},
                         {"fidelity", o.fidelity},
                         {"eval_s", o.eval_s}})
      .dump();
}

Outcome outcome_from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  Outcome o;
  o.status = status_from_string(j.at("status").get<std::string>());
  o.reason = j.at("reason").get<std::string>();
  o.metrics = j.at("metrics").get<Metrics>();
  o.fidelity = j.at("fidelity").get<std::string>();
  o.eval_s = j.at("eval_s").get<double>();
  return o;
}

}  // namespace coda::search
