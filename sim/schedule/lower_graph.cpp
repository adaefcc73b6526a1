#include "sim/schedule/lower_graph.h"

#include <algorithm>

#include "arch/spec/timing.h"
#include "models/graph/op_view.h"
#include "sim/core/error.h"
#include "sim/schedule/graph_fusion.h"
#include "sim/schedule/graph_ops.h"
#include "sim/schedule/lower.h"

namespace coda::schedule {
namespace {

using arch::MemLevel;
using models::OpKind;

// On-chip space for activations between layers: CMEM where the chip has it (XLA on TPU writes
// activations between kernels to HBM; v4-class chips keep them in CMEM while they fit).
class OnChipPool {
 public:
  explicit OnChipPool(std::uint64_t free_bytes) : m_free(free_bytes) {}
  std::uint64_t free_bytes() const { return m_free; }
  MemLevel place(std::uint64_t bytes) {
    if (bytes == 0 || bytes > m_free) return MemLevel::hbm;
    m_free -= bytes;
    return MemLevel::cmem;
  }
  void release(MemLevel level, std::uint64_t bytes) {
    if (level == MemLevel::cmem) m_free += bytes;
  }

 private:
  std::uint64_t m_free;
};

struct TensorState {
  Deps ready;  // tasks that produce it
  MemLevel level = MemLevel::hbm;
  int readers_left = 0;         // ops yet to read it (views pass their readers on)
  models::TensorId owner = -1;  // the tensor whose space it uses (itself unless a view)
};

std::string shape_text(const models::Graph& g, const models::TensorIds& ts) {
  std::string s;
  for (auto t : ts) {
    if (g.tensor(t).is_constant_data()) continue;
    s += (s.empty() ? "" : ", ") + models::to_string(g.tensor(t).shape);
  }
  return s;
}

arch::DType compute_type(const models::Graph& g) {
  for (const auto& op : g.ops()) {
    if (!is_matrix(op.kind)) continue;
    const auto t = arch::parse_dtype(models::to_string(g.tensor(op.inputs[0]).dtype));
    if (t) return *t;
  }
  return arch::DType::bf16;
}

class GraphLowerer {
 public:
  GraphLowerer(const models::Graph& g, const arch::ArchSpec& chip, const GraphLowerOptions& o,
               GraphSchedule& out)
      : m_g(g),
        m_chip(chip),
        m_opts(o),
        m_out(out),
        m_b(out.schedule, chip),
        m_pool(o.input_from_block ? o.cmem_free_bytes : chip.cmem.capacity_bytes) {
    m_b.set_describe(o.describe);
    m_live = live_ops(g);
    m_state.resize(g.tensors().size());
    m_levels.assign(g.tensors().size(), MemLevel::hbm);
    for (const auto& t : g.tensors()) {
      m_state[t.id].owner = t.id;
      m_state[t.id].readers_left = live_readers(t.id);
    }
    if (o.input_from_block) {
      for (auto t : g.inputs()) m_state[t].level = m_levels[t] = o.input_level;
    }
  }

  void run() {
    std::vector<bool> fused(m_g.num_ops(), false);
    // Op ids are a topological order (a graph op only reads existing tensors); fusion relies on
    // lowering in exactly this order.
    for (models::OpId id = 0; id < static_cast<models::OpId>(m_g.num_ops()); ++id) {
      if (fused[id]) continue;
      if (!m_live[static_cast<std::size_t>(id)]) {
        ++m_out.dead_ops;
        continue;
      }
      const models::Op& op = m_g.op(id);
      if (is_view(op.kind)) {
        view(op);
        continue;
      }
      models::OpIds chain;
      if (is_matrix(op.kind) && m_opts.fuse) chain = epilogue_chain(m_g, id);
      for (auto c : chain) fused[c] = true;
      lower(op, chain);
    }
    m_out.cmem_free_after = m_pool.free_bytes();
    const auto outputs = m_g.outputs();
    if (!outputs.empty()) m_out.output_level = m_state[outputs.front()].level;
  }

 private:
  // A graph output stays in HBM and is never freed, unless it goes on to the next block.
  bool is_graph_output(models::TensorId t) const {
    return !m_opts.output_to_block && m_g.is_output(t);
  }
  int live_readers(models::TensorId t) const {
    int n = 0;
    for (auto r : m_g.readers(t)) n += m_live[static_cast<std::size_t>(r)];
    return n;
  }

