// `coda simulate`: a whole network on a chip, event-driven (SystemC) or analytic, with a summary,
// a per-layer table, JSON, a Perfetto trace, an HTML report and the schedule for inspection.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <map>

#include "arch/spec/loader.h"
#include "arch/spec/metrics.h"
#include "models/graph/counters.h"
#include "models/io/model_source.h"
#include "sim/cli/commands.h"
#include "sim/cli/simulate_output.h"
#include "sim/cli/trace_files.h"
#include "sim/core/error.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/lower_graph.h"
#include "traces/report_html.h"

namespace coda::cli {
namespace {

struct SimulateArgs {
  std::string hw, model, batch, dtype, fidelity = "event", trace, vcd, report, dump;
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

traces::ReportData report_data(const arch::ArchSpec& chip, const schedule::GraphSchedule& gs,
                               const schedule::NetworkReport& n, const traces::Trace* trace) {
  traces::ReportData d;
  const auto& t = n.total;
  d.title =
      n.model + " (batch " + std::to_string(n.batch) + ") on " + chip.name + ", " + n.fidelity;
  auto f = [](double v, const char* unit) {
    char b[64];
    std::snprintf(b, sizeof b, "%.4g %s", v, unit);
    return std::string(b);
  };
  d.summary = {
      {"latency", f(t.time_s * 1e3, "ms")},
      {"cycles", std::to_string(t.cycles)},
      {"throughput", f(n.throughput_per_s, "inferences/s")},
      {"achieved", f(t.tflops, "TFLOP/s") + " (" + f(100 * n.peak_fraction, "% of peak)")},
      {"MACs", f(static_cast<double>(t.macs) / 1e9, "G (1 MAC = 2 FLOPs)")},
      {"bound", t.bound},
      {"utilization mxu / vpu / dma / hbm", f(t.util_mxu, "") + " / " + f(t.util_vpu, "") + " / " +
                                                f(t.util_dma, "") + " / " + f(t.util_hbm, "")},
      {"HBM read / write", f(t.activity.hbm_read_bytes / 1048576.0, "MiB") + " / " +
                               f(t.activity.hbm_write_bytes / 1048576.0, "MiB")},
      {"energy per inference", f(t.energy.energy_j / n.batch * 1e3, "mJ")},
      {"average power / TDP", f(t.energy.power_w, "W") + " / " + f(t.tdp_w, "W")}};
  for (const auto& l : n.layers) {
    d.layers.push_back(
        {l.info.name, l.info.kinds, l.r.bound, l.info.unit, l.info.out_shape,
         static_cast<double>(l.start_cycle) / chip.clock_hz * 1e6, l.r.time_s * 1e6,
         static_cast<double>(l.r.flops),
         static_cast<double>(l.r.activity.hbm_read_bytes + l.r.activity.hbm_write_bytes),
         l.r.util_mxu});
  }
  d.peak_flops = arch::peak_flops(chip, schedule::mxu_execution(chip, gs.dtype).mxu_type);
  d.hbm_bandwidth = chip.hbm.bandwidth_bytes_per_s;
  d.trace = trace;
  return d;
}

int run(const SimulateArgs& a) {
  const arch::ArchSpec chip = arch::load_arch(a.hw);
  const models::Graph graph = models::load_model(a.model, knob_map(a));
  schedule::GraphLowerOptions options;
  options.fuse = !a.no_fusion;
  const schedule::GraphSchedule gs = schedule::lower_graph(graph, chip, options);
  if (a.fidelity == "analytic" && (!a.trace.empty() || !a.vcd.empty())) {
    throw core::InputError({}, a.trace.empty() ? "--trace-vcd" : "--trace",
                           "traces need --fidelity event");
  }
  check_writable({a.trace, "", a.vcd, 1000});
  if (!a.report.empty()) open_output(a.report, "--report");
  if (!a.dump.empty()) {
    auto f = open_output(a.dump, "--dump-schedule");
    write_schedule_json(chip, gs, f);
  }
  schedule::NetworkReport n;
  traces::TraceRecorder recorder(chip.clock_hz);
  if (a.fidelity == "analytic") {
    const schedule::Estimate e = schedule::estimate(chip, gs.schedule);
    n = schedule::make_network_report(chip, gs, e.total, e.groups);
  } else {
    engine::SimOptions o;
    if (!a.trace.empty() || !a.vcd.empty() || !a.report.empty()) o.trace = &recorder;
    const engine::SimResult r = engine::simulate(chip, {gs.schedule}, o);
    n = schedule::make_network_report(chip, gs, r.phases.at(0), r.groups.at(0));
  }
  n.model = graph.name();
  n.fidelity = a.fidelity == "analytic" ? "analytic" : "event-driven";
  n.batch = models::batch_of(graph);
  n.throughput_per_s = n.total.time_s > 0 ? static_cast<double>(n.batch) / n.total.time_s : 0;
  if (a.json) {
    std::cout << network_report_json(chip, n).dump(1) << "\n";
  } else {
    print_network_report(chip, n, a.layers);
  }
  if (!a.report.empty()) {
    auto f = open_output(a.report, "--report");
    traces::write_html_report(
        report_data(chip, gs, n, a.fidelity == "analytic" ? nullptr : &recorder.trace()), f);
  }
  write_trace_files({a.trace, "", a.vcd, 1000}, recorder.trace());
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
  app->add_option("--trace-vcd", a->vcd, "Write unit busy wires as a VCD file (event fidelity)");
  app->add_option("--report", a->report, "Write a self-contained HTML report");
  app->add_option("--dump-schedule", a->dump, "Write the schedule (tasks, deps, groups) as JSON");
  return {app, [a] { return run(*a); }};
}

}  // namespace coda::cli
