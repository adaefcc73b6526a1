// Vector-op lowering: elementwise, activations, softmax, norms and pooling on the VPU, streamed
// through VMEM in double-buffered chunks split across TensorCores.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "arch/spec/timing.h"
#include "sim/core/error.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/tiling.h"

namespace coda::schedule {
namespace {

using arch::VectorOpClass;

struct VectorCost {
  int inputs = 1;
  std::array<float, arch::kVectorOpClasses> ops{};  // per input element
};

// Operation counts per element, by class. Reductions over the last axis also pay a cross-lane
// tree: log2(lanes) steps per lanes elements, per reduction.
VectorCost cost_of(const VectorOp& op, int lanes) {
  VectorCost c;
  auto set = [&](VectorOpClass k, float v) { c.ops[static_cast<int>(k)] += v; };
  const float tree = static_cast<float>(std::log2(lanes) / lanes);
  switch (op.kind) {
    case VectorKind::add:
    case VectorKind::sub:
    case VectorKind::mul:
      c.inputs = 2;
      set(VectorOpClass::add_mul, 1);
      break;
    case VectorKind::div:
      c.inputs = 2;
      set(VectorOpClass::transcendental, 1);  // reciprocal
      set(VectorOpClass::add_mul, 1);
      break;
    case VectorKind::relu:
    case VectorKind::binary_step:
      set(VectorOpClass::compare_select, 1);
      break;
    case VectorKind::leaky_relu:
      set(VectorOpClass::compare_select, 1);
      set(VectorOpClass::add_mul, 1);
      break;
    case VectorKind::elu:
    case VectorKind::selu:
      set(VectorOpClass::transcendental, 1);
      set(VectorOpClass::compare_select, 1);
      set(VectorOpClass::add_mul, op.kind == VectorKind::selu ? 3 : 2);
      break;
    case VectorKind::linear:
      break;                // identity: data movement only
    case VectorKind::gelu:  // tanh approximation: x * 0.5 * (1 + tanh(c * (x + 0.044715 x^3)))
      set(VectorOpClass::add_mul, 6);
      set(VectorOpClass::transcendental, 1);
      break;
    case VectorKind::sigmoid:  // 1 / (1 + exp(-x))
      set(VectorOpClass::transcendental, 2);
      set(VectorOpClass::add_mul, 1);
      break;
    case VectorKind::tanh:
    case VectorKind::exp:
      set(VectorOpClass::transcendental, 1);
      break;
    case VectorKind::softmax:  // max, subtract, exp, sum, scale by the reciprocal
      set(VectorOpClass::reduction, 2);
      set(VectorOpClass::cross_lane, 2 * tree);
      set(VectorOpClass::add_mul, 2);
      set(VectorOpClass::transcendental, 1);
      break;
    case VectorKind::layer_norm:  // mean, variance, (x - mean) * rsqrt * gamma + beta
      set(VectorOpClass::reduction, 2);
      set(VectorOpClass::cross_lane, 2 * tree);
      set(VectorOpClass::add_mul, 5);
      break;
    case VectorKind::rms_norm:  // mean of squares, x * rsqrt * gamma
      set(VectorOpClass::reduction, 1);
      set(VectorOpClass::cross_lane, tree);
      set(VectorOpClass::add_mul, 3);
      break;
    case VectorKind::batch_norm:
      set(VectorOpClass::add_mul, 2);
      break;  // folded scale and shift
    case VectorKind::max_pool:
    case VectorKind::avg_pool: {
      // Each output reads window^2 inputs; per input element that is window^2 / stride^2 ops.
      const float per_input =
          static_cast<float>(op.window * op.window) / static_cast<float>(op.stride * op.stride);
      set(op.kind == VectorKind::max_pool ? VectorOpClass::compare_select : VectorOpClass::add_mul,
          per_input);
      // A window over the minor (lane) dimension (NCHW) gathers strided lanes: a cross-lane
      // shuffle per input element. In NHWC the window spans rows and sublanes: no shuffle.
      if (op.window_on_lanes) set(VectorOpClass::cross_lane, 1);
      break;
    }
    case VectorKind::relu6:
      set(VectorOpClass::compare_select, 2);
      break;                // max 0, min 6
    case VectorKind::silu:  // x * sigmoid(x): exp, reciprocal, add, mul
      set(VectorOpClass::transcendental, 2);
      set(VectorOpClass::add_mul, 2);
      break;
    case VectorKind::hard_swish:  // x * relu6(x + 3) / 6
      set(VectorOpClass::add_mul, 3);
      set(VectorOpClass::compare_select, 2);
      break;
    case VectorKind::reduce:
      set(VectorOpClass::reduction, 1);
      set(VectorOpClass::cross_lane, tree);
      break;
    case VectorKind::copy:
      break;  // DMA only
    case VectorKind::permute:
      set(VectorOpClass::cross_lane, 1);
      break;
  }
  return c;
}

}  // namespace

Deps lower_vector(ScheduleBuilder& b, const VectorOp& op, const Deps& after) {
  const arch::ArchSpec& a = b.chip();
  if (op.shape.empty()) throw core::InputError({}, "--shape", "expected at least one dimension");
  const std::uint64_t elements =
      std::accumulate(op.shape.begin(), op.shape.end(), 1ull, std::multiplies<std::uint64_t>());
  const std::uint32_t bytes = arch::dtype_bytes(op.dtype);
  const bool pool = op.kind == VectorKind::max_pool || op.kind == VectorKind::avg_pool;
  const std::uint64_t out_elements = op.out_elements > 0
                                         ? op.out_elements
                                         : (pool ? elements / (op.stride * op.stride) : elements);
  const VectorCost cost = cost_of(op, a.vpu.lanes);
  MemLevels in_levels = op.in_levels;
  if (in_levels.empty()) in_levels.assign(cost.inputs, arch::MemLevel::hbm);
  double flops_per_element = 0;
  for (float o : cost.ops) flops_per_element += o;
  std::string name = op.name;
  if (name.empty() && b.describe()) {
    name = vector_kind_names()[static_cast<int>(op.kind)] + " [";
    for (std::size_t i = 0; i < op.shape.size(); ++i) {
      name += (i ? "x" : "") + std::to_string(op.shape[i]);
    }
    name += "] " + arch::to_string(op.dtype);
  }
  b.begin_group(
      {name, 0, static_cast<std::uint64_t>(flops_per_element * static_cast<double>(elements)), ""});
  // Chunks: inputs and output double-buffered in half of VMEM.
  const std::uint64_t per_element_bytes = (in_levels.size() + 1) * bytes;
  const std::uint64_t chunk_limit = std::max<std::uint64_t>(
      1024, a.compiler.vector_chunk_bytes > 0 ? a.compiler.vector_chunk_bytes / bytes
                                              : a.vmem.capacity_bytes / 4 / per_element_bytes);
  Deps finals;
  int core_of_last = -1;
  const auto core_parts = split_even(elements, a.tensorcores, 1024);
  for (std::size_t core = 0; core < core_parts.size(); ++core) {
    const int c = static_cast<int>(core);
    const TaskId launch =
        b.delay(c, arch::seconds_to_cycles(a.overheads.kernel_launch_s, a.clock_hz), after);
    const arch::Endpoint vmem{arch::MemLevel::vmem, 0, static_cast<std::uint16_t>(c)};
    const std::uint64_t step_cycles = arch::seconds_to_cycles(a.overheads.tile_step_s, a.clock_hz);
    long long consts = kNoTask;
    if (op.const_bytes > 0) {
      consts = b.dma({{arch::MemLevel::hbm, 0, 0}, vmem, 1, op.const_bytes}, {launch});
    }
    const std::uint64_t pieces = (core_parts[core] + chunk_limit - 1) / chunk_limit;
    Deps work;
    for (std::uint64_t chunk : split_even(core_parts[core], static_cast<int>(pieces), 1024)) {
      Deps deps{launch};
      if (!a.compiler.vector_pipelined && !finals.empty() && core_of_last == c) {
        deps.push_back(finals.back());  // the previous chunk is stored before this one loads
      } else if (work.size() >= 2) {
        deps.push_back(work[work.size() - 2]);  // double buffering: wait for the buffer to free
      }
      const TaskId issue = b.delay(c, step_cycles, {launch});
      Deps loads{issue};
      for (arch::MemLevel level : in_levels) {
        if (level == arch::MemLevel::vmem) continue;  // already on chip
        loads.push_back(b.dma({{level, 0, 0}, vmem, 1, chunk * bytes}, deps));
      }
      for (TaskId d : deps) loads.push_back(d);
      if (consts != kNoTask) loads.push_back(static_cast<TaskId>(consts));
      arch::VectorTile t;
      t.elements = chunk;
      t.ops_per_element = cost.ops;
      t.element_bytes = bytes;
      work.push_back(b.vpu(c, t, loads));
      // Outputs of this chunk: its share of out_elements (reductions and pooling shrink).
      const auto out_bytes =
          std::max<std::uint64_t>(static_cast<std::uint64_t>(static_cast<double>(chunk) * bytes *
                                                             static_cast<double>(out_elements) /
                                                             static_cast<double>(elements)),
                                  1);
      if (op.out_level == arch::MemLevel::vmem) {
        finals.push_back(work.back());
      } else {
        finals.push_back(b.dma({vmem, {op.out_level, 0, 0}, 1, out_bytes}, {work.back()}));
      }
      core_of_last = c;
    }
  }
  return finals;
}

const std::vector<std::string>& vector_kind_names() {
  static const std::vector<std::string> names = {
      "add",     "sub",         "mul",      "div",        "relu",     "leaky_relu", "elu",
      "selu",    "binary_step", "linear",   "gelu",       "sigmoid",  "tanh",       "exp",
      "softmax", "layer_norm",  "rms_norm", "batch_norm", "max_pool", "avg_pool",   "relu6",
      "silu",    "hard_swish",  "reduce",   "copy",       "permute"};
  return names;
}

bool parse_vector_kind(const std::string& name, VectorKind& out) {
  const auto& names = vector_kind_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      out = static_cast<VectorKind>(i);
      return true;
    }
  }
  return false;
}

}  // namespace coda::schedule
