// What `coda search` prints while a run goes: on a terminal one line redrawn in place, a bar
// with the share of the budget asked, then the counts, evaluations per second, the ETA, the front
// size and the best value per objective; otherwise the same counts as plain log lines.
#pragma once

#include <cstddef>
#include <string>

#include "search/runner.h"
#include "search/study.h"

namespace coda::search {

struct ProgressClock {
  std::uint64_t budget = 0;  // trials the run asks in all
  double elapsed_s = 0;      // wall time since the run started
};

// "trial 120/400  evaluated 118, from store 2  ok 100 infeasible 15 failed 5  240/s  ETA 1 s
// front 7  best accuracy=93.2 latency_s=0.000123" (no newline). The rate counts evaluated and
// served trials; the ETA is the trials left at that rate. Best values are in the objectives'
// own sense (an accuracy to maximize is shown as the accuracy, not its negation).
std::string progress_text(const Study& study, const RunSummary& s, const ProgressClock& c);

// For a terminal `columns` wide: "\r[######--------------]  30% 120/400  240/s  ETA 1 s  front 7
// best accuracy=93.2 latency_s=0.000123  (ok 100, infeasible 15, failed 5, from store 2)", cut to
// columns - 1 characters so it never wraps, then an erase to the end of the line.
std::string progress_bar(const Study& study, const RunSummary& s, const ProgressClock& c,
                         std::size_t columns);

}  // namespace coda::search
