#include "models/builders/block_chain.h"

#include "models/builders/families.h"
#include "models/builders/registry.h"

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

std::optional<BlockChain> load_chain(const std::string& name_or_file,
                                     const std::map<std::string, std::string>& knobs) {
  const ModelPreset* preset = find_preset(name_or_file);
  if (!preset || preset->family != "nb201") return std::nullopt;
  Knobs k(knobs);
  for (const auto& [key, value] : preset->knobs) k.set_default(key, value);
  BlockChain c = chain_nb201(k);
  k.reject_unknown(name_or_file);
  c.name = name_or_file;
  return c;
}

}  // namespace coda::models
