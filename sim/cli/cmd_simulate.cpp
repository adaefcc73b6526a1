// `coda simulate`: a whole network on a chip, event-driven (SystemC) or analytic, with a summary,
// a per-layer table, JSON, a Perfetto trace, an HTML report and the schedule for inspection.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <map>

#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "sim/cli/commands.h"
#include "sim/cli/simulate_output.h"
#include "sim/core/error.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/lower_graph.h"

namespace coda::cli {
namespace {

struct SimulateArgs {
  std::string hw, model, batch, dtype, fidelity = "event", trace, report, dump;
  std::vector<std::string> knobs;
  bool json = false, no_fusion = false;
  std::size_t layers = 40;
};

std::map<std::string, std::string> knob_map(const SimulateArgs& a) {
  std::map<std::string, std::string> k;
  for (const auto& kv : a.knobs) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw core::InputError({}, "--knob", "expected key=value, got '" + kv + "'");
    }
    k[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!a.batch.empty()) k["batch"] = a.batch;
  if (!a.dtype.empty()) k["dtype"] = a.dtype;
  return k;
}

std::uint64_t batch_of(const models::Graph& g) {
  for (auto t : g.inputs()) {
    const auto& s = g.tensor(t).shape;
    if (!s.empty() && s.front() > 0) return static_cast<std::uint64_t>(s.front());
  }
  return 1;
}

int run(const SimulateArgs& a) {
  const arch::ArchSpec chip = arch::load_arch(a.hw);
  const models::Graph graph = models::load_model(a.model, knob_map(a));
  schedule::GraphLowerOptions options;
  options.fuse = !a.no_fusion;
  const schedule::GraphSchedule gs = schedule::lower_graph(graph, chip, options);
  if (!a.dump.empty()) {
    std::ofstream f(a.dump);
    if (!f) throw core::InputError({}, "--dump-schedule", "cannot write '" + a.dump + "'");
    write_schedule_json(chip, gs, f);
  }
  schedule::NetworkReport n;
  traces::TraceRecorder recorder(chip.clock_hz);
  if (a.fidelity == "analytic") {
    const schedule::Estimate e = schedule::estimate(chip, gs.schedule);
    n = schedule::make_network_report(chip, gs, e.total, e.groups);
  } else {
    engine::SimOptions o;
    if (!a.trace.empty() || !a.report.empty()) o.trace = &recorder;
    const engine::SimResult r = engine::simulate(chip, {gs.schedule}, o);
    n = schedule::make_network_report(chip, gs, r.phases.at(0), r.groups.at(0));
  }
  n.model = graph.name();
  n.fidelity = a.fidelity == "analytic" ? "analytic" : "event-driven";
  n.batch = batch_of(graph);
  n.throughput_per_s = n.total.time_s > 0 ? static_cast<double>(n.batch) / n.total.time_s : 0;
  if (a.json) {
    std::cout << network_report_json(chip, n).dump(1) << "\n";
  } else {
    print_network_report(chip, n, a.layers);
  }
  if (!a.trace.empty()) {
    if (a.fidelity == "analytic") {
      throw core::InputError({}, "--trace", "traces need --fidelity event");
    }
    std::ofstream f(a.trace);
    if (!f) throw core::InputError({}, "--trace", "cannot write '" + a.trace + "'");
    traces::write_perfetto_json(recorder.trace(), f);
  }
  return 0;
}

}  // namespace

Command add_simulate_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("simulate", "Simulate a whole network on a chip");
  auto a = std::make_shared<SimulateArgs>();
  app->add_option("--hw", a->hw, "Chip: preset name or .yaml file")->required();
  app->add_option("--model", a->model, "Built-in model name (coda model list) or .yaml/.onnx file")
      ->required();
  app->add_option("--batch", a->batch, "Batch size (model knob batch)");
  app->add_option("--dtype", a->dtype, "Element type of the model (knob dtype): bf16, fp32, ...");
  app->add_option("-k,--knob", a->knobs, "Model family knob key=value (repeatable)");
  app->add_option("--fidelity", a->fidelity, "event (SystemC engine) or analytic (estimator)")
      ->check(CLI::IsMember({"event", "analytic"}));
  app->add_flag("--no-fusion", a->no_fusion, "Do not fuse epilogues into matrix ops");
  app->add_flag("--json", a->json, "Print the summary and every layer as JSON");
  app->add_option("--layers", a->layers, "Layers to show in the table (default 40)");
  app->add_option("--trace", a->trace, "Write a Perfetto/Chrome JSON timeline (event fidelity)");
  app->add_option("--report", a->report, "Write a self-contained HTML report");
  app->add_option("--dump-schedule", a->dump, "Write the schedule (tasks, deps, groups) as JSON");
  return {app, [a] { return run(*a); }};
}

}  // namespace coda::cli
