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
  TensorId q = split_heads(b, b.linear(x, "q", d), o.heads, "q");
  TensorId k = split_heads(b, b.linear(x, "k", d), o.heads, "k");
  TensorId v = split_heads(b, b.linear(x, "v", d), o.heads, "v");
  if (o.emit_kv) {
    b.graph().mark_output(k);
    b.graph().mark_output(v);
  }
  if (o.past_len > 0) {
    const Shape cache{batch, o.heads, o.past_len, dh};
    const TensorId kc =
        b.graph().add_tensor(b.name("k_cache"), cache, b.dtype(), TensorKind::state);
    const TensorId vc =
        b.graph().add_tensor(b.name("v_cache"), cache, b.dtype(), TensorKind::state);
    k = b.op(OpKind::kv_cache_append, "k_append", {b.op(OpKind::kv_cache_read, "k_read", {kc}), k});
    v = b.op(OpKind::kv_cache_append, "v_append", {b.op(OpKind::kv_cache_read, "v_read", {vc}), v});
  }
  const TensorId kt = b.op(OpKind::transpose, "k_transposed", {k}, {{"perm", I{0, 1, 3, 2}}});
  TensorId scores = b.op(OpKind::matmul, "scores", {q, kt});
  scores = b.op(OpKind::mul, "scale", {scores, b.constant("inv_sqrt_dh", {1})});  // 1/sqrt(dh)
  if (o.causal_mask >= 0) scores = b.op(OpKind::add, "causal_mask", {scores, o.causal_mask});
  TensorId p = b.op(OpKind::softmax, "softmax", {scores}, {{"axis", std::int64_t{-1}}});
  TensorId ctx = b.op(OpKind::matmul, "context", {p, v});
  ctx = b.op(OpKind::transpose, "merge_heads", {ctx}, {{"perm", I{0, 2, 1, 3}}});
  ctx = b.op(OpKind::reshape, "merge", {ctx}, {{"shape", I{batch, seq, d}}});
  return b.linear(ctx, "out", d);
}

TensorId mlp(NetBuilder& b, TensorId x, std::int64_t hidden, OpKind activation) {
  const std::int64_t d = b.shape(x).back();
  TensorId h = b.act(b.linear(x, "fc1", hidden), activation, "act");
  return b.linear(h, "fc2", d);
}

}  // namespace coda::models
