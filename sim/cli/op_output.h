// Printing op reports: an aligned table for people, one JSON object per line for scripts.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/spec/arch_spec.h"
#include "sim/schedule/op_report.h"

namespace coda::cli {

nlohmann::json op_report_json(const arch::ArchSpec& chip, const schedule::OpReport& r);
void print_op_table(const arch::ArchSpec& chip, const std::vector<schedule::OpReport>& reports);

// "8192,8192,8192" -> {8192, 8192, 8192}; exactly `count` positive integers (count 0 = any >= 1).
std::vector<std::uint64_t> parse_dims(const std::string& text, const std::string& option,
                                      std::size_t count, const std::string& names);

}  // namespace coda::cli
