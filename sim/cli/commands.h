// The `coda` subcommands. Each cmd_<name>.cpp declares one subcommand and returns how to run it.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace coda::cli {

// A declared subcommand: `run` is called after parsing when `app` was selected; returns the exit
// code.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_presets_command(CLI::App& parent);
Command add_check_command(CLI::App& parent);
Command add_op_command(CLI::App& parent);
Command add_validate_command(CLI::App& parent);
Command add_simulate_command(CLI::App& parent);
Command add_compare_command(CLI::App& parent);
Command add_search_command(CLI::App& parent);  // sim/cli/cmd_search.cpp (search/ layer)
Command add_report_command(CLI::App& parent);  // sim/cli/cmd_report.cpp (search/ layer)
Command add_model_command(CLI::App& parent);   // sim/cli/cmd_model.cpp (models/ layer)

// The running `coda` executable (/proc/self/exe; "coda" on PATH when unknown), for the commands
// that run it as a child process: search (event workers) and report (front designs). Defined in
// sim/cli/cmd_report.cpp.
std::string self_exe();

// A check for options that take a count or a number of seconds (CLI11 `->check(...)`): "" when
// the value is a number > 0, otherwise what is wrong ("0 is not allowed: expected a number > 0").
// CLI11's PositiveNumber prints its range to 300 digits. Defined in sim/cli/cmd_report.cpp.
std::string positive_number(const std::string& value);

}  // namespace coda::cli
