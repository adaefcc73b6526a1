// A self-contained HTML report (inline SVG and CSS, no scripts, nothing fetched): summary table,
// per-layer time bars coloured by bound, utilization over time per unit kind, a roofline with each
// layer as a point, and the layer table. Input is plain data, so any layer can build it.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "traces/trace.h"

namespace coda::traces {

struct ReportLayer {
  std::string name, kinds, bound, unit, out_shape;
  double start_us = 0, time_us = 0;
  double flops = 0;      // FLOPs (2 per MAC plus vector work)
  double hbm_bytes = 0;  // bytes read from and written to HBM
  double util_mxu = 0;
};

struct ReportData {
  std::string title;
  std::vector<std::pair<std::string, std::string>> summary;  // label, value (with unit)
  std::vector<ReportLayer> layers;
  double peak_flops = 0;         // FLOP/s of the roof
  double hbm_bandwidth = 0;      // bytes/s of the slanted roof
  const Trace* trace = nullptr;  // utilization over time; null when not recorded
};

void write_html_report(const ReportData& d, std::ostream& out);

}  // namespace coda::traces
