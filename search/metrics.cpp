// The metric catalog, objective scores and constraint checks.
#include "search/metrics.h"

#include <algorithm>

#include "sim/core/units.h"

namespace coda::search {

const std::vector<MetricInfo>& metric_catalog() {
  static const std::vector<MetricInfo> m = {
      {"accuracy", "%", Goal::maximize, "top-1 accuracy from the study's oracle, percent"},
      {"latency_s", "s", Goal::minimize, "time of one batch (one inference at batch 1)"},
      {"throughput_per_s", "inferences/s", Goal::maximize, "batch / latency_s"},
      {"energy_per_inference_j", "J", Goal::minimize, "energy of the batch / batch"},
      {"perf_per_tdp_tflops_per_w", "TFLOP/s/W", Goal::maximize, "achieved TFLOP/s per W of TDP"},
      {"tflops", "TFLOP/s", Goal::maximize, "achieved FLOP/s / 1e12 (1 MAC = 2 FLOPs)"},
      {"area_mm2", "mm^2", Goal::minimize, "chip area estimate"},
      {"tdp_w", "W", Goal::minimize, "chip TDP estimate"},
      {"memory_bytes", "B", Goal::minimize, "weights + all activations of the model, bytes"},
      {"macs", "MAC", Goal::minimize, "multiply-accumulates of the model (one MAC = 2 FLOPs)"},
      {"macs_per_inference", "MAC", Goal::minimize, "macs / batch (one MAC = 2 FLOPs)"},
      {"params", "1", Goal::minimize, "weight elements of the model"},
  };
  return m;
}

const MetricInfo* find_metric(const std::string& name) {
  for (const auto& m : metric_catalog()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (const auto& m : metric_catalog()) names.push_back(m.name);
  return names;
}

double Objective::score(const Metrics& m) const {
  const double v = m.at(metric);
  return goal == Goal::maximize ? -v : v;
}

std::string Constraint::violation(double value) const {
  if (max && value > *max)
    return metric + " = " + core::format_number(value) + " > max " + core::format_number(*max);
  if (min && value < *min)
    return metric + " = " + core::format_number(value) + " < min " + core::format_number(*min);
  return "";
}

}  // namespace coda::search
