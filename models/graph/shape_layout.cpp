// Shape rules of data-movement, embedding and KV-cache ops (see shape_inference.h).
#include "models/graph/shape_context.h"

namespace coda::models::shape_detail {

InferredOutput reshape(const Ctx& c) {
  const Shape& x = c.shape(0);
  Shape out = to_shape(c.ints("shape", 0));
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

InferredOutputs split(const Ctx& c) {
  const Shape& x = c.shape(0);
  const auto axis = static_cast<std::size_t>(c.axis("axis", x.size()));
  const I sizes = c.ints("split", 0);
  std::int64_t sum = 0;
  InferredOutputs out;
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
  const Shape target = to_shape(c.ints("shape", 0));
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

}  // namespace coda::models::shape_detail
