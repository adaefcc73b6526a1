#include "sim/schedule/chain_estimate.h"

#include <algorithm>

#include <boost/container_hash/hash.hpp>

#include "arch/spec/metrics.h"
#include "models/graph/counters.h"
#include "sim/core/error.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/graph_fusion.h"
#include "sim/schedule/graph_ops.h"
#include "sim/schedule/lower_graph.h"

namespace coda::schedule {
namespace {

std::uint64_t flops_of(const Schedule& s) {
  std::uint64_t f = 0;
  for (const auto& g : s.groups) f += g.flops;
  return f;
}

// The premises of the chain form: every op of a block that feeds its output (the others are dead
// code, not lowered) reads its input, directly or through other ops; its output is not a view (a
// view's owner would be freed at the block's end); its matrix ops take the chain's dtype (the
// whole graph's compute type). A builder that breaks them is a bug, not a user error.
void check_chained(const models::Graph& g, const std::string& key, models::DType dtype) {
  auto bug = [&](const std::string& why) { throw std::logic_error("block '" + key + "': " + why); };
  for (auto t : g.outputs()) {
    const auto p = g.tensor(t).producer;
    if (p >= 0 && is_view(g.op(p).kind)) bug("its output is a view (" + g.op(p).name + ")");
  }
  for (const models::Op& op : g.ops()) {
    if (is_matrix(op.kind) && g.tensor(op.inputs.front()).dtype != dtype)
      bug("op '" + op.name + "' does not take the chain's dtype");
  }
  const std::size_t n = g.num_ops();
  const std::vector<char> to_output = live_ops(g);
  std::vector<char> from_input(n, 0);
  for (const models::Op& op : g.ops()) {
    for (auto t : op.inputs) {
      const auto& x = g.tensor(t);
      if (x.kind == models::TensorKind::input ||
          (x.producer >= 0 && from_input[static_cast<std::size_t>(x.producer)]))
        from_input[static_cast<std::size_t>(op.id)] = 1;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (to_output[i] && !from_input[i])
      bug("op '" + g.ops()[i].name + "' does not read the block's input");
  }
}

// Whether the graph's output is a matrix op's or the last op of its epilogue chain.
bool output_from_epilogue(const models::Graph& g) {
  const models::TensorId out = g.outputs().front();
  for (const models::Op& op : g.ops()) {
    if (!is_matrix(op.kind)) continue;
    if (op.outputs.front() == out) return true;
    const auto chain = epilogue_chain(g, op.id);
    if (!chain.empty() && g.op(chain.back()).outputs.front() == out) return true;
  }
  return false;
}

// Whether an epilogue chain that ended at the graph's input could go on to its output: from the
// input, single readers of kinds that may join, up to the output (conservative: true may merge
// blocks that need not be, which is still exact).
bool passes_epilogue(const models::Graph& g) {
  models::TensorId t = g.inputs().front();
  const models::TensorId out = g.outputs().front();
  while (t != out) {
    const auto& readers = g.readers(t);
    if (readers.size() != 1) return false;
    const models::Op& r = g.op(readers.front());
    if (!may_join_epilogue(r.kind) || r.outputs.size() != 1) return false;
    t = r.outputs.front();
  }
  return true;
}

// Whether the graph's input has one reader and it is of a kind that may join an epilogue.
bool input_may_fuse(const models::Graph& g) {
  for (auto t : g.inputs()) {
    const auto& readers = g.readers(t);
    if (readers.size() == 1 && may_join_epilogue(g.op(readers.front()).kind)) return true;
  }
  return false;
}

}  // namespace

NetworkTotals estimate_network(const models::Graph& g, const arch::ArchSpec& chip) {
  const GraphSchedule gs = lower_graph(g, chip);
  const models::ModelCounts counts = models::count_model(g);
  NetworkTotals n;
  n.total = estimate(chip, gs.schedule, false).total;
  n.macs = gs.macs;
  n.flops = flops_of(gs.schedule);
  n.dtype = gs.dtype;
  n.params = counts.params;
  n.weight_bytes = counts.weight_bytes;
  n.activation_bytes = counts.activation_bytes;
  n.batch = models::batch_of(g);
  return n;
}

std::size_t ChainEstimator::BlockKeyHash::operator()(const BlockKey& k) const {
  std::size_t h = std::hash<std::string>()(k.key);
  boost::hash_range(h, k.in.begin(), k.in.end());
  boost::hash_combine(h, static_cast<int>(k.dtype));
  return h;
}

std::size_t ChainEstimator::SegmentKeyHash::operator()(const SegmentKey& k) const {
  std::size_t h = boost::hash_range(k.blocks.begin(), k.blocks.end());
  boost::hash_combine(h, k.starts);
  boost::hash_combine(h, k.ends);
  boost::hash_combine(h, static_cast<int>(k.level));
  boost::hash_combine(h, k.cmem_free);
  return h;
}

std::optional<NetworkTotals> ChainEstimator::estimate(
    const models::BlockChain& c, const std::function<bool(const NetworkTotals&)>& go_on) {
  if (m_blocks.size() + m_segments.size() >= m_max_entries) {
    m_block_ids.clear();
    m_blocks.clear();
    m_segments.clear();
  }
  // Every block's info (each built once per input shape) and the model's size. A block with the
  // key and input shape of the one before it (a stage's repeated cells) is that block.
  Built built;
  std::vector<BlockId> ids;
  std::vector<models::Shape> inputs;
  NetworkTotals n;
  n.dtype = compute_dtype(c.dtype);
  n.batch = models::batch_of(c.input_shape);
  models::Shape shape = c.input_shape;
  for (std::size_t i = 0; i < c.blocks.size(); ++i) {
    const bool repeat = i > 0 && c.blocks[i].key == c.blocks[i - 1].key && shape == inputs.back();
    inputs.push_back(shape);
    ids.push_back(repeat ? ids.back() : block(c, i, shape, built));
    const BlockInfo& b = m_blocks[ids.back()];
    shape = b.out_shape;
    n.macs += b.macs;
    n.params += b.params;
    n.weight_bytes += b.weight_bytes;
    n.activation_bytes += b.activation_bytes;
  }
  if (go_on && !go_on(n)) return std::nullopt;
  arch::MemLevel level = arch::MemLevel::hbm;
  std::uint64_t cmem_free = m_chip.cmem.capacity_bytes;
  // A segment ends where no epilogue chain runs on into the next block; `open`: the segment's
  // output is the running output of one.
  for (std::size_t first = 0, last = 0; first < c.blocks.size(); first = ++last) {
    bool open = m_blocks[ids[first]].output_from_epilogue;
    while (last + 1 < c.blocks.size()) {
      const BlockInfo& next = m_blocks[ids[last + 1]];
      if (!next.empty && !(open && next.input_may_fuse)) break;
      ++last;
      if (!next.empty) open = next.output_from_epilogue || next.passes_epilogue;
    }
    const Segment& s =
        segment(c, first, last, ids, inputs[first], level, cmem_free, n.dtype, built);
    n.total.add(s.activity);
    n.total.end_cycle += s.activity.end_cycle;
    n.flops += s.flops;
    level = s.out_level;
    cmem_free = s.cmem_free_after;
  }
  arch::set_even_unit_busy(m_chip, n.total);
  return n;
}

ChainEstimator::BlockId ChainEstimator::block(const models::BlockChain& c, std::size_t i,
                                              const models::Shape& in, Built& built) {
  BlockKey key{c.blocks[i].key, in, c.dtype};
  if (const auto it = m_block_ids.find(key); it != m_block_ids.end()) return it->second;
  models::Graph g;
  try {
    g = models::build_blocks(c, i, i, in);
  } catch (const core::InputError& e) {
    throw BlockBuildError(e.what());
  }
  check_chained(g, c.blocks[i].key, c.dtype);
  BlockInfo b;
  b.out_shape = g.tensor(g.outputs().front()).shape;
  b.empty = g.num_ops() == 0;
  b.output_from_epilogue = output_from_epilogue(g);
  b.input_may_fuse = input_may_fuse(g);
  b.passes_epilogue = passes_epilogue(g);
  const models::ModelCounts counts = models::count_model(g);
  b.macs = static_cast<std::uint64_t>(counts.macs);
  b.params = counts.params;
  b.weight_bytes = counts.weight_bytes;
  b.activation_bytes = counts.activation_bytes;
  const models::TensorId input = g.inputs().front();
  if (i > 0 && !g.readers(input).empty()) {  // the previous block's output, counted there
    b.activation_bytes -= g.tensor(input).bytes();
  }
  const auto id = static_cast<BlockId>(m_blocks.size());
  m_blocks.push_back(std::move(b));
  m_block_ids.emplace(std::move(key), id);
  built.emplace(id, std::move(g));
  return id;
}

const ChainEstimator::Segment& ChainEstimator::segment(
    const models::BlockChain& c, std::size_t first, std::size_t last,
    const std::vector<BlockId>& ids, const models::Shape& in, arch::MemLevel level,
    std::uint64_t cmem_free, arch::DType dtype, Built& built) {
  const bool starts = first == 0, ends = last + 1 == c.blocks.size();
  m_probe.blocks.assign(ids.begin() + static_cast<std::ptrdiff_t>(first),
                        ids.begin() + static_cast<std::ptrdiff_t>(last) + 1);
  m_probe.starts = starts;
  m_probe.ends = ends;
  m_probe.level = level;
  m_probe.cmem_free = cmem_free;
  if (const auto it = m_segments.find(m_probe); it != m_segments.end()) return it->second;

  // A single block built for its info in this call is reused; anything else is built now (the
  // blocks were built once already, so they cannot fail).
  const auto it = last == first ? built.find(ids[first]) : built.end();
  models::Graph fresh;
  if (it == built.end()) fresh = models::build_blocks(c, first, last, in);
  const models::Graph& g = it == built.end() ? fresh : it->second;
  GraphLowerOptions o;
  o.describe = false;
  o.dtype = dtype;
  o.input_from_block = !starts;
  o.input_level = level;
  o.cmem_free_bytes = cmem_free;
  o.output_to_block = !ends;
  const GraphSchedule gs = lower_graph(g, m_chip, o);
  ++m_lowered;
  Segment s;
  s.activity = schedule::estimate(m_chip, gs.schedule, false).total;
  s.flops = flops_of(gs.schedule);
  s.out_level = gs.output_level;
  s.cmem_free_after = gs.cmem_free_after;
  return m_segments.emplace(m_probe, std::move(s)).first->second;
}

}  // namespace coda::schedule
