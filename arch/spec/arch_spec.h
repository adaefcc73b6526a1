// The chip as a value type: everything the scheduler, the engine and the cost models need to know.
// Loaded from YAML (see arch/spec/loader.h); every field is declared once in arch/spec/schema.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "arch/spec/dtype.h"

namespace coda::arch {

enum class Dataflow { weight_stationary, output_stationary, input_stationary };
std::string to_string(Dataflow d);

// Vector-unit operation classes; each has its own throughput and latency.
enum class VectorOpClass {
  add_mul,
  compare_select,
  transcendental,
  reduction,
  cross_lane,
  convert
};
constexpr int kVectorOpClasses = 6;
std::string to_string(VectorOpClass c);

struct VectorOpTiming {
  double throughput = 1;  // results per ALU slot (lane x sublane) per cycle
  int latency = 1;        // cycles from issue to result (pipeline depth)
};

struct MxuSpec {
  std::string model = "analytic";  // registered implementation (arch/spec/unit_models.h)
  int count = 1;                   // MXUs per TensorCore
  int rows = 128;  // systolic array rows: the reduction (K) dimension in weight-stationary mode
  int cols = 128;  // systolic array columns: the output (N) dimension in weight-stationary mode
  Dataflow dataflow = Dataflow::weight_stationary;
  // MACs per processing element per cycle for each input type; 0 = not supported natively.
  std::array<double, 5> macs_per_cycle{};  // indexed by DType
  DType accumulator_type = DType::fp32;
  int accumulator_rows = 2048;  // output rows (each `cols` wide) the accumulators hold per MXU
  int weight_buffers = 2;       // 2: next fold's weights load during the current stream; 1: exposed
  double rate(DType t) const { return macs_per_cycle[static_cast<int>(t)]; }
};

struct VectorUnitSpec {
  std::string model = "analytic";
  int lanes = 128;
  int sublanes = 8;
  std::array<VectorOpTiming, kVectorOpClasses> ops{};
  const VectorOpTiming& op(VectorOpClass c) const { return ops[static_cast<int>(c)]; }
};

struct MemorySpec {
  std::uint64_t capacity_bytes = 0;
  double bandwidth_bytes_per_s = 0;  // port bandwidth (all readers and writers share it)
};

struct HbmSpec {
  std::uint64_t capacity_bytes = 0;
  int channels = 1;
  double bandwidth_bytes_per_s = 0;  // total over all channels
  double latency_s = 0;              // first byte of an access
};

struct DmaSpec {
  std::string model = "analytic";
  int engines = 1;                   // per chip
  double bandwidth_bytes_per_s = 0;  // per engine
  double latency_s = 0;              // descriptor issue to first byte
};

struct LinkSpec {
  int links = 0;                     // ICI: links per chip; NoC: links between core pairs
  double bandwidth_bytes_per_s = 0;  // per link, one direction
  double latency_s = 0;              // per hop
};

// Fixed costs of the software stack that are not unit occupancy (calibrated; see
// docs/validation.md).
struct OverheadSpec {
  double kernel_launch_s = 0;  // per op (XLA fusion), before its first tile issues
  double tile_step_s = 0;      // per pipelined grid step (one VMEM tile of the output)
};

// How the compiler drives the chip, where that differs from what the hardware could do
// (calibrated).
struct CompilerSpec {
  // MXUs per TensorCore the compiler spreads a tile over for operand types the MXU lacks natively
  // (converted on the VPU, e.g. fp16 on TPU v4); 0 = all of them, as for native types.
  int nonnative_mxus = 0;
  // Standalone vector ops stream through VMEM in chunks of at most this many bytes per operand
  // (0 = a quarter of VMEM shared by the operands), and with pipelined = false each chunk's load,
  // compute and store finish before the next chunk starts (no double buffering).
  std::uint64_t vector_chunk_bytes = 0;
  bool vector_pipelined = true;
};

struct ArchSpec {
  std::string name;
  std::string description;
  std::string source_file;  // the file the spec was loaded from (not a YAML key)
  double clock_hz = 1e9;
  int process_nm = 7;
  int tensorcores = 1;
  MxuSpec mxu;
  VectorUnitSpec vpu;
  MemorySpec vmem;  // per TensorCore
  MemorySpec cmem;  // per chip; capacity 0 = none
  DmaSpec dma;
  HbmSpec hbm;
  LinkSpec noc;
  LinkSpec ici;
  OverheadSpec overheads;
  CompilerSpec compiler;
  // Energy/area table: "" = configs/energy/default.yaml, a name in configs/energy, or a file path
  // (the loader resolves a path relative to the file that sets it; see arch/spec/cost_table.h).
  std::string energy_table;
};

}  // namespace coda::arch
