#include "sim/core/units.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace coda::core {
namespace {

using Suffixes = std::vector<std::pair<const char*, double>>;

// Splits "<number><spaces><unit>" into its parts; false if the number part is not a finite >= 0
// value.
bool split_quantity(const std::string& text, double& number, std::string& unit) {
  const char* begin = text.c_str();
  char* end = nullptr;
  number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number) || number < 0) return false;
  while (*end == ' ') ++end;
  unit = end;
  while (!unit.empty() && unit.back() == ' ') unit.pop_back();
  return true;
}

std::optional<double> parse_with(const std::string& text, const Suffixes& suffixes,
                                 bool allow_bare) {
  double number = 0;
  std::string unit;
  if (!split_quantity(text, number, unit)) return std::nullopt;
  if (unit.empty()) return allow_bare ? std::optional<double>(number) : std::nullopt;
  for (const auto& [name, scale] : suffixes) {
    if (unit == name) return number * scale;
  }
  return std::nullopt;
}

const Suffixes& byte_suffixes() {
  static const Suffixes s = {{"B", 1.0},         {"KB", 1e3},           {"MB", 1e6},
                             {"GB", 1e9},        {"TB", 1e12},          {"KiB", 1024.0},
                             {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
  return s;
}

// ladder is ordered from the largest unit down; the last entry has scale 1. The number is printed
// with at most 12 significant digits so that 3e-7 s reads "300 ns", not "299.99999999999994 ns".
std::string with_unit(double value, const Suffixes& ladder) {
  for (const auto& [name, scale] : ladder) {
    if (value >= scale || scale == ladder.back().second) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.12g", value / scale);
      return std::string(buf) + " " + name;
    }
  }
  return format_number(value);
}

}  // namespace

std::string format_number(double value) {
  // Plain decimals for everyday magnitudes (no exponent: "1050", "0.125"), %g otherwise; in both
  // cases the fewest digits that parse back to exactly `value`.
  char buf[64];
  const double mag = std::fabs(value);
  const bool plain = mag == 0 || (mag >= 1e-6 && mag < 1e15);
  for (int precision = 0; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, plain ? "%.*f" : "%.*g", plain ? precision : precision + 1,
                  value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

std::optional<std::uint64_t> parse_bytes(const std::string& text) {
  auto value = parse_with(text, byte_suffixes(), true);
  if (!value || *value != std::floor(*value) || *value > 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(*value);
}

std::optional<double> parse_bandwidth(const std::string& text) {
  double number = 0;
  std::string unit;
  if (!split_quantity(text, number, unit)) return std::nullopt;
  static const Suffixes bits = {{"bps", 1.0 / 8},
                                {"Kbps", 1e3 / 8},
                                {"Mbps", 1e6 / 8},
                                {"Gbps", 1e9 / 8},
                                {"Tbps", 1e12 / 8}};
  for (const auto& [name, scale] : bits) {
    if (unit == name) return number * scale;
  }
  if (unit.size() < 3 || unit.compare(unit.size() - 2, 2, "/s") != 0) return std::nullopt;
  const std::string bytes_unit = unit.substr(0, unit.size() - 2);
  for (const auto& [name, scale] : byte_suffixes()) {
    if (bytes_unit == name) return number * scale;
  }
  return std::nullopt;
}

std::optional<double> parse_frequency(const std::string& text) {
  static const Suffixes s = {{"Hz", 1.0}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}};
  return parse_with(text, s, false);
}

std::optional<double> parse_duration(const std::string& text) {
  static const Suffixes s = {{"s", 1.0}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}, {"ps", 1e-12}};
  return parse_with(text, s, false);
}

std::string format_bytes(std::uint64_t bytes) {
  // Binary units when exact (capacities are usually powers of two), otherwise decimal.
  static const Suffixes binary = {
      {"TiB", 1099511627776.0}, {"GiB", 1073741824.0}, {"MiB", 1048576.0}, {"KiB", 1024.0}};
  // Binary units read well only for round capacities (16 MiB, 32 GiB): an exact, short mantissa.
  for (const auto& [name, scale] : binary) {
    const double v = static_cast<double>(bytes) / scale;
    if (v >= 1 && v < 10000 && v == std::floor(v)) return format_number(v) + " " + name;
  }
  if (bytes == 0) return "0 B";
  if (bytes < 1000) return std::to_string(bytes) + " B";
  static const Suffixes decimal = {{"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}};
  return with_unit(static_cast<double>(bytes), decimal);
}

std::string format_bandwidth(double bytes_per_s) {
  static const Suffixes s = {
      {"TB/s", 1e12}, {"GB/s", 1e9}, {"MB/s", 1e6}, {"KB/s", 1e3}, {"B/s", 1}};
  if (bytes_per_s == 0) return "0 B/s";
  return with_unit(bytes_per_s, s);
}

std::string format_frequency(double hz) {
  static const Suffixes s = {{"GHz", 1e9}, {"MHz", 1e6}, {"kHz", 1e3}, {"Hz", 1}};
  // MHz reads better than fractional GHz for clocks (940 MHz, 1050 MHz).
  if (hz >= 1e9 && hz < 1e11 && std::fmod(hz, 1e6) == 0) return format_number(hz / 1e6) + " MHz";
  return with_unit(hz, s);
}

std::string format_duration(double seconds) {
  static const Suffixes s = {{"s", 1}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}, {"ps", 1e-12}};
  if (seconds == 0) return "0 ns";
  return with_unit(seconds, s);
}

}  // namespace coda::core
