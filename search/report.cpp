// coda report --json: the runs with their hypervolume, every trial and the Pareto front; and the
// hypervolume of each run over its trials, for the HTML report.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "search/design_point.h"
#include "search/pareto.h"
#include "search/report.h"
#include "search/runner.h"

namespace coda::search {
namespace {

using nlohmann::json;

struct Scored {
  std::string key;
  Scores scores;
  std::size_t ask = 0;  // its first ask in the run, from 1 (per-run lists only)
};

std::vector<Scores> scores_of(const std::vector<Scored>& v) {
  std::vector<Scores> s;
  for (const auto& x : v) s.push_back(x.scores);
  return s;
}

std::map<std::string, const StoredTrial*> index_by_key(const std::vector<StoredTrial>& trials) {
  std::map<std::string, const StoredTrial*> by_key;
  for (const auto& t : trials) by_key[t.key] = &t;
  return by_key;
}

}  // namespace

std::vector<const StoredTrial*> in_ask_order(const std::vector<StoredRun>& runs,
                                             const std::vector<StoredTrial>& trials) {
  const auto by_key = index_by_key(trials);
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

namespace {

// What the JSON and the hypervolume curves share: the newest study's objectives and reference,
// and the scores of its ok trials, per run and for the study as a whole.
struct Analysis {
  json objectives, ref_out;
  Scores ref;
  // The ok trials each run of the newest study asked, in first-ask order.
  std::map<std::int64_t, std::vector<Scored>> per_run;
  // For the study as a whole, one trial per design (same inputs): the event-driven one when the
  // design has one, else the analytic one.
  std::vector<Scored> all;
};

Analysis analyse(const std::vector<StoredRun>& runs,
                 const std::map<std::string, const StoredTrial*>& by_key) {
  Analysis a;
  const StoredRun& newest = runs.back();
  a.objectives = json::parse(newest.objectives_json);
  const json reference = json::parse(newest.reference_json);
  // Nothing when the trial lacks an objective's metric (a store written before the surrogate
  // was part of trial keys could serve such a trial to a study that asks for accuracy): it has
  // no place on the front, and the report still reads the store.
  auto score = [&](const Metrics& m) -> std::optional<Scores> {
    Scores s;
    for (const auto& o : a.objectives) {
      const auto it = m.find(o["metric"].get<std::string>());
      if (it == m.end()) return std::nullopt;
      s.push_back(o["goal"] == "maximize" ? -it->second : it->second);
    }
    return s;
  };
  std::vector<std::string> designs;                         // inputs, first-ask order
  std::map<std::string, const StoredTrial*> authoritative;  // inputs -> trial
  for (const auto& r : runs) {
    if (r.study_hash != newest.study_hash) continue;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < r.asks.size(); ++i) {
      const std::string& key = r.asks[i];
      const StoredTrial* t = by_key.at(key);
      if (!seen.insert(key).second) continue;
      auto [it, added] = authoritative.emplace(t->inputs_json, t);
      if (added) designs.push_back(t->inputs_json);
      if (t->outcome.fidelity == "event") it->second = t;
      if (t->outcome.status != Status::ok) continue;
      if (auto sc = score(t->outcome.metrics)) a.per_run[r.id].push_back({key, *sc, i + 1});
    }
  }
  for (const auto& d : designs) {
    const StoredTrial* t = authoritative.at(d);
    if (t->outcome.status != Status::ok) continue;
    if (auto sc = score(t->outcome.metrics)) a.all.push_back({t->key, *sc, 0});
  }
  // Reference point: the study's value per objective, else the worst score seen (the nadir).
  a.ref_out = json::object();
  for (std::size_t i = 0; i < a.objectives.size(); ++i) {
    const std::string metric = a.objectives[i]["metric"];
    const bool maximize = a.objectives[i]["goal"] == "maximize";
    double r = 0;
    if (reference.contains(metric)) {
      r = maximize ? -reference[metric].get<double>() : reference[metric].get<double>();
    } else {
      for (std::size_t k = 0; k < a.all.size(); ++k)
        r = k == 0 ? a.all[k].scores[i] : std::max(r, a.all[k].scores[i]);
    }
    a.ref.push_back(r);
    a.ref_out[metric] = maximize ? -r : r;
  }
  return a;
}

}  // namespace

std::string report_json(const Store& store, bool timings) {
  return report_json(store.runs(), store.trials(), timings);
}

std::string report_json(const std::vector<StoredRun>& runs, const std::vector<StoredTrial>& trials,
                        bool timings) {
  json out = {{"format", "coda-search-report 1"}, {"simulator", simulator_version()}};
  json tj = json::array();
  const auto by_key = index_by_key(trials);
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
  Analysis a = analyse(runs, by_key);
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
      const auto s = scores_of(a.per_run[r.id]);
      j["hypervolume"] = hypervolume(s, a.ref);
      j["front_size"] = pareto_front(s).size();
    }
    rj.push_back(j);
  }
  const auto all_scores = scores_of(a.all);
  json front = json::array();
  for (std::size_t i : pareto_front(all_scores)) {
    const StoredTrial* t = by_key.at(a.all[i].key);
    front.push_back({{"key", t->key},
                     {"fidelity", t->outcome.fidelity},
                     {"inputs", json::parse(t->inputs_json)},
                     {"metrics", t->outcome.metrics}});
  }
  out["study"] = {
      {"name", newest.study_name}, {"hash", newest.study_hash}, {"objectives", a.objectives}};
  // An accuracy the surrogate fitted (it comes with its cross-validated error) is labelled an
  // estimate wherever the report shows it.
  for (const auto& s : a.all) {
    const Metrics& m = by_key.at(s.key)->outcome.metrics;
    if (const auto it = m.find("accuracy_cv_rmse"); it != m.end()) {
      out["study"]["estimates"] = {
          {"accuracy", {{"by", "surrogate"}, {"cv_rmse_percentage_points", it->second}}}};
      break;
    }
  }
  out["reference"] = a.ref_out;
  out["hypervolume"] = hypervolume(all_scores, a.ref);
  out["runs"] = rj;
  out["front"] = front;
  out["trials"] = tj;
  return out.dump(1);
}