  // Inputs that carry data between layers (not weights or constants).
  models::TensorIds data_inputs(const models::Op& op) const {
    models::TensorIds in;
    for (auto t : op.inputs) {
      if (!m_g.tensor(t).is_constant_data()) in.push_back(t);
    }
    return in;
  }

  // Small operands of the chain (biases, folded batch norm, broadcast scales): bytes loaded once
  // per core, and the part of them that is model weights (which counts as compulsory traffic).
  void chain_constants(const models::OpIds& chain, models::TensorId t, std::uint64_t bias_elements,
                       Epilogue& e) {
    const std::uint32_t bytes = arch::dtype_bytes(m_out.dtype);
    bool have_bias = bias_elements > 0;
    e.const_bytes += bias_elements * bytes;
    m_out.compulsory_hbm_bytes += bias_elements * bytes;
    for (auto c : chain) {
      const models::Op& r = m_g.op(c);
      if (r.kind == OpKind::batch_norm) {
        if (!have_bias) {  // folded into the weights and one bias per output channel
          const auto channels = static_cast<std::uint64_t>(m_g.tensor(r.inputs.at(1)).elements());
          e.const_bytes += channels * bytes;
          m_out.compulsory_hbm_bytes += channels * bytes;
          have_bias = true;
        }
      } else {
        for (auto in : r.inputs) {
          const auto& x = m_g.tensor(in);
          if (in == t || x.shape == m_g.tensor(t).shape) continue;  // the stream, a residual
          if (x.is_constant_data()) m_out.compulsory_hbm_bytes += x.bytes();
          if (x.bytes() <= m_chip.vmem.capacity_bytes / 8) {
            e.const_bytes += x.bytes();  // loaded once per core
          } else {
            // Too large to hold (an attention mask at long sequences): read per output tile,
            // like a residual.
            e.extra_inputs.push_back(x.is_constant_data() ? MemLevel::hbm : m_state[in].level);
          }
        }
      }
      t = r.outputs.front();
    }
  }

  void view(const models::Op& op) {
    const models::TensorId src = op.inputs.front();
    const models::TensorId owner = m_state[src].owner;
    for (auto out : op.outputs) {
      m_state[out].ready = m_state[src].ready;
      m_state[out].level = m_levels[out] = m_state[src].level;
      m_state[out].owner = owner;
      m_state[owner].readers_left += live_readers(out);
    }
    read_done(src);
  }

  void read_done(models::TensorId t) {
    const models::TensorId owner = m_state[t].owner;
    if (--m_state[owner].readers_left == 0 && !is_graph_output(owner)) {
      m_pool.release(m_state[owner].level, m_g.tensor(owner).bytes());
    }
  }

  void lower(const models::Op& op, const models::OpIds& chain) {
    const models::Op& last = chain.empty() ? op : m_g.op(chain.back());
    const models::TensorId out = last.outputs.front();
    const bool graph_output = is_graph_output(out);
    const MemLevel out_level = graph_output ? MemLevel::hbm : m_pool.place(m_g.tensor(out).bytes());
    Deps after;
    models::TensorIds reads = data_inputs(op);
    for (auto c : chain) {
      for (auto t : data_inputs(m_g.op(c))) {
        if (m_g.tensor(t).producer != (c == chain.front() ? op.id : m_g.op(c).id) &&
            std::find(reads.begin(), reads.end(), t) == reads.end()) {
          reads.push_back(t);
        }
      }
    }
    for (auto t : reads) {
      after.insert(after.end(), m_state[t].ready.begin(), m_state[t].ready.end());
    }
    std::sort(after.begin(), after.end());
    after.erase(std::unique(after.begin(), after.end()), after.end());

    LayerInfo info;
    if (m_opts.describe) {
      info.name = op.name;
      info.kinds = models::to_string(op.kind);
      for (auto c : chain) info.kinds += "+" + models::to_string(m_g.op(c).kind);
      info.in_shape = shape_text(m_g, op.inputs);
      info.out_shape = models::to_string(m_g.tensor(out).shape);
    }
    info.ops.push_back(op.id);
    info.ops.insert(info.ops.end(), chain.begin(), chain.end());
    info.out_level = out_level;

    const std::size_t group = m_out.schedule.groups.size();
    Deps finals = emit(op, chain, out_level, after, info);
    if (m_out.schedule.groups.size() != group + 1) {
      throw std::logic_error("lowering of " + op.name + " made no single task group");
    }
    TaskGroup& g = m_out.schedule.groups.back();
    if (m_opts.describe) g.name = op.name + " (" + info.kinds + ")";
    info.macs = g.macs;
    info.flops = g.flops;
    if (m_opts.describe) info.note = g.note;
    m_out.layers.push_back(std::move(info));

    for (auto c : chain) {
      for (auto t : m_g.op(c).outputs) m_state[t].ready = finals;
    }
    for (auto t : op.outputs) m_state[t].ready = finals;
    m_state[out].level = m_levels[out] = out_level;
    for (auto t : reads) read_done(t);
    // Intermediate tensors of the chain never leave the epilogue.
    for (auto c : chain) {
      for (auto t : m_g.op(c).inputs) {
        if (m_g.tensor(t).producer == op.id ||
            std::find(chain.begin(), chain.end(), m_g.tensor(t).producer) != chain.end()) {
          m_state[t].readers_left = 0;
        }
      }
    }
  }

