#include "sim/cli/simulate_output.h"

#include <cstdio>

#include "arch/spec/metrics.h"
#include "sim/cli/op_output.h"

namespace coda::cli {
namespace {

std::string level_name(arch::MemLevel l) { return arch::to_string(l); }

nlohmann::json work_json(const schedule::Work& w) {
  using nlohmann::json;
  if (const auto* m = std::get_if<arch::MatmulTile>(&w)) {
    return {{"matmul",
             {{"m", m->m},
              {"k", m->k},
              {"n", m->n},
              {"dtype", arch::to_string(m->dtype)},
              {"passes", m->passes}}}};
  }
  if (const auto* v = std::get_if<arch::VectorTile>(&w)) {
    json ops = json::object();
    for (int c = 0; c < arch::kVectorOpClasses; ++c) {
      if (v->ops_per_element[c] > 0) {
        ops[arch::to_string(static_cast<arch::VectorOpClass>(c))] = v->ops_per_element[c];
      }
    }
    return {{"vector", {{"elements", v->elements}, {"ops_per_element", ops}}}};
  }
  if (const auto* x = std::get_if<arch::Transfer>(&w)) {
    return {{"transfer",
             {{"src", level_name(x->src.level) + "@" + std::to_string(x->src.chip) + "." +
                          std::to_string(x->src.core)},
              {"dst", level_name(x->dst.level) + "@" + std::to_string(x->dst.chip) + "." +
                          std::to_string(x->dst.core)},
              {"rows", x->rows},
              {"row_bytes", x->row_bytes}}}};
  }
  return {{"delay", {{"cycles", std::get<arch::Delay>(w).cycles}}}};
}

}  // namespace

nlohmann::json network_report_json(const arch::ArchSpec& chip, const schedule::NetworkReport& n) {
  nlohmann::json j = op_report_json(chip, n.total);
  j.erase("op");
  j["model"] = n.model;
  j["batch"] = n.batch;
  j["fidelity"] = n.fidelity;
  j["throughput_per_s"] = n.throughput_per_s;
  j["peak_fraction"] = n.peak_fraction;
  j["compulsory_hbm_bytes"] = n.compulsory_hbm_bytes;
  j["energy_per_inference_j"] = n.total.energy.energy_j / static_cast<double>(n.batch);
  j["layers"] = nlohmann::json::array();
  for (const auto& l : n.layers) {
    nlohmann::json lj = {{"name", l.info.name},
                         {"kinds", l.info.kinds},
                         {"in_shape", l.info.in_shape},
                         {"out_shape", l.info.out_shape},
                         {"unit", l.info.unit},
                         {"out_level", arch::to_string(l.info.out_level)},
                         {"macs", l.r.macs},
                         {"flops", l.r.flops},
                         {"start_cycle", l.start_cycle},
                         {"cycles", l.r.cycles},
                         {"time_s", l.r.time_s},
                         {"bound", l.r.bound},
                         {"util_mxu", l.r.util_mxu},
                         {"hbm_bytes", l.r.activity.hbm_read_bytes + l.r.activity.hbm_write_bytes}};
    if (!l.info.note.empty()) lj["note"] = l.info.note;
    j["layers"].push_back(lj);
  }
  return j;
}

void print_network_report(const arch::ArchSpec& chip, const schedule::NetworkReport& n,
                          std::size_t max_layers) {
  const schedule::OpReport& t = n.total;
  const arch::Activity& a = t.activity;
  std::printf("%s (batch %llu) on %s, %s\n", n.model.c_str(),
              static_cast<unsigned long long>(n.batch), chip.name.c_str(), n.fidelity.c_str());
  std::printf("  latency      %.3f ms (%llu cycles at %.0f MHz)\n", t.time_s * 1e3,
              static_cast<unsigned long long>(t.cycles), chip.clock_hz / 1e6);
  std::printf("  throughput   %.1f inferences/s\n", n.throughput_per_s);
  std::printf("  achieved     %.2f TFLOP/s = %.1f%% of peak (%.2f GMACs; 1 MAC = 2 FLOPs)\n",
              t.tflops, 100 * n.peak_fraction, static_cast<double>(t.macs) / 1e9);
  std::printf("  bound        %s\n", t.bound.c_str());
  std::printf("  utilization  mxu %.2f  vpu %.2f  dma %.2f  hbm %.2f\n", t.util_mxu, t.util_vpu,
              t.util_dma, t.util_hbm);
  std::printf("  energy       %.3f mJ per inference, average power %.1f W (docs/energy.md)\n",
              t.energy.energy_j / static_cast<double>(n.batch) * 1e3, t.energy.power_w);
  std::printf(
      "  chip         %.0f mm^2 estimated, TDP %.1f W, %.3f achieved TFLOP/s per W of TDP\n",
      t.area_mm2, t.tdp_w, t.tflops_per_tdp_w);
  std::printf("  HBM          read %.2f MiB, write %.2f MiB (compulsory %.2f MiB)\n",
              a.hbm_read_bytes / 1048576.0, a.hbm_write_bytes / 1048576.0,
              n.compulsory_hbm_bytes / 1048576.0);
  std::printf("  CMEM         read %.2f MiB, write %.2f MiB;  VMEM read %.2f MiB, write %.2f MiB\n",
              a.cmem_read_bytes / 1048576.0, a.cmem_write_bytes / 1048576.0,
              a.vmem_read_bytes / 1048576.0, a.vmem_write_bytes / 1048576.0);
  std::printf("\n%4s %-28s %-30s %-22s %10s %10s %-8s %5s %-4s\n", "#", "layer", "ops", "output",
              "MMACs", "time_us", "bound", "mxu", "unit");
  for (std::size_t i = 0; i < n.layers.size() && i < max_layers; ++i) {
    const auto& l = n.layers[i];
    auto cut = [](std::string s, std::size_t w) {
      return s.size() > w ? s.substr(0, w - 2) + ".." : s;
    };
    std::printf("%4zu %-28s %-30s %-22s %10.2f %10.3f %-8s %5.2f %-4s\n", i,
                cut(l.info.name, 28).c_str(), cut(l.info.kinds, 30).c_str(),
                cut(l.info.out_shape, 22).c_str(), l.r.macs / 1e6, l.r.time_s * 1e6,
                l.r.bound.c_str(), l.r.util_mxu, l.info.unit.c_str());
  }
  if (n.layers.size() > max_layers) {
    std::printf("  ... %zu more layers (--layers N to show more, --json for all)\n",
                n.layers.size() - max_layers);
  }
}

void write_schedule_json(const arch::ArchSpec& chip, const schedule::GraphSchedule& gs,
                         std::ostream& out) {
  // Streamed one task per line: a network can have millions of tasks, and a whole JSON document in
  // memory would cost gigabytes.
  using nlohmann::json;
  const auto problems = schedule::check(gs.schedule, chip);
  out << "{\"chip\": " << json(chip.name).dump() << ",\n\"check\": " << json(problems).dump()
      << ",\n\"groups\": [";
  for (std::size_t i = 0; i < gs.schedule.groups.size(); ++i) {
    const auto& g = gs.schedule.groups[i];
    out << (i ? ",\n" : "\n")
        << json{{"name", g.name},
                {"macs", g.macs},
                {"flops", g.flops},
                {"note", g.note},
                {"ops", gs.layers[i].ops}}
               .dump();
  }
  out << "],\n\"tasks\": [";
  for (std::size_t i = 0; i < gs.schedule.tasks.size(); ++i) {
    const auto& t = gs.schedule.tasks[i];
    out << (i ? ",\n" : "\n")
        << json{{"id", t.id},
                {"unit", std::string(arch::to_string(t.unit.kind)) + "@" +
                             std::to_string(t.unit.chip) + "." + std::to_string(t.unit.core) + "." +
                             std::to_string(t.unit.index)},
                {"work", work_json(t.work)},
                {"deps", t.deps},
                {"group", t.group}}
               .dump();
  }
  out << "]}\n";
}

}  // namespace coda::cli
