#include "models/builders/block_chain.h"

namespace coda::models {
namespace {

TensorId add_block(NetBuilder& b, const Block& block, TensorId x) {
  if (!block.scope.empty()) b.push(block.scope);
  x = block.build(b, x);
  if (!block.scope.empty()) b.pop();
  return x;
}

}  // namespace

Graph build_chain(const BlockChain& c) {
  NetBuilder b(c.name, c.dtype);
  TensorId x = b.input(c.input_name, c.input_shape);
  for (const Block& block : c.blocks) x = add_block(b, block, x);
  b.graph().mark_output(x);
  return b.take();
}

Graph build_blocks(const BlockChain& c, std::size_t first, std::size_t last,
                   const Shape& input_shape) {
  NetBuilder b(c.name, c.dtype);
  TensorId x = b.input("input", input_shape);
  for (std::size_t i = first; i <= last; ++i) x = add_block(b, c.blocks.at(i), x);
  b.graph().mark_output(x);
  return b.take();
}

}  // namespace coda::models
