// The study loop: ask the strategy, serve known points from the store, evaluate the rest, record
// each trial and ask in one transaction, tell the strategy. Resumes a run from its stored asks.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "search/oracle.h"
#include "search/pareto.h"
#include "search/point_pool.h"
#include "search/store.h"

namespace coda::search {

struct RunOptions {
  std::string strategy = "random", fidelity = "analytic";
  std::uint64_t seed = 0, budget = 100;
  std::string coda_exe;  // for fidelity event: the `coda` executable run as a worker
  // Evaluations at once within a batch (threads; event fidelity only; results do not depend on
  // it).
  std::size_t jobs = 1;
  // Multi-fidelity: after an analytic run, confirm its first `confirm_fronts` non-dominated
  // fronts with the event-driven engine, as the run "<strategy>+confirm" (fidelity event).
  std::size_t confirm_fronts = 0;
  // Multi-fidelity: also confirm every ok design within this distance of the run's front, in
  // fractions of each objective's range (search/pareto.h, front_distances); < 0 = off.
  double confirm_near = -1;
  // Other processes (MPI ranks) that evaluate points too (nullptr: this process only). With a
  // pool, each process evaluates one point at a time (`jobs` is not used).
  IPointPool* pool = nullptr;
  // Least time between two progress calls while a batch runs (see ProgressFn); 0 = after every
  // trial.
  double progress_every_s = 0.5;
  // Receives what the strategy concluded, if it says (lacs: the coefficients and the family).
  std::function<void(const std::string&)> strategy_note;
  // Evaluate again the failed trials the run asks (a worker or oracle command over its limits),
  // each once, replacing them in the store; other stored trials are served as ever.
  bool retry_failed = false;
  // Accuracies an oracle command need not compute again: its answer from try_oracle_command.
  KnownAccuracies known_accuracies;
};

struct RunSummary {
  std::int64_t run_id = 0;
  std::uint64_t asked = 0;       // asks of the run after this call (<= budget)
  std::uint64_t evaluated = 0;   // evaluated by this call
  std::uint64_t from_store = 0;  // served from the store by this call
  std::uint64_t retried = 0;     // of `evaluated`: failed trials evaluated again (retry_failed)
  std::uint64_t ok = 0, infeasible = 0, failed = 0;  // over the run's asks
  std::size_t front_size = 0;                        // non-dominated ok points of the run so far
  Scores best;  // per objective, the best score so far (to minimize; see Objective)
  std::int64_t confirm_run_id = 0;  // the confirming run (0 = none)
  std::uint64_t confirmed = 0;      // designs it holds
};

// Called after each batch with the summary so far (progress lines), and while a batch runs at
// most every RunOptions::progress_every_s with the trials it has evaluated so far counted in
// (points it serves from the store are counted at its end).
using ProgressFn = std::function<void(const RunSummary&)>;

// A command oracle tried on the run's first design, before anything is evaluated (and before a new
// store is opened): a command that fails there (exits non-zero, prints no number, runs past its
// limit) makes the study bad input, core::InputError naming the failure and the command's input,
// rather than failing every trial. Returns its answer, to be passed as
// RunOptions::known_accuracies so that design is not trained twice in this process (under MPI the
// rank it goes to may train it again). Nothing is tried for other oracles, or when `store` (may be
// nullptr) already holds the design's trial (a resumed run), unless it failed and the run
// retries failed trials.
KnownAccuracies try_oracle_command(const Study& study, const RunOptions& options,
                                   const Store* store);

// Throws core::InputError when the stored asks of this run disagree with what the strategy now
// proposes (a different simulator or study behind the same key).
RunSummary run_study(const Study& study, Store& store, const RunOptions& options,
                     const ProgressFn& progress = {});

// The JSON of coda report: runs (with hypervolume), trials and the Pareto front of the newest
// study. Trials are listed in the order runs first asked them (then any never asked, by key), so
// the report does not depend on how many evaluations ran at once. `timings` adds eval_s.
std::string report_json(const Store& store, bool timings);

// Every trial as CSV (RFC 4180), in the same order: key, status, fidelity, reason, one column per
// chip override (hw.<path>) and model knob (knob.<name>), one per metric (SI units as named).
std::string report_csv(const Store& store);

// A self-contained HTML page: runs with hypervolume, 2-D projections of the trials with the front
// highlighted, and the front designs with their knobs.
std::string report_html(const Store& store);

// Trials in the order the runs first asked them, then the ones no run asked (a kill between
// storing a trial and its ask), by key.
std::vector<const StoredTrial*> in_ask_order(const std::vector<StoredRun>& runs,
                                             const std::vector<StoredTrial>& trials);

}  // namespace coda::search