  Deps emit(const models::Op& op, const models::OpIds& chain, MemLevel out_level, const Deps& after,
            LayerInfo& info) {
    const arch::DType dtype = m_out.dtype;
    if (op.kind == OpKind::conv2d) {
      const auto v = models::conv2d_view(m_g, op);
      ConvOp c;
      c.n = v.n, c.h = v.h, c.w = v.w, c.c = v.c_in, c.out_channels = v.c_out;
      c.kh = v.kh, c.kw = v.kw, c.stride_h = v.stride_h, c.stride_w = v.stride_w;
      c.pad_top = v.pad_top, c.pad_bottom = v.pad_bottom;
      c.pad_left = v.pad_left, c.pad_right = v.pad_right;
      c.dilation_h = v.dilation_h, c.dilation_w = v.dilation_w;
      c.groups = v.groups;
      c.dtype = dtype;
      c.in_level = m_state[op.inputs[0]].level;
      c.out_level = out_level;
      c.epilogue = epilogue_of(m_g, op.id, chain, m_levels);
      if (v.has_bias)
        c.epilogue.ops_per_element[static_cast<int>(arch::VectorOpClass::add_mul)] += 1;
      chain_constants(chain, op.outputs.front(),
                      v.has_bias ? static_cast<std::uint64_t>(v.c_out) : 0, c.epilogue);
      m_out.compulsory_hbm_bytes += m_g.tensor(op.inputs.at(1)).bytes();
      if (m_opts.describe) c.name = op.name;
      const std::size_t first_task = m_out.schedule.tasks.size();
      auto finals = lower_conv(m_b, c, after);
      // A depthwise conv may run on the VPU instead (lower_conv decides): whichever unit it used.
      const auto& tasks = m_out.schedule.tasks;
      const bool on_mxu =
          std::any_of(tasks.begin() + static_cast<std::ptrdiff_t>(first_task), tasks.end(),
                      [](const Task& t) { return t.unit.kind == arch::UnitKind::mxu; });
      info.unit = on_mxu ? "mxu" : "vpu";
      return finals;
    }
    if (op.kind == OpKind::matmul || op.kind == OpKind::fully_connected) {
      const auto v = models::matmul_view(m_g, op);
      MatmulOp m;
      m.batch = v.batch, m.m = v.m, m.k = v.k, m.n = v.n;
      m.dtype = dtype;
      m.a_level = m_state[op.inputs[0]].level;
      const auto& b = m_g.tensor(op.inputs[1]);
      m.b_level = b.is_constant_data() ? MemLevel::hbm : m_state[b.id].level;
      m.c_level = out_level;
      m.epilogue = epilogue_of(m_g, op.id, chain, m_levels);
      if (v.has_bias)
        m.epilogue.ops_per_element[static_cast<int>(arch::VectorOpClass::add_mul)] += 1;
      chain_constants(chain, op.outputs.front(), v.has_bias ? static_cast<std::uint64_t>(v.n) : 0,
                      m.epilogue);
      if (b.is_constant_data()) m_out.compulsory_hbm_bytes += b.bytes();
      if (m_opts.describe) m.name = op.name;
      info.unit = "mxu";
      return lower_matmul(m_b, m, after);
    }
    if (op.kind == OpKind::embedding) return embedding(op, out_level, after, info);
    auto v = vector_op_of(m_g, op, dtype);
    if (!v) {
      throw core::InputError({}, op.name,
                             "op kind '" + models::to_string(op.kind) + "' cannot be lowered");
    }
    for (auto t : op.inputs) {
      const auto& tensor = m_g.tensor(t);
      // Operands at least a quarter of the work stream through VMEM; smaller ones (biases,
      // scales, gamma/beta) are loaded once per core. An unfused inference batch norm reads its
      // precomputed scale and shift (2 x channels), not its four parameter vectors.
      const bool full = tensor.elements() * 4 >= static_cast<std::int64_t>(elements(v->shape));
      if (full) {
        v->in_levels.push_back(tensor.is_constant_data() ? MemLevel::hbm : m_state[t].level);
        if (tensor.is_constant_data()) m_out.compulsory_hbm_bytes += tensor.bytes();
        continue;
      }
      std::uint64_t bytes = tensor.bytes();
      if (op.kind == OpKind::batch_norm) bytes = t == op.inputs.at(1) ? 2 * tensor.bytes() : 0;
      v->const_bytes += bytes;
      if (tensor.is_constant_data()) m_out.compulsory_hbm_bytes += bytes;
    }
    if (v->in_levels.empty()) v->in_levels.push_back(MemLevel::vmem);
    v->out_level = op.kind == OpKind::kv_cache_append ? MemLevel::hbm : out_level;
    if (m_opts.describe) v->name = op.name;
    info.unit = "vpu";
    return lower_vector(m_b, *v, after);
  }

