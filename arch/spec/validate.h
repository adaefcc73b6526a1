// Key and consistency checks for chip descriptions (used by the loader).
#pragma once

#include <functional>
#include <string>

#include "arch/spec/arch_spec.h"
#include "arch/spec/schema.h"
#include "sim/core/error.h"
#include "sim/core/yaml_file.h"

namespace coda::arch {

// The declaration for a full key path, or nullptr.
const ParamDecl* find_param(const std::string& path);

// Throws InputError unless the entry is a declared key, or an empty mapping for a declared section.
// Unknown keys get "did you mean" and the list of keys allowed at that level.
void check_known_key(const core::YamlEntry& e);

// Cross-field checks (values that are each in range but contradict each other or cannot work).
// `where(path)` gives the location to report for a key.
void check_consistency(const ArchSpec& spec,
                       const std::function<core::SourceLoc(const std::string&)>& where);

}  // namespace coda::arch
