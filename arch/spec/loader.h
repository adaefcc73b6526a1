// Loads a chip description from a preset name or a YAML file, resolving `extends:` chains, and
// validates every key against arch/spec/schema.h. All failures are core::InputError.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arch/spec/arch_spec.h"

namespace coda::arch {

// Where presets live: $CODA_PRESET_DIR if set, else configs/hw of the source tree this was built
// from.
std::string preset_dir();
// Preset names (file stems in preset_dir()), sorted.
std::vector<std::string> preset_names();

// `what` is a preset name (e.g. "tpu_v4") or a path to a .yaml file.
ArchSpec load_arch(const std::string& what);
// Parses YAML text as if it were the file `label` (relative extends resolve from the current dir).
ArchSpec parse_arch_text(const std::string& yaml, const std::string& label);

// parse_arch_text for many variants of a few base chips (a search's design points): each file an
// `extends:` names is read, parsed and merged with its own chain once per object, then every
// variant's entries are laid over that. The same spec and the same errors as parse_arch_text, as
// long as the base files do not change meanwhile.
class ArchVariants {
 public:
  ArchVariants();
  ~ArchVariants();
  ArchSpec parse(const std::string& yaml, const std::string& label);

 private:
  struct Bases;
  std::unique_ptr<Bases> m_bases;  // merged entries by resolved file
};

// The fully resolved description as YAML in human units; load_arch of it gives the same spec.
std::string arch_to_yaml(const ArchSpec& spec);

}  // namespace coda::arch
