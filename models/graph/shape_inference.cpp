#include "models/graph/shape_inference.h"

#include <algorithm>

#include "sim/core/error.h"

namespace coda::models {
namespace {

using I = std::vector<std::int64_t>;

// Collects the context of one op so every error reads the same way.
class Ctx {
 public:
  Ctx(OpKind kind, const std::string& name, const std::vector<const Tensor*>& in,
      const Attrs& attrs)
      : m_kind(kind), m_name(name), m_in(in), m_attrs(attrs) {}

  [[noreturn]] void fail(const std::string& what) const {
    std::string inputs;
    const auto& roles = op_info(m_kind).inputs;
    for (std::size_t i = 0; i < m_in.size(); ++i) {
      std::string role = i < roles.size() ? roles[i] : roles.back();
      while (!role.empty() && (role.back() == '?' || role.back() == '.')) role.pop_back();
      inputs += (i ? ", " : "") + role + " " + to_string(m_in[i]->shape) + " " +
                to_string(m_in[i]->dtype);
    }
    throw core::InputError("op '" + m_name + "' (" + to_string(m_kind) + "): " + what +
                           "; inputs: " + (inputs.empty() ? "none" : inputs));
  }
  const Shape& shape(std::size_t i) const { return m_in[i]->shape; }
  DType dtype(std::size_t i) const { return m_in[i]->dtype; }
  std::size_t count() const { return m_in.size(); }
  const Attrs& attrs() const { return m_attrs; }
  void rank(std::size_t i, std::size_t r, const char* role) const {
    if (shape(i).size() != r) {
      fail(std::string(role) + " must have rank " + std::to_string(r) + ", got " +
           to_string(shape(i)));
    }
  }
  void min_rank(std::size_t i, std::size_t r, const char* role) const {
    if (shape(i).size() < r) {
      fail(std::string(role) + " must have rank >= " + std::to_string(r) + ", got " +
           to_string(shape(i)));
    }
  }
  void same_dtype(std::size_t i, std::size_t j) const {
    if (dtype(i) != dtype(j)) {
      fail("dtype mismatch: " + to_string(dtype(i)) + " vs " + to_string(dtype(j)));
    }
  }
  I ints(const char* key, std::size_t n) const {
    I v = m_attrs.get_ints(key, {});
    if (n && v.size() != n) {
      fail(std::string("attribute '") + key + "' needs " + std::to_string(n) + " values, got " +
           to_string(AttrValue{v}));
    }
    return v;
  }
  std::int64_t axis(const char* key, std::size_t rank) const {
    std::int64_t a = m_attrs.get_int(key, 0);
    const auto r = static_cast<std::int64_t>(rank);
    if (a < -r || a >= r) {
      fail(std::string("attribute '") + key + "' = " + std::to_string(a) +
           " is out of range for rank " + std::to_string(rank));
    }
    return a < 0 ? a + r : a;
  }

 private:
  OpKind m_kind;
  const std::string& m_name;
  const std::vector<const Tensor*>& m_in;
  const Attrs& m_attrs;
};

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
  const I s = c.ints("strides", 2), p = c.ints("pads", 4), d = c.ints("dilations", 2);
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
  const I k = c.ints("kernel_shape", 2), s = c.ints("strides", 2), p = c.ints("pads", 4);
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

InferredOutput reshape(const Ctx& c) {
  const Shape& x = c.shape(0);
  Shape out = c.ints("shape", 0);
  int infer = -1;
  std::int64_t known = 1;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 0) {
      if (i >= x.size()) c.fail("shape entry 0 at axis " + std::to_string(i) + " has no input dim");
      out[i] = x[i];
    }
    if (out[i] == -1) {
      if (infer >= 0) c.fail("shape " + to_string(c.ints("shape", 0)) + " has more than one -1");
      infer = static_cast<int>(i);
    } else if (out[i] < 0) {
      c.fail("shape " + to_string(c.ints("shape", 0)) + " has a negative entry");
    } else {
      known *= out[i];
    }
  }
  const std::int64_t total = elements(x);
  if (infer >= 0) {
    if (known == 0 || total % known != 0) {
      c.fail("cannot infer -1 in " + to_string(c.ints("shape", 0)) + " from " +
             std::to_string(total) + " elements");
    }
    out[static_cast<std::size_t>(infer)] = total / known;
  } else if (known != total) {
    c.fail("shape " + to_string(out) + " holds " + std::to_string(known) + " elements, x has " +
           std::to_string(total));
  }
  return {out, c.dtype(0)};
}

