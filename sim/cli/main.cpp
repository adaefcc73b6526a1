// The `coda` executable: parses the command line, runs one subcommand, maps errors to exit codes
// (2 = bad input, 1 = internal failure). Results go to stdout, diagnostics to stderr.
#include <systemc>  // first: declares the extern "C" sc_main that libsystemc.so references

#include <CLI/CLI.hpp>
#include <iostream>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/core/log.h"

// libsystemc.so references sc_main; Coda has its own main and elaborates through sim/engine.
int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  CLI::App app{"Coda: cycle-approximate simulator of TPU-like ML accelerators"};
  app.require_subcommand(1);
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "stderr log level")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  const std::vector<coda::cli::Command> commands = {
      coda::cli::add_presets_command(app), coda::cli::add_check_command(app),
      coda::cli::add_op_command(app),      coda::cli::add_simulate_command(app),
      coda::cli::add_compare_command(app), coda::cli::add_search_command(app),
      coda::cli::add_report_command(app),  coda::cli::add_validate_command(app),
      coda::cli::add_model_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : coda::core::kExitBadInput;
  }
  coda::core::setup_logging(log_level);
  try {
    for (const auto& c : commands) {
      if (c.app->parsed()) return c.run();
    }
  } catch (const coda::core::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return coda::core::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
  return 1;
}
