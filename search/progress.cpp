// Progress lines of a running study.
#include "search/progress.h"

#include <algorithm>
#include <cstdio>

namespace coda::search {
namespace {

struct Pace {
  double rate = 0;  // trials (evaluated or served) per second
  double eta_s = 0;
};

Pace pace(const RunSummary& s, const ProgressClock& c) {
  Pace p;
  const double done = static_cast<double>(s.evaluated + s.from_store);
  const double left = static_cast<double>(c.budget > s.asked ? c.budget - s.asked : 0);
  if (c.elapsed_s > 0) p.rate = done / c.elapsed_s;
  if (p.rate > 0) p.eta_s = left / p.rate;
  return p;
}

// "240/s  ETA 1 s  front 7  best accuracy=93.2 latency_s=0.000123" (" -" for the best values
// before the first ok trial).
std::string pace_front_best(const Study& study, const RunSummary& s, const ProgressClock& c) {
  const Pace p = pace(s, c);
  char head[64];
  std::snprintf(head, sizeof head, "%.0f/s  ETA %.0f s  front %zu  best", p.rate, p.eta_s,
                s.front_size);
  std::string best;
  for (std::size_t i = 0; i < s.best.size() && i < study.objectives.size(); ++i) {
    const Objective& obj = study.objectives[i];
    char text[96];
    std::snprintf(text, sizeof text, " %s=%.4g", obj.metric.c_str(),
                  obj.goal == Goal::maximize ? -s.best[i] : s.best[i]);
    best += text;
  }
  return head + (best.empty() ? std::string(" -") : best);
}

std::string u(std::uint64_t v) { return std::to_string(v); }

}  // namespace

std::string progress_text(const Study& study, const RunSummary& s, const ProgressClock& c) {
  return "trial " + u(s.asked) + "/" + u(c.budget) + "  evaluated " + u(s.evaluated) +
         ", from store " + u(s.from_store) + "  ok " + u(s.ok) + " infeasible " + u(s.infeasible) +
         " failed " + u(s.failed) + "  " + pace_front_best(study, s, c);
}

std::string progress_bar(const Study& study, const RunSummary& s, const ProgressClock& c,
                         std::size_t columns) {
  constexpr std::size_t kWidth = 20;
  const double share =
      c.budget ? std::min(1.0, static_cast<double>(s.asked) / static_cast<double>(c.budget)) : 1;
  const auto filled = static_cast<std::size_t>(share * kWidth);
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3.0f%%", 100 * share);
  // The counts come last: a narrow terminal cuts them before the bar, the ETA or the best values.
  std::string line = "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] " +
                     percent + " " + u(s.asked) + "/" + u(c.budget) + "  " +
                     pace_front_best(study, s, c) + "  (ok " + u(s.ok) + ", infeasible " +
                     u(s.infeasible) + ", failed " + u(s.failed) + ", from store " +
                     u(s.from_store) + ")";
  if (columns > 1 && line.size() > columns - 1) line.resize(columns - 1);
  return "\r" + line + "\x1b[K";
}

}  // namespace coda::search
