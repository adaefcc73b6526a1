// The parts of `coda report --out FILE.html` beyond the JSON: the hypervolume of each run over its
// trials (an inline SVG chart).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "search/store.h"

namespace coda::search {

// report_json of what was read from a store once (the HTML page reads it once for all its parts).
std::string report_json(const std::vector<StoredRun>& runs, const std::vector<StoredTrial>& trials,
                        bool timings);

// One run of the newest study: after each of (at most max_points, the last always included) of its
// asks, the hypervolume of its ok trials so far, against the report's reference. The last point is
// the run's hypervolume in report_json.
struct HypervolumeCurve {
  std::int64_t run_id = 0;
  std::string label;                                   // "nsga2 seed 4 (analytic)"
  std::vector<std::pair<std::size_t, double>> points;  // (trials asked, hypervolume)
};
std::vector<HypervolumeCurve> hypervolume_curves(const std::vector<StoredRun>& runs,
                                                 const std::vector<StoredTrial>& trials,
                                                 std::size_t max_points = 200);

// For the HTML parts: text with <, >, & and " escaped; a number in at most 5 significant digits.
std::string html_escape(const std::string& s);
std::string short_number(double v);

// The curves as an inline SVG line chart with axes, ticks and a legend ("" when there are none).
std::string hypervolume_chart(const std::vector<HypervolumeCurve>& curves);

}  // namespace coda::search
