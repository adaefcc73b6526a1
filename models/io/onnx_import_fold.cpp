// ONNX -> Graph: folding integer shape computations (Shape, Gather, Concat, ...) into constants.
#include <algorithm>

#include "models/io/onnx_importer.h"

namespace coda::models::onnx_io {
bool Importer::fold(const onnx::NodeProto& n) {
  const std::string& op = n.op_type();
  if (n.output_size() < 1) return false;
  const std::string& out = n.output(0);
  if (op == "Constant") {
    const auto* v = attr(n, "value");
    if (v && v->has_t()) {
      const auto& t = v->t();
      const Shape dims(t.dims().begin(), t.dims().end());
      if (is_int_type(t.data_type())) {
        m_ints[out] = {dims, int_values(t)};
      } else {
        const auto dt = from_onnx(t.data_type());
        if (!dt)
          fail_node(n, "constant of unsupported element type " + onnx_type_name(t.data_type()));
        m_float_consts[out] = {dims, *dt};
      }
      return true;
    }
    if (const auto* vi = attr(n, "value_ints")) {
      m_ints[out] = {{vi->ints_size()}, I(vi->ints().begin(), vi->ints().end())};
      return true;
    }
    if (const auto* vi = attr(n, "value_int")) {
      m_ints[out] = {{}, {vi->i()}};
      return true;
    }
    if (attr(n, "value_float") || attr(n, "value_floats")) {
      const auto* f = attr(n, "value_floats");
      m_float_consts[out] = {f ? Shape{f->floats_size()} : Shape{}, DType::fp32};
      return true;
    }
    fail_node(n, "unsupported Constant form (sparse or string)");
  }
  if (op == "Shape") {
    const Shape& s = shape_of(n, 0);
    std::int64_t start = wrap(attr_int(n, "start", 0), s.size());
    std::int64_t end = attr(n, "end") ? wrap(attr_int(n, "end", 0), s.size())
                                      : static_cast<std::int64_t>(s.size());
    start = std::clamp<std::int64_t>(start, 0, static_cast<std::int64_t>(s.size()));
    end = std::clamp<std::int64_t>(end, start, static_cast<std::int64_t>(s.size()));
    m_ints[out] = {{end - start}, I(s.begin() + start, s.begin() + end)};
    return true;
  }
  static const std::set<std::string> foldable = {"Cast",   "Identity", "Unsqueeze", "Squeeze",
                                                 "Gather", "Concat",   "Add",       "Sub",
                                                 "Mul",    "Div",      "Slice"};
  if (!foldable.count(op)) return false;
  for (const auto& in : n.input()) {
    if (!in.empty() && !ints(in)) return false;
  }
  const IntConst& a = *ints(n.input(0));
  IntConst r = a;
  if (op == "Unsqueeze") {
    I axes = n.input_size() > 1 && !n.input(1).empty() ? ints(n.input(1))->values
                                                       : attr_ints(n, "axes", {});
    const std::size_t rank = a.dims.size() + axes.size();
    for (auto& x : axes) x = wrap(x, rank);
    std::sort(axes.begin(), axes.end());
    for (auto x : axes)
      r.dims.insert(
          r.dims.begin() + std::min<std::int64_t>(x, static_cast<std::int64_t>(r.dims.size())), 1);
  } else if (op == "Squeeze") {
    r.dims.clear();
    for (auto d : a.dims) {
      if (d != 1) r.dims.push_back(d);
    }
  } else if (op == "Gather") {
    const IntConst& idx = *ints(n.input(1));
    if (a.dims.size() > 1) return false;
    r = {idx.dims, {}};
    for (auto i : idx.values) {
      const std::int64_t j = wrap(i, a.values.size());
      if (j < 0 || j >= static_cast<std::int64_t>(a.values.size()))
        fail_node(n, "index out of range");
      r.values.push_back(a.values[static_cast<std::size_t>(j)]);
    }
  } else if (op == "Concat") {
    r.values.clear();
    for (const auto& in : n.input()) {
      const auto& v = ints(in)->values;
      r.values.insert(r.values.end(), v.begin(), v.end());
    }
    r.dims = {static_cast<std::int64_t>(r.values.size())};
  } else if (op == "Slice") {
    if (a.dims.size() != 1 || n.input_size() < 3 || n.input(1).empty() || n.input(2).empty() ||
        ints(n.input(1))->values.empty() || ints(n.input(2))->values.empty()) {
      return false;
    }
    const std::int64_t len = static_cast<std::int64_t>(a.values.size());
    std::int64_t s = ints(n.input(1))->values[0], e = ints(n.input(2))->values[0];
    const bool has_step =
        n.input_size() > 4 && !n.input(4).empty() && !ints(n.input(4))->values.empty();
    const std::int64_t step = has_step ? ints(n.input(4))->values[0] : 1;
    if (n.input_size() > 3 && !n.input(3).empty()) return false;  // explicit axes: not folded
    if (step != 1) return false;
    s = std::clamp<std::int64_t>(wrap(s, a.values.size()), 0, len);
    e = std::clamp<std::int64_t>(e < 0 ? e + len : e, s, len);
    r.values.assign(a.values.begin() + s, a.values.begin() + e);
    r.dims = {e - s};
  } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
    const IntConst& b = *ints(n.input(1));
    const std::size_t size = std::max(a.values.size(), b.values.size());
    if ((a.values.size() != size && a.values.size() != 1) ||
        (b.values.size() != size && b.values.size() != 1))
      return false;
    r.values.assign(size, 0);
    r.dims = a.values.size() == size ? a.dims : b.dims;
    for (std::size_t i = 0; i < size; ++i) {
      const std::int64_t x = a.values[a.values.size() == 1 ? 0 : i],
                         y = b.values[b.values.size() == 1 ? 0 : i];
      if (op == "Div" && y == 0) fail_node(n, "division by zero in a shape computation");
      r.values[i] = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y;
    }
  }
  m_ints[out] = r;
  return true;
}

}  // namespace coda::models::onnx_io
