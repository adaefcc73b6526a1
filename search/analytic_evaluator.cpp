// The analytic (in-process) timing: the list-schedule estimate of the whole network, or of its
// chain of blocks with each distinct block estimated once per chip.
#include <map>

#include "arch/spec/arch_spec.h"
#include "arch/spec/energy.h"
#include "models/builders/block_chain.h"
#include "search/evaluator.h"
#include "sim/core/error.h"
#include "sim/schedule/chain_estimate.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/op_report.h"

namespace coda::search {
namespace {

Metrics metrics_of(const arch::ArchSpec& chip, const arch::CostModel& cost,
                   const schedule::NetworkTotals& n) {
  // The network total only (make_network_report's `total`, without its per-layer reports).
  const schedule::OpReport total = schedule::make_total_report(
      chip, cost, n.macs, n.flops, n.total, schedule::mxu_execution(chip, n.dtype).mxu_type);
  const double batch = static_cast<double>(n.batch);
  Metrics m;
  m["latency_s"] = total.time_s;
  m["throughput_per_s"] = total.time_s > 0 ? batch / total.time_s : 0;
  m["energy_per_inference_j"] = total.energy.energy_j / batch;
  m["tflops"] = total.tflops;
  m["perf_per_tdp_tflops_per_w"] = total.tflops_per_tdp_w;
  return m;
}

}  // namespace

// Per chip: its cost model and chain estimator, holding the chip so that its address stays its
// own.
struct AnalyticEvaluator::Chains {
  struct Entry {
    std::shared_ptr<const arch::ArchSpec> chip;
    arch::CostModel cost;
    std::unique_ptr<schedule::ChainEstimator> estimator;
  };
  std::map<const arch::ArchSpec*, Entry> by_chip;  // at most kChips entries

  Entry& of(const std::shared_ptr<const arch::ArchSpec>& chip) {
    constexpr std::size_t kChips = 64;
    const auto it = by_chip.find(chip.get());
    if (it != by_chip.end()) return it->second;
    if (by_chip.size() >= kChips) by_chip.clear();
    Entry e{chip, arch::load_cost_model(*chip), std::make_unique<schedule::ChainEstimator>(*chip)};
    return by_chip.emplace(chip.get(), std::move(e)).first->second;
  }
};

AnalyticEvaluator::AnalyticEvaluator(const Study& study, std::unique_ptr<IAccuracyOracle> oracle)
    : PointEvaluator(study, std::move(oracle)), m_chains(std::make_unique<Chains>()) {}

AnalyticEvaluator::~AnalyticEvaluator() = default;

PointEvaluator::Workload AnalyticEvaluator::run(const std::shared_ptr<const arch::ArchSpec>& chip,
                                                const std::string& model, const DesignPoint& p,
                                                const std::string& label) {
  std::optional<models::BlockChain> chain;
  try {
    chain = models::load_chain(model, p.knobs);
  } catch (const core::InputError& e) {
    return stopped(Status::infeasible, std::string("model: ") + e.what());
  }
  if (!chain) return PointEvaluator::run(chip, model, p, label);
  // As for a graph: the size (and the memory check) first, then the timing.
  const Chains::Entry& entry = m_chains->of(chip);
  Workload r;
  std::optional<schedule::NetworkTotals> n;
  try {
    n = entry.estimator->estimate(*chain, [&](const schedule::NetworkTotals& size) {
      return fits(r, *chip, size.weight_bytes + size.activation_bytes,
                  static_cast<double>(size.macs), static_cast<double>(size.batch),
                  static_cast<double>(size.params), label);
    });
  } catch (const schedule::BlockBuildError& e) {
    return stopped(Status::infeasible, std::string("model: ") + e.what());
  } catch (const core::InputError& e) {  // an op the chip cannot run
    return stopped(Status::infeasible, std::string("lowering: ") + e.what());
  } catch (const std::exception& e) {
    return stopped(Status::failed, e.what());
  }
  if (!n) return r;  // does not fit
  r.timing = metrics_of(*chip, entry.cost, *n);
  return r;
}

Metrics AnalyticEvaluator::timing(const arch::ArchSpec& chip, const std::string&,
                                  const models::Graph& graph, const DesignPoint&) {
  return metrics_of(chip, arch::load_cost_model(chip), schedule::estimate_network(graph, chip));
}

}  // namespace coda::search
