// Runs one benchmark iteration in a forked child (SystemC elaborates once per process): the child
// times `work` itself (the fork is excluded) and reports its wall time, simulated events and peak
// RSS through a pipe.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <stdexcept>

namespace coda::bench {

struct Sample {
  double seconds;  // wall time of `work` in the child
  double events;   // what `work` returned (simulated unit events)
  double rss_mb;   // the child's peak resident set, MiB
};

inline Sample in_child(const std::function<double()>& work) {
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    const auto t0 = std::chrono::steady_clock::now();
    const double events = work();
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const Sample s{dt.count(), events, static_cast<double>(u.ru_maxrss) / 1024.0};
    const bool ok = write(fd[1], &s, sizeof s) == sizeof s;
    _exit(ok ? 0 : 1);
  }
  close(fd[1]);
  Sample s{};
  const bool got = read(fd[0], &s, sizeof s) == sizeof s;
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("child");
  return s;
}

}  // namespace coda::bench
