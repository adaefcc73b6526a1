#include "sim/cli/op_output.h"

#include <cstdio>
#include <sstream>

#include "sim/core/error.h"

namespace coda::cli {

nlohmann::json op_report_json(const arch::ArchSpec& chip, const schedule::OpReport& r) {
  const arch::Activity& a = r.activity;
  nlohmann::json j = {
      {"op", r.name},
      {"chip", chip.name},
      {"cycles", r.cycles},
      {"time_s", r.time_s},
      {"macs", r.macs},
      {"flops", r.flops},
      {"tflops", r.tflops},
      {"bound", r.bound},
      {"utilization",
       {{"mxu", r.util_mxu}, {"vpu", r.util_vpu}, {"dma", r.util_dma}, {"hbm", r.util_hbm}}},
      {"bytes",
       {{"hbm_read", a.hbm_read_bytes},
        {"hbm_write", a.hbm_write_bytes},
        {"cmem_read", a.cmem_read_bytes},
        {"cmem_write", a.cmem_write_bytes},
        {"vmem_read", a.vmem_read_bytes},
        {"vmem_write", a.vmem_write_bytes},
        {"noc", a.noc_bytes},
        {"ici", a.ici_bytes}}},
      {"events", a.tasks[0] + a.tasks[1] + a.tasks[2] + a.tasks[3]},
      {"energy_j", r.energy.energy_j},
      {"power_w", r.energy.power_w},
      {"area_mm2", r.area_mm2},
      {"tdp_w", r.tdp_w},
      {"perf_per_tdp_tflops_per_w", r.tflops_per_tdp_w}};
  nlohmann::json parts;
  for (int p = 0; p < arch::kCostParts; ++p) {
    parts[arch::to_string(static_cast<arch::CostPart>(p))] = r.energy.part_j[p];
  }
  j["energy_parts_j"] = parts;
  if (!r.note.empty()) j["note"] = r.note;
  return j;
}

void print_op_table(const arch::ArchSpec& chip, const std::vector<schedule::OpReport>& reports) {
  std::printf("chip %s: %s\n", chip.name.c_str(), chip.description.c_str());
  if (!reports.empty()) {
    std::printf("estimated die area %.1f mm^2, TDP %.1f W (docs/energy.md)\n",
                reports.front().area_mm2, reports.front().tdp_w);
  }
  std::printf("%-40s %12s %11s %9s %-8s %5s %5s %5s %5s %11s %11s %11s %8s %9s\n", "op", "cycles",
              "time_us", "TFLOP/s", "bound", "mxu", "vpu", "dma", "hbm", "HBM_rd_MiB", "HBM_wr_MiB",
              "energy_uJ", "power_W", "TFLOP/s/W");
  for (const auto& r : reports) {
    std::string name = r.name.size() > 40 ? r.name.substr(0, 37) + "..." : r.name;
    std::printf(
        "%-40s %12llu %11.3f %9.2f %-8s %5.2f %5.2f %5.2f %5.2f %11.2f %11.2f %11.3f %8.1f %9.3f\n",
        name.c_str(), static_cast<unsigned long long>(r.cycles), r.time_s * 1e6, r.tflops,
        r.bound.c_str(), r.util_mxu, r.util_vpu, r.util_dma, r.util_hbm,
        r.activity.hbm_read_bytes / 1048576.0, r.activity.hbm_write_bytes / 1048576.0,
        r.energy.energy_j * 1e6, r.energy.power_w, r.tflops_per_tdp_w);
    if (!r.note.empty()) std::printf("    note: %s\n", r.note.c_str());
  }
  std::printf(
      "(utilization: MXU = MACs / peak MACs; VPU, DMA = busy time; HBM = bytes / "
      "bandwidth; 1 MAC = 2 FLOPs;\n energy: dynamic + static over the op's time; power = "
      "energy / time; TFLOP/s/W = achieved TFLOP/s per W of TDP)\n");
}

std::vector<std::uint64_t> parse_dims(const std::string& text, const std::string& option,
                                      std::size_t count, const std::string& names) {
  std::vector<std::uint64_t> dims;
  std::stringstream ss(text);
  bool ok = !text.empty();
  for (std::string cell; ok && std::getline(ss, cell, ',');) {
    ok = !cell.empty() && cell.find_first_not_of("0123456789") == std::string::npos &&
         cell.size() <= 12 && std::stoull(cell) > 0;
    if (ok) dims.push_back(std::stoull(cell));
  }
  if (!ok || (count > 0 && dims.size() != count) || dims.empty()) {
    const std::string want = count > 0 ? std::to_string(count) + " positive integers " + names
                                       : "positive integers " + names;
    throw core::InputError({}, option, "expected " + want + ", got '" + text + "'");
  }
  return dims;
}

}  // namespace coda::cli
