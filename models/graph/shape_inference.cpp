#include "models/graph/shape_inference.h"

#include "models/graph/shape_context.h"

#include <algorithm>

#include "sim/core/error.h"

namespace coda::models {
namespace {

using I = std::vector<std::int64_t>;
using namespace shape_detail;

std::int64_t window_out(const Ctx& c, std::int64_t in, std::int64_t k, std::int64_t s,
                        std::int64_t d, std::int64_t pad_total, const char* axis) {
  if (k <= 0 || s <= 0 || d <= 0) c.fail(std::string("kernel, stride and dilation must be >= 1"));
  const std::int64_t span = d * (k - 1) + 1;
  if (in + pad_total < span) {
    c.fail(std::string("window ") + std::to_string(span) + " is larger than the padded " + axis +
           " extent " + std::to_string(in + pad_total));
  }
  return (in + pad_total - span) / s + 1;
}

InferredOutput conv2d(const Ctx& c) {
  c.rank(0, 4, "x");
  c.rank(1, 4, "weight");
  c.same_dtype(0, 1);
  const Shape &x = c.shape(0), &w = c.shape(1);
  const std::int64_t g = c.attrs().get_int("group", 1);
  if (g < 1 || x[1] % g != 0 || w[0] % g != 0) {
    c.fail("group " + std::to_string(g) + " must divide input channels " + std::to_string(x[1]) +
           " and output channels " + std::to_string(w[0]));
  }
  if (w[1] * g != x[1]) {
    c.fail("weight expects " + std::to_string(w[1] * g) + " input channels (weight dim 1 " +
           std::to_string(w[1]) + " x group " + std::to_string(g) + "), x has " +
           std::to_string(x[1]));
  }
  if (c.count() > 2 && c.shape(2) != Shape{w[0]}) {
    c.fail("bias must be [" + std::to_string(w[0]) + "]");
  }
  const auto s = c.ints_n<2>("strides"), d = c.ints_n<2>("dilations");
  const auto p = c.ints_n<4>("pads");
  return {{x[0], w[0], window_out(c, x[2], w[2], s[0], d[0], p[0] + p[2], "height"),
           window_out(c, x[3], w[3], s[1], d[1], p[1] + p[3], "width")},
          c.dtype(0)};
}

InferredOutput matmul(const Ctx& c) {
  c.min_rank(0, 2, "a");
  c.min_rank(1, 2, "b");
  c.same_dtype(0, 1);
  const Shape &a = c.shape(0), &b = c.shape(1);
  const std::int64_t k = a.back(), kb = b[b.size() - 2];
  if (k != kb) {
    c.fail("inner dimensions differ: a has K = " + std::to_string(k) +
           ", b has K = " + std::to_string(kb));
  }
  Shape batch;
  if (!broadcast_shapes(Shape(a.begin(), a.end() - 2), Shape(b.begin(), b.end() - 2), batch)) {
    c.fail("batch dimensions do not broadcast");
  }
  batch.push_back(a[a.size() - 2]);
  batch.push_back(b.back());
  return {batch, c.dtype(0)};
}

InferredOutput fully_connected(const Ctx& c) {
  c.min_rank(0, 1, "x");
  c.rank(1, 2, "weight");
  c.same_dtype(0, 1);
  const Shape &x = c.shape(0), &w = c.shape(1);
  if (x.back() != w[1]) {
    c.fail("x has " + std::to_string(x.back()) +
           " features, weight [N, K] expects K = " + std::to_string(w[1]));
  }
  if (c.count() > 2 && c.shape(2) != Shape{w[0]}) {
    c.fail("bias must be [" + std::to_string(w[0]) + "]");
  }
  Shape out = x;
  out.back() = w[0];
  return {out, c.dtype(0)};
}

InferredOutput binary(const Ctx& c) {
  c.same_dtype(0, 1);
  Shape out;
  if (!broadcast_shapes(c.shape(0), c.shape(1), out)) c.fail("shapes do not broadcast");
  return {out, c.dtype(0)};
}

InferredOutput norm(const Ctx& c, OpKind kind) {
  const Shape& x = c.shape(0);
  Shape param;
  if (kind == OpKind::batch_norm) {
    c.min_rank(0, 2, "x");
    param = {x[1]};
  } else {
    c.min_rank(0, 1, "x");
    param.assign(x.begin() + c.axis("axis", x.size()), x.end());
  }
  for (std::size_t i = 1; i < c.count(); ++i) {
    if (c.shape(i) != param) c.fail("scale and bias must be " + to_string(param));
  }
  return {x, c.dtype(0)};
}

InferredOutput pool(const Ctx& c) {
  c.rank(0, 4, "x");
  const Shape& x = c.shape(0);
  const auto k = c.ints_n<2>("kernel_shape"), s = c.ints_n<2>("strides");
  const auto p = c.ints_n<4>("pads");
  return {{x[0], x[1], window_out(c, x[2], k[0], s[0], 1, p[0] + p[2], "height"),
           window_out(c, x[3], k[1], s[1], 1, p[1] + p[3], "width")},
          c.dtype(0)};
}

InferredOutput reduce(const Ctx& c) {
  Shape out = c.shape(0);
  std::vector<bool> reduced(out.size(), false);
  const I axes = c.ints("axes", 0);
  if (axes.empty()) c.fail("attribute 'axes' must not be empty");
  for (auto a : axes) {
    const auto r = static_cast<std::int64_t>(out.size());
    if (a < -r || a >= r) c.fail("axis " + std::to_string(a) + " is out of range");
    reduced[static_cast<std::size_t>(a < 0 ? a + r : a)] = true;
  }
  Shape kept;
  const bool keep = c.attrs().get_int("keepdims", 1) != 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!reduced[i])
      kept.push_back(out[i]);
    else if (keep)
      kept.push_back(1);
  }
  return {kept, c.dtype(0)};
}

}  // namespace