InferredOutput transpose(const Ctx& c) {
  const Shape& x = c.shape(0);
  const I perm = c.ints("perm", x.size());
  Shape out(x.size());
  std::vector<bool> used(x.size(), false);
  for (std::size_t i = 0; i < perm.size(); ++i) {
    const auto p = perm[i];
    if (p < 0 || p >= static_cast<std::int64_t>(x.size()) || used[static_cast<std::size_t>(p)]) {
      c.fail("perm " + to_string(perm) + " is not a permutation of 0.." +
             std::to_string(x.size() - 1));
    }
    used[static_cast<std::size_t>(p)] = true;
    out[i] = x[static_cast<std::size_t>(p)];
  }
  return {out, c.dtype(0)};
}

InferredOutput concat(const Ctx& c) {
  Shape out = c.shape(0);
  const auto axis = static_cast<std::size_t>(c.axis("axis", out.size()));
  for (std::size_t i = 1; i < c.count(); ++i) {
    const Shape& s = c.shape(i);
    c.same_dtype(0, i);
    bool ok = s.size() == out.size();
    for (std::size_t d = 0; ok && d < s.size(); ++d) ok = d == axis || s[d] == out[d];
    if (!ok) {
      c.fail("input " + std::to_string(i) + " " + to_string(s) +
             " differs from the first input outside axis " + std::to_string(axis));
    }
    out[axis] += s[axis];
  }
  return {out, c.dtype(0)};
}

std::vector<InferredOutput> split(const Ctx& c) {
  const Shape& x = c.shape(0);
  const auto axis = static_cast<std::size_t>(c.axis("axis", x.size()));
  const I sizes = c.ints("split", 0);
  std::int64_t sum = 0;
  std::vector<InferredOutput> out;
  for (auto s : sizes) {
    if (s <= 0) c.fail("split sizes must be >= 1, got " + to_string(sizes));
    sum += s;
    Shape part = x;
    part[axis] = s;
    out.push_back({part, c.dtype(0)});
  }
  if (sum != x[axis]) {
    c.fail("split sizes " + to_string(sizes) + " sum to " + std::to_string(sum) + ", axis " +
           std::to_string(axis) + " has " + std::to_string(x[axis]));
  }
  return out;
}

InferredOutput pad(const Ctx& c) {
  Shape out = c.shape(0);
  const I p = c.ints("pads", 2 * out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (p[i] < 0 || p[i + out.size()] < 0) c.fail("pads must be >= 0");
    out[i] += p[i] + p[i + out.size()];
  }
  return {out, c.dtype(0)};
}

InferredOutput space_depth(const Ctx& c, bool to_depth) {
  c.rank(0, 4, "x");
  const Shape& x = c.shape(0);
  const std::int64_t b = c.attrs().get_int("blocksize", 0);
  if (b < 1) c.fail("blocksize must be >= 1");
  if (to_depth) {
    if (x[2] % b || x[3] % b) {
      c.fail("height and width must be multiples of blocksize " + std::to_string(b));
    }
    return {{x[0], x[1] * b * b, x[2] / b, x[3] / b}, c.dtype(0)};
  }
  if (x[1] % (b * b))
    c.fail("channels must be a multiple of blocksize^2 = " + std::to_string(b * b));
  return {{x[0], x[1] / (b * b), x[2] * b, x[3] * b}, c.dtype(0)};
}

InferredOutput broadcast_to(const Ctx& c) {
  const Shape target = c.ints("shape", 0);
  Shape out;
  if (!broadcast_shapes(c.shape(0), target, out) || out != target) {
    c.fail("cannot broadcast to " + to_string(target));
  }
  return {out, c.dtype(0)};
}

InferredOutput embedding(const Ctx& c) {
  c.rank(1, 2, "table");
  if (!is_integer(c.dtype(0))) c.fail("ids must have an integer dtype");
  Shape out = c.shape(0);
  out.push_back(c.shape(1)[1]);
  return {out, c.dtype(1)};
}

InferredOutput kv_append(const Ctx& c) {
  c.rank(0, 4, "cache");
  c.rank(1, 4, "x");
  c.same_dtype(0, 1);
  const auto axis = static_cast<std::size_t>(c.axis("axis", 4));
  Shape out = c.shape(0);
  for (std::size_t d = 0; d < 4; ++d) {
    if (d != axis && c.shape(1)[d] != out[d]) {
      c.fail("x must match cache outside axis " + std::to_string(axis));
    }
  }
  out[axis] += c.shape(1)[axis];
  return {out, c.dtype(0)};
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

std::vector<InferredOutput> infer_outputs(OpKind kind, const std::string& op_name,
                                          const std::vector<const Tensor*>& inputs,
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
