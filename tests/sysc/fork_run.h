// Runs a simulation in a forked child (SystemC elaborates once per process) and returns its
// trivially copyable result; assertions belong in the parent.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <stdexcept>
#include <type_traits>

namespace coda::testing {

template <class R>
R run_forked(const std::function<R()>& fn) {
  static_assert(std::is_trivially_copyable<R>::value, "the result crosses a pipe");
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    int code = 1;
    try {
      const R r = fn();
      code = write(fd[1], &r, sizeof r) == static_cast<ssize_t>(sizeof r) ? 0 : 1;
    } catch (...) {
    }
    _exit(code);
  }
  close(fd[1]);
  R r{};
  const bool got = read(fd[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("simulation child failed");
  }
  return r;
}

}  // namespace coda::testing
