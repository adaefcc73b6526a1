// The analytic estimate of a whole network, either from its graph or from its chain of blocks
// (models/builders/block_chain.h) with each distinct run of blocks lowered and estimated once.
//
// Why the chain form is exact: every task of a block waits, through its layers' kernel launches,
// for the block's input, and every earlier task is an ancestor of that input (ops that feed no
// output are dead code, never lowered). So when a block's first task is ready, everything before
// it has finished, every unit and port is free (the list schedule reserves them no later than its
// tasks end), and only the input's level and the free CMEM carry over: the block's schedule is
// its own schedule shifted by the cycle it starts. The one thing a block boundary can hide is
// fusion: while a block's output is the running output of a matrix op's epilogue (the chain may
// have started blocks before, through blocks it passes) and the next block's only reader of it
// could join, the blocks are lowered together as one segment; a block without ops always joins
// the segment before it.
// tests/unit/schedule/chain_estimate_test.cpp checks the equality on whole NAS-Bench-201 networks.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "arch/spec/activity.h"
#include "arch/spec/arch_spec.h"
#include "models/builders/block_chain.h"

namespace coda::schedule {

struct NetworkTotals {
  arch::Activity total;                   // from cycle 0 to the last task's end
  std::uint64_t macs = 0;                 // useful MACs
  std::uint64_t flops = 0;                // 2 x MACs + vector FLOPs, as the layers count them
  arch::DType dtype = arch::DType::bf16;  // the compute type
  // The model's size (models::count_model): weight elements, distinct weight and activation bytes.
  std::int64_t params = 0;
  std::uint64_t weight_bytes = 0, activation_bytes = 0;
  std::uint64_t batch = 1;  // the input's first dimension
};

// A block whose ops cannot be built: a bad model, where a core::InputError from the estimate means
// an op the chip cannot run.
struct BlockBuildError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// lower_graph + estimate on the whole graph.
NetworkTotals estimate_network(const models::Graph& g, const arch::ArchSpec& chip);

// The same totals from a chain. One estimator per chip (it keeps a reference); it remembers up
// to `max_entries` blocks and segments, then starts over.
class ChainEstimator {
 public:
  explicit ChainEstimator(const arch::ArchSpec& chip, std::size_t max_entries = 16384)
      : m_chip(chip), m_max_entries(max_entries) {}
  // The model's size (params, MACs, weight and activation bytes, batch, dtype) is known before
  // anything is lowered: `go_on`, when given, sees it first and may stop there (a memory check),
  // and then the result is nullopt.
  std::optional<NetworkTotals> estimate(
      const models::BlockChain& c,
      const std::function<bool(const NetworkTotals& size)>& go_on = nullptr);
  std::size_t segments_lowered() const { return m_lowered; }  // cache misses so far

 private:
  // What decides where segments end, found by building a block alone for an input shape.
  struct BlockInfo {
    models::Shape out_shape;
    bool empty = false;                 // no ops: its output is its input
    bool output_from_epilogue = false;  // a matrix op's epilogue chain in it ends at its output
    bool input_may_fuse = false;        // its input's only reader could join an epilogue
    bool passes_epilogue = false;       // a chain arriving at its input could reach its output
    std::uint64_t macs = 0;
    std::int64_t params = 0;
    std::uint64_t weight_bytes = 0, activation_bytes = 0;  // without its input unless first
  };
  // A run of blocks lowered and estimated alone, from cycle 0.
  struct Segment {
    arch::Activity activity;
    std::uint64_t flops = 0;
    arch::MemLevel out_level = arch::MemLevel::hbm;
    std::uint64_t cmem_free_after = 0;
  };
  // Distinct blocks (key, input shape, dtype) get small ids once, so that a segment's key is a
  // short list of ids rather than its blocks' keys.
  using BlockId = std::uint32_t;
  // What a block's ops depend on: its key, its input's shape and the chain's dtype.
  struct BlockKey {
    std::string key;
    models::Shape in;
    models::DType dtype = models::DType::fp32;
    bool operator==(const BlockKey& o) const {
      return key == o.key && in == o.in && dtype == o.dtype;
    }
  };
  struct BlockKeyHash {
    std::size_t operator()(const BlockKey& k) const;
  };
  // A run of blocks and what it starts from: equal keys, equal segments.
  struct SegmentKey {
    std::vector<BlockId> blocks;
    bool starts = false, ends = false;  // the chain's first block / last block is in it
    arch::MemLevel level = arch::MemLevel::hbm;
    std::uint64_t cmem_free = 0;
    bool operator==(const SegmentKey& o) const {
      return blocks == o.blocks && starts == o.starts && ends == o.ends && level == o.level &&
             cmem_free == o.cmem_free;
    }
  };
  struct SegmentKeyHash {
    std::size_t operator()(const SegmentKey& k) const;
  };
  // Graphs built during one estimate(), by block id: a block whose info was missing is usually a
  // new block whose segment is missing too.
  using Built = std::unordered_map<BlockId, models::Graph>;
  // The id of block `i` for input shape `in` (built and described if new).
  BlockId block(const models::BlockChain& c, std::size_t i, const models::Shape& in, Built& built);
  // `ids`: every block's id as block() gave it.
  const Segment& segment(const models::BlockChain& c, std::size_t first, std::size_t last,
                         const std::vector<BlockId>& ids, const models::Shape& in,
                         arch::MemLevel level, std::uint64_t cmem_free, arch::DType dtype,
                         Built& built);

  const arch::ArchSpec& m_chip;
  std::size_t m_max_entries;
  std::size_t m_lowered = 0;
  std::unordered_map<BlockKey, BlockId, BlockKeyHash> m_block_ids;
  std::vector<BlockInfo> m_blocks;  // by id
  std::unordered_map<SegmentKey, Segment, SegmentKeyHash> m_segments;
  SegmentKey m_probe;  // the key being looked up (its vector reused from call to call)
};

}  // namespace coda::schedule
