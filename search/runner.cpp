// The ask / evaluate-or-serve / record / tell loop.
#include "search/runner.h"

#include <nlohmann/json.hpp>

#include "search/design_point.h"
#include "search/i_strategy.h"

namespace coda::search {

RunSummary run_study(const Study& study, Store& store, const RunOptions& o,
                     const ProgressFn& progress) {
  RunSummary sum;
  sum.run_id = store.open_run(study, o.strategy, o.seed, o.fidelity);
  const std::vector<std::string> prior = store.asks(sum.run_id);
  StrategyOptions so;
  so.seed = o.seed;
  so.population = study.population;
  so.grid_levels = study.grid_levels;
  const auto strategy = make_strategy(o.strategy, study.space, so);
  std::unique_ptr<IEvaluator> evaluator;  // built on first need: a replay needs no oracle
  while (sum.asked < o.budget) {
    const std::vector<Genes> batch = strategy->ask(o.budget - sum.asked);
    if (batch.empty()) break;
    for (const Genes& g : batch) {
      const DesignPoint p = make_point(study, g);
      const std::string key = trial_key(study, p, o.fidelity);
      const std::uint64_t seq = sum.asked;
      if (seq < prior.size() && prior[seq] != key) {
        throw core::InputError({}, "--db",
                               "run " + std::to_string(sum.run_id) + " of the store asked " +
                                   prior[seq] + " at trial " + std::to_string(seq) + ", now " +
                                   key + ": the store was written by another simulator version");
      }
      std::optional<Outcome> out = store.find(key);
      if (out) {
        ++sum.from_store;
        if (seq >= prior.size())
          store.record(sum.run_id, seq, key, nlohmann::json(g).dump(), "", nullptr);
      } else {
        if (!evaluator) evaluator = make_evaluator(study, o.fidelity, o.coda_exe);
        out = evaluator->evaluate(p);
        ++sum.evaluated;
        nlohmann::json inputs = {
            {"model", study.model}, {"knobs", p.knobs}, {"hardware", p.hardware}};
        store.record(sum.run_id, seq, key, nlohmann::json(g).dump(), inputs.dump(), &*out);
      }
      ++sum.asked;
      if (out->status == Status::ok) {
        ++sum.ok;
        Scores s;
        for (const auto& obj : study.objectives) s.push_back(obj.score(out->metrics));
        strategy->tell(g, s);
      } else {
        ++(out->status == Status::infeasible ? sum.infeasible : sum.failed);
        strategy->tell(g, std::nullopt);
      }
    }
    if (progress) progress(sum);
  }
  return sum;
}

}  // namespace coda::search
