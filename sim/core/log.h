// Logging setup: spdlog to stderr only; stdout is reserved for results (tables, JSON).
#pragma once

#include <string>

namespace coda::core {

// Installs the default stderr logger at the given level ("warn" by default; "info", "debug", ...).
void setup_logging(const std::string& level = "warn");

}  // namespace coda::core
