// The shared evaluation steps.
#include "search/evaluator.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "models/graph/counters.h"
#include "models/io/model_source.h"
#include "search/surrogate.h"
#include "sim/core/units.h"

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
  o.metrics["area_mm2"] = entry.area_mm2;
  o.metrics["tdp_w"] = entry.tdp_w;
  if (auto v = violated(m_study, o.metrics); !v.empty()) return done(Status::infeasible, v);
  // Each workload in turn (one for most studies); several are summed as one inference of each.
  const std::vector<std::string> workloads = m_study.models();
  const bool several = workloads.size() > 1;
  double memory = 0, time = 0, tflop = 0, energy = 0, macs = 0, params = 0, macs_each = 0;
  for (const std::string& w : workloads) {
    Workload r = run(entry.chip, w, p, several ? w : "");
    if (r.status != Status::ok) return done(r.status, r.reason);
    memory = std::max(memory, static_cast<double>(r.memory_bytes));
    macs += r.macs;
    macs_each += r.macs_per_inference;
    params += r.params;
    const Metrics& t = r.timing;
    if (!several) {
      for (const auto& [k, v] : t) o.metrics[k] = v;
      break;
    }
    for (const auto& [k, v] : t) o.metrics[w + "." + k] = v;
    time += t.at("latency_s");
    tflop += t.at("tflops") * t.at("latency_s");
    energy += t.at("energy_per_inference_j");
  }
  o.metrics["memory_bytes"] = memory;
  o.metrics["macs"] = macs;
  o.metrics["macs_per_inference"] = macs_each;
  o.metrics["params"] = params;
  if (several) {  // one inference of each workload, back to back
    o.metrics["latency_s"] = time;
    o.metrics["throughput_per_s"] = time > 0 ? static_cast<double>(workloads.size()) / time : 0;
    o.metrics["energy_per_inference_j"] = energy;
    o.metrics["tflops"] = time > 0 ? tflop / time : 0;
    o.metrics["perf_per_tdp_tflops_per_w"] = o.metrics["tflops"] / entry.tdp_w;
  }
  if (m_oracle) {
    try {
      o.metrics["accuracy"] = m_oracle->accuracy(p, o.metrics);
      // A fitted estimate carries its cross-validated error (percentage points).
      if (const auto* sur = dynamic_cast<const SurrogateOracle*>(m_oracle.get()))
        o.metrics["accuracy_cv_rmse"] = sur->fit().cv_rmse;
    } catch (const std::exception& e) {
      return done(Status::failed, e.what());
    }
  }
  if (auto v = violated(m_study, o.metrics); !v.empty()) return done(Status::infeasible, v);
  return done(Status::ok, "");
}

bool PointEvaluator::fits(Workload& r, const arch::ArchSpec& chip, std::uint64_t memory_bytes,
                          double macs, double batch, double params,
                          const std::string& label) const {
  r.memory_bytes = memory_bytes;
  r.macs = macs;
  r.macs_per_inference = macs / batch;
  r.params = params;
  if (!m_study.memory_fit || memory_bytes <= chip.hbm.capacity_bytes) return true;
  r.status = Status::infeasible;
  r.reason = "memory: " + (label.empty() ? std::string() : label + " ") + "weights + activations " +
             core::format_bytes(memory_bytes) + " exceed hbm.capacity " +
             core::format_bytes(chip.hbm.capacity_bytes);
  return false;
}

PointEvaluator::Workload PointEvaluator::stopped(Status status, std::string reason) {
  Workload r;
  r.status = status;
  r.reason = std::move(reason);
  return r;
}

PointEvaluator::Workload PointEvaluator::run(const std::shared_ptr<const arch::ArchSpec>& chip,
                                             const std::string& model, const DesignPoint& p,
                                             const std::string& label) {
  std::optional<models::Graph> graph;
  try {
    graph.emplace(models::load_model(model, p.knobs));
  } catch (const core::InputError& e) {
    return stopped(Status::infeasible, std::string("model: ") + e.what());
  }
  const models::ModelCounts counts = models::count_model(*graph);
  Workload r;
  if (!fits(r, *chip, counts.weight_bytes + counts.activation_bytes,
            static_cast<double>(counts.macs), static_cast<double>(models::batch_of(*graph)),
            static_cast<double>(counts.params), label)) {
    return r;
  }
  try {
    r.timing = timing(*chip, model, *graph, p);
  } catch (const core::InputError& e) {
    return stopped(Status::infeasible, std::string("lowering: ") + e.what());
  } catch (const std::exception& e) {
    return stopped(Status::failed, e.what());
  }
  return r;
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
        std::make_shared<arch::ArchSpec>(m_variants.parse(yaml, m_study.name + ".point.yaml"));
    const arch::CostModel cost = arch::load_cost_model(*chip);
    e.area_mm2 = arch::area_mm2(*chip, cost);
    e.tdp_w = arch::tdp_w(*chip, cost);
    e.chip = std::move(chip);
  } catch (const core::InputError& err) {
    e.error = std::string("chip: ") + err.what();
  }
  return m_chips.emplace(yaml, std::move(e)).first->second;
}

}  // namespace coda::search