bool broadcast_shapes(const Shape& a, const Shape& b, Shape& out) {
  const std::size_t n = std::max(a.size(), b.size());
  out.assign(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    const std::int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1) return false;
    out[i] = da == 1 ? db : da;
  }
  return true;
}

InferredOutputs infer_outputs(OpKind kind, const std::string& op_name, const TensorRefs& inputs,
                              const Attrs& attrs) {
  const Ctx c(kind, op_name, inputs, attrs);
  const OpInfo& info = op_info(kind);
  const int n = static_cast<int>(inputs.size());
  if (n < info.min_inputs() || (info.max_inputs() >= 0 && n > info.max_inputs())) {
    const std::string want =
        info.max_inputs() < 0 ? "at least " + std::to_string(info.min_inputs())
        : info.min_inputs() == info.max_inputs()
            ? std::to_string(info.min_inputs())
            : std::to_string(info.min_inputs()) + " or " + std::to_string(info.max_inputs());
    c.fail("expected " + want + " inputs, got " + std::to_string(n));
  }
  for (const Tensor* t : inputs) {
    for (auto d : t->shape) {
      if (d <= 0) c.fail("every dimension must be >= 1");
    }
  }
  switch (kind) {
    case OpKind::conv2d:
      return {conv2d(c)};
    case OpKind::matmul:
      return {matmul(c)};
    case OpKind::fully_connected:
      return {fully_connected(c)};
    case OpKind::add:
    case OpKind::sub:
    case OpKind::mul:
    case OpKind::div:
      return {binary(c)};
    case OpKind::batch_norm:
    case OpKind::layer_norm:
    case OpKind::rms_norm:
      return {norm(c, kind)};
    case OpKind::softmax:
      c.axis("axis", inputs[0]->shape.size());
      return {{c.shape(0), c.dtype(0)}};
    case OpKind::max_pool:
    case OpKind::avg_pool:
      return {pool(c)};
    case OpKind::global_avg_pool:
      c.rank(0, 4, "x");
      return {{{c.shape(0)[0], c.shape(0)[1], 1, 1}, c.dtype(0)}};
    case OpKind::reduce_mean:
    case OpKind::reduce_sum:
      return {reduce(c)};
    case OpKind::reshape:
      return {reshape(c)};
    case OpKind::transpose:
      return {transpose(c)};
    case OpKind::concat:
      return {concat(c)};
    case OpKind::split:
      return split(c);
    case OpKind::pad:
      return {pad(c)};
    case OpKind::space_to_depth:
      return {space_depth(c, true)};
    case OpKind::depth_to_space:
      return {space_depth(c, false)};
    case OpKind::broadcast_to:
      return {broadcast_to(c)};
    case OpKind::embedding:
      return {embedding(c)};
    case OpKind::kv_cache_append:
      return {kv_append(c)};
    default:
      return {{c.shape(0), c.dtype(0)}};  // unary activations, identity, kv_cache_read
  }
}

}  // namespace coda::models