  static std::uint64_t elements(const VectorShape& shape) {
    std::uint64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
  }

  // Gathers one table row per id (a strided DMA from HBM) into the output's level.
  Deps embedding(const models::Op& op, MemLevel out_level, const Deps& after, LayerInfo& info) {
    const auto& ids = m_g.tensor(op.inputs[0]);
    const auto& table = m_g.tensor(op.inputs[1]);
    const std::uint64_t row_bytes =
        static_cast<std::uint64_t>(table.shape.back()) * arch::dtype_bytes(m_out.dtype);
    m_b.begin_group({op.name, 0, 0, "gather of " + std::to_string(ids.elements()) + " rows"});
    const TaskId launch = m_b.delay(
        0, arch::seconds_to_cycles(m_chip.overheads.kernel_launch_s, m_chip.clock_hz), after);
    const arch::Endpoint dst{out_level == MemLevel::hbm ? MemLevel::hbm : out_level, 0, 0};
    info.unit = "dma";
    m_out.compulsory_hbm_bytes += static_cast<std::uint64_t>(ids.elements()) * row_bytes;
    return {
        m_b.dma({{MemLevel::hbm, 0, 0}, dst, static_cast<std::uint64_t>(ids.elements()), row_bytes},
                {launch})};
  }

  const models::Graph& m_g;
  const arch::ArchSpec& m_chip;
  const GraphLowerOptions& m_opts;
  GraphSchedule& m_out;
  ScheduleBuilder m_b;
  OnChipPool m_pool;
  std::vector<TensorState> m_state;
  std::vector<MemLevel> m_levels;
  // Dead code elimination, as a compiler does it: an op none of whose results reaches a graph
  // output (a NAS-Bench-201 node that only `none` edges read) is not run.
  std::vector<char> m_live;
};

}  // namespace

GraphSchedule lower_graph(const models::Graph& g, const arch::ArchSpec& chip,
                          const GraphLowerOptions& options) {
  GraphSchedule out;
  out.schedule.groups.reserve(g.num_ops());  // at most one layer per op
  out.layers.reserve(g.num_ops());
  out.dtype = options.dtype ? *options.dtype : compute_type(g);
  for (const auto& op : g.ops()) {
    if (op.kind == OpKind::conv2d)
      out.macs += static_cast<std::uint64_t>(models::conv2d_view(g, op).macs());
    if (op.kind == OpKind::matmul || op.kind == OpKind::fully_connected) {
      out.macs += static_cast<std::uint64_t>(models::matmul_view(g, op).macs());
    }
  }
  if (!options.input_from_block) {
    for (auto t : g.inputs()) out.compulsory_hbm_bytes += g.tensor(t).bytes();
  }
  if (!options.output_to_block) {
    for (auto t : g.outputs()) out.compulsory_hbm_bytes += g.tensor(t).bytes();
  }
  GraphLowerer(g, chip, options, out).run();
  return out;
}

}  // namespace coda::schedule