std::vector<HypervolumeCurve> hypervolume_curves(const std::vector<StoredRun>& runs,
                                                 const std::vector<StoredTrial>& trials,
                                                 std::size_t max_points) {
  std::vector<HypervolumeCurve> curves;
  if (runs.empty()) return curves;
  const Analysis a = analyse(runs, index_by_key(trials));
  max_points = std::max<std::size_t>(1, max_points);
  for (const auto& r : runs) {
    if (r.study_hash != runs.back().study_hash || r.asks.empty()) continue;
    HypervolumeCurve c;
    c.run_id = r.id;
    c.label = r.strategy + " seed " + std::to_string(r.seed) + " (" + r.fidelity + ")";
    const auto it = a.per_run.find(r.id);
    static const std::vector<Scored> kNone;
    const std::vector<Scored>& ok = it == a.per_run.end() ? kNone : it->second;
    // The non-dominated ok trials so far, in ask order: the same hypervolume as all of them (the
    // same points reach the sweep in the same order), at a fraction of the cost.
    std::vector<Scores> kept;
    std::size_t next = 0;
    const std::size_t n = r.asks.size(), samples = std::min(n, max_points);
    for (std::size_t i = 1; i <= samples; ++i) {
      const std::size_t asked = (i * n + samples - 1) / samples;  // the last sample is n
      for (; next < ok.size() && ok[next].ask <= asked; ++next) {
        const Scores& p = ok[next].scores;
        if (std::any_of(kept.begin(), kept.end(), [&](const Scores& q) { return dominates(q, p); }))
          continue;
        kept.erase(std::remove_if(kept.begin(), kept.end(),
                                  [&](const Scores& q) { return dominates(p, q); }),
                   kept.end());
        kept.push_back(p);
      }
      c.points.emplace_back(asked, hypervolume(kept, a.ref));
    }
    curves.push_back(std::move(c));
  }
  return curves;
}

}  // namespace coda::search
