// `coda presets`: the bundled chip presets with their headline figures.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "arch/spec/metrics.h"
#include "sim/cli/commands.h"

namespace coda::cli {

Command add_presets_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("presets",
                                    "List chip presets with peak bf16 TFLOP/s, HBM "
                                    "bandwidth, on-chip memory and ridge point");
  auto json = std::make_shared<bool>(false);
  app->add_flag("--json", *json, "Print a JSON array instead of a table");
  return {app, [json] {
            nlohmann::json out = nlohmann::json::array();
            if (!*json) {
              std::printf("%-10s %6s %5s %12s %10s %11s %13s %9s %7s\n", "preset", "cores", "mxus",
                          "bf16 TFLOP/s", "HBM GB/s", "on-chip MiB", "ridge FLOP/B", "area mm2",
                          "TDP W");
            }
            for (const auto& name : arch::preset_names()) {
              const arch::ArchSpec a = arch::load_arch(name);
              const double tflops = arch::peak_flops(a, arch::DType::bf16) / 1e12;
              const double ridge = arch::ridge_flops_per_byte(a, arch::DType::bf16);
              const std::uint64_t onchip = arch::onchip_bytes(a);
              const arch::CostModel cost = arch::load_cost_model(a);
              const double area = arch::area_mm2(a, cost), tdp = arch::tdp_w(a, cost);
              if (*json) {
                out.push_back({{"name", name},
                               {"tensorcores", a.tensorcores},
                               {"mxus", a.tensorcores * a.mxu.count},
                               {"peak_bf16_tflops", tflops},
                               {"hbm_gbps", a.hbm.bandwidth_bytes_per_s / 1e9},
                               {"onchip_bytes", onchip},
                               {"ridge_flops_per_byte", ridge},
                               {"area_mm2", area},
                               {"tdp_w", tdp}});
                continue;
              }
              std::printf("%-10s %6d %5d %12.1f %10.0f %11.1f %13.0f %9.0f %7.0f\n", name.c_str(),
                          a.tensorcores, a.tensorcores * a.mxu.count, tflops,
                          a.hbm.bandwidth_bytes_per_s / 1e9, onchip / 1048576.0, ridge, area, tdp);
            }
            if (*json) std::cout << out.dump(2) << "\n";
            return 0;
          }};
}

}  // namespace coda::cli
