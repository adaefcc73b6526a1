// `coda op`: simulate single operations (matmul, conv, vector ops or a SCALE-Sim topology) on a
// chip and report time, achieved rate, bound, utilization and bytes per level.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "arch/spec/loader.h"
#include "sim/cli/commands.h"
#include "sim/cli/op_output.h"
#include "sim/cli/trace_files.h"
#include "sim/core/error.h"
#include "sim/core/text.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/topology_csv.h"

namespace coda::cli {
namespace {

struct OpArgs {
  std::string hw, matmul, conv, vector, shape, topology, dtype = "bf16", padding = "valid";
  std::string trace, trace_csv, trace_vcd;
  std::uint64_t batch = 1, bin_cycles = 1000;
  std::uint32_t stride = 1, groups = 1, window = 2;
  bool json = false;
};

arch::DType dtype_of(const std::string& s) {
  auto t = arch::parse_dtype(s);
  if (!t) {
    throw core::InputError({}, "--dtype",
                           "expected one of " + core::join(arch::dtype_names()) + ", got '" + s +
                               "'" + core::did_you_mean(s, arch::dtype_names()));
  }
  return *t;
}

schedule::ConvOp conv_of(const OpArgs& a, arch::DType t) {
  const auto d = parse_dims(a.conv, "--conv", 6, "H,W,C,KH,KW,COUT");
  schedule::ConvOp c;
  c.n = a.batch;
  c.h = d[0], c.w = d[1], c.c = d[2], c.out_channels = d[5];
  c.kh = static_cast<std::uint32_t>(d[3]), c.kw = static_cast<std::uint32_t>(d[4]);
  c.stride_h = c.stride_w = a.stride;
  c.groups = a.groups;
  c.dtype = t;
  if (a.padding == "same") {
    c.pad_top = c.pad_bottom = (c.kh - 1) / 2;
    c.pad_left = c.pad_right = (c.kw - 1) / 2;
  } else if (a.padding != "valid") {
    const auto p = parse_dims(a.padding, "--padding", 1, "(or 'same', 'valid')");
    c.pad_top = c.pad_bottom = c.pad_left = c.pad_right = static_cast<std::uint32_t>(p[0]);
  }
  return c;
}

// Builds one schedule per op; returns the MXU type of each for utilization.
void build(const arch::ArchSpec& chip, const OpArgs& a, std::vector<schedule::Schedule>& out,
           std::vector<arch::DType>& mxu_types) {
  const arch::DType t = dtype_of(a.dtype);
  const int given = !a.matmul.empty() + !a.conv.empty() + !a.vector.empty() + !a.topology.empty();
  if (given != 1) {
    throw core::InputError({}, "op", "give exactly one of --matmul, --conv, --vector, --topology");
  }
  auto one = [&](auto lower) {
    out.emplace_back();
    schedule::ScheduleBuilder b(out.back(), chip);
    lower(b);
    mxu_types.push_back(schedule::mxu_execution(chip, t).mxu_type);
  };
  if (!a.matmul.empty()) {
    const auto d = parse_dims(a.matmul, "--matmul", 3, "M,K,N");
    schedule::MatmulOp m;
    m.batch = a.batch, m.m = d[0], m.k = d[1], m.n = d[2], m.dtype = t;
    one([&](auto& b) { schedule::lower_matmul(b, m); });
  } else if (!a.conv.empty()) {
    const auto c = conv_of(a, t);
    one([&](auto& b) { schedule::lower_conv(b, c); });
  } else if (!a.vector.empty()) {
    schedule::VectorOp v;
    if (!schedule::parse_vector_kind(a.vector, v.kind)) {
      const auto& names = schedule::vector_kind_names();
      throw core::InputError({}, "--vector",
                             "expected one of " + core::join(names) + ", got '" + a.vector + "'" +
                                 core::did_you_mean(a.vector, names));
    }
    const auto shape = parse_dims(a.shape, "--shape", 0, "(e.g. 1024,1024)");
    v.shape.assign(shape.begin(), shape.end());
    v.dtype = t;
    v.window = a.window;
    v.stride = a.stride;
    v.window_on_lanes = false;  // shapes are NHWC: channels on lanes
    out.emplace_back();
    schedule::ScheduleBuilder b(out.back(), chip);
    schedule::lower_vector(b, v);
    mxu_types.push_back(arch::DType::bf16);
  } else {
    for (const auto& layer : schedule::read_topology_csv(a.topology, t)) {
      one([&](auto& b) {
        if (const auto* c = std::get_if<schedule::ConvOp>(&layer.op)) {
          schedule::lower_conv(b, *c);
          b.group().name = layer.name + ": " + b.group().name;
        } else {
          schedule::lower_matmul(b, std::get<schedule::MatmulOp>(layer.op));
        }
      });
    }
  }
}

int run(const OpArgs& a) {
  const arch::ArchSpec chip = arch::load_arch(a.hw);
  check_writable({a.trace, a.trace_csv, a.trace_vcd, a.bin_cycles});
  std::vector<schedule::Schedule> schedules;
  std::vector<arch::DType> mxu_types;
  build(chip, a, schedules, mxu_types);
  traces::TraceRecorder recorder(chip.clock_hz);
  engine::SimOptions options;
  if (TraceFiles{a.trace, a.trace_csv, a.trace_vcd, a.bin_cycles}.any()) options.trace = &recorder;
  const engine::SimResult result = engine::simulate(chip, schedules, options);
  std::vector<schedule::OpReport> reports;
  for (std::size_t i = 0; i < schedules.size(); ++i) {
    reports.push_back(schedule::make_op_report(chip, schedules[i], result.phases[i], mxu_types[i]));
  }
  if (a.json) {
    for (const auto& r : reports) std::cout << op_report_json(chip, r).dump() << "\n";
  } else {
    print_op_table(chip, reports);
  }
  write_trace_files({a.trace, a.trace_csv, a.trace_vcd, a.bin_cycles}, recorder.trace());
  return 0;
}

}  // namespace

Command add_op_command(CLI::App& parent) {
  auto* app = parent.add_subcommand("op", "Simulate single operations on a chip");
  auto a = std::make_shared<OpArgs>();
  app->add_option("--hw", a->hw, "Chip: preset name or .yaml file")->required();
  app->add_option("--matmul", a->matmul, "C[M,N] = A[M,K] x B[K,N]: M,K,N");
  app->add_option("--batch", a->batch, "Batch of independent matmuls, or conv batch N")
      ->check(CLI::Range(1ull, 1ull << 32));
  app->add_option("--conv", a->conv, "NHWC convolution: H,W,C,KH,KW,COUT");
  app->add_option("--stride", a->stride, "Conv or pooling stride")->check(CLI::Range(1u, 64u));
  app->add_option("--padding", a->padding, "Conv padding: valid, same, or pixels per side");
  app->add_option("--groups", a->groups, "Conv groups (C for depthwise)")
      ->check(CLI::Range(1u, 1u << 20));
  app->add_option("--vector", a->vector, "Vector op: " + core::join(schedule::vector_kind_names()));
  app->add_option("--shape", a->shape, "Vector op tensor shape, e.g. 8,128,1024");
  app->add_option("--window", a->window, "Pooling window (square)")->check(CLI::Range(1u, 64u));
  app->add_option("--topology", a->topology, "SCALE-Sim topology CSV (conv or GEMM rows)");
  app->add_option("--dtype", a->dtype, "bf16 (default), fp16, fp32, int8, fp8");
  app->add_flag("--json", a->json, "One JSON object per op on stdout");
  app->add_option("--trace", a->trace, "Write a Perfetto/Chrome JSON timeline");
  app->add_option("--trace-csv", a->trace_csv, "Write a binned utilization CSV");
  app->add_option("--trace-vcd", a->trace_vcd, "Write unit busy wires as a VCD file");
  app->add_option("--bin-cycles", a->bin_cycles, "CSV bin width in cycles")
      ->check(CLI::Range(1ull, 1ull << 40));
  return {app, [a] { return run(*a); }};
}

}  // namespace coda::cli
