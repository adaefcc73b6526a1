// coda report --out FILE.html: a self-contained page (inline SVG, no scripts) with the runs and
// their hypervolume, the hypervolume of each run over its trials, the 2-D projections of every
// trial with the front highlighted, and the table of front designs with their knobs and metrics
// and, when they were simulated, links to their reports and traces.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "search/report.h"
#include "search/runner.h"
#include "sim/core/text.h"

namespace coda::search {
namespace {

using nlohmann::json;

std::string esc(const std::string& s) { return core::html_escape(s); }
std::string num(double v) { return short_number(v); }

// "accuracy (surrogate estimate, CV RMSE 1.21 points)" for an estimated metric, else its name.
std::string label(const json& study, const std::string& metric) {
  const auto e = study.find("estimates");
  if (e == study.end() || !e->contains(metric)) return metric;
  const json& by = (*e)[metric];
  return metric + " (" + by["by"].get<std::string>() + " estimate, CV RMSE " +
         num(by["cv_rmse_percentage_points"]) + " points)";
}

bool has(const json& t, const std::string& x, const std::string& y) {
  return t["status"] == "ok" && t["metrics"].contains(x) && t["metrics"].contains(y);
}

// Scatter of metric y against metric x: ok trials grey, front members red; axes named by
// label().
std::string scatter(const json& trials, const std::set<std::string>& front, const std::string& x,
                    const std::string& y, const std::string& x_label, const std::string& y_label) {
  const double w = 420, h = 300, m = 50;
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& t : trials) {
    if (!has(t, x, y)) continue;
    const double a = t["metrics"][x], b = t["metrics"][y];
    x0 = std::min(x0, a), x1 = std::max(x1, a), y0 = std::min(y0, b), y1 = std::max(y1, b);
  }
  if (x0 > x1) return "";
  if (x1 == x0) x1 = x0 + 1;
  if (y1 == y0) y1 = y0 + 1;
  auto px = [&](double v) { return m + (v - x0) / (x1 - x0) * (w - 2 * m); };
  auto py = [&](double v) { return h - m - (v - y0) / (y1 - y0) * (h - 2 * m); };
  std::string s = "<svg width=\"" + num(w) + "\" height=\"" + num(h) +
                  "\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"100%\" height=\"100%\" "
                  "fill=\"white\" stroke=\"#ccc\"/>";
  for (int pass = 0; pass < 2; ++pass) {  // front members drawn last, on top
    for (const auto& t : trials) {
      if (!has(t, x, y)) continue;
      const bool on = front.count(t["key"].get<std::string>()) > 0;
      if (on != (pass == 1)) continue;
      s += "<circle cx=\"" + num(px(t["metrics"][x])) + "\" cy=\"" + num(py(t["metrics"][y])) +
           "\" r=\"" + (on ? "4\" fill=\"#d62728\"" : "2\" fill=\"#999\"") + "/>";
    }
  }
  s += "<text x=\"" + num(w / 2) + "\" y=\"" + num(h - 12) + "\" text-anchor=\"middle\">" +
       esc(x_label) + " (" + num(x0) + " .. " + num(x1) + ")</text>";
  // The y name along the axis and its range along the top: both together do not fit the height.
  s += "<text x=\"14\" y=\"" + num(h / 2) + "\" transform=\"rotate(-90 14 " + num(h / 2) +
       ")\" text-anchor=\"middle\">" + esc(y_label) + "</text>";
  s += "<text x=\"" + num(m) + "\" y=\"14\" font-size=\"11\">" + esc(y) + " " + num(y0) + " .. " +
       num(y1) + "</text>";
  return s + "</svg>\n";
}

// The front table's cell for a design's chip, reports and traces.
std::string simulated(const FrontReports& designs, const std::string& key) {
  const auto it = designs.by_key.find(key);
  if (it == designs.by_key.end()) return "not simulated";  // beyond --designs
  std::string c;
  if (!it->second.chip.empty()) c = "<a href=\"" + esc(it->second.chip) + "\">chip</a>";
  const bool several = it->second.files.size() > 1;
  for (const DesignFiles& f : it->second.files) {
    if (!c.empty()) c += "<br>";
    if (several) c += esc(f.workload) + ": ";
    if (!f.error.empty()) {
      c += "report failed: " + esc(f.error);
    } else {
      c +=
          "<a href=\"" + esc(f.report) + "\">report</a> <a href=\"" + esc(f.trace) + "\">trace</a>";
    }
  }
  return c;
}

}  // namespace

