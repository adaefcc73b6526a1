// The ask / evaluate-or-serve / record / tell loop; new points of a batch are evaluated by a pool
// of processes (MPI ranks) when there is one, otherwise by up to `jobs` threads, each with its own
// evaluator (event fidelity: one `coda` child each).
#include "search/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "search/design_point.h"
#include "search/i_strategy.h"

namespace coda::search {
namespace {

struct Pending {
  explicit Pending(Genes g) : genes(std::move(g)) {}
  Genes genes;
  DesignPoint point;  // made when the cursor prepares it
  std::string key;
  std::optional<Outcome> outcome;
  bool evaluate = false;  // the first occurrence of a key the store does not have
  bool retry = false;     // a failed trial of the store evaluated again (RunOptions::retry_failed)
};

std::string inputs_json(const Study& s, const DesignPoint& p) {
  return nlohmann::json({{"model", s.model}, {"knobs", p.knobs}, {"hardware", p.hardware}}).dump();
}

// Walks a batch in ask order, preparing each point as it goes: its design point, its key
// (checked against the asks a resumed run recorded), a store lookup (a chunk of points per read
// transaction), whether an earlier point of the batch has the same key. next() stops at each
// point to evaluate, so an MPI pool hands out the first ones before the whole batch is prepared.
class BatchCursor {
 public:
  // `retried`: the keys of failed trials already evaluated again in this run, when it retries
  // them (nullptr: failed trials are served like the others).
  BatchCursor(std::vector<Pending>& batch, const Study& study, Store& store,
              const TrialKeyer& keyer, const std::vector<std::string>& prior,
              std::uint64_t first_seq, std::int64_t run, std::set<std::string>* retried)
      : m_batch(batch),
        m_study(study),
        m_store(store),
        m_keyer(keyer),
        m_prior(prior),
        m_first_seq(first_seq),
        m_run(run),
        m_retried(retried) {}

  std::optional<std::size_t> next() {
    for (; m_pos < m_batch.size(); ++m_pos) {
      if (m_pos == m_prepared) prepare_chunk();
      Pending& p = m_batch[m_pos];
      p.evaluate = !p.outcome && m_in_batch.insert(p.key).second;
      if (p.evaluate) return m_pos++;
    }
    return std::nullopt;
  }

 private:
  static constexpr std::size_t kChunk = 16;
  void prepare_chunk() {
    const std::size_t end = std::min(m_batch.size(), m_prepared + kChunk);
    std::vector<std::string> keys;
    for (std::size_t i = m_prepared; i < end; ++i) {
      Pending& p = m_batch[i];
      p.point = make_point(m_study, p.genes);
      p.key = m_keyer.key(p.point);
      const std::uint64_t seq = m_first_seq + i;
      if (seq < m_prior.size() && m_prior[seq] != p.key) {
        throw core::InputError({}, "--db",
                               "run " + std::to_string(m_run) + " of the store asked " +
                                   m_prior[seq] + " at trial " + std::to_string(seq) + ", now " +
                                   p.key + ": the store was written by another simulator version");
      }
      keys.push_back(p.key);
    }
    std::vector<std::optional<Outcome>> stored = m_store.find_all(keys);
    for (std::size_t i = m_prepared; i < end; ++i) {
      Pending& p = m_batch[i];
      p.outcome = std::move(stored[i - m_prepared]);
      if (!m_retried || !p.outcome || p.outcome->status != Status::failed) continue;
      if (m_retried->insert(p.key).second) {
        p.outcome.reset();  // evaluated again
        p.retry = true;
        m_retrying.insert(p.key);
      } else if (m_retrying.count(p.key)) {
        p.outcome.reset();  // a repeat of one retried in this batch: its new outcome, afterwards
      }
    }
    m_prepared = end;
  }

