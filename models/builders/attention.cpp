#include "models/builders/attention.h"

#include <cmath>

namespace coda::models {
namespace {
using I = std::vector<std::int64_t>;

// [B,S,D] -> [B,H,S,Dh]
TensorId split_heads(NetBuilder& b, TensorId x, std::int64_t heads, const std::string& leaf) {
  const Shape s = b.shape(x);
  x = b.op(OpKind::reshape, leaf + ".split_heads", {x},
           {{"shape", I{s[0], s[1], heads, s[2] / heads}}});
  return b.op(OpKind::transpose, leaf + ".heads_first", {x}, {{"perm", I{0, 2, 1, 3}}});
}
}  // namespace

TensorId attention(NetBuilder& b, TensorId x, const AttentionOptions& o) {
  const Shape s = b.shape(x);
  const std::int64_t batch = s[0], seq = s[1], d = s[2], dh = d / o.heads;
  const std::int64_t kvh = o.kv_heads > 0 ? o.kv_heads : o.heads, group = o.heads / kvh;
  TensorId q = split_heads(b, b.linear(x, "q", d, o.bias), o.heads, "q");
  TensorId k = split_heads(b, b.linear(x, "k", kvh * dh, o.bias), kvh, "k");
  TensorId v = split_heads(b, b.linear(x, "v", kvh * dh, o.bias), kvh, "v");
  if (o.emit_kv) {
    b.graph().mark_output(k);
    b.graph().mark_output(v);
  }
  if (o.past_len > 0) {
    const Shape cache{batch, kvh, o.past_len, dh};
    const TensorId kc =
        b.graph().add_tensor(b.name("k_cache"), cache, b.dtype(), TensorKind::state);
    const TensorId vc =
        b.graph().add_tensor(b.name("v_cache"), cache, b.dtype(), TensorKind::state);
    k = b.op(OpKind::kv_cache_append, "k_append", {b.op(OpKind::kv_cache_read, "k_read", {kc}), k});
    v = b.op(OpKind::kv_cache_append, "v_append", {b.op(OpKind::kv_cache_read, "v_read", {vc}), v});
  }
  const std::int64_t keys = b.shape(k)[2];
  if (group > 1) {  // [B,KVH,G,S,Dh] x [B,KVH,1,Dh,L]: each key/value head serves G query heads
    q = b.op(OpKind::reshape, "q.group", {q}, {{"shape", I{batch, kvh, group, seq, dh}}});
    k = b.op(OpKind::reshape, "k.group", {k}, {{"shape", I{batch, kvh, 1, keys, dh}}});
    v = b.op(OpKind::reshape, "v.group", {v}, {{"shape", I{batch, kvh, 1, keys, dh}}});
  }
  const I kt_perm = group > 1 ? I{0, 1, 2, 4, 3} : I{0, 1, 3, 2};
  const TensorId kt = b.op(OpKind::transpose, "k_transposed", {k}, {{"perm", kt_perm}});
  TensorId scores = b.op(OpKind::matmul, "scores", {q, kt});
  scores = b.op(OpKind::mul, "scale", {scores, b.constant("inv_sqrt_dh", {1})});  // 1/sqrt(dh)
  if (o.causal_mask >= 0) scores = b.op(OpKind::add, "causal_mask", {scores, o.causal_mask});
  TensorId p = b.op(OpKind::softmax, "softmax", {scores}, {{"axis", std::int64_t{-1}}});
  TensorId ctx = b.op(OpKind::matmul, "context", {p, v});
  if (group > 1) {
    ctx = b.op(OpKind::reshape, "context.ungroup", {ctx}, {{"shape", I{batch, o.heads, seq, dh}}});
  }
  ctx = b.op(OpKind::transpose, "merge_heads", {ctx}, {{"perm", I{0, 2, 1, 3}}});
  ctx = b.op(OpKind::reshape, "merge", {ctx}, {{"shape", I{batch, seq, d}}});
  return b.linear(ctx, "out", d, o.bias);
}

TensorId mlp(NetBuilder& b, TensorId x, std::int64_t hidden, OpKind activation, bool gated,
             bool bias) {
  const std::int64_t d = b.shape(x).back();
  if (!gated) {
    TensorId h = b.act(b.linear(x, "fc1", hidden, bias), activation, "act");
    return b.linear(h, "fc2", d, bias);
  }
  TensorId gate = b.act(b.linear(x, "gate", hidden, bias), activation, "act");
  TensorId h = b.op(OpKind::mul, "gated", {gate, b.linear(x, "up", hidden, bias)});
  return b.linear(h, "down", d, bias);
}

}  // namespace coda::models
