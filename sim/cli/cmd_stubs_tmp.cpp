// Temporary: op and validate land in the next commits.
#include <CLI/CLI.hpp>

#include "sim/cli/commands.h"

namespace coda::cli {
Command add_validate_command(CLI::App& parent) {
  return {parent.add_subcommand("validate", "Validate against measurements (not yet available)"),
          [] { return 1; }};
}
}  // namespace coda::cli
