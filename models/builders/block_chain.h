// A network as a chain of blocks, each reading only the previous block's output (the graph input
// for the first). Blocks with equal keys and input shapes are the same ops, so a consumer can work
// on each distinct block once: the analytic search evaluator lowers and estimates a NAS-Bench-201
// network's 15 cells as 3 (sim/schedule/chain_estimate.h). build_chain() makes the very graph the
// family's builder returns, so the two forms cannot drift apart.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/builders/knobs.h"
#include "models/builders/net_builder.h"

namespace coda::models {

struct Block {
  std::string scope;  // name scope of its ops ("cells.3"); "" for none
  // What its ops depend on besides the input's shape and dtype: equal keys, equal ops.
  std::string key;
  std::function<TensorId(NetBuilder&, TensorId)> build;  // reads only the tensor it is given
};

struct BlockChain {
  std::string name;  // the graph's name
  DType dtype = DType::fp32;
  std::string input_name;
  Shape input_shape;
  std::vector<Block> blocks;  // the last block's output is the graph's output
};

// The whole network as one graph.
Graph build_chain(const BlockChain& c);
// Blocks `first` to `last` (inclusive) alone: a graph whose input (named "input", of
// `input_shape`, the chain's dtype) stands for what the first reads, and whose output is the
// last one's output.
Graph build_blocks(const BlockChain& c, std::size_t first, std::size_t last,
                   const Shape& input_shape);

// The chain form of a built-in model whose family has one (nb201); nullopt for other models and
// for files. Knobs are checked as build_model() checks them.
std::optional<BlockChain> load_chain(const std::string& name_or_file,
                                     const std::map<std::string, std::string>& knobs);

}  // namespace coda::models
