// `mpirun -np N coda search` end to end: 1 and 2 ranks give the same trials and the same front,
// rank 1 really evaluates, the confirmation runs event-driven workers on every rank, and an error
// on any rank (rank 0's options, a worker without the study file, a worker with another study)
// ends the whole job with exit 2 and the reason instead of hanging.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/e2e/run_coda.h"
#include "tests/unit/search/fixtures.h"

namespace coda {
namespace {

using search::testing::TempDir;
using testing::run_command;

// mpirun with N ranks; root may run it (CI containers), N may exceed the cores, and a container's
// seccomp profile may forbid Open MPI's cross-memory copies between ranks. One machine needs no
// fabric probing (docs/search.md: ~0.2 s per start).
std::string mpirun(int ranks) {
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  ::setenv("OMPI_MCA_btl_vader_single_copy_mechanism", "none", 1);
  ::setenv("OMPI_MCA_pml", "^cm", 0);
  return std::string(CODA_MPIEXEC) + " --oversubscribe -np " + std::to_string(ranks) + " " +
         testing::coda_exe();
}

// Rank 0 runs `args0`, rank 1 `args1` (MPMD), both `coda search ...`.
std::string mpirun_two(const std::string& args0, const std::string& args1) {
  return mpirun(1) + " search " + args0 + " : -np 1 " + testing::coda_exe() + " search " + args1;
}

std::string write_study(const TempDir& dir) {
  search::testing::write_accuracy_table(dir);
  return dir.write("small.yaml", search::testing::small_study());
}

TEST(SearchMpi, OneAndTwoRanksGiveTheSameTrialsAndFront) {
  TempDir dir("mpi_same");
  const std::string study = write_study(dir);
  const std::string args = " --strategy nsga2 --seed 5 --budget 60 --confirm 1 --json";
  const auto one = run_command(mpirun(1) + " search " + study + " --db " + dir.file("1.db") + args);
  ASSERT_EQ(one.code, 0) << one.err;
  const auto two = run_command(mpirun(2) + " search " + study + " --db " + dir.file("2.db") + args);
  ASSERT_EQ(two.code, 0) << two.err;
  const auto s1 = nlohmann::json::parse(one.out), s2 = nlohmann::json::parse(two.out);
  EXPECT_EQ(s1["ranks"], 1);
  EXPECT_EQ(s2["ranks"], 2);
  // Every evaluation of the run and its confirmation, split over the ranks; rank 1 did its share.
  const auto per_rank = s2["evaluated_per_rank"].get<std::vector<std::uint64_t>>();
  ASSERT_EQ(per_rank.size(), 2u);
  EXPECT_EQ(per_rank[0] + per_rank[1], s1["evaluated_per_rank"][0].get<std::uint64_t>());
  EXPECT_GT(per_rank[1], 0u);
  EXPECT_GT(s2["confirmed"].get<int>(), 0);
  const auto r1 = testing::run_coda("report " + dir.file("1.db") + " --json");
  const auto r2 = testing::run_coda("report " + dir.file("2.db") + " --json");
  ASSERT_EQ(r1.code, 0);
  EXPECT_EQ(r1.out, r2.out);  // trials in ask order, metrics, runs and front: byte for byte
  EXPECT_FALSE(nlohmann::json::parse(r2.out)["front"].empty());
}

TEST(SearchMpi, AnErrorOnRankZeroEndsEveryRank) {  // after MPI is up on every rank
  TempDir dir("mpi_error");
  const std::string study = write_study(dir);
  const auto r = run_command(mpirun(2) + " search " + study + " --db " + dir.file("e.db") +
                             " --strategy annealing");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("error: --strategy: unknown strategy 'annealing'\n"), std::string::npos)
      << r.err;
}

// A rank that cannot serve must not leave the others waiting for it: the job ends, with the reason.
TEST(SearchMpi, ARankThatCannotReadTheStudyEndsTheJob) {
  TempDir dir("mpi_worker");
  const std::string study = write_study(dir);
  const std::string missing = dir.file("missing.yaml");
  const auto r = run_command(mpirun_two(study + " --db " + dir.file("w.db") + " --budget 40",
                                        missing + " --db " + dir.file("w.db")));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("error: MPI rank 1: " + missing), std::string::npos) << r.err;
}

TEST(SearchMpi, ARankWithAnotherStudyIsAnInputError) {
  TempDir dir("mpi_other");
  const std::string study = write_study(dir);
  std::string text = search::testing::small_study();
  text.replace(text.find("[64, 128]"), 9, "[32, 128]");
  const std::string other = dir.write("other.yaml", text);
  const auto r = run_command(mpirun_two(study + " --db " + dir.file("o.db") + " --budget 40",
                                        other + " --db " + dir.file("o.db")));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("error: mpi: rank 1: its study differs from rank 0's"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("every rank must read the same study file\n"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace coda