std::string report_html(const Store& store) { return report_html(store, FrontReports{}); }

std::string report_html(const Store& store, const FrontReports& designs) {
  const auto runs = store.runs();
  const auto trials = store.trials();
  const json r = json::parse(report_json(runs, trials, false));
  std::string h =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>coda search report</title>"
      "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
      "td.wide{max-width:40em;overflow-wrap:anywhere}</style></head><body>\n";
  if (!r.contains("study")) return h + "<p>No runs.</p></body></html>\n";
  const json& objectives = r["study"]["objectives"];
  h += "<h1>Study " + esc(r["study"]["name"]) + "</h1>\n<p>" + esc(r["simulator"]) + "; " +
       std::to_string(r["trials"].size()) + " trials; front of " +
       std::to_string(r["front"].size()) + " designs; hypervolume " + num(r["hypervolume"]) +
       " against " + esc(r["reference"].dump()) +
       "</p>\n<h2>Runs</h2>\n<table><tr><th>run</th>"
       "<th>strategy</th><th>seed</th><th>fidelity</th><th>asks</th><th>ok</th><th>infeasible"
       "</th><th>failed</th><th>hypervolume</th><th>front</th></tr>\n";
  for (const auto& run : r["runs"]) {
    h += "<tr><td>" + std::to_string(run["id"].get<long long>()) + "</td><td>" +
         esc(run["strategy"]) + "</td><td>" + std::to_string(run["seed"].get<long long>()) +
         "</td><td>" + esc(run["fidelity"]) + "</td><td>" + run["asks"].dump() + "</td><td>" +
         run["ok"].dump() + "</td><td>" + run["infeasible"].dump() + "</td><td>" +
         run["failed"].dump() + "</td><td>" +
         (run.contains("hypervolume") ? num(run["hypervolume"]) : "") + "</td><td>" +
         (run.contains("front_size") ? run["front_size"].dump() : "") + "</td></tr>\n";
  }
  h += "</table>\n<h2>Hypervolume over trials</h2>\n" +
       hypervolume_chart(hypervolume_curves(runs, trials)) +
       "<h2>Pareto front, 2-D projections</h2>\n";
  std::set<std::string> front;
  for (const auto& f : r["front"]) front.insert(f["key"].get<std::string>());
  for (std::size_t i = 0; i < objectives.size(); ++i) {
    for (std::size_t k = i + 1; k < objectives.size(); ++k) {
      const std::string x = objectives[i]["metric"], y = objectives[k]["metric"];
      h += scatter(r["trials"], front, x, y, label(r["study"], x), label(r["study"], y));
    }
  }
  const bool linked = designs.max_designs > 0;
  h += "<h2>Front designs</h2>\n";
  if (linked) {
    h += "<p>Chip, report and trace (coda simulate, event-driven) of the first " +
         std::to_string(std::min(designs.max_designs, designs.front_size)) + " of " +
         std::to_string(designs.front_size) + " designs.</p>\n";
  }
  h += "<table><tr><th>key</th><th>fidelity</th>";
  for (const auto& o : objectives)
    h += "<th>" + esc(label(r["study"], o["metric"])) + " (" + esc(o["goal"]) + ")</th>";
  h += std::string(linked ? "<th>simulated</th>" : "") + "<th>chip</th><th>model knobs</th></tr>\n";
  for (const auto& f : r["front"]) {
    h += "<tr><td>" + esc(f["key"]) + "</td><td>" + esc(f["fidelity"]) + "</td>";
    for (const auto& o : objectives)
      h += "<td>" + num(f["metrics"][o["metric"].get<std::string>()]) + "</td>";
    if (linked) h += "<td>" + simulated(designs, f["key"]) + "</td>";
    h += "<td class=\"wide\">" + esc(f["inputs"]["hardware"].dump()) + "</td><td class=\"wide\">" +
         esc(f["inputs"]["knobs"].dump()) + "</td></tr>\n";
  }
  return h + "</table></body></html>\n";
}

}  // namespace coda::search
