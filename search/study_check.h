// Checks a parsed study against what exists before anything is evaluated: the base chip and model
// load, every model knob value builds, the oracle's table and columns or command exist.
#pragma once

#include "search/study.h"
#include "sim/core/yaml_file.h"

namespace coda::search {

void check_strategy(const core::YamlEntry& where, const std::string& name);
// Sets study.base_chip_yaml.
void check_chip(Study& s, const core::YamlEntry& where);
// Sets study.model_digest for a model file.
void check_model(Study& s, const core::YamlEntry& where);
// Sets study.oracle_digest.
void check_oracle(Study& s, const core::YamlEntry& where);

}  // namespace coda::search
