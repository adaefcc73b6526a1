// `coda search` and `coda report`: placeholders until the search/ layer lands (issue 6).
#include <CLI/CLI.hpp>

#include "sim/cli/commands.h"

namespace coda::cli {

Command add_search_command(CLI::App& parent) {
  return {parent.add_subcommand("search", "Co-design search (not yet available)"), [] { return 1; }};
}

Command add_report_command(CLI::App& parent) {
  return {parent.add_subcommand("report", "Report of a search study (not yet available)"),
          [] { return 1; }};
}

}  // namespace coda::cli
