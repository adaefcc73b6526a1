// The parts of `coda report --out FILE.html` beyond the JSON: the hypervolume of each run over its
// trials (an inline SVG chart) and the per-design reports and traces of the front, written by
// `coda simulate` child processes (search/ never links the engine).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
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

// For the HTML parts: a number in at most 5 significant digits (text: core::html_escape).
std::string short_number(double v);

// The curves as an inline SVG line chart with axes, ticks and a legend ("" when there are none).
std::string hypervolume_chart(const std::vector<HypervolumeCurve>& curves);

// Reports and traces of front designs: `coda simulate --fidelity event --report --trace` per
// design and workload, the chip written as a resolved YAML file next to them.
struct DesignReportOptions {
  std::string coda_exe;  // the coda executable run as a child
  std::string dir;       // where the files go (created)
  std::string link_dir;  // `dir` as the HTML page links it ("r_designs")
  std::size_t max_designs = 20;
  double timeout_s = 1800;  // per child (a design's workload)
  std::size_t memory_bytes = std::size_t{8} << 30;
  std::size_t jobs = 1;  // children at once (the files do not depend on it)
};

struct DesignFiles {          // one workload of one design
  std::string workload;       // the model it simulated
  std::string report, trace;  // links relative to the page (when ok)
  std::string error;          // why there is no report ("" when ok)
};

struct DesignReports {
  std::string chip;                // link to the design's chip YAML ("" when not written)
  std::vector<DesignFiles> files;  // one per workload of the study
};

struct FrontReports {
  std::size_t front_size = 0;   // designs on the front
  std::size_t max_designs = 0;  // asked for (0 = none: the page has no column for them)
  std::map<std::string, DesignReports> by_key;  // the first max_designs designs of the front
};

// Called before each child: (1-based index, children in all, design key, workload).
using DesignProgressFn =
    std::function<void(std::size_t, std::size_t, const std::string&, const std::string&)>;

// Runs the children for the first o.max_designs designs of the newest study's front (in the
// front's order in report_json). A failed child is recorded with its reason, never thrown.
FrontReports write_design_reports(const Store& store, const DesignReportOptions& o,
                                  const DesignProgressFn& progress = {});

// report_html with a column linking each front design to its reports and traces.
std::string report_html(const Store& store, const FrontReports& designs);

}  // namespace coda::search
