// coda report --json: the runs with their hypervolume, every trial and the Pareto front.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "search/design_point.h"
#include "search/pareto.h"
#include "search/runner.h"

namespace coda::search {
namespace {

using nlohmann::json;

struct Scored {
  std::string key;
  Scores scores;
};

std::vector<Scores> scores_of(const std::vector<Scored>& v) {
  std::vector<Scores> s;
  for (const auto& x : v) s.push_back(x.scores);
  return s;
}

}  // namespace

std::vector<const StoredTrial*> in_ask_order(const std::vector<StoredRun>& runs,
                                             const std::vector<StoredTrial>& trials) {
  std::map<std::string, const StoredTrial*> by_key;
  for (const auto& t : trials) by_key[t.key] = &t;
  std::vector<const StoredTrial*> ordered;
  std::set<std::string> listed;
  for (const auto& r : runs) {
    for (const auto& key : r.asks) {
      if (listed.insert(key).second) ordered.push_back(by_key.at(key));
    }
  }
  for (const auto& [key, t] : by_key) {
    if (listed.insert(key).second) ordered.push_back(t);
  }
  return ordered;
}

std::string report_json(const Store& store, bool timings) {
  const auto runs = store.runs();
  const auto trials = store.trials();
  json out = {{"format", "coda-search-report 1"}, {"simulator", simulator_version()}};
  json tj = json::array();
  std::map<std::string, const StoredTrial*> by_key;
  for (const auto& t : trials) by_key[t.key] = &t;
  const std::vector<const StoredTrial*> ordered = in_ask_order(runs, trials);
  for (const StoredTrial* tp : ordered) {
    const StoredTrial& t = *tp;
    json j = {{"key", t.key},
              {"status", to_string(t.outcome.status)},
              {"fidelity", t.outcome.fidelity},
              {"inputs", json::parse(t.inputs_json)},
              {"metrics", t.outcome.metrics}};
    if (!t.outcome.reason.empty()) j["reason"] = t.outcome.reason;
    if (timings) j["eval_s"] = t.outcome.eval_s;
    tj.push_back(j);
  }
  if (runs.empty()) {
    out["runs"] = json::array();
    out["front"] = json::array();
    out["trials"] = tj;
    return out.dump(1);
  }
  const StoredRun& newest = runs.back();
  const json objectives = json::parse(newest.objectives_json);
  const json reference = json::parse(newest.reference_json);
  auto score = [&](const Metrics& m) {
    Scores s;
    for (const auto& o : objectives) {
      const double v = m.at(o["metric"].get<std::string>());
      s.push_back(o["goal"] == "maximize" ? -v : v);
    }
    return s;
  };
  // The ok trials each run of the newest study asked. For the study as a whole, one trial per
  // design (same inputs): the event-driven one when the design has one, else the analytic one.
  std::map<std::int64_t, std::vector<Scored>> per_run;
  std::vector<std::string> designs;                         // inputs, first-ask order
  std::map<std::string, const StoredTrial*> authoritative;  // inputs -> trial
  for (const auto& r : runs) {
    if (r.study_hash != newest.study_hash) continue;
    std::set<std::string> seen;
    for (const auto& key : r.asks) {
      const StoredTrial* t = by_key.at(key);
      if (!seen.insert(key).second) continue;
      auto [it, added] = authoritative.emplace(t->inputs_json, t);
      if (added) designs.push_back(t->inputs_json);
      if (t->outcome.fidelity == "event") it->second = t;
      if (t->outcome.status == Status::ok)
        per_run[r.id].push_back({key, score(t->outcome.metrics)});
    }
  }
  std::vector<Scored> all;
  for (const auto& d : designs) {
    const StoredTrial* t = authoritative.at(d);
    if (t->outcome.status == Status::ok) all.push_back({t->key, score(t->outcome.metrics)});
  }
  // Reference point: the study's value per objective, else the worst score seen (the nadir).
  Scores ref;
  json ref_out = json::object();
  for (std::size_t i = 0; i < objectives.size(); ++i) {
    const std::string metric = objectives[i]["metric"];
    const bool maximize = objectives[i]["goal"] == "maximize";
    double r = 0;
    if (reference.contains(metric)) {
      r = maximize ? -reference[metric].get<double>() : reference[metric].get<double>();
    } else {
      for (std::size_t k = 0; k < all.size(); ++k)
        r = k == 0 ? all[k].scores[i] : std::max(r, all[k].scores[i]);
    }
    ref.push_back(r);
    ref_out[metric] = maximize ? -r : r;
  }
  json rj = json::array();
  for (const auto& r : runs) {
    json j = {{"id", r.id},
              {"study", r.study_name},
              {"study_hash", r.study_hash},
              {"strategy", r.strategy},
              {"seed", r.seed},
              {"fidelity", r.fidelity},
              {"asks", r.asks.size()}};
    std::map<std::string, int> status;
    for (const auto& key : r.asks) ++status[to_string(by_key.at(key)->outcome.status)];
    j["ok"] = status["ok"];
    j["infeasible"] = status["infeasible"];
    j["failed"] = status["failed"];
    if (r.study_hash == newest.study_hash) {
      const auto s = scores_of(per_run[r.id]);
      j["hypervolume"] = hypervolume(s, ref);
      j["front_size"] = pareto_front(s).size();
    }
    rj.push_back(j);
  }
  const auto all_scores = scores_of(all);
  json front = json::array();
  for (std::size_t i : pareto_front(all_scores)) {
    const StoredTrial* t = by_key.at(all[i].key);
    front.push_back({{"key", t->key},
                     {"fidelity", t->outcome.fidelity},
                     {"inputs", json::parse(t->inputs_json)},
                     {"metrics", t->outcome.metrics}});
  }
  out["study"] = {
      {"name", newest.study_name}, {"hash", newest.study_hash}, {"objectives", objectives}};
  out["reference"] = ref_out;
  out["hypervolume"] = hypervolume(all_scores, ref);
  out["runs"] = rj;
  out["front"] = front;
  out["trials"] = tj;
  return out.dump(1);
}

}  // namespace coda::search
