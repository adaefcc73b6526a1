// Lowering a whole network (models::Graph) onto a chip: one task group ("layer") per op or fused
// op chain, dependencies along the dataflow, activations placed on chip (CMEM) while they fit and
// in HBM otherwise. The result is a plain Schedule plus what reports need per layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arch/spec/arch_spec.h"
#include "models/graph/graph.h"
#include "sim/schedule/schedule.h"

namespace coda::schedule {

struct GraphLowerOptions {
  bool fuse = true;  // fuse bias, batch norm, activations and residual adds into MXU epilogues
  // Name and describe each layer (LayerInfo's texts, the task groups' names) for reports; a
  // caller that wants only the totals saves the strings.
  bool describe = true;
  // For lowering one block of a network alone (chain_estimate.h): the compute type (default: of
  // the first matrix op), and whether the graph's input is an activation the previous block left
  // at `input_level` with `cmem_free_bytes` of CMEM still free (not compulsory traffic), and
  // whether its output stays for the next block (placed like any activation, not compulsory).
  std::optional<arch::DType> dtype;
  bool input_from_block = false;
  arch::MemLevel input_level = arch::MemLevel::hbm;
  std::uint64_t cmem_free_bytes = 0;
  bool output_to_block = false;
};

struct LayerInfo {
  std::string name;   // the op's name (the first op of a fused chain)
  std::string kinds;  // e.g. "conv2d+batch_norm+relu"
  std::string in_shape, out_shape;
  std::uint64_t macs = 0;   // useful MACs (the graph's count)
  std::uint64_t flops = 0;  // 2 x MACs + vector FLOPs
  std::string unit;         // "mxu", "vpu", "dma" or "none" (a view: no work)
  std::string note;         // lowering decisions (depthwise on the VPU, fused epilogue, ...)
  models::OpIds ops;        // the op and its fused chain
  arch::MemLevel out_level = arch::MemLevel::hbm;
};

struct GraphSchedule {
  Schedule schedule;  // schedule.groups[i] is layers[i]
  std::vector<LayerInfo> layers;
  std::uint64_t macs = 0;  // the graph's MACs
  // Bytes that must cross HBM whatever the tiling: every weight once as executed (a batch norm
  // folded into a matrix op as one bias per channel, an unfused one as scale and shift; an
  // embedding table as the rows it gathers), graph inputs read once, graph outputs written once.
  std::uint64_t compulsory_hbm_bytes = 0;
  arch::DType dtype = arch::DType::bf16;  // the compute type (of the first matrix op's input)
  std::uint64_t cmem_free_after = 0;      // CMEM bytes free for activations at the end
  arch::MemLevel output_level = arch::MemLevel::hbm;  // where the (first) graph output ends
  std::size_t dead_ops = 0;  // ops not lowered: none of their results reaches a graph output
};

// Throws core::InputError for an op the chip cannot run (e.g. a dtype its MXU lacks).
GraphSchedule lower_graph(const models::Graph& g, const arch::ArchSpec& chip,
                          const GraphLowerOptions& options = {});

}  // namespace coda::schedule