  std::vector<Pending>& m_batch;
  const Study& m_study;
  Store& m_store;
  const TrialKeyer& m_keyer;
  const std::vector<std::string>& m_prior;
  std::uint64_t m_first_seq;
  std::int64_t m_run;
  std::set<std::string>* m_retried;
  std::size_t m_pos = 0, m_prepared = 0;
  std::set<std::string> m_in_batch, m_retrying;
};

// A new trial, or one retried in place of its failed self.
void store_trial(Store& store, const Study& study, const Pending& p, const Outcome& out) {
  const std::string inputs = inputs_json(study, p.point);
  if (p.retry) {
    store.replace_trial(p.key, inputs, out);
  } else {
    store.record_trial(p.key, inputs, out);
  }
}

// Called on the study's thread after each trial of a batch is stored.
using FinishedFn = std::function<void(const Outcome&)>;

// Evaluates the batch's points the cursor stops at, storing each trial as soon as it is done.
void evaluate_batch(const Study& study, const RunOptions& o, Store& store,
                    std::vector<Pending>& batch, BatchCursor& cursor,
                    std::vector<std::unique_ptr<IEvaluator>>& evaluators,
                    const FinishedFn& finished = {}) {
  const KnownAccuracies& known = o.known_accuracies;
  if (o.pool) {
    std::vector<Genes> genes;
    for (const Pending& p : batch) genes.push_back(p.genes);
    // This process's evaluator is built when it first evaluates, after the first points are out
    // (the other ranks build theirs meanwhile).
    auto local = [&](std::size_t i) {
      if (evaluators.empty())
        evaluators.push_back(make_evaluator(study, o.fidelity, o.coda_exe, known));
      return evaluators[0]->evaluate(batch[i].point);
    };
    o.pool->evaluate(
        genes, [&] { return cursor.next(); }, o.fidelity, local,
        [&](std::size_t i, const Outcome& out) {
          batch[i].outcome = out;
          store_trial(store, study, batch[i], out);
          if (finished) finished(out);
        });
    return;
  }
  std::vector<Pending*> work;
  while (const auto i = cursor.next()) work.push_back(&batch[*i]);
  if (work.empty()) return;
  // In-process (analytic) evaluation shares caches inside the simulator layers that are not
  // thread-safe, so only child-process (event) evaluations run at once.
  const std::size_t jobs = o.fidelity == "event" ? o.jobs : 1;
  const std::size_t threads = std::max<std::size_t>(1, std::min(jobs, work.size()));
  while (evaluators.size() < threads)
    evaluators.push_back(make_evaluator(study, o.fidelity, o.coda_exe, known));
  std::atomic<std::size_t> next{0};
  std::mutex store_mutex;
  std::exception_ptr error;
  auto worker = [&](std::size_t t) {
    try {
      for (std::size_t i; (i = next++) < work.size();) {
        Pending& p = *work[i];
        p.outcome = evaluators[t]->evaluate(p.point);
        std::lock_guard<std::mutex> lock(store_mutex);
        store_trial(store, study, p, *p.outcome);
        if (finished) finished(*p.outcome);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(store_mutex);
      if (!error) error = std::current_exception();
      next = work.size();
    }
  };
  if (threads == 1) {
    worker(0);
  } else {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker, t);
    for (auto& th : pool) th.join();
  }
  if (error) std::rethrow_exception(error);
}

// Records, in one transaction, the asks of a batch whose first ask is `first_seq` that the run has
// not recorded before (it has `recorded` asks). Their trials are already stored.
void record_new_asks(Store& store, std::int64_t run, std::uint64_t first_seq,
                     std::uint64_t recorded, const std::vector<Pending>& batch) {
  std::vector<std::pair<std::string, std::string>> asks;
  for (std::uint64_t k = 0; k < batch.size(); ++k) {
    if (first_seq + k >= recorded)
      asks.emplace_back(batch[k].key, nlohmann::json(batch[k].genes).dump());
  }
  store.record_asks(run, std::max(first_seq, recorded), asks);
}

// An ok outcome's score per objective, or nullopt when it lacks one of their metrics.
std::optional<Scores> scores_of(const Study& study, const Outcome& out) {
  Scores s;
  for (const auto& obj : study.objectives) {
    if (!out.metrics.count(obj.metric)) return std::nullopt;
    s.push_back(obj.score(out.metrics));
  }
  return s;
}

// The non-dominated scores seen so far, kept incrementally for progress lines.
struct Archive {
  std::vector<Scores> front;
  Scores best;
  void add(const Scores& s) {
    if (best.empty()) best = s;
    for (std::size_t i = 0; i < s.size(); ++i) best[i] = std::min(best[i], s[i]);
    for (const auto& f : front) {
      if (dominates(f, s) || f == s) return;
    }
    front.erase(std::remove_if(front.begin(), front.end(),
                               [&](const Scores& f) { return dominates(s, f); }),
                front.end());
    front.push_back(s);
  }
};

// Re-evaluates the given points with the event-driven engine under the run "<strategy>+confirm".
void confirm(const Study& study, Store& store, const RunOptions& o, const std::vector<Genes>& genes,
             RunSummary& sum) {
  RunOptions event = o;
  event.fidelity = "event";
  sum.confirm_run_id = store.open_run(study, o.strategy + "+confirm", o.seed, "event");
  const std::vector<std::string> prior = store.asks(sum.confirm_run_id);
  std::vector<Pending> batch;
  for (const Genes& g : genes) batch.emplace_back(g);
  // The points confirmed depend on the run's results so far, so a resumed confirmation is not
  // checked against the asks it recorded before.
  const TrialKeyer keyer(study, "event");
  const std::vector<std::string> unchecked;
  std::set<std::string> retried;
  BatchCursor cursor(batch, study, store, keyer, unchecked, 0, sum.confirm_run_id,
                     o.retry_failed ? &retried : nullptr);
  std::vector<std::unique_ptr<IEvaluator>> evaluators;
  evaluate_batch(study, event, store, batch, cursor, evaluators);
  record_new_asks(store, sum.confirm_run_id, 0, prior.size(), batch);
  for (const Pending& p : batch) sum.retried += p.retry;
  sum.confirmed = batch.size();
}

std::unique_ptr<IStrategy> strategy_for(const Study& study, const RunOptions& o) {
  StrategyOptions so;
  so.seed = o.seed;
  so.population = study.population;
  so.grid_levels = study.grid_levels;
  so.objectives = study.objectives;
  so.lacs_target = study.lacs_target;
  so.lacs_tolerance = study.lacs_tolerance;
  so.note = o.strategy_note;
  return make_strategy(o.strategy, study.space, so);
}

}  // namespace

KnownAccuracies try_oracle_command(const Study& study, const RunOptions& o, const Store* store) {
  const OracleSpec& spec = study.oracle;
  if (spec.kind != OracleSpec::Kind::command || o.budget == 0) return {};
  RunOptions quiet = o;  // a strategy of its own, whose notes are not the run's
  quiet.strategy_note = nullptr;
  const std::vector<Genes> first = strategy_for(study, quiet)->ask(o.budget);
  if (first.empty()) return {};
  const DesignPoint p = make_point(study, first.front());
  if (store) {
    const auto stored = store->find(TrialKeyer(study, o.fidelity).key(p));
    if (stored && !(o.retry_failed && stored->status == Status::failed)) return {};
  }
  const std::string input = point_json(study.model, p);
  std::string why;
  const auto accuracy = CommandOracle(spec.command, study.model, spec.timeout_s).answer(p, why);
  if (!accuracy) {
    throw core::InputError(spec.where, "accuracy.command",
                           "oracle command '" + spec.command +
                               "' failed on the run's first design, before any evaluation: " + why +
                               "; its input was " + input);
  }
  return {{input, *accuracy}};
}

RunSummary run_study(const Study& study, Store& store, const RunOptions& o,
                     const ProgressFn& progress) {
  RunSummary sum;
  sum.run_id = store.open_run(study, o.strategy, o.seed, o.fidelity);
  const std::vector<std::string> prior = store.asks(sum.run_id);
  const auto strategy = strategy_for(study, o);
  std::vector<std::unique_ptr<IEvaluator>> evaluators;  // built on first need
  std::vector<Genes> ok_genes;                          // for the confirmation
  std::vector<Scores> ok_scores;
  std::set<std::string> ok_keys;
  Archive archive;
  const TrialKeyer keyer(study, o.fidelity);
  std::set<std::string> retried;  // failed trials evaluated again (o.retry_failed)
  // A batch's asks are recorded once the next batch is under way: when its first trial is stored,
  // the other ranks hold points to evaluate, whereas at the batch's end they would wait for the
  // transaction (~4 ms per 2,048 asks; docs/search.md, "Speed"). Recorded later or not, every
  // trial is stored first, so a kill in between loses nothing: a resumed run records them again.
  std::uint64_t unrecorded_seq = 0;
  std::optional<std::vector<Pending>> unrecorded;
  auto record_unrecorded = [&] {
    if (!unrecorded) return;
    record_new_asks(store, sum.run_id, unrecorded_seq, prior.size(), *unrecorded);
    unrecorded.reset();
  };
  while (sum.asked < o.budget) {
    const std::vector<Genes> asked = strategy->ask(o.budget - sum.asked);
    if (asked.empty()) break;
    std::vector<Pending> batch;
    batch.reserve(asked.size());
    for (const Genes& g : asked) batch.emplace_back(g);
    BatchCursor cursor(batch, study, store, keyer, prior, sum.asked, sum.run_id,
                       o.retry_failed ? &retried : nullptr);
    // While a long batch runs (2,048 random points, or a population of event evaluations),
    // progress at most every progress_every_s with the trials evaluated so far. The archive
    // takes each ok trial as it comes (and again, unchanged, when the batch is told).
    RunSummary partial = sum;
    auto shown = std::chrono::steady_clock::now();
    auto finished = [&](const Outcome& out) {
      record_unrecorded();
      ++partial.asked;
      ++partial.evaluated;
      ++(out.status == Status::ok           ? partial.ok
         : out.status == Status::infeasible ? partial.infeasible
                                            : partial.failed);
      if (out.status == Status::ok) {
        if (const auto s = scores_of(study, out)) archive.add(*s);
      }
      const auto now = std::chrono::steady_clock::now();
      if (progress && std::chrono::duration<double>(now - shown).count() >= o.progress_every_s) {
        shown = now;
        partial.front_size = archive.front.size();
        partial.best = archive.best;
        progress(partial);
      }
    };
    evaluate_batch(study, o, store, batch, cursor, evaluators, finished);
    record_unrecorded();  // when no trial of this batch was evaluated
    const std::uint64_t first_seq = sum.asked;
    for (auto& p : batch) {
      if (p.evaluate) {
        ++sum.evaluated;
        sum.retried += p.retry;
      } else {
        if (!p.outcome) p.outcome = store.find(p.key);  // a repeat within the batch
        ++sum.from_store;
      }
      ++sum.asked;
      const Outcome& out = *p.outcome;
      if (out.status == Status::ok) {
        ++sum.ok;
        for (const auto& obj : study.objectives) {
          if (!out.metrics.count(obj.metric)) {
            throw core::InputError({}, "objectives." + obj.metric,
                                   "trial " + p.key + " has no " + obj.metric +
                                       " (metrics: " + std::to_string(out.metrics.size()) + ")");
          }
        }
        const Scores s = *scores_of(study, out);
        if (ok_keys.insert(p.key).second) {
          ok_genes.push_back(p.genes);
          ok_scores.push_back(s);
          archive.add(s);
        }
        strategy->tell(p.genes, s);
      } else {
        ++(out.status == Status::infeasible ? sum.infeasible : sum.failed);
        strategy->tell(p.genes, std::nullopt);
      }
    }
    unrecorded_seq = first_seq;
    unrecorded = std::move(batch);
    sum.front_size = archive.front.size();
    sum.best = archive.best;
    if (progress) progress(sum);
  }
  record_unrecorded();
  if ((o.confirm_fronts > 0 || o.confirm_near >= 0) && o.fidelity == "analytic") {
    // The first fronts in front order, then the near designs not among them in ask order.
    std::vector<Genes> chosen;
    std::vector<bool> taken(ok_genes.size(), false);
    const auto fronts = nondominated_sort(ok_scores);
    for (std::size_t f = 0; f < std::min(o.confirm_fronts, fronts.size()); ++f) {
      for (std::size_t i : fronts[f]) {
        chosen.push_back(ok_genes[i]);
        taken[i] = true;
      }
    }
    if (o.confirm_near >= 0) {
      const std::vector<double> distance = front_distances(ok_scores);
      for (std::size_t i = 0; i < ok_genes.size(); ++i) {
        if (!taken[i] && distance[i] <= o.confirm_near) chosen.push_back(ok_genes[i]);
      }
    }
    confirm(study, store, o, chosen, sum);
  }
  return sum;
}

}  // namespace coda::search
