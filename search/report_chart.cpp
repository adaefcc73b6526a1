// The hypervolume-over-trials chart of the HTML report: inline SVG (no scripts), one polyline per
// run on shared axes from 0, "nice" ticks (1, 2 or 5 times a power of ten), a legend below.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "search/report.h"
#include "sim/core/text.h"

namespace coda::search {

std::string short_number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.5g", v);
  return b;
}

namespace {

const char* const kColors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                               "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

// A tick step of about range / 5: 1, 2 or 5 times a power of ten (at least `min_step`).
double tick_step(double range, double min_step) {
  const double raw = range / 5;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  return std::max(step, min_step);
}

std::string text(double x, double y, const char* anchor, const std::string& s,
                 const std::string& extra = "") {
  return "<text x=\"" + short_number(x) + "\" y=\"" + short_number(y) + "\" text-anchor=\"" +
         anchor + "\"" + extra + ">" + core::html_escape(s) + "</text>";
}

std::string line(double x0, double y0, double x1, double y1, const char* stroke) {
  return "<line x1=\"" + short_number(x0) + "\" y1=\"" + short_number(y0) + "\" x2=\"" +
         short_number(x1) + "\" y2=\"" + short_number(y1) + "\" stroke=\"" + stroke + "\"/>";
}

}  // namespace

std::string hypervolume_chart(const std::vector<HypervolumeCurve>& curves) {
  double x_hi = 0, y_hi = 0;
  for (const auto& c : curves) {
    for (const auto& [x, y] : c.points) {
      x_hi = std::max(x_hi, static_cast<double>(x));
      y_hi = std::max(y_hi, y);
    }
  }
  if (x_hi == 0) return "";
  if (y_hi <= 0) y_hi = 1;
  const double x_step = tick_step(x_hi, 1), y_step = tick_step(y_hi, 0);
  x_hi = std::ceil(x_hi / x_step) * x_step;
  y_hi = std::ceil(y_hi / y_step) * y_step;
  const double w = 640, left = 80, right = 20, top = 15, plot_h = 240, legend_row = 18;
  const double bottom = top + plot_h, plot_w = w - left - right;
  const double h = bottom + 50 + legend_row * static_cast<double>(curves.size());
  auto px = [&](double v) { return left + v / x_hi * plot_w; };
  auto py = [&](double v) { return bottom - v / y_hi * plot_h; };
  std::string s = "<svg class=\"hypervolume\" width=\"" + short_number(w) + "\" height=\"" +
                  short_number(h) +
                  "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\"><rect width=\"100%\" "
                  "height=\"100%\" fill=\"white\" stroke=\"#ccc\"/>";
  for (int k = 0; k * x_step <= x_hi + x_step / 2; ++k) {
    const double v = k * x_step;
    s += line(px(v), top, px(v), bottom, "#eee") + line(px(v), bottom, px(v), bottom + 4, "#333");
    s += text(px(v), bottom + 16, "middle", short_number(v));
  }
  for (int k = 0; k * y_step <= y_hi + y_step / 2; ++k) {
    const double v = k * y_step;
    s += line(left, py(v), left + plot_w, py(v), "#eee") +
         line(left - 4, py(v), left, py(v), "#333");
    s += text(left - 6, py(v) + 4, "end", short_number(v));
  }
  s += line(left, top, left, bottom, "#333") + line(left, bottom, left + plot_w, bottom, "#333");
  s += text(left + plot_w / 2, bottom + 32, "middle", "trials asked");
  s += text(14, top + plot_h / 2, "middle", "hypervolume",
            " transform=\"rotate(-90 14 " + short_number(top + plot_h / 2) + ")\"");
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const HypervolumeCurve& c = curves[i];
    const char* color = kColors[i % (sizeof kColors / sizeof kColors[0])];
    if (c.points.empty()) continue;
    const auto& [last_x, last_y] = c.points.back();
    const std::string title = c.label + ": hypervolume " + short_number(last_y) + " after " +
                              std::to_string(last_x) + " trials";
    std::string pts;
    for (const auto& [x, y] : c.points)
      pts += (pts.empty() ? "" : " ") + short_number(px(static_cast<double>(x))) + "," +
             short_number(py(y));
    s += "<polyline data-run=\"" + std::to_string(c.run_id) + "\" fill=\"none\" stroke=\"" + color +
         "\" stroke-width=\"1.5\" points=\"" + pts + "\"><title>" + core::html_escape(title) +
         "</title></polyline>";
    s += "<circle data-run=\"" + std::to_string(c.run_id) + "\" cx=\"" +
         short_number(px(static_cast<double>(last_x))) + "\" cy=\"" + short_number(py(last_y)) +
         "\" r=\"3\" fill=\"" + color + "\"><title>" + core::html_escape(title) +
         "</title></circle>";
    const double ly = bottom + 50 + legend_row * static_cast<double>(i);
    s += line(left, ly - 4, left + 24, ly - 4, color);
    s += text(left + 30, ly, "start", "run " + std::to_string(c.run_id) + ": " + title);
  }
  return s + "</svg>\n";
}

}  // namespace coda::search
