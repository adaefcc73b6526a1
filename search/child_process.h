// Running a child process with stdin from a string, stdout and stderr captured, a wall-time limit
// and an address-space limit; a crash, a signal or a timeout is reported, never thrown.
#pragma once

#include <string>
#include <vector>

namespace coda::search {

struct ChildResult {
  bool ok = false;     // exited normally with status 0
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  bool timed_out = false;
  std::string out, err;  // captured stdout and stderr
  double seconds = 0;    // wall time
  double timeout_s = 0;  // the limit it ran under
  // "exit code 3: <last stderr line>", "killed by signal 9", "timed out after 60 s", ...
  std::string reason() const;
};

// argv[0] is the program (looked up on PATH). memory_bytes 0 = no limit.
ChildResult run_child(const std::vector<std::string>& argv, const std::string& input,
                      double timeout_s, std::size_t memory_bytes = 0);

}  // namespace coda::search
