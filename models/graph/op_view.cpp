#include "models/graph/op_view.h"

#include "models/graph/shape_inference.h"
#include "sim/core/error.h"

namespace coda::models {

Conv2dView conv2d_view(const Graph& g, const Op& op) {
  if (op.kind != OpKind::conv2d) throw core::InputError("op '" + op.name + "' is not a conv2d");
  const Shape& x = g.tensor(op.inputs[0]).shape;
  const Shape& w = g.tensor(op.inputs[1]).shape;
  const Shape& y = g.tensor(op.outputs[0]).shape;
  std::int64_t s[2], p[4], d[2];
  op.attrs.get_ints_into("strides", s, 2, 1);
  op.attrs.get_ints_into("pads", p, 4, 0);
  op.attrs.get_ints_into("dilations", d, 2, 1);
  return {x[0],
          x[1],
          x[2],
          x[3],
          w[0],
          w[2],
          w[3],
          s[0],
          s[1],
          p[0],
          p[1],
          p[2],
          p[3],
          d[0],
          d[1],
          op.attrs.get_int("group", 1),
          y[2],
          y[3],
          op.inputs.size() > 2};
}

MatmulView matmul_view(const Graph& g, const Op& op) {
  if (op.kind == OpKind::fully_connected) {
    const Shape& x = g.tensor(op.inputs[0]).shape;
    const Shape& w = g.tensor(op.inputs[1]).shape;
    return {1, elements(x) / x.back(), w[1], w[0], op.inputs.size() > 2};
  }
  if (op.kind != OpKind::matmul) throw core::InputError("op '" + op.name + "' is not a matmul");
  const Shape& a = g.tensor(op.inputs[0]).shape;
  const Shape& b = g.tensor(op.inputs[1]).shape;
  Shape batch;
  broadcast_shapes(Shape(a.begin(), a.end() - 2), Shape(b.begin(), b.end() - 2), batch);
  return {elements(batch), a[a.size() - 2], a.back(), b.back(), false};
}

}  // namespace coda::models
