// The progress line of `coda search`: the plain log form and the terminal bar, word for word.
#include "search/progress.h"

#include <gtest/gtest.h>

namespace coda::search {
namespace {

Study two_objectives() {
  Study s;
  s.objectives.push_back({"accuracy", Goal::maximize, {}});
  s.objectives.push_back({"latency_s", Goal::minimize, {}});
  return s;
}

RunSummary summary() {
  RunSummary s;
  s.asked = 120;
  s.evaluated = 118;
  s.from_store = 2;
  s.ok = 100;
  s.infeasible = 15;
  s.failed = 5;
  s.front_size = 7;
  s.best = {-93.2, 0.000123};  // scores: the maximized accuracy is negated
  return s;
}

// 120 trials in 0.5 s: 240/s; 280 left at that rate: ETA 1.17 s, printed "1 s".
const char* const kText =
    "trial 120/400  evaluated 118, from store 2  ok 100 infeasible 15 failed 5  240/s  ETA 1 s  "
    "front 7  best accuracy=93.2 latency_s=0.000123";

TEST(SearchProgress, LogLineHasCountsRateEtaFrontAndBestInTheirOwnSense) {
  EXPECT_EQ(progress_text(two_objectives(), summary(), {400, 0.5}), kText);
  RunSummary none;  // nothing yet: no rate, no ETA, no best
  EXPECT_EQ(progress_text(two_objectives(), none, {400, 0}),
            "trial 0/400  evaluated 0, from store 0  ok 0 infeasible 0 failed 0  0/s  ETA 0 s  "
            "front 0  best -");
}

TEST(SearchProgress, TerminalBarShowsTheShareAskedAndNeverWraps) {
  // 120 of 400 asked: 30 %, 6 of 20 marks.
  EXPECT_EQ(progress_bar(two_objectives(), summary(), {400, 0.5}, 300),
            "\r[######--------------]  30% 120/400  240/s  ETA 1 s  front 7  best accuracy=93.2 "
            "latency_s=0.000123  (ok 100, infeasible 15, failed 5, from store 2)\x1b[K");
  // 80 columns: 79 characters, then the erase; the counts are cut first.
  const std::string narrow = progress_bar(two_objectives(), summary(), {400, 0.5}, 80);
  EXPECT_EQ(narrow,
            "\r[######--------------]  30% 120/400  240/s  ETA 1 s  front 7  best accuracy=93."
            "\x1b[K");
  EXPECT_EQ(narrow.size(), 1 + 79 + 3u);
  RunSummary all = summary();
  all.asked = 400;
  EXPECT_EQ(progress_bar(two_objectives(), all, {400, 0.5}, 30),
            "\r[####################] 100% 4\x1b[K");
}

}  // namespace
}  // namespace coda::search
