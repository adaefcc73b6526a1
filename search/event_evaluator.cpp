// Event-driven timing in a child process: `coda simulate --hw POINT.yaml --model M -k ... --json`.
// The search never links the SystemC engine; a crash or hang of the child fails only that trial.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "search/child_process.h"
#include "search/evaluator.h"

namespace coda::search {

EventEvaluator::EventEvaluator(const Study& study, std::unique_ptr<IAccuracyOracle> oracle,
                               std::string coda_exe, double timeout_s, std::size_t memory_bytes)
    : PointEvaluator(study, std::move(oracle)),
      m_exe(std::move(coda_exe)),
      m_timeout_s(timeout_s),
      m_memory_bytes(memory_bytes) {}

Metrics EventEvaluator::timing(const arch::ArchSpec&, const std::string& model,
                               const models::Graph&, const DesignPoint& p) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/coda_point_XXXXXX.yaml";
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) throw std::runtime_error("cannot create a temporary chip file");
  ::close(fd);
  {
    std::ofstream f(path);
    f << chip_yaml(m_study, p);
  }
  const ChildResult r =
      run_child(simulate_argv(m_exe, path, model,
                              {"--json", "--fidelity", "event", "--layers", "0"}, p.knobs),
                "", m_timeout_s, m_memory_bytes);
  ::unlink(path.c_str());
  if (!r.ok) throw std::runtime_error("coda simulate: " + r.reason());
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (!j.is_object()) throw std::runtime_error("coda simulate printed no JSON object");
  Metrics m;
  auto take = [&](const char* from, const char* to) {
    if (!j.contains(from) || !j[from].is_number())
      throw std::runtime_error(std::string("coda simulate JSON lacks ") + from);
    m[to] = j[from].get<double>();
  };
  take("time_s", "latency_s");
  take("throughput_per_s", "throughput_per_s");
  take("energy_per_inference_j", "energy_per_inference_j");
  take("tflops", "tflops");
  take("perf_per_tdp_tflops_per_w", "perf_per_tdp_tflops_per_w");
  return m;
}

std::vector<std::string> simulate_argv(const std::string& exe, const std::string& chip_file,
                                       const std::string& model,
                                       const std::vector<std::string>& options,
                                       const std::map<std::string, std::string>& knobs) {
  std::vector<std::string> argv = {exe, "simulate", "--hw", chip_file, "--model", model};
  argv.insert(argv.end(), options.begin(), options.end());
  for (const auto& [k, v] : knobs) {
    argv.push_back("-k");
    argv.push_back(k + "=" + v);
  }
  return argv;
}

std::unique_ptr<IEvaluator> make_evaluator(const Study& study, const std::string& fidelity,
                                           const std::string& coda_exe,
                                           const KnownAccuracies& known) {
  auto oracle = make_oracle(study.oracle, study.model, known);
  if (fidelity == "event")
    return std::make_unique<EventEvaluator>(study, std::move(oracle), coda_exe,
                                            study.worker_timeout_s,
                                            static_cast<std::size_t>(study.worker_memory_bytes));
  if (fidelity == "analytic") return std::make_unique<AnalyticEvaluator>(study, std::move(oracle));
  throw core::InputError({}, "--fidelity", "expected analytic or event, got '" + fidelity + "'");
}

}  // namespace coda::search
