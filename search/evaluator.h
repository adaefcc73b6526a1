// Evaluating one design point: the chip and model it stands for, constraints checked as early as
// they can be (area and TDP before any timing), timing by the analytic estimator in-process or by
// the event-driven engine in a child `coda` process, accuracy from the oracle.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "arch/spec/loader.h"
#include "search/oracle.h"

namespace coda::arch {
struct ArchSpec;
}
namespace coda::models {
class Graph;
}

namespace coda::search {

enum class Status { ok, infeasible, failed };
const char* to_string(Status s);  // "ok", "infeasible", "failed"
Status status_from_string(const std::string& s);

struct Outcome {
  Status status = Status::failed;
  std::string reason;    // why infeasible or failed ("" when ok)
  Metrics metrics;       // what was computed (an infeasible point keeps its metrics)
  std::string fidelity;  // "analytic" or "event"
  double eval_s = 0;     // wall time of the evaluation, seconds
};

class IEvaluator {
 public:
  virtual ~IEvaluator() = default;
  // Contract: never throws for a bad design (infeasible) or a failed simulation (failed); only
  // for a broken setup (e.g. the coda executable missing).
  virtual Outcome evaluate(const DesignPoint& p) = 0;
  virtual std::string fidelity() const = 0;
};

// The shared steps; subclasses provide the timing metrics.
class PointEvaluator : public IEvaluator {
 public:
  PointEvaluator(const Study& study, std::unique_ptr<IAccuracyOracle> oracle);
  Outcome evaluate(const DesignPoint& p) override;

 protected:
  // One workload of a point: its size (for the memory check and the size metrics) and timing, or
  // why it is infeasible or failed.
  struct Workload {
    Status status = Status::ok;
    std::string reason;
    std::uint64_t memory_bytes = 0;  // weights + activations, each tensor once
    double macs = 0, macs_per_inference = 0, params = 0;
    Metrics timing;
  };
  // The default builds the graph, checks that it fits in HBM, then calls timing(). `label` names
  // the workload in the memory message ("" when the study has one).
  virtual Workload run(const std::shared_ptr<const arch::ArchSpec>& chip, const std::string& model,
                       const DesignPoint& p, const std::string& label);
  // latency_s, throughput_per_s, energy_per_inference_j, tflops, perf_per_tdp_tflops_per_w of
  // `graph`, built from `model` (a name or file) and the point's knobs.
  // Throws std::runtime_error (failed) or core::InputError (infeasible: the chip cannot run it).
  virtual Metrics timing(const arch::ArchSpec& chip, const std::string& model,
                         const models::Graph& graph, const DesignPoint& p) = 0;
  // Fills the size fields of `r` (MACs of the whole batch) and checks that the model fits in HBM;
  // false, with `r` infeasible, when it does not.
  bool fits(Workload& r, const arch::ArchSpec& chip, std::uint64_t memory_bytes, double macs,
            double batch, double params, const std::string& label) const;
  static Workload stopped(Status status, std::string reason);
  const Study& m_study;

 private:
  // A chip and its area and TDP, or why the schema rejected it; cached by chip YAML text, since
  // parsing the preset chain dominates the cost of a small model.
  struct ChipEntry {
    std::shared_ptr<const arch::ArchSpec> chip;
    double area_mm2 = 0, tdp_w = 0;
    std::string error;
  };
  const ChipEntry& chip_of(const DesignPoint& p);
  std::unique_ptr<IAccuracyOracle> m_oracle;
  std::map<std::string, ChipEntry> m_chips;  // at most kChipCache entries
  arch::ArchVariants m_variants;             // the base chip's file chain, parsed once
};

// In-process. A model with a chain form (models/builders/block_chain.h: NAS-Bench-201) is
// estimated block by block, each distinct block once per chip (sim/schedule/chain_estimate.h);
// the result is the same as from its whole graph.
class AnalyticEvaluator : public PointEvaluator {
 public:
  AnalyticEvaluator(const Study& study, std::unique_ptr<IAccuracyOracle> oracle);
  ~AnalyticEvaluator() override;
  std::string fidelity() const override { return "analytic"; }

 protected:
  Workload run(const std::shared_ptr<const arch::ArchSpec>& chip, const std::string& model,
               const DesignPoint& p, const std::string& label) override;
  Metrics timing(const arch::ArchSpec& chip, const std::string& model, const models::Graph& graph,
                 const DesignPoint& p) override;

 private:
  struct Chains;
  std::unique_ptr<Chains> m_chains;
};

// `coda simulate --json` in a child process per point, with a time and an address-space limit.
class EventEvaluator : public PointEvaluator {
 public:
  EventEvaluator(const Study& study, std::unique_ptr<IAccuracyOracle> oracle, std::string coda_exe,
                 double timeout_s = 600, std::size_t memory_bytes = std::size_t{8} << 30);
  std::string fidelity() const override { return "event"; }

 protected:
  Metrics timing(const arch::ArchSpec& chip, const std::string& model, const models::Graph& graph,
                 const DesignPoint& p) override;

 private:
  std::string m_exe;
  double m_timeout_s;
  std::size_t m_memory_bytes;
};

// The command line of a `coda simulate` child for a design: `exe simulate --hw CHIP --model MODEL`,
// then `options`, then `-k name=value` per model knob.
std::vector<std::string> simulate_argv(const std::string& exe, const std::string& chip_file,
                                       const std::string& model,
                                       const std::vector<std::string>& options,
                                       const std::map<std::string, std::string>& knobs);

// `known`: accuracies a command oracle need not compute again (search/oracle.h).
std::unique_ptr<IEvaluator> make_evaluator(const Study& study, const std::string& fidelity,
                                           const std::string& coda_exe,
                                           const KnownAccuracies& known = {});

}  // namespace coda::search
