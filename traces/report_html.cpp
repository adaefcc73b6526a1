#include "traces/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sim/core/text.h"

namespace coda::traces {
namespace {

std::string esc(const std::string& s) { return core::html_escape(s); }

std::string num(double v, int digits = 3) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
}

const std::map<std::string, std::string>& colors() {
  static const std::map<std::string, std::string> c = {
      {"mxu", "#3b7dd8"}, {"vpu", "#e08a1e"},      {"hbm", "#c0392b"},      {"cmem", "#8e44ad"},
      {"dma", "#16a085"}, {"overhead", "#7f8c8d"}, {"sequencer", "#7f8c8d"}};
  return c;
}

std::string color_of(const std::string& k) {
  auto it = colors().find(k);
  return it == colors().end() ? "#555" : it->second;
}

void legend(std::ostream& o, const std::vector<std::string>& keys, double x, double y) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const double lx = x + 90.0 * static_cast<double>(i);
    o << "<rect x='" << lx << "' y='" << y - 9 << "' width='10' height='10' fill='"
      << color_of(keys[i]) << "'/><text x='" << lx + 14 << "' y='" << y << "'>" << esc(keys[i])
      << "</text>";
  }
}

// Per-layer time, one column per layer in execution order, coloured by the bound.
void layer_bars(std::ostream& o, const ReportData& d) {
  const double W = 900, H = 220, left = 50, bottom = 30;
  double max_t = 1e-12;
  for (const auto& l : d.layers) max_t = std::max(max_t, l.time_us);
  const double bar = (W - left) / std::max<std::size_t>(d.layers.size(), 1);
  o << "<svg width='" << W << "' height='" << H + 40 << "' xmlns='http://www.w3.org/2000/svg'>";
  o << "<text x='" << left << "' y='14'>time per layer (us), coloured by what bounds it</text>";
  for (std::size_t i = 0; i < d.layers.size(); ++i) {
    const auto& l = d.layers[i];
    const double h = (H - bottom - 20) * l.time_us / max_t;
    o << "<rect x='" << left + bar * static_cast<double>(i) << "' y='" << H - bottom - h
      << "' width='" << std::max(bar - 1, 1.0) << "' height='" << h << "' fill='"
      << color_of(l.bound) << "'><title>"
      << esc(l.name + " (" + l.kinds + "): " + num(l.time_us) + " us, " + l.bound)
      << "</title></rect>";
  }
  o << "<line x1='" << left << "' y1='" << H - bottom << "' x2='" << W << "' y2='" << H - bottom
    << "' stroke='#333'/><text x='2' y='30'>" << num(max_t) << "</text>";
  legend(o, {"mxu", "vpu", "hbm", "cmem", "dma", "overhead"}, left, H + 20);
  o << "</svg>";
}

// Busy fraction per unit kind over time (from the trace).
void utilization_lines(std::ostream& o, const ReportData& d) {
  if (!d.trace || d.trace->spans.empty()) {
    o << "<p>No timeline recorded (analytic fidelity).</p>";
    return;
  }
  std::uint64_t end = 0;
  for (const auto& s : d.trace->spans) end = std::max(end, s.end_cycle);
  const Utilization u = bin_utilization(*d.trace, std::max<std::uint64_t>(end / 200, 1));
  const double W = 900, H = 220, left = 50, bottom = 30;
  const std::size_t bins = u.busy.empty() ? 0 : u.busy.front().size();
  o << "<svg width='" << W << "' height='" << H + 40 << "' xmlns='http://www.w3.org/2000/svg'>";
  o << "<text x='" << left << "' y='14'>utilization over time (busy fraction per unit kind; "
    << num(static_cast<double>(end) / d.trace->clock_hz * 1e6) << " us in all)</text>";
  for (std::size_t k = 0; k < u.kinds.size(); ++k) {
    o << "<polyline fill='none' stroke-width='1.5' stroke='" << color_of(u.kinds[k])
      << "' points='";
    for (std::size_t b = 0; b < bins; ++b) {
      const double x = left + (W - left) * static_cast<double>(b) / std::max<std::size_t>(bins, 1);
      o << x << "," << (H - bottom) - (H - bottom - 20) * std::min(u.busy[k][b], 1.0) << " ";
    }
    o << "'/>";
  }
  o << "<line x1='" << left << "' y1='" << H - bottom << "' x2='" << W << "' y2='" << H - bottom
    << "' stroke='#333'/><text x='20' y='" << 24 << "'>1</text><text x='20' y='" << H - bottom
    << "'>0</text>";
  legend(o, u.kinds, left, H + 20);
  o << "</svg>";
}

