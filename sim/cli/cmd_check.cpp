// `coda check FILE`: validate a chip description and print it fully resolved.
#include <CLI/CLI.hpp>
#include <iostream>

#include "arch/spec/loader.h"
#include "arch/spec/schema.h"
#include "sim/cli/commands.h"

namespace coda::cli {

Command add_check_command(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "check", "Validate a chip description (preset name or YAML file) and print it resolved");
  auto target = std::make_shared<std::string>();
  auto reference = std::make_shared<bool>(false);
  app->add_option("file", *target, "Preset name or path to a .yaml chip description");
  app->add_flag("--reference", *reference,
                "Print the configuration reference (docs/config_reference.md) instead");
  return {app, [target, reference] {
            if (*reference) {
              std::cout << arch::config_reference_markdown();
              return 0;
            }
            if (target->empty()) {
              std::cerr << "error: check: give a preset name or a .yaml file\n";
              return 2;
            }
            const arch::ArchSpec spec = arch::load_arch(*target);
            std::cout << "# " << spec.name << ": resolved from " << spec.source_file << "\n"
                      << arch::arch_to_yaml(spec);
            return 0;
          }};
}

}  // namespace coda::cli
