// Transformer building blocks as plain ops: multi-head attention (QKV projections, scores,
// softmax, value matmul, output projection), optional causal mask and KV cache, and the MLP.
#pragma once

#include "models/builders/net_builder.h"

namespace coda::models {

struct AttentionOptions {
  std::int64_t heads = 1;
  std::int64_t kv_heads = 0;  // grouped-query attention: 0 = heads (multi-head); must divide heads
  bool bias = true;           // biases on the q, k, v and out projections
  TensorId causal_mask = -1;  // >= 0: a constant [1,1,S,S+past] added to the scores (shared)
  std::int64_t past_len = 0;  // > 0: decoding; keys/values of `past_len` tokens come from a
                              // KV cache (state tensors "<scope>.k_cache"/"v_cache")
  bool emit_kv = false;       // marks the new keys/values as graph outputs (prefill fills a cache)
};

// x[B,S,D] -> [B,S,D]. q and out projections are [D,D], k and v [kv_heads*Dh, D]. With
// kv_heads < heads the query heads are grouped: scores are [B, kv_heads, heads/kv_heads, S, L].
TensorId attention(NetBuilder& b, TensorId x, const AttentionOptions& o);

// x[..., D] -> fc1 (hidden) -> activation -> fc2 (D); gated (SwiGLU style):
// down(act(gate(x)) * up(x)) with gate/up [hidden, D] and down [D, hidden].
TensorId mlp(NetBuilder& b, TensorId x, std::int64_t hidden, OpKind activation, bool gated = false,
             bool bias = true);

}  // namespace coda::models
