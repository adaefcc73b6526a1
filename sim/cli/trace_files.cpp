#include "sim/cli/trace_files.h"

#include "sim/core/error.h"

namespace coda::cli {

std::ofstream open_output(const std::string& path, const std::string& option) {
  std::ofstream f(path);
  if (!f) throw core::InputError({}, option, "cannot write '" + path + "'");
  return f;
}

void check_writable(const TraceFiles& files) {
  if (!files.perfetto.empty()) open_output(files.perfetto, "--trace");
  if (!files.csv.empty()) open_output(files.csv, "--trace-csv");
  if (!files.vcd.empty()) open_output(files.vcd, "--trace-vcd");
}

void write_trace_files(const TraceFiles& files, const traces::Trace& trace) {
  if (!files.perfetto.empty()) {
    auto f = open_output(files.perfetto, "--trace");
    traces::write_perfetto_json(trace, f);
  }
  if (!files.csv.empty()) {
    auto f = open_output(files.csv, "--trace-csv");
    traces::write_utilization_csv(trace, f, files.bin_cycles);
  }
  if (!files.vcd.empty()) {
    auto f = open_output(files.vcd, "--trace-vcd");
    traces::write_vcd(trace, f);
  }
}

}  // namespace coda::cli
