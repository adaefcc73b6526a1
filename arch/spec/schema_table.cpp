// The chip-description schema: every YAML key the loader accepts, in the order `coda check` prints.
#include <type_traits>

#include "arch/spec/schema.h"
#include "arch/spec/unit_models.h"

namespace coda::arch {
namespace {

constexpr double kInf = 1e300;

// A numeric field bound to a member reached through `field` (ArchSpec& -> member&).
template <class F>
ParamDecl num(std::string path, ParamKind kind, std::string def, double lo, double hi,
              std::string doc, F field) {
  ParamDecl d;
  d.path = std::move(path);
  d.kind = kind;
  d.default_text = std::move(def);
  d.min = lo;
  d.max = hi;
  d.doc = std::move(doc);
  d.set = [field](ArchSpec& a, const ParamValue& v) {
    auto& ref = field(a);
    ref = static_cast<std::decay_t<decltype(ref)>>(v.number);
  };
  d.get = [field](const ArchSpec& a) {
    ParamValue v;
    v.number = static_cast<double>(field(const_cast<ArchSpec&>(a)));
    return v;
  };
  return d;
}

template <class F>
ParamDecl text(std::string path, std::string doc, F field) {
  ParamDecl d;
  d.path = std::move(path);
  d.kind = ParamKind::text;
  d.doc = std::move(doc);
  d.set = [field](ArchSpec& a, const ParamValue& v) { field(a) = v.text; };
  d.get = [field](const ArchSpec& a) {
    ParamValue v;
    v.text = field(const_cast<ArchSpec&>(a));
    return v;
  };
  return d;
}

// A choice among names, stored as an enum through parse (string -> E) and name (E -> string).
template <class F, class Parse, class Name>
ParamDecl choice(std::string path, std::string def, std::vector<std::string> choices,
                 std::string doc, F field, Parse parse, Name name) {
  ParamDecl d;
  d.path = std::move(path);
  d.kind = ParamKind::choice;
  d.default_text = std::move(def);
  d.choices = std::move(choices);
  d.doc = std::move(doc);
  d.set = [field, parse](ArchSpec& a, const ParamValue& v) { field(a) = parse(v.text); };
  d.get = [field, name](const ArchSpec& a) {
    ParamValue v;
    v.text = name(field(const_cast<ArchSpec&>(a)));
    return v;
  };
  return d;
}

// "model" keys: which registered implementation simulates a unit kind.
template <class F>
ParamDecl model(std::string path, UnitKind kind, F field) {
  return choice(
      std::move(path), "analytic", unit_model_names(kind),
      std::string("Registered implementation that simulates the ") + to_string(kind) + " units",
      field, [](const std::string& s) { return s; }, [](const std::string& s) { return s; });
}

Dataflow parse_dataflow(const std::string& s) {
  if (s == "output_stationary") return Dataflow::output_stationary;
  if (s == "input_stationary") return Dataflow::input_stationary;
  return Dataflow::weight_stationary;
}

struct VpuDefault {
  const char* throughput;
  const char* latency;
  const char* doc;
};

// Defaults are assumptions (see docs/assumptions in configs/hw/README.md): one result per ALU slot
// per cycle for simple ops, a quarter for transcendentals (a shared EUP), an eighth for cross-lane.
const VpuDefault kVpuDefaults[kVectorOpClasses] = {
    {"1", "2", "add, sub, mul, fma, max/min used by relu"},
    {"1", "2", "compare and select (relu, clamp, max pooling)"},
    {"0.25", "8", "exp, log, tanh, sigmoid, rsqrt, reciprocal"},
    {"1", "4", "reductions along a sublane/lane-local axis (sum, max)"},
    {"0.125", "8", "cross-lane permutes, lane reductions, transposes"},
    {"1", "2", "dtype conversion (e.g. fp16 -> bf16)"},
};

std::vector<ParamDecl> build() {
  using K = ParamKind;
  std::vector<ParamDecl> t;
  t.push_back(text("name", "Short identifier of the chip (defaults to the file name)",
                   [](ArchSpec& a) -> std::string& { return a.name; }));
  t.push_back(text("description", "One line of free text",
                   [](ArchSpec& a) -> std::string& { return a.description; }));
  t.push_back(num("clock", K::frequency, "", 1e6, 1e11, "Core clock of every unit",
                  [](ArchSpec& a) -> double& { return a.clock_hz; }));
  t.push_back(num("process_nm", K::integer, "7", 1, 250, "Process node in nm (energy/area scaling)",
                  [](ArchSpec& a) -> int& { return a.process_nm; }));
  t.push_back(num("tensorcores", K::integer, "", 1, 64, "TensorCores per chip",
                  [](ArchSpec& a) -> int& { return a.tensorcores; }));

  t.push_back(model("core.mxu.model", UnitKind::mxu,
                    [](ArchSpec& a) -> std::string& { return a.mxu.model; }));
  t.push_back(num("core.mxu.count", K::integer, "", 1, 64, "Matrix units (MXUs) per TensorCore",
                  [](ArchSpec& a) -> int& { return a.mxu.count; }));
  t.push_back(num("core.mxu.rows", K::integer, "", 1, 4096,
                  "Systolic array rows (the reduction dimension K in weight-stationary mode)",
                  [](ArchSpec& a) -> int& { return a.mxu.rows; }));
  t.push_back(num("core.mxu.cols", K::integer, "", 1, 4096,
                  "Systolic array columns (the output dimension N in weight-stationary mode)",
                  [](ArchSpec& a) -> int& { return a.mxu.cols; }));
  t.push_back(choice(
      "core.mxu.dataflow", "weight_stationary",
      {"weight_stationary", "output_stationary", "input_stationary"},
      "What stays in the array while the other operand streams",
      [](ArchSpec& a) -> Dataflow& { return a.mxu.dataflow; }, parse_dataflow,
      [](Dataflow d) { return to_string(d); }));
  for (const auto& type : dtype_names()) {
    const int idx = static_cast<int>(*parse_dtype(type));
    t.push_back(num("core.mxu.macs_per_cycle." + type, K::real, type == "bf16" ? "1" : "0", 0, 64,
                    "MACs per processing element per cycle with " + type +
                        " inputs (0 = not native: the compiler converts or emulates)",
                    [idx](ArchSpec& a) -> double& { return a.mxu.macs_per_cycle[idx]; }));
  }
  t.push_back(choice(
      "core.mxu.accumulator_type", "fp32", {"fp32", "bf16", "fp16"}, "Accumulator data type",
      [](ArchSpec& a) -> DType& { return a.mxu.accumulator_type; },
      [](const std::string& s) { return *parse_dtype(s); }, [](DType d) { return to_string(d); }));
  t.push_back(num("core.mxu.accumulator_rows", K::integer, "2048", 1, 1 << 20,
                  "Output rows (each `cols` wide) the accumulators of one MXU hold",
                  [](ArchSpec& a) -> int& { return a.mxu.accumulator_rows; }));
  t.push_back(num("core.mxu.weight_buffers", K::integer, "2", 1, 2,
                  "Stationary-operand buffers: 2 loads the next fold while the current one streams "
                  "(TPU), 1 exposes every load (SCALE-Sim)",
                  [](ArchSpec& a) -> int& { return a.mxu.weight_buffers; }));

  t.push_back(model("core.vpu.model", UnitKind::vpu,
                    [](ArchSpec& a) -> std::string& { return a.vpu.model; }));
  t.push_back(num("core.vpu.lanes", K::integer, "128", 1, 4096, "Vector lanes",
                  [](ArchSpec& a) -> int& { return a.vpu.lanes; }));
  t.push_back(num("core.vpu.sublanes", K::integer, "8", 1, 256, "Sublanes per lane",
                  [](ArchSpec& a) -> int& { return a.vpu.sublanes; }));
  for (int c = 0; c < kVectorOpClasses; ++c) {
    const std::string cls = to_string(static_cast<VectorOpClass>(c));
    t.push_back(num("core.vpu." + cls + ".throughput", K::real, kVpuDefaults[c].throughput, 1e-3,
                    64, std::string("Results per ALU slot per cycle: ") + kVpuDefaults[c].doc,
                    [c](ArchSpec& a) -> double& { return a.vpu.ops[c].throughput; }));
    t.push_back(num("core.vpu." + cls + ".latency", K::integer, kVpuDefaults[c].latency, 1, 1024,
                    "Pipeline latency in cycles (" + cls + ")",
                    [c](ArchSpec& a) -> int& { return a.vpu.ops[c].latency; }));
  }

  t.push_back(num("core.vmem.capacity", K::bytes, "", 65536, 1.1e12, "Vector memory per TensorCore",
                  [](ArchSpec& a) -> std::uint64_t& { return a.vmem.capacity_bytes; }));
  t.push_back(num("core.vmem.bandwidth", K::bandwidth, "", 1e6, 1e16,
                  "VMEM port bandwidth per TensorCore, shared by MXUs, VPU and DMA",
                  [](ArchSpec& a) -> double& { return a.vmem.bandwidth_bytes_per_s; }));
  t.push_back(num("cmem.capacity", K::bytes, "0", 0, 1.1e12, "Common memory per chip (0 = none)",
                  [](ArchSpec& a) -> std::uint64_t& { return a.cmem.capacity_bytes; }));
  t.push_back(num("cmem.bandwidth", K::bandwidth, "0 B/s", 0, 1e16, "CMEM port bandwidth",
                  [](ArchSpec& a) -> double& { return a.cmem.bandwidth_bytes_per_s; }));

  t.push_back(
      model("dma.model", UnitKind::dma, [](ArchSpec& a) -> std::string& { return a.dma.model; }));
  t.push_back(num("dma.engines", K::integer, "4", 1, 1024, "DMA engines per chip",
                  [](ArchSpec& a) -> int& { return a.dma.engines; }));
  t.push_back(num("dma.bandwidth", K::bandwidth, "", 1e6, 1e16, "Bandwidth of one DMA engine",
                  [](ArchSpec& a) -> double& { return a.dma.bandwidth_bytes_per_s; }));
  t.push_back(num("dma.latency", K::duration, "0 ns", 0, 1e-3, "Descriptor issue to first byte",
                  [](ArchSpec& a) -> double& { return a.dma.latency_s; }));

  t.push_back(num("hbm.capacity", K::bytes, "", 1048576, 1.2e14, "Off-chip HBM capacity",
                  [](ArchSpec& a) -> std::uint64_t& { return a.hbm.capacity_bytes; }));
  t.push_back(num("hbm.channels", K::integer, "", 1, 1024,
                  "Independent channels; concurrent streams contend per channel",
                  [](ArchSpec& a) -> int& { return a.hbm.channels; }));
  t.push_back(num("hbm.bandwidth", K::bandwidth, "", 1e6, 1e15, "Total HBM bandwidth",
                  [](ArchSpec& a) -> double& { return a.hbm.bandwidth_bytes_per_s; }));
  t.push_back(num("hbm.latency", K::duration, "0 ns", 0, 1e-4, "Access latency (first byte)",
                  [](ArchSpec& a) -> double& { return a.hbm.latency_s; }));

  t.push_back(num("noc.links", K::integer, "1", 0, 1024, "On-chip links between TensorCores",
                  [](ArchSpec& a) -> int& { return a.noc.links; }));
  t.push_back(num("noc.bandwidth", K::bandwidth, "0 B/s", 0, 1e16, "Per link, one direction",
                  [](ArchSpec& a) -> double& { return a.noc.bandwidth_bytes_per_s; }));
  t.push_back(num("noc.latency", K::duration, "0 ns", 0, 1e-3, "Per hop",
                  [](ArchSpec& a) -> double& { return a.noc.latency_s; }));
  t.push_back(num("ici.links", K::integer, "0", 0, 64, "Inter-chip (ICI) links per chip",
                  [](ArchSpec& a) -> int& { return a.ici.links; }));
  t.push_back(num("ici.bandwidth", K::bandwidth, "0 B/s", 0, 1e15, "Per link, one direction",
                  [](ArchSpec& a) -> double& { return a.ici.bandwidth_bytes_per_s; }));
  t.push_back(num("ici.latency", K::duration, "0 ns", 0, 1e-2, "Per hop",
                  [](ArchSpec& a) -> double& { return a.ici.latency_s; }));

  t.push_back(num("overheads.kernel_launch", K::duration, "0 ns", 0, 1e-3,
                  "Fixed cost per op before its first tile issues (calibrated)",
                  [](ArchSpec& a) -> double& { return a.overheads.kernel_launch_s; }));
  t.push_back(num("overheads.tile_step", K::duration, "0 ns", 0, 1e-3,
                  "Fixed cost per pipelined output tile step (calibrated)",
                  [](ArchSpec& a) -> double& { return a.overheads.tile_step_s; }));
  t.push_back(num("compiler.nonnative_mxus", K::integer, "0", 0, 64,
                  "MXUs per TensorCore the compiler uses for types the MXU lacks natively "
                  "(0 = all, as for native types; calibrated)",
                  [](ArchSpec& a) -> int& { return a.compiler.nonnative_mxus; }));
  t.push_back(num("compiler.vector_chunk", K::bytes, "0", 0, 1.1e12,
                  "Bytes per operand a standalone vector op moves per chunk (0 = a quarter of VMEM "
                  "over its operands; calibrated)",
                  [](ArchSpec& a) -> std::uint64_t& { return a.compiler.vector_chunk_bytes; }));
  t.push_back(choice(
      "compiler.vector_pipelined", "true", {"true", "false"},
      "Whether a standalone vector op overlaps the next chunk's loads with the current chunk "
      "(calibrated)",
      [](ArchSpec& a) -> bool& { return a.compiler.vector_pipelined; },
      [](const std::string& v) { return v == "true"; },
      [](bool b) { return std::string(b ? "true" : "false"); }));
  t.push_back(text("energy_table",
                   "Energy, area and static-power table: a name in configs/energy (empty = "
                   "`default`) or a .yaml path relative to the file that sets it (docs/energy.md)",
                   [](ArchSpec& a) -> std::string& { return a.energy_table; }));
  return t;
}

}  // namespace

const std::vector<ParamDecl>& arch_params() {
  static const std::vector<ParamDecl> table = build();
  return table;
}

}  // namespace coda::arch
