// Trace events the engine reports (busy intervals per unit), a sink interface with a recorder, and
// writers: Perfetto/Chrome JSON timelines and binned utilization CSV. Times are in cycles.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace coda::traces {

// A timeline track: one unit instance, grouped into a process (a chip or a TensorCore).
struct Track {
  std::string process;  // e.g. "chip0 core0"
  std::string name;     // e.g. "mxu2"
  std::string kind;     // unit kind for binning: "mxu", "vpu", "dma", "sequencer"
};

struct Span {
  std::uint32_t track = 0;
  std::uint64_t start_cycle = 0, end_cycle = 0;
  std::uint32_t label = 0;      // index into Trace::labels (the op or phase)
  std::uint64_t hbm_bytes = 0;  // bytes the span moved to or from HBM (DMA spans)
};

struct Trace {
  double clock_hz = 1e9;
  std::vector<Track> tracks;
  std::vector<Span> spans;
  std::vector<std::string> labels;
};

// What the engine reports into. Contract: add_track before any busy() on it; busy() intervals of
// one track do not overlap and arrive in completion order.
class ITraceSink {
 public:
  virtual ~ITraceSink() = default;
  virtual std::uint32_t add_track(const Track& t) = 0;
  virtual std::uint32_t add_label(const std::string& label) = 0;
  virtual void busy(std::uint32_t track, std::uint64_t start_cycle, std::uint64_t end_cycle,
                    std::uint32_t label, std::uint64_t hbm_bytes) = 0;
};

// Keeps everything in memory as a Trace.
class TraceRecorder : public ITraceSink {
 public:
  explicit TraceRecorder(double clock_hz) { m_trace.clock_hz = clock_hz; }
  std::uint32_t add_track(const Track& t) override;
  std::uint32_t add_label(const std::string& label) override;
  void busy(std::uint32_t track, std::uint64_t start, std::uint64_t end, std::uint32_t label,
            std::uint64_t hbm_bytes) override;
  const Trace& trace() const { return m_trace; }

 private:
  Trace m_trace;
};

// Chrome trace-event JSON (opens in ui.perfetto.dev): one process per chip/core, one thread per
// unit, one complete ("X") event per busy span, and an "HBM bandwidth" counter track (GB/s, in 200
// bins, each span's bytes spread evenly over its duration); timestamps in microseconds.
void write_perfetto_json(const Trace& t, std::ostream& out);

// Value change dump (IEEE 1364 VCD) for waveform viewers: one 1-bit wire per unit, high while the
// unit is busy, in a scope per process; the timescale is 1 ns = 1 cycle of the chip clock (the
// header says the clock, so a viewer's time reads in cycles).
void write_vcd(const Trace& t, std::ostream& out);

// Busy fraction (0..1) of each unit kind, averaged over its units, in bins of `bin_cycles`.
struct Utilization {
  std::uint64_t bin_cycles = 1, end_cycle = 0;
  std::vector<std::string> kinds;         // in order of first appearance
  std::vector<std::vector<double>> busy;  // [kind][bin]
};
Utilization bin_utilization(const Trace& t, std::uint64_t bin_cycles);

// One row per time bin: bin start and end in cycles and microseconds, then the busy fraction
// (0..1) of each unit kind averaged over its units.
void write_utilization_csv(const Trace& t, std::ostream& out, std::uint64_t bin_cycles);

}  // namespace coda::traces
