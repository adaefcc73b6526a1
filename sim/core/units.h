// Human-readable quantities ("16 MiB", "1.2 TB/s", "940 MHz", "500 ns") parsed to SI base units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace coda::core {

// Each parser returns nullopt when the text is not a valid quantity of that kind.
// Bytes: B, KB/MB/GB/TB (powers of 1000), KiB/MiB/GiB/TiB (powers of 1024); a bare integer is
// bytes.
std::optional<std::uint64_t> parse_bytes(const std::string& text);
// Bandwidth in bytes per second: "<number> <B|KB|MB|GB|TB|KiB|MiB|GiB|TiB>/s" or "... Gbps" (bits).
std::optional<double> parse_bandwidth(const std::string& text);
// Frequency in Hz: Hz, kHz, MHz, GHz.
std::optional<double> parse_frequency(const std::string& text);
// Duration in seconds: s, ms, us, ns, ps.
std::optional<double> parse_duration(const std::string& text);

// Inverse formatting with the largest unit that keeps the number >= 1, shortest exact digits.
std::string format_bytes(std::uint64_t bytes);
std::string format_bandwidth(double bytes_per_s);
std::string format_frequency(double hz);
std::string format_duration(double seconds);

// Shortest decimal text that parses back to the same double ("%.17g" trimmed).
std::string format_number(double value);

}  // namespace coda::core
