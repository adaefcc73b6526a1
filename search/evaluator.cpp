// The shared evaluation steps and the analytic (in-process) timing.
#include "search/evaluator.h"

#include <chrono>
#include <optional>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "models/graph/counters.h"
#include "models/io/model_source.h"
#include "sim/core/units.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/lower_graph.h"
#include "sim/schedule/network_report.h"

namespace coda::search {
namespace {

// The first violated constraint among those whose metric is known, or "".
std::string violated(const Study& s, const Metrics& m) {
  for (const auto& c : s.constraints) {
    const auto it = m.find(c.metric);
    if (it == m.end()) continue;
    const std::string v = c.violation(it->second);
    if (!v.empty()) return v;
  }
  return "";
}

std::uint64_t batch_of(const models::Graph& g) {
  for (auto t : g.inputs()) {
    const auto& shape = g.tensor(t).shape;
    if (!shape.empty() && shape.front() > 0) return static_cast<std::uint64_t>(shape.front());
  }
  return 1;
}

}  // namespace

const char* to_string(Status s) {
  switch (s) {
    case Status::ok:
      return "ok";
    case Status::infeasible:
      return "infeasible";
    case Status::failed:
      return "failed";
  }
  return "?";
}

Status status_from_string(const std::string& s) {
  if (s == "ok") return Status::ok;
  if (s == "infeasible") return Status::infeasible;
  return Status::failed;
}

PointEvaluator::PointEvaluator(const Study& study, std::unique_ptr<IAccuracyOracle> oracle)
    : m_study(study), m_oracle(std::move(oracle)) {}

Outcome PointEvaluator::evaluate(const DesignPoint& p) {
  const auto start = std::chrono::steady_clock::now();
  Outcome o;
  o.fidelity = fidelity();
  auto done = [&](Status s, std::string reason) {
    o.status = s;
    o.reason = std::move(reason);
    o.eval_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return o;
  };
  const ChipEntry& entry = chip_of(p);
  if (!entry.chip) return done(Status::infeasible, entry.error);
  const arch::ArchSpec* chip = entry.chip.get();
  o.metrics["area_mm2"] = entry.area_mm2;
  o.metrics["tdp_w"] = entry.tdp_w;
  if (auto v = violated(m_study, o.metrics); !v.empty()) return done(Status::infeasible, v);
  std::optional<models::Graph> graph;
  try {
    graph.emplace(models::load_model(m_study.model, p.knobs));
  } catch (const core::InputError& e) {
    return done(Status::infeasible, std::string("model: ") + e.what());
  }
  const models::ModelCounts counts = models::count_model(*graph);
  o.metrics["macs"] = static_cast<double>(counts.macs);
  o.metrics["params"] = static_cast<double>(counts.params);
  o.metrics["memory_bytes"] = static_cast<double>(counts.weight_bytes + counts.activation_bytes);
  if (m_study.memory_fit &&
      o.metrics["memory_bytes"] > static_cast<double>(chip->hbm.capacity_bytes)) {
    return done(Status::infeasible,
                "memory: weights + activations " +
                    core::format_bytes(counts.weight_bytes + counts.activation_bytes) +
                    " exceed hbm.capacity " + core::format_bytes(chip->hbm.capacity_bytes));
  }
  try {
    for (const auto& [k, v] : timing(*chip, *graph, p)) o.metrics[k] = v;
  } catch (const core::InputError& e) {
    return done(Status::infeasible, std::string("lowering: ") + e.what());
  } catch (const std::exception& e) {
    return done(Status::failed, e.what());
  }
  if (m_oracle) {
    try {
      o.metrics["accuracy"] = m_oracle->accuracy(p);
    } catch (const std::exception& e) {
      return done(Status::failed, e.what());
    }
  }
  if (auto v = violated(m_study, o.metrics); !v.empty()) return done(Status::infeasible, v);
  return done(Status::ok, "");
}

const PointEvaluator::ChipEntry& PointEvaluator::chip_of(const DesignPoint& p) {
  constexpr std::size_t kChipCache = 1024;
  const std::string yaml = chip_yaml(m_study, p);
  const auto it = m_chips.find(yaml);
  if (it != m_chips.end()) return it->second;
  if (m_chips.size() >= kChipCache) m_chips.clear();
  ChipEntry e;
  try {  // a chip the schema rejects is not a design
    auto chip =
        std::make_shared<arch::ArchSpec>(arch::parse_arch_text(yaml, m_study.name + ".point.yaml"));
    const arch::CostModel cost = arch::load_cost_model(*chip);
    e.area_mm2 = arch::area_mm2(*chip, cost);
    e.tdp_w = arch::tdp_w(*chip, cost);
    e.chip = std::move(chip);
  } catch (const core::InputError& err) {
    e.error = std::string("chip: ") + err.what();
  }
  return m_chips.emplace(yaml, std::move(e)).first->second;
}

Metrics AnalyticEvaluator::timing(const arch::ArchSpec& chip, const models::Graph& graph,
                                  const DesignPoint&) {
  const schedule::GraphSchedule gs = schedule::lower_graph(graph, chip);
  const schedule::Estimate e = schedule::estimate(chip, gs.schedule);
  const schedule::NetworkReport n = schedule::make_network_report(chip, gs, e.total, e.groups);
  const double batch = static_cast<double>(batch_of(graph));
  Metrics m;
  m["latency_s"] = n.total.time_s;
  m["throughput_per_s"] = n.total.time_s > 0 ? batch / n.total.time_s : 0;
  m["energy_per_inference_j"] = n.total.energy.energy_j / batch;
  m["tflops"] = n.total.tflops;
  m["perf_per_tdp_tflops_per_w"] = n.total.tflops_per_tdp_w;
  return m;
}

}  // namespace coda::search
