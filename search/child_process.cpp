// fork/exec with files for stdin/stdout/stderr (no pipe deadlocks), polled waitpid for the time
// limit, setrlimit(RLIMIT_AS) in the child for the memory limit. Each child leads a process group
// of its own, so a time-out ends what it started too (the training script under `/bin/sh -c`);
// the child dies with this process (PR_SET_PDEATHSIG), and SIGINT, SIGTERM or SIGHUP to this
// process end every group it has running before taking their usual effect.
#include "search/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace coda::search {
namespace {

struct TempFile {
  std::string path;
  int fd = -1;
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path = std::string(dir && *dir ? dir : "/tmp") + "/coda_child_XXXXXX";
    fd = ::mkstemp(path.data());
  }
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    ::unlink(path.c_str());
  }
  std::string read() const {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};

// The process groups of the children running now (0 = a free slot), read by the signal handler.
constexpr std::size_t kSlots = 256;
std::array<std::atomic<pid_t>, kSlots> g_groups{};
constexpr std::array<int, 3> kEndSignals{SIGINT, SIGTERM, SIGHUP};

extern "C" void end_groups_and_reraise(int sig) {
  for (auto& g : g_groups) {
    const pid_t pid = g.load();
    if (pid > 0) ::kill(-pid, SIGKILL);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Installed once, and only over the default action (a handler the program set stays its own).
void install_handlers() {
  static const bool done = [] {
    for (int sig : kEndSignals) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
      struct sigaction act {};
      act.sa_handler = end_groups_and_reraise;
      ::sigemptyset(&act.sa_mask);
      ::sigaction(sig, &act, nullptr);
    }
    return true;
  }();
  (void)done;
}

// Holds a child's group in a slot while it runs (none free: the child still dies with us).
class GroupSlot {
 public:
  explicit GroupSlot(pid_t pid) {
    for (auto& g : g_groups) {
      pid_t expected = 0;
      if (g.compare_exchange_strong(expected, pid)) {
        m_slot = &g;
        return;
      }
    }
  }
  ~GroupSlot() {
    if (m_slot) m_slot->store(0);
  }
  GroupSlot(const GroupSlot&) = delete;
  GroupSlot& operator=(const GroupSlot&) = delete;

 private:
  std::atomic<pid_t>* m_slot = nullptr;
};

}  // namespace

std::string ChildResult::reason() const {
  if (timed_out) {
    char b[64];
    std::snprintf(b, sizeof b, "timed out after %g s", timeout_s);
    return b;
  }
  if (signal) return "killed by signal " + std::to_string(signal);
  std::string last = err;
  while (!last.empty() && last.back() == '\n') last.pop_back();
  last = last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
  return "exit code " + std::to_string(exit_code) + (last.empty() ? "" : ": " + last);
}

ChildResult run_child(const std::vector<std::string>& argv, const std::string& input,
                      double timeout_s, std::size_t memory_bytes) {
  ChildResult r;
  r.timeout_s = timeout_s;
  TempFile in, out, err;
  if (in.fd < 0 || out.fd < 0 || err.fd < 0) {
    r.err = "cannot create temporary files";
    return r;
  }
  if (!input.empty() && ::write(in.fd, input.data(), input.size()) < 0) {
    r.err = "cannot write the child's input";
    return r;
  }
  ::lseek(in.fd, 0, SEEK_SET);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  install_handlers();
  // The end signals wait (in this thread) until the child's group is in a slot, so a handler
  // never misses a group that is already running.
  sigset_t ends, before;
  ::sigemptyset(&ends);
  for (int sig : kEndSignals) ::sigaddset(&ends, sig);
  ::pthread_sigmask(SIG_BLOCK, &ends, &before);
  const pid_t parent = ::getpid();
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    r.err = "fork failed";
    return r;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    ::dup2(in.fd, 0);
    ::dup2(out.fd, 1);
    ::dup2(err.fd, 2);
    if (memory_bytes) {
      rlimit lim{memory_bytes, memory_bytes};
      ::setrlimit(RLIMIT_AS, &lim);
    }
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s\n", args[0]);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so the group exists before anything signals it
  const GroupSlot slot(pid);
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
  int status = 0;
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (w == pid) break;
    if (r.seconds > timeout_s) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(r.seconds < 0.1 ? 1 : 10));
  }
  r.out = out.read();
  r.err = err.read();
  if (!r.timed_out) {
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  }
  r.ok = !r.timed_out && r.signal == 0 && r.exit_code == 0;
  return r;
}

}  // namespace coda::search
