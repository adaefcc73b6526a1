// EfficientNet-style block strings ("r1_k3_s11_e1_i32_o16_se0.25_f1_d1_a0") and the network
// assembled from them, shared by EfficientNet and EfficientNet-X.
#pragma once

#include <string>
#include <vector>

#include "models/builders/net_builder.h"

namespace coda::models {

struct BlockArgs {
  std::int64_t repeats = 1, kernel = 3, stride = 1, expand = 1, in = 0, out = 0;
  double se_ratio = 0;  // 0: no squeeze-and-excite
  bool fused = false;   // f1: one kxk conv replaces 1x1 expand + kxk depthwise
  int space2depth = 0;  // d1: starts with a 2x2 stride-2 conv; d2: where it stops
  int activation = -1;  // a0 relu, a1 swish, -1 the network default
};

// Parses one block string; throws core::InputError naming the bad field.
BlockArgs parse_block_string(const std::string& text);

struct MbNetParams {
  std::string name;
  std::vector<BlockArgs> blocks;
  double width = 1.0, depth = 1.0;
  std::int64_t resolution = 224, batch = 1, num_classes = 1000;
  double se_coefficient = 1.0;  // EfficientNet-X: multiplies se_ratio
  OpKind activation = OpKind::silu;
  bool tf_same_padding = false;
  DType dtype = DType::bf16;
};

// Stem 3x3/2, the blocks (width/depth scaled, space-to-depth as in the TF EfficientNet-X
// builder), head 1x1 conv to round(1280), global pool, classifier.
Graph build_mbconv_net(const MbNetParams& p);

}  // namespace coda::models
