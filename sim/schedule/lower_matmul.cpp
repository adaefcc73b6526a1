// Matmul lowering: megacore split, VMEM tiling with double buffering, MXU split, DMA in and out.
#include <algorithm>
#include <cmath>

#include "arch/spec/timing.h"
#include "sim/core/error.h"
#include "sim/core/text.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/tiling.h"

namespace coda::schedule {
namespace {

using arch::DType;
using arch::MemLevel;

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

// One core's share: batches [b0, b0 + batches) of the rows/cols window [m0, m0 + m) x [n0, n0 + n).
struct CoreShare {
  int core;
  std::uint64_t batches, m, n;
};

std::vector<CoreShare> split_over_cores(const arch::ArchSpec& a, const MatmulOp& op) {
  std::vector<CoreShare> out;
  const int cores = a.tensorcores;
  if (op.batch >= static_cast<std::uint64_t>(cores)) {
    const auto parts = split_even(op.batch, cores, 1);
    for (std::size_t c = 0; c < parts.size(); ++c) {
      out.push_back({static_cast<int>(c), parts[c], op.m, op.n});
    }
    return out;
  }
  // Split the dimension with more MXU-sized blocks (XLA's megacore split of M or N).
  const bool split_m = ceil_div(op.m, 128) >= ceil_div(op.n, 128);
  const std::uint64_t dim = split_m ? op.m : op.n;
  const std::uint64_t quantum = dim >= 128ull * cores ? 128 : (split_m ? 8 : 128);
  const auto parts = split_even(dim, cores, quantum);
  for (std::size_t c = 0; c < parts.size(); ++c) {
    out.push_back(
        {static_cast<int>(c), op.batch, split_m ? parts[c] : op.m, split_m ? op.n : parts[c]});
  }
  return out;
}

std::string shape_name(const MatmulOp& op) {
  std::string s = "matmul " + std::to_string(op.m) + "x" + std::to_string(op.k) + "x" +
                  std::to_string(op.n) + " " + arch::to_string(op.dtype);
  if (op.batch > 1) s += " batch " + std::to_string(op.batch);
  return s;
}

// Emits one core's tasks; appends the op's final tasks to `finals`.
void lower_core(ScheduleBuilder& b, const MatmulOp& op, const CoreShare& share,
                const MxuExecution& ex, const Deps& after, Deps& finals) {
  const arch::ArchSpec& a = b.chip();
  const std::uint32_t in_bytes = arch::dtype_bytes(op.dtype);
  const std::uint32_t out_bytes = op.dtype == DType::int8 ? 4 : in_bytes;  // int8 -> int32 out
  const double hbm_share = 1.0 / a.tensorcores;
  // Types the MXU lacks natively may be compiled to use fewer MXUs per core (CompilerSpec).
  const int mxus = ex.convert && a.compiler.nonnative_mxus > 0
                       ? std::min(a.compiler.nonnative_mxus, a.mxu.count)
                       : a.mxu.count;
  const MatmulTiling t =
      choose_matmul_tiling(a, share.m, op.k, share.n, in_bytes, out_bytes, ex, hbm_share, mxus);
  const std::uint64_t step_cycles = arch::seconds_to_cycles(a.overheads.tile_step_s, a.clock_hz);
  const TaskId launch =
      b.delay(share.core, arch::seconds_to_cycles(a.overheads.kernel_launch_s, a.clock_hz), after);

  long long consts = kNoTask;  // the epilogue's constants, loaded once into this core's VMEM
  if (op.epilogue.const_bytes > 0) {
    consts = b.dma({{MemLevel::hbm, 0, 0},
                    {MemLevel::vmem, 0, static_cast<std::uint16_t>(share.core)},
                    1,
                    op.epilogue.const_bytes},
                   {launch});
  }
  const auto m_tiles = split_even(share.m, static_cast<int>(ceil_div(share.m, t.tm)), t.tm);
  const auto n_tiles = split_even(share.n, static_cast<int>(ceil_div(share.n, t.tn)), t.tn);
  const auto k_tiles = split_even(op.k, static_cast<int>(ceil_div(op.k, t.tk)), t.tk);
  // MXU tasks of the last two steps: a step's loads reuse the buffers of the step two before.
  std::uint64_t steps = 0;
  Deps mxu_two_back, mxu_one_back;
  Deps stores;  // per output tile, for output-buffer reuse
  long long a_load = kNoTask, b_load = kNoTask;
  std::uint64_t a_block = ~0ull, b_block = ~0ull;  // block ids of the resident A and B tiles
  const arch::Endpoint vmem{MemLevel::vmem, 0, static_cast<std::uint16_t>(share.core)};

  for (std::uint64_t bi = 0; bi < share.batches; ++bi) {
    for (std::size_t i = 0; i < m_tiles.size(); ++i) {
      for (std::size_t j = 0; j < n_tiles.size(); ++j) {
        for (std::size_t kk = 0; kk < k_tiles.size(); ++kk) {
          const std::uint64_t tm = m_tiles[i], tn = n_tiles[j], tk = k_tiles[kk];
          Deps buf_free{launch};
          if (steps >= 2) buf_free.insert(buf_free.end(), mxu_two_back.begin(), mxu_two_back.end());
          std::uint64_t converted = 0;  // elements loaded this step that need conversion
          const std::uint64_t a_id = (bi * m_tiles.size() + i) * k_tiles.size() + kk;
          if (op.a_level != MemLevel::vmem && a_id != a_block) {
            const auto row = static_cast<std::uint64_t>(
                std::ceil(static_cast<double>(tk * in_bytes) * op.a_traffic_ratio));
            a_load =
                b.dma({{op.a_level, 0, 0}, vmem, tm, std::max<std::uint64_t>(row, 1)}, buf_free);
            a_block = a_id;
            converted += tm * tk;
          }
          const std::uint64_t b_id = (bi * n_tiles.size() + j) * k_tiles.size() + kk;
          if (op.b_level != MemLevel::vmem && b_id != b_block) {
            b_load = b.dma({{op.b_level, 0, 0}, vmem, tk, tn * in_bytes}, buf_free);
            b_block = b_id;
            converted += tk * tn;
          }
          long long convert = kNoTask;
          if (ex.convert && converted > 0) {
            arch::VectorTile cv;
            cv.elements = converted;
            cv.ops_per_element[static_cast<int>(arch::VectorOpClass::convert)] = 1;
            convert = b.vpu(share.core, cv, deps_of({a_load, b_load}));
          }
          const TaskId issue = b.delay(share.core, step_cycles, {launch});
          Deps deps = deps_of({a_load, b_load, convert, issue});
          if (kk == 0 && stores.size() >= 2) deps.push_back(stores[stores.size() - 2]);
          Deps mxu_tasks;
          const auto m_parts = split_even(tm, t.mxus_m, 8);
          const auto n_parts = split_even(tn, t.mxus_n, a.mxu.cols);
          int unit = 0;
          for (std::uint64_t mp : m_parts) {
            for (std::uint64_t np : n_parts) {
              const arch::MatmulTile tile{static_cast<std::uint32_t>(mp),
                                          static_cast<std::uint32_t>(tk),
                                          static_cast<std::uint32_t>(np), ex.mxu_type, ex.passes};
              mxu_tasks.push_back(b.mxu(share.core, unit++, tile, deps));
            }
          }
          mxu_two_back = std::move(mxu_one_back);
          mxu_one_back = mxu_tasks;
          ++steps;
          if (kk + 1 < k_tiles.size()) continue;
          // Epilogue: accumulators (fp32) to the output type in VMEM, with any fused vector work
          // (and its extra inputs, e.g. a residual, loaded alongside), then out to c_level.
          Deps epi_deps = mxu_tasks;
          if (consts != kNoTask) epi_deps.push_back(static_cast<TaskId>(consts));
          for (arch::MemLevel level : op.epilogue.extra_inputs) {
            if (level == MemLevel::vmem) continue;
            epi_deps.push_back(b.dma({{level, 0, 0}, vmem, tm, tn * out_bytes}, buf_free));
          }
          arch::VectorTile epi;
          epi.elements = tm * tn;
          epi.ops_per_element = op.epilogue.ops_per_element;
          epi.ops_per_element[static_cast<int>(arch::VectorOpClass::convert)] += 1;
          const TaskId drained = b.vpu(share.core, epi, epi_deps);
          if (op.c_level == MemLevel::vmem) {
            stores.push_back(drained);
          } else {
            stores.push_back(b.dma({vmem, {op.c_level, 0, 0}, tm, tn * out_bytes}, {drained}));
          }
        }
      }
    }
  }
  finals.insert(finals.end(), stores.begin(), stores.end());
}

}  // namespace

MxuExecution mxu_execution(const arch::ArchSpec& chip, DType t) {
  if (chip.mxu.rate(t) > 0) return {t, 1, false, ""};
  if (chip.mxu.rate(DType::bf16) > 0) {
    if (t == DType::fp16) {
      return {DType::bf16, 1, true, "fp16 operands converted to bf16 on the VPU (no fp16 MXU)"};
    }
    if (t == DType::fp32) {
      return {DType::bf16, 3, false, "fp32 emulated with 3 bf16 MXU passes (bf16_3x)"};
    }
  }
  std::vector<std::string> native;
  for (const auto& name : arch::dtype_names()) {
    if (chip.mxu.rate(*arch::parse_dtype(name)) > 0) native.push_back(name);
  }
  const std::string list = core::join(native);
  throw core::InputError({}, "--dtype",
                         "'" + arch::to_string(t) + "' is not supported by the MXU of " +
                             chip.name + "; supported: " + list +
                             (chip.mxu.rate(DType::bf16) > 0 ? ", fp16, fp32 (via bf16)" : ""));
}

Deps lower_matmul(ScheduleBuilder& b, const MatmulOp& op, const Deps& after) {
  const MxuExecution ex = mxu_execution(b.chip(), op.dtype);
  TaskGroup g;
  g.macs = op.batch * op.m * op.k * op.n;
  g.flops = 2 * g.macs;
  if (b.describe()) {
    g.name = op.name.empty() ? shape_name(op) : op.name;
    g.note = ex.note;
    if (!op.epilogue.empty()) {
      g.note += std::string(g.note.empty() ? "" : "; ") + "fused epilogue: " + op.epilogue.names;
    }
  }
  b.begin_group(g);
  Deps finals;
  for (const CoreShare& share : split_over_cores(b.chip(), op)) {
    lower_core(b, op, share, ex, after, finals);
  }
  return finals;
}

}  // namespace coda::schedule
