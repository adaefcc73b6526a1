#include "sim/core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace coda::core {

void setup_logging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("coda");
  logger->set_pattern("[%l] %v");
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

}  // namespace coda::core
