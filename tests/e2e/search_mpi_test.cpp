// `mpirun -np N coda search` end to end: 1 and 2 ranks give the same trials and the same front,
// rank 1 really evaluates, the confirmation runs event-driven workers on every rank, and an error
// on rank 0 after the ranks are up ends the whole job with exit 2 instead of hanging.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/e2e/run_coda.h"
#include "tests/unit/search/fixtures.h"

namespace coda {
namespace {

using search::testing::TempDir;
using testing::run_command;

// mpirun with N ranks; root may run it (CI containers), and N may exceed the cores.
std::string mpirun(int ranks) {
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  return std::string(CODA_MPIEXEC) + " --oversubscribe -np " + std::to_string(ranks) + " " +
         testing::coda_exe();
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

TEST(SearchMpi, AnErrorOnRankZeroEndsEveryRank) {
  TempDir dir("mpi_error");
  const std::string study = write_study(dir);
  const auto r = run_command(mpirun(2) + " search " + study + " --db " + dir.file("e.db") +
                             " --strategy annealing");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("error: --strategy: unknown strategy 'annealing'\n"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace coda
