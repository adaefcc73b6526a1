// `coda compare --hw a,b,... --model x,y,...`: the latency, throughput and utilization matrix of
// models on chips, with speedups relative to the first chip. Each event-driven simulation runs in a
// forked child (SystemC elaborates once per process) and pipes back a fixed-size result.
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/network_report.h"

namespace coda::cli {
namespace {

struct Cell {  // crosses a pipe: trivially copyable
  double time_s, throughput, tflops, peak_fraction, util_mxu, util_vpu, util_dma, util_hbm;
  double energy_j;
  char bound[16];
  char error[512];
};

Cell evaluate(const arch::ArchSpec& chip, const std::string& model, const std::string& batch,
              bool analytic) {
  Cell c{};
  std::map<std::string, std::string> knobs;
  if (!batch.empty()) knobs["batch"] = batch;
  const models::Graph g = models::load_model(model, knobs);
  const auto gs = schedule::lower_graph(g, chip);
  schedule::NetworkReport n;
  if (analytic) {
    const auto e = schedule::estimate(chip, gs.schedule);
    n = schedule::make_network_report(chip, gs, e.total, e.groups);
  } else {
    const auto r = engine::simulate(chip, {gs.schedule});
    n = schedule::make_network_report(chip, gs, r.phases.at(0), r.groups.at(0));
  }
  double b = 1;
  for (auto t : g.inputs()) {
    if (!g.tensor(t).shape.empty()) {
      b = static_cast<double>(g.tensor(t).shape.front());
      break;
    }
  }
  const auto& t = n.total;
  c = {t.time_s,
       t.time_s > 0 ? b / t.time_s : 0,
       t.tflops,
       n.peak_fraction,
       t.util_mxu,
       t.util_vpu,
       t.util_dma,
       t.util_hbm,
       t.energy.energy_j / b,
       {},
       {}};
  std::strncpy(c.bound, t.bound.c_str(), sizeof c.bound - 1);
  return c;
}

// Runs `evaluate` in a child; an input error there comes back as the cell's error text.
Cell forked(const arch::ArchSpec& chip, const std::string& model, const std::string& batch) {
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe failed");
  std::cout.flush();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    Cell c{};
    try {
      c = evaluate(chip, model, batch, false);
    } catch (const std::exception& e) {
      std::strncpy(c.error, e.what(), sizeof c.error - 1);
    }
    const bool ok = write(fd[1], &c, sizeof c) == static_cast<ssize_t>(sizeof c);
    _exit(ok ? 0 : 1);
  }
  close(fd[1]);
  Cell c{};
  const bool got = read(fd[0], &c, sizeof c) == static_cast<ssize_t>(sizeof c);
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("simulation of " + model + " on " + chip.name + " crashed");
  }
  return c;
}

std::vector<std::string> split_list(const std::string& s, const std::string& option) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');) {
    if (item.empty()) throw core::InputError({}, option, "empty item in '" + s + "'");
    out.push_back(item);
  }
  return out;
}

int run(const std::string& hw, const std::string& model_list, const std::string& batch,
        bool analytic, bool json) {
  std::vector<arch::ArchSpec> chips;
  for (const auto& h : split_list(hw, "--hw")) chips.push_back(arch::load_arch(h));
  const auto models = split_list(model_list, "--model");
  for (const auto& m : models)
    models::load_model(m, batch.empty() ? std::map<std::string, std::string>{}
                                        : std::map<std::string, std::string>{{"batch", batch}});
  std::vector<std::vector<Cell>> cells(models.size());
  for (std::size_t m = 0; m < models.size(); ++m) {
    for (const auto& chip : chips) {
      const Cell c =
          analytic ? evaluate(chip, models[m], batch, true) : forked(chip, models[m], batch);
      if (c.error[0]) throw core::InputError(std::string(c.error));
      cells[m].push_back(c);
    }
  }
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t m = 0; m < models.size(); ++m) {
      for (std::size_t h = 0; h < chips.size(); ++h) {
        const Cell& c = cells[m][h];
        out.push_back(
            {{"model", models[m]},
             {"chip", chips[h].name},
             {"time_s", c.time_s},
             {"throughput_per_s", c.throughput},
             {"tflops", c.tflops},
             {"peak_fraction", c.peak_fraction},
             {"bound", c.bound},
             {"energy_per_inference_j", c.energy_j},
             {"utilization",
              {{"mxu", c.util_mxu}, {"vpu", c.util_vpu}, {"dma", c.util_dma}, {"hbm", c.util_hbm}}},
             {"speedup_vs_first", cells[m][0].time_s / c.time_s}});
      }
    }
    std::cout << out.dump(1) << "\n";
    return 0;
  }
  std::printf("%s; speedup = latency on %s / latency on the chip\n",
              analytic ? "analytic" : "event-driven", chips.front().name.c_str());
  for (std::size_t m = 0; m < models.size(); ++m) {
    std::printf("\n%-22s", models[m].c_str());
    for (const auto& chip : chips) std::printf(" %22s", chip.name.c_str());
    auto row = [&](const char* label, auto value) {
      std::printf("\n  %-20s", label);
      for (std::size_t h = 0; h < chips.size(); ++h)
        std::printf(" %22s", value(cells[m][h]).c_str());
    };
    auto fmt = [](const char* f, double v) {
      char b[64];
      std::snprintf(b, sizeof b, f, v);
      return std::string(b);
    };
    row("latency (ms)", [&](const Cell& c) { return fmt("%.3f", c.time_s * 1e3); });
    row("speedup", [&](const Cell& c) { return fmt("%.2fx", cells[m][0].time_s / c.time_s); });
    row("inferences/s", [&](const Cell& c) { return fmt("%.1f", c.throughput); });
    row("TFLOP/s (% peak)", [&](const Cell& c) {
      return fmt("%.1f", c.tflops) + fmt(" (%.1f%%)", 100 * c.peak_fraction);
    });
    row("util mxu/vpu/hbm", [&](const Cell& c) {
      return fmt("%.2f", c.util_mxu) + fmt("/%.2f", c.util_vpu) + fmt("/%.2f", c.util_hbm);
    });
    row("bound", [&](const Cell& c) { return std::string(c.bound); });
    row("mJ per inference", [&](const Cell& c) { return fmt("%.3f", c.energy_j * 1e3); });
    std::printf("\n");
  }
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "compare", "Latency, throughput and utilization of models on chips, with speedups");
  auto hw = std::make_shared<std::string>();
  auto models = std::make_shared<std::string>();
  auto batch = std::make_shared<std::string>();
  auto fidelity = std::make_shared<std::string>("event");
  auto json = std::make_shared<bool>(false);
  app->add_option("--hw", *hw, "Chips, comma separated (the first is the baseline)")->required();
  app->add_option("--model", *models, "Models, comma separated")->required();
  app->add_option("--batch", *batch, "Batch size (model knob batch)");
  app->add_option("--fidelity", *fidelity, "event or analytic")
      ->check(CLI::IsMember({"event", "analytic"}));
  app->add_flag("--json", *json, "Print one JSON object per (model, chip)");
  return {app, [=] { return run(*hw, *models, *batch, *fidelity == "analytic", *json); }};
}

}  // namespace coda::cli
