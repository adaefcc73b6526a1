// Runs the built `coda` executable with shell-word arguments; captures stdout, stderr, exit code.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace coda::testing {

struct CodaRun {
  int code;
  std::string out, err;
};

inline std::string coda_exe() { return std::string(CODA_BINARY_DIR) + "/coda"; }

// Runs a shell command line.
inline CodaRun run_command(const std::string& command) {
  const std::string err_file =
      (std::filesystem::temp_directory_path() / ("coda_e2e_" + std::to_string(::getpid()) + ".err"))
          .string();
  const std::string cmd = command + " 2>" + err_file;
  CodaRun r{0, "", ""};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  for (std::size_t n; (n = fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_file);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  std::filesystem::remove(err_file);
  return r;
}

inline CodaRun run_coda(const std::string& args) { return run_command(coda_exe() + " " + args); }

}  // namespace coda::testing
