// `coda model ...`: placeholder until the models/ layer lands (issue 3).
#include <CLI/CLI.hpp>

#include "sim/cli/commands.h"

namespace coda::cli {
Command add_model_command(CLI::App& parent) {
  return {parent.add_subcommand("model", "Neural-network models (not yet available)"),
          [] { return 1; }};
}
}  // namespace coda::cli
