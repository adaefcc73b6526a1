// run_child's reach over what a child starts: a time-out ends the child's whole process group,
// the child dies with its parent (even by SIGKILL), and SIGTERM to the parent ends every group
// it has running. Each case starts `sleep 30` beneath a shell and checks that it is gone (or a
// zombie waiting for init) within 5 s, far less than its 30 s.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "search/child_process.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;
using Clock = std::chrono::steady_clock;

// The pid a shell wrote to `file` (followed by a newline), waiting up to 5 s for it.
pid_t pid_in(const std::string& file) {
  for (const auto end = Clock::now() + std::chrono::seconds(5); Clock::now() < end;) {
    std::ifstream in(file);
    std::string line;
    if (std::getline(in, line) && !in.eof()) return static_cast<pid_t>(std::stol(line));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return 0;
}

bool ended(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;
  const auto paren = text.rfind(')');
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z';
}

bool ends_within_5_s(pid_t pid) {
  for (const auto end = Clock::now() + std::chrono::seconds(5); Clock::now() < end;) {
    if (ended(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Forks a process that runs `script` under /bin/sh through run_child with a 60 s limit.
pid_t parent_of(const std::string& script) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    run_child({"/bin/sh", "-c", script}, "", 60);
    ::_exit(0);
  }
  return pid;
}

TEST(SearchChildProcess, TimeOutEndsWhatTheChildStarted) {
  TempDir dir("child_timeout");
  const std::string file = dir.file("pid");
  const ChildResult r =
      run_child({"/bin/sh", "-c", "sleep 30 & echo $! > " + file + "; wait"}, "", 0.3);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.reason(), "timed out after 0.3 s");
  const pid_t sleeper = pid_in(file);
  ASSERT_GT(sleeper, 0);
  EXPECT_TRUE(ends_within_5_s(sleeper)) << "the shell's sleep " << sleeper << " outlived it";
}

TEST(SearchChildProcess, ChildDiesWithItsParentKilledMinus9) {
  TempDir dir("child_kill9");
  const std::string file = dir.file("pid");
  const pid_t parent = parent_of("echo $$ > " + file + "; exec sleep 30");
  const pid_t child = pid_in(file);
  ASSERT_GT(child, 0);
  ::kill(parent, SIGKILL);
  ::waitpid(parent, nullptr, 0);
  EXPECT_TRUE(ends_within_5_s(child)) << "the child " << child << " outlived its parent";
}

TEST(SearchChildProcess, TermToTheParentEndsTheChildsGroup) {
  TempDir dir("child_term");
  const std::string file = dir.file("pid");
  const pid_t parent = parent_of("sleep 30 & echo $! > " + file + "; wait");
  const pid_t sleeper = pid_in(file);
  ASSERT_GT(sleeper, 0);
  ::kill(parent, SIGTERM);
  int status = 0;
  ::waitpid(parent, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << "status " << status;
  EXPECT_TRUE(ends_within_5_s(sleeper)) << "the shell's sleep " << sleeper << " outlived it";
}

}  // namespace
}  // namespace coda::search
