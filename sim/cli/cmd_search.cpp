// `coda search STUDY.yaml`: run or resume a co-design study into a SQLite store (`coda report` of
// it: sim/cli/cmd_report.cpp).
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "search/mpi/mpi_pool.h"
#include "search/progress.h"
#include "search/runner.h"
#include "search/study.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"

namespace coda::cli {
namespace {

struct SearchArgs {
  std::string study, db, strategy, fidelity;
  std::optional<std::uint64_t> budget, seed;
  std::size_t jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t confirm = 0;
  std::optional<double> confirm_near;
  bool json = false;
  bool retry_failed = false;
};

// The terminal's width for the progress bar (80 when it does not say).
std::size_t terminal_columns() {
  winsize w{};
  if (::ioctl(2, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 80;
}

// The study on this process (mpi == nullptr) or on rank 0 of an MPI job.
int run_study_here(const SearchArgs& a, search::mpi::Session* mpi) {
  const search::Study study = search::load_study(a.study);
  // Releases the other ranks however this rank leaves (an error included).
  const std::unique_ptr<search::IPointPool> pool = mpi ? mpi->leader_pool(study) : nullptr;
  search::RunOptions o;
  o.pool = pool.get();
  o.strategy = a.strategy.empty() ? study.strategy : a.strategy;
  if (!a.strategy.empty()) {
    const auto& n = search::strategy_names();
    if (std::find(n.begin(), n.end(), o.strategy) == n.end())
      throw core::InputError({}, "--strategy", "unknown strategy '" + o.strategy + "'");
  }
  search::check_study_strategy(study, o.strategy);
  o.fidelity = a.fidelity.empty() ? study.fidelity : a.fidelity;
  o.seed = a.seed.value_or(study.seed);
  o.budget = a.budget.value_or(study.budget);
  o.coda_exe = self_exe();
  o.jobs = a.jobs;
  o.confirm_fronts = a.confirm;
  o.confirm_near = a.confirm_near.value_or(-1);
  o.retry_failed = a.retry_failed;
  std::vector<std::string> notes;  // printed after the run, not between progress lines
  o.strategy_note = [&](const std::string& n) { notes.push_back(n); };
  if ((a.confirm || a.confirm_near) && o.fidelity != "analytic")
    throw core::InputError({}, a.confirm ? "--confirm" : "--confirm-near",
                           "confirms an analytic run; the fidelity is " + o.fidelity);
  const std::string db =
      a.db.empty() ? std::filesystem::path(a.study).stem().string() + ".db" : a.db;
  // A new store is opened only once the oracle command has answered (search/runner.h).
  std::optional<search::Store> store;
  if (std::filesystem::exists(db)) store.emplace(db);
  o.known_accuracies = search::try_oracle_command(study, o, store ? &*store : nullptr);
  if (!store) store.emplace(db);
  const bool tty = ::isatty(2) != 0;
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](const search::RunSummary& s) {
    const search::ProgressClock clock{
        o.budget, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
    const std::string line = tty ? search::progress_bar(study, s, clock, terminal_columns())
                                 : search::progress_text(study, s, clock) + "\n";
    std::fputs(line.c_str(), stderr);
  };
  const search::RunSummary s = search::run_study(study, *store, o, progress);
  if (tty) std::fprintf(stderr, "\n");
  if (a.json) {
    nlohmann::json j = {{"db", db},
                        {"run", s.run_id},
                        {"strategy", o.strategy},
                        {"seed", o.seed},
                        {"fidelity", o.fidelity},
                        {"ranks", mpi ? mpi->size() : 1},
                        {"asked", s.asked},
                        {"evaluated", s.evaluated},
                        {"from_store", s.from_store},
                        {"retried", s.retried},
                        {"ok", s.ok},
                        {"infeasible", s.infeasible},
                        {"failed", s.failed},
                        {"confirm_run", s.confirm_run_id},
                        {"confirmed", s.confirmed}};
    // Under MPI: points each rank evaluated, the confirmation included.
    if (pool) j["evaluated_per_rank"] = pool->evaluated();
    if (!notes.empty()) j["notes"] = notes;
    std::cout << j.dump(1) << "\n";
  } else {
    std::printf(
        "study %s: run %lld (%s, seed %llu, %s) %llu trials in %s: %llu evaluated, %llu "
        "from the store; ok %llu, infeasible %llu, failed %llu\n",
        study.name.c_str(), static_cast<long long>(s.run_id), o.strategy.c_str(),
        static_cast<unsigned long long>(o.seed), o.fidelity.c_str(),
        static_cast<unsigned long long>(s.asked), db.c_str(),
        static_cast<unsigned long long>(s.evaluated), static_cast<unsigned long long>(s.from_store),
        static_cast<unsigned long long>(s.ok), static_cast<unsigned long long>(s.infeasible),
        static_cast<unsigned long long>(s.failed));
    if (o.retry_failed)
      std::printf("%llu failed trials evaluated again\n",
                  static_cast<unsigned long long>(s.retried));
    for (const auto& n : notes) std::printf("%s\n", n.c_str());
  }
  if (s.confirm_run_id && !a.json) {
    std::printf("confirmed %llu designs on or near the front event-driven: run %lld\n",
                static_cast<unsigned long long>(s.confirmed),
                static_cast<long long>(s.confirm_run_id));
  }
  return 0;
}

// Under mpirun every rank runs this: rank 0 runs the study, the others evaluate its points. With
// one rank an error leaves the MPI session first (Boost.MPI aborts the job if one is in flight) and
// reaches the caller like any other; with several, an error on any rank is printed and ends every
// rank (exit code 2 for bad input), since the others may be waiting for this one.
int run_search(const SearchArgs& a) {
  if (!search::mpi::launched_by_mpi()) return run_study_here(a, nullptr);
  std::exception_ptr error;
  int code = 0;
  {
    search::mpi::Session mpi;
    try {
      if (mpi.rank() == 0) {
        code = run_study_here(a, &mpi);
      } else {
        const search::Study study = search::load_study(a.study);
        mpi.serve(study, a.fidelity.empty() ? study.fidelity : a.fidelity, self_exe());
      }
    } catch (const std::exception& e) {
      if (mpi.size() > 1) {
        const bool input = dynamic_cast<const core::InputError*>(&e) != nullptr;
        const std::string rank =
            mpi.rank() > 0 ? "MPI rank " + std::to_string(mpi.rank()) + ": " : "";
        // One write, so Open MPI's abort banner from another rank cannot land inside the line.
        std::cerr << (input ? "error: " : "internal error: ") + rank + e.what() + "\n"
                  << std::flush;
        mpi.abort(input ? core::kExitBadInput : 1);
      }
      error = std::current_exception();
    } catch (...) {  // not a std::exception: still leave the session before it reaches main
      if (mpi.size() > 1) {
        std::cerr << "internal error: MPI rank " + std::to_string(mpi.rank()) +
                         ": unknown exception\n"
                  << std::flush;
        mpi.abort(1);
      }
      error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  return code;
}

}  // namespace

Command add_search_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("search", "Run or resume a co-design study (docs/search.md)");
  auto a = std::make_shared<SearchArgs>();
  app->add_option("study", a->study, "Study file (YAML)")->required();
  app->add_option("--db", a->db, "SQLite store (default: <study stem>.db); resumed when it exists");
  app->add_option("--budget", a->budget, "Trials of the run in total (default: the study's)");
  app->add_option("--seed", a->seed, "Random seed (default: the study's)");
  app->add_option("--strategy", a->strategy, "random, grid, evolution, nsga2 or lacs");
  app->add_option("--fidelity", a->fidelity, "analytic (in-process) or event (coda workers)")
      ->check(CLI::IsMember({"analytic", "event"}));
  app->add_option(
         "-j,--jobs", a->jobs,
         "Event-fidelity workers at once (default: the cores); results do not depend on it")
      ->check(positive_number);
  app->add_option("--confirm", a->confirm,
                  "After an analytic run, re-run its first N non-dominated fronts event-driven");
  app->add_option("--confirm-near", a->confirm_near,
                  "After an analytic run, also re-run event-driven every design within this "
                  "distance of its front (fraction of each objective's range, e.g. 0.05)")
      ->check(CLI::Range(0.0, 1.0));
  app->add_flag("--retry-failed", a->retry_failed,
                "Evaluate again, once each, the failed trials the run asks (a worker or oracle "
                "command over its limits), replacing them in the store");
  app->add_flag("--json", a->json, "Print the run summary as JSON");
  return {app, [a] { return run_search(*a); }};
}

}  // namespace coda::cli
