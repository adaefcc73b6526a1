#include "models/builders/block_chain.h"

namespace coda::models {
namespace {

// Blocks `first` up to (not including) `end` on an input of the chain's dtype.
Graph build_range(const BlockChain& c, std::size_t first, std::size_t end,
                  const std::string& input_name, const Shape& input_shape) {
  NetBuilder b(c.name, c.dtype);
  TensorId x = b.input(input_name, input_shape);
  for (std::size_t i = first; i < end; ++i) {
    const Block& block = c.blocks.at(i);
    if (!block.scope.empty()) b.push(block.scope);
    x = block.build(b, x);
    if (!block.scope.empty()) b.pop();
  }
  b.graph().mark_output(x);
  return b.take();
}

}  // namespace

Graph build_chain(const BlockChain& c) {
  return build_range(c, 0, c.blocks.size(), c.input_name, c.input_shape);
}

Graph build_blocks(const BlockChain& c, std::size_t first, std::size_t last,
                   const Shape& input_shape) {
  return build_range(c, first, last + 1, "input", input_shape);
}

}  // namespace coda::models
