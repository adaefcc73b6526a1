// Transformer building blocks as plain ops: multi-head attention (QKV projections, scores,
// softmax, value matmul, output projection), optional causal mask and KV cache, and the MLP.
#pragma once

#include "models/builders/net_builder.h"

namespace coda::models {

struct AttentionOptions {
  std::int64_t heads = 1;
  TensorId causal_mask = -1;  // >= 0: a constant [1,1,S,S+past] added to the scores (shared)
  std::int64_t past_len = 0;  // > 0: decoding; keys/values of `past_len` tokens come from a
                              // KV cache (state tensors "<scope>.k_cache"/"v_cache")
  bool emit_kv = false;       // marks the new keys/values as graph outputs (prefill fills a cache)
};

// x[B,S,D] -> [B,S,D]. Projection weights are [D,D] with biases (q, k, v, out).
TensorId attention(NetBuilder& b, TensorId x, const AttentionOptions& o);

// x[..., D] -> fc1 (hidden, bias) -> activation -> fc2 (D, bias).
TensorId mlp(NetBuilder& b, TensorId x, std::int64_t hidden, OpKind activation);

}  // namespace coda::models
