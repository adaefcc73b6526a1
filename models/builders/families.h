// Parametric model families built in code. Each reads its knobs (validated) and returns a graph.
#pragma once

#include "models/builders/knobs.h"
#include "models/graph/graph.h"

namespace coda::models {

struct BlockChain;

Graph build_resnet(Knobs& k);           // ResNet-18/34/50/101/152 (torchvision v1.5)
Graph build_mobilenet_v2(Knobs& k);     // MobileNetV2 (torchvision)
Graph build_efficientnet(Knobs& k);     // EfficientNet B0-B7 (torchvision)
Graph build_efficientnet_x(Knobs& k);   // EfficientNet-X B0-B7: original, TPU and GPU LACS scaling
Graph build_vit(Knobs& k);              // ViT-B/16, L/16 (torchvision)
Graph build_bert(Knobs& k);             // BERT encoder (google-research/bert)
Graph build_gpt(Knobs& k);              // GPT-2 style decoder, prefill or decode with a KV cache
Graph build_nb201(Knobs& k);            // NAS-Bench-201 network from a cell string
BlockChain chain_nb201(Knobs& k);       // the same as a chain of blocks (block_chain.h)
Graph build_nas_bench_macro(Knobs& k);  // NAS-Bench-Macro network from an 8-digit code

// Knobs every family has: batch (>= 1) and dtype (weights and activations).
struct CommonKnobs {
  std::int64_t batch;
  DType dtype;
};
CommonKnobs read_common_knobs(Knobs& k);
// An activation knob: one of relu, relu6, silu (= swish), gelu, sigmoid, tanh, hard_swish.
OpKind read_activation(Knobs& k, const std::string& key, const std::string& fallback,
                       const std::string& help);

}  // namespace coda::models
