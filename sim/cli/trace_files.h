// The trace outputs `coda op` and `coda simulate` share: Perfetto JSON, binned utilization CSV and
// VCD, each written from the recorded trace, with one message when a file cannot be written.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

#include "traces/trace.h"

namespace coda::cli {

struct TraceFiles {
  std::string perfetto, csv, vcd;   // empty: not wanted
  std::uint64_t bin_cycles = 1000;  // CSV bin width
  bool any() const { return !perfetto.empty() || !csv.empty() || !vcd.empty(); }
};

// Opens `path` for writing; core::InputError naming `option` when it cannot.
std::ofstream open_output(const std::string& path, const std::string& option);

// Creates each wanted file now, so a bad path fails before any simulation runs.
void check_writable(const TraceFiles& files);

void write_trace_files(const TraceFiles& files, const traces::Trace& trace);

}  // namespace coda::cli
