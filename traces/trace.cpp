#include "traces/trace.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace coda::traces {

std::uint32_t TraceRecorder::add_track(const Track& t) {
  m_trace.tracks.push_back(t);
  return static_cast<std::uint32_t>(m_trace.tracks.size() - 1);
}

std::uint32_t TraceRecorder::add_label(const std::string& label) {
  m_trace.labels.push_back(label);
  return static_cast<std::uint32_t>(m_trace.labels.size() - 1);
}

void TraceRecorder::busy(std::uint32_t track, std::uint64_t start, std::uint64_t end,
                         std::uint32_t label, std::uint64_t hbm_bytes) {
  m_trace.spans.push_back({track, start, end, label, hbm_bytes});
}

void write_perfetto_json(const Trace& t, std::ostream& out) {
  using nlohmann::json;
  const double us_per_cycle = 1e6 / t.clock_hz;
  std::map<std::string, int> pids;
  for (const auto& tr : t.tracks) pids.emplace(tr.process, static_cast<int>(pids.size()) + 1);
  json events = json::array();
  for (const auto& [process, pid] : pids) {
    events.push_back(
        {{"ph", "M"}, {"name", "process_name"}, {"pid", pid}, {"args", {{"name", process}}}});
  }
  for (std::size_t i = 0; i < t.tracks.size(); ++i) {
    events.push_back({{"ph", "M"},
                      {"name", "thread_name"},
                      {"pid", pids[t.tracks[i].process]},
                      {"tid", i + 1},
                      {"args", {{"name", t.tracks[i].name}}}});
  }
  for (const auto& s : t.spans) {
    const Track& tr = t.tracks[s.track];
    events.push_back({{"ph", "X"},
                      {"name", s.label < t.labels.size() ? t.labels[s.label] : tr.kind},
                      {"cat", tr.kind},
                      {"pid", pids[tr.process]},
                      {"tid", s.track + 1},
                      {"ts", static_cast<double>(s.start_cycle) * us_per_cycle},
                      {"dur", static_cast<double>(s.end_cycle - s.start_cycle) * us_per_cycle},
                      {"args", {{"start_cycle", s.start_cycle}, {"end_cycle", s.end_cycle}}}});
  }
  // HBM bandwidth counter: bytes per bin over the bin's duration.
  std::uint64_t end = 0;
  for (const auto& s : t.spans) end = std::max(end, s.end_cycle);
  const std::uint64_t bin = std::max<std::uint64_t>(1, (end + 199) / 200);
  std::vector<double> bytes(end / bin + 1, 0.0);
  for (const auto& s : t.spans) {
    if (s.hbm_bytes == 0) continue;
    const double per_cycle =
        static_cast<double>(s.hbm_bytes) /
        static_cast<double>(std::max<std::uint64_t>(s.end_cycle - s.start_cycle, 1));
    for (std::uint64_t b = s.start_cycle / bin; b * bin < s.end_cycle; ++b) {
      const std::uint64_t lo = std::max(s.start_cycle, b * bin),
                          hi = std::min(s.end_cycle, (b + 1) * bin);
      bytes[b] += per_cycle * static_cast<double>(hi - lo);
    }
  }
  const int counter_pid = static_cast<int>(pids.size()) + 1;
  events.push_back({{"ph", "M"},
                    {"name", "process_name"},
                    {"pid", counter_pid},
                    {"args", {{"name", "memory"}}}});
  for (std::size_t b = 0; b < bytes.size(); ++b) {
    const double seconds = static_cast<double>(bin) / t.clock_hz;
    events.push_back({{"ph", "C"},
                      {"name", "HBM bandwidth"},
                      {"pid", counter_pid},
                      {"ts", static_cast<double>(b * bin) * us_per_cycle},
                      {"args", {{"GB/s", bytes[b] / seconds / 1e9}}}});
  }
  out << json{{"traceEvents", events}, {"displayTimeUnit", "ns"}}.dump() << "\n";
}

Utilization bin_utilization(const Trace& t, std::uint64_t bin_cycles) {
  Utilization u;
  u.bin_cycles = std::max<std::uint64_t>(bin_cycles, 1);
  std::map<std::string, int> units_of_kind;
  for (const auto& tr : t.tracks) {
    if (units_of_kind[tr.kind]++ == 0) u.kinds.push_back(tr.kind);
  }
  for (const auto& s : t.spans) u.end_cycle = std::max(u.end_cycle, s.end_cycle);
  const std::uint64_t bins =
      std::max<std::uint64_t>(1, (u.end_cycle + u.bin_cycles - 1) / u.bin_cycles);
  u.busy.assign(u.kinds.size(), std::vector<double>(bins, 0.0));
  std::map<std::string, std::size_t> kind_index;
  for (std::size_t k = 0; k < u.kinds.size(); ++k) kind_index[u.kinds[k]] = k;
  for (const auto& s : t.spans) {
    auto& row = u.busy[kind_index[t.tracks[s.track].kind]];
    for (std::uint64_t b = s.start_cycle / u.bin_cycles; b * u.bin_cycles < s.end_cycle; ++b) {
      const std::uint64_t lo = std::max(s.start_cycle, b * u.bin_cycles);
      const std::uint64_t hi = std::min(s.end_cycle, (b + 1) * u.bin_cycles);
      row[b] += static_cast<double>(hi - lo);
    }
  }
  for (std::size_t k = 0; k < u.kinds.size(); ++k) {
    for (std::uint64_t b = 0; b < bins; ++b) {
      const std::uint64_t lo = b * u.bin_cycles, hi = std::min(u.end_cycle, (b + 1) * u.bin_cycles);
      const double width = static_cast<double>(std::max<std::uint64_t>(hi - lo, 1));
      u.busy[k][b] /= width * units_of_kind[u.kinds[k]];
    }
  }
  return u;
}

void write_utilization_csv(const Trace& t, std::ostream& out, std::uint64_t bin_cycles) {
  const Utilization u = bin_utilization(t, bin_cycles);
  out << "bin_start_cycle,bin_end_cycle,bin_start_us,bin_end_us";
  for (const auto& k : u.kinds) out << "," << k << "_busy";
  out << "\n";
  const double us = 1e6 / t.clock_hz;
  char buf[64];
  const std::size_t bins = u.busy.empty() ? 1 : u.busy.front().size();
  for (std::size_t b = 0; b < bins; ++b) {
    const std::uint64_t lo = b * u.bin_cycles, hi = std::min(u.end_cycle, (b + 1) * u.bin_cycles);
    std::snprintf(buf, sizeof buf, "%.6f,%.6f", lo * us, hi * us);
    out << lo << "," << hi << "," << buf;
    for (const auto& row : u.busy) {
      std::snprintf(buf, sizeof buf, ",%.4f", row[b]);
      out << buf;
    }
    out << "\n";
  }
}

}  // namespace coda::traces