// Log-log roofline: x = FLOPs per HBM byte, y = achieved FLOP/s; roofs min(peak, bandwidth * x).
void roofline(std::ostream& o, const ReportData& d) {
  const double W = 600, H = 400, left = 60, bottom = 40;
  const double x_lo = 0.1, x_hi = 1e5, y_hi = d.peak_flops * 2, y_lo = y_hi / 1e6;
  auto X = [&](double v) {
    return left + (W - left) * (std::log10(std::max(v, x_lo)) - std::log10(x_lo)) /
                      (std::log10(x_hi) - std::log10(x_lo));
  };
  auto Y = [&](double v) {
    return (H - bottom) - (H - bottom - 20) * (std::log10(std::max(v, y_lo)) - std::log10(y_lo)) /
                              (std::log10(y_hi) - std::log10(y_lo));
  };
  o << "<svg width='" << W << "' height='" << H + 30 << "' xmlns='http://www.w3.org/2000/svg'>";
  o << "<text x='" << left << "' y='14'>roofline: achieved FLOP/s vs FLOPs per HBM byte</text>";
  const double ridge = d.peak_flops / d.hbm_bandwidth;
  o << "<polyline fill='none' stroke='#222' stroke-width='2' points='" << X(x_lo) << ","
    << Y(d.hbm_bandwidth * x_lo) << " " << X(ridge) << "," << Y(d.peak_flops) << " " << X(x_hi)
    << "," << Y(d.peak_flops) << "'/>";
  for (const auto& l : d.layers) {
    if (l.time_us <= 0 || l.flops <= 0) continue;
    const double intensity = l.hbm_bytes > 0 ? l.flops / l.hbm_bytes : x_hi;
    o << "<circle cx='" << X(intensity) << "' cy='" << Y(l.flops / (l.time_us * 1e-6))
      << "' r='3' fill='" << color_of(l.bound) << "'><title>" << esc(l.name) << ": "
      << num(intensity) << " FLOP/B, " << num(l.flops / (l.time_us * 1e-6) / 1e12)
      << " TFLOP/s</title></circle>";
  }
  o << "<text x='" << left << "' y='" << H - 10
    << "'>x: 10^-1 .. 10^5 FLOP/byte (layers with no "
       "HBM traffic at the right edge); y: log FLOP/s; ridge "
    << num(ridge) << " FLOP/B; peak " << num(d.peak_flops / 1e12) << " TFLOP/s</text></svg>";
}

}  // namespace

void write_html_report(const ReportData& d, std::ostream& o) {
  o << "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" << esc(d.title)
    << "</title><style>body{font-family:sans-serif;margin:24px;color:#222}"
       "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}"
       "th{background:#eee}svg{font-size:11px;margin:8px 0}</style></head><body>";
  o << "<h1>" << esc(d.title) << "</h1><table>";
  for (const auto& [k, v] : d.summary)
    o << "<tr><th>" << esc(k) << "</th><td>" << esc(v) << "</td></tr>";
  o << "</table><h2>Where the time goes</h2>";
  layer_bars(o, d);
  o << "<h2>Utilization over time</h2>";
  utilization_lines(o, d);
  o << "<h2>Roofline</h2>";
  roofline(o, d);
  o << "<h2>Layers</h2><table><tr><th>#</th><th>layer</th><th>ops</th><th>output</th>"
       "<th>start (us)</th><th>time (us)</th><th>GFLOP</th><th>HBM MiB</th><th>bound</th>"
       "<th>MXU util</th><th>unit</th></tr>";
  for (std::size_t i = 0; i < d.layers.size(); ++i) {
    const auto& l = d.layers[i];
    o << "<tr><td>" << i << "</td><td>" << esc(l.name) << "</td><td>" << esc(l.kinds) << "</td><td>"
      << esc(l.out_shape) << "</td><td>" << num(l.start_us, 5) << "</td><td>" << num(l.time_us, 4)
      << "</td><td>" << num(l.flops / 1e9) << "</td><td>" << num(l.hbm_bytes / 1048576.0)
      << "</td><td style='color:" << color_of(l.bound) << "'>" << esc(l.bound) << "</td><td>"
      << num(l.util_mxu, 2) << "</td><td>" << esc(l.unit) << "</td></tr>";
  }
  o << "</table><p>Generated by coda simulate. 1 MAC = 2 FLOPs; times are simulated.</p>"
       "</body></html>\n";
}

}  // namespace coda::traces
