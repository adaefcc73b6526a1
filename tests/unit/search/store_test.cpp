// The SQLite store: WAL mode, trial and ask round trips, runs and base chips found again, bad
// files rejected.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "search/store.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

Study study_of(const TempDir& dir, const std::string& extra = "") {
  testing::write_accuracy_table(dir);
  return parse_study_text(testing::small_study(extra), "small.yaml", dir.path());
}

TEST(SearchStore, TrialsAndAsksRoundTrip) {
  TempDir dir("store");
  const Study s = study_of(dir);
  const std::string db = dir.file("s.db");
  Outcome o;
  o.status = Status::infeasible;
  o.reason = "area_mm2 = 700 > max 600";
  o.metrics = {{"area_mm2", 0.1 + 0.2}, {"tdp_w", 1e-300}};  // doubles that need 17 digits
  o.fidelity = "analytic";
  o.eval_s = 0.25;
  std::int64_t run = 0;
  {
    Store st(db);
    run = st.open_run(s, "random", 3, "analytic");
    EXPECT_EQ(run, st.open_run(s, "random", 3, "analytic"));
    EXPECT_NE(run, st.open_run(s, "random", 4, "analytic"));
    st.record_trial("k1", "{\"model\":\"nb201\"}", o);
    st.record_trial("k1", "{}", o);  // a repeat key: ignored, the first stays
    st.record_asks(run, 0, {{"k1", "[0]"}, {"k1", "[0]"}});  // asked twice
    st.record_asks(run, 2, {{"k2", "[1]"}, {"k1", "[0]"}});  // a batch's asks, in one go
    st.record_asks(run, 4, {});                              // nothing to record
    // While the store is open in WAL mode, SQLite keeps the log next to the file.
    EXPECT_TRUE(std::filesystem::exists(db + "-wal"));
  }
  Store st(db);
  EXPECT_EQ(st.asks(run), (std::vector<std::string>{"k1", "k1", "k2", "k1"}));
  const auto back = st.find("k1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, Status::infeasible);
  EXPECT_EQ(back->reason, o.reason);
  EXPECT_EQ(back->metrics, o.metrics);  // exact: doubles survive the JSON text
  EXPECT_EQ(back->eval_s, 0.25);
  EXPECT_FALSE(st.find("k2"));
  // A batch's lookups in one read transaction: the same answers, in key order; writes after it
  // are not inside it.
  const auto all = st.find_all({"k2", "k1", "k1"});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_FALSE(all[0]);
  ASSERT_TRUE(all[1] && all[2]);
  EXPECT_EQ(all[1]->metrics, o.metrics);
  EXPECT_EQ(all[2]->reason, o.reason);
  EXPECT_TRUE(st.find_all({}).empty());
  st.record_trial("k3", "{}", o);
  EXPECT_TRUE(Store(db).find("k3"));  // committed: another connection sees it
  // A metric that is not a number is stored as JSON null and reads back as NaN, not as an error.
  Outcome nan = o;
  nan.metrics["tflops"] = std::nan("");
  st.record_trial("k4", "{}", nan);
  const auto back_nan = st.find("k4");
  ASSERT_TRUE(back_nan);
  EXPECT_TRUE(std::isnan(back_nan->metrics.at("tflops")));
  EXPECT_EQ(back_nan->metrics.at("area_mm2"), 0.1 + 0.2);
  const auto runs = st.runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].strategy, "random");
  EXPECT_EQ(runs[0].seed, 3u);
  EXPECT_EQ(runs[0].study_hash, s.hash);
  EXPECT_EQ(runs[0].asks.size(), 4u);
  ASSERT_EQ(st.trials().size(), 3u);
  EXPECT_EQ(st.trials()[0].inputs_json, "{\"model\":\"nb201\"}");
  // The study's resolved base chip, for reports that re-simulate its designs.
  EXPECT_EQ(st.base_chip(s.hash), s.base_chip_yaml);
  EXPECT_EQ(st.base_chip("no such study"), "");
}

// A retried trial takes the failed one's place: same row, so trials() keeps its order.
TEST(SearchStore, ReplacedTrialKeepsItsPlace) {
  TempDir dir("store_replace");
  Store st(dir.file("r.db"));
  Outcome failed;
  failed.reason = "coda simulate: timed out after 600 s";
  failed.fidelity = "event";
  Outcome ok;
  ok.status = Status::ok;
  ok.metrics = {{"latency_s", 0.004}};
  ok.fidelity = "event";
  st.record_trial("a", "{}", failed);
  st.record_trial("b", "{}", ok);
  st.replace_trial("a", "{\"again\":1}", ok);
  st.replace_trial("c", "{}", failed);  // a key not stored yet: a new trial
  const auto all = st.trials();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].key, "a");
  EXPECT_EQ(all[0].inputs_json, "{\"again\":1}");
  EXPECT_EQ(all[0].outcome.status, Status::ok);
  EXPECT_EQ(all[0].outcome.reason, "");
  EXPECT_DOUBLE_EQ(all[0].outcome.metrics.at("latency_s"), 0.004);
  EXPECT_EQ(all[1].key, "b");
  EXPECT_EQ(all[2].key, "c");
  EXPECT_EQ(all[2].outcome.status, Status::failed);
}

TEST(SearchStore, RejectsAFileThatIsNotAStore) {
  TempDir dir("notstore");
  const std::string path = dir.write("x.db", "this is not sqlite");
  EXPECT_THROW(Store{path}, core::InputError);
}

}  // namespace
}  // namespace coda::search
