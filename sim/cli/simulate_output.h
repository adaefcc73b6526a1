// Printing whole-network results (`coda simulate`) and dumping a schedule as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "arch/spec/arch_spec.h"
#include "sim/schedule/network_report.h"

namespace coda::cli {

nlohmann::json network_report_json(const arch::ArchSpec& chip, const schedule::NetworkReport& n);
void print_network_report(const arch::ArchSpec& chip, const schedule::NetworkReport& n,
                          std::size_t max_layers);
// Every task (unit, work, deps, group) and group, plus the result of schedule::check.
void write_schedule_json(const arch::ArchSpec& chip, const schedule::GraphSchedule& gs,
                         std::ostream& out);

}  // namespace coda::cli
