#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "traces/trace.h"

namespace coda::traces {
namespace {

// VCD identifiers: printable ASCII 33..126, as many characters as needed.
std::string vcd_id(std::size_t n) {
  std::string id;
  do {
    id += static_cast<char>(33 + n % 94);
    n /= 94;
  } while (n > 0);
  return id;
}

std::string scope_name(std::string s) {
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

}  // namespace

void write_vcd(const Trace& t, std::ostream& out) {
  out << "$comment Coda unit busy timeline; 1 time unit = 1 cycle at " << t.clock_hz / 1e6
      << " MHz $end\n$timescale 1 ns $end\n";
  std::map<std::string, std::vector<std::size_t>> by_process;
  for (std::size_t i = 0; i < t.tracks.size(); ++i) by_process[t.tracks[i].process].push_back(i);
  for (const auto& [process, tracks] : by_process) {
    out << "$scope module " << scope_name(process) << " $end\n";
    for (std::size_t i : tracks) {
      out << "$var wire 1 " << vcd_id(i) << " " << scope_name(t.tracks[i].name) << " $end\n";
    }
    out << "$upscope $end\n";
  }
  out << "$enddefinitions $end\n";
  // Edges: +1 rising at a span's start, -1 falling at its end; a unit's spans never overlap, so a
  // fall and a rise at the same cycle on one wire cancel into "stays busy".
  std::map<std::uint64_t, std::map<std::size_t, int>> edges;
  for (const auto& s : t.spans) {
    if (s.end_cycle <= s.start_cycle) continue;
    edges[s.start_cycle][s.track] += 1;
    edges[s.end_cycle][s.track] -= 1;
  }
  out << "#0\n$dumpvars\n";
  for (std::size_t i = 0; i < t.tracks.size(); ++i) out << "0" << vcd_id(i) << "\n";
  out << "$end\n";
  std::vector<int> level(t.tracks.size(), 0);
  for (const auto& [cycle, changes] : edges) {
    bool stamped = cycle == 0;  // "#0" is already written, before $dumpvars
    for (const auto& [track, delta] : changes) {
      if (delta == 0) continue;
      level[track] += delta;
      if (!stamped) {
        out << "#" << cycle << "\n";
        stamped = true;
      }
      out << (level[track] > 0 ? "1" : "0") << vcd_id(track) << "\n";
    }
  }
}

}  // namespace coda::traces
