// ONNX -> Graph: one node at a time, folding integer shape math into constants.
#include <algorithm>

#include "models/graph/shape_inference.h"
#include "models/io/onnx_importer.h"
#include "sim/core/text.h"

namespace coda::models::onnx_io {
void Importer::conv(const onnx::NodeProto& n) {
  const Shape x = shape_of(n, 0);
  const Shape w = shape_of(n, 1);
  if (x.size() != 4 || w.size() != 4)
    fail_node(n, "only 2-D convolutions (rank-4 input and weight) are supported");
  const I strides = attr_ints(n, "strides", {1, 1}), dil = attr_ints(n, "dilations", {1, 1});
  const I kernel = attr_ints(n, "kernel_shape", {w[2], w[3]});
  if (kernel != I{w[2], w[3]})
    fail_node(n, "kernel_shape " + to_string(AttrValue{kernel}) + " differs from the weight " +
                     to_string(w));
  emit(n, OpKind::conv2d, data_inputs(n, 3),
       {{"strides", strides},
        {"dilations", dil},
        {"group", attr_int(n, "group", 1)},
        {"pads", pads(n, x, kernel, strides, dil)}});
}

void Importer::pool(const onnx::NodeProto& n, OpKind kind) {
  const Shape x = shape_of(n, 0);
  if (x.size() != 4) fail_node(n, "only 2-D pooling (rank-4 input) is supported");
  const I kernel = attr_ints(n, "kernel_shape", {});
  if (kernel.size() != 2) fail_node(n, "kernel_shape must have 2 values");
  const I strides = attr_ints(n, "strides", {1, 1});
  if (attr_ints(n, "dilations", {1, 1}) != I{1, 1})
    fail_node(n, "dilated pooling is not supported");
  I p = pads(n, x, kernel, strides, {1, 1});
  if (attr_int(n, "ceil_mode", 0)) {  // ceil output size = floor with extra padding at the end
    for (int a = 0; a < 2; ++a) {
      const auto i = static_cast<std::size_t>(a);
      const std::int64_t padded = x[2 + i] + p[i] + p[i + 2];
      const std::int64_t out = (padded - kernel[i] + strides[i] - 1) / strides[i] + 1;
      p[i + 2] += std::max<std::int64_t>(0, (out - 1) * strides[i] + kernel[i] - padded);
    }
  }
  Attrs attrs{{"kernel_shape", kernel}, {"strides", strides}, {"pads", p}};
  if (kind == OpKind::avg_pool) attrs.set("count_include_pad", attr_int(n, "count_include_pad", 0));
  emit(n, kind, data_inputs(n, 1), attrs);
}

void Importer::matmul(const onnx::NodeProto& n) {
  const std::string& b = n.input(1);
  Shape ws;
  DType wd;
  const bool weight_b =
      (m_transposed.count(b) || (!m_tensors.count(b) && weight_info(b, ws, wd) && ws.size() == 2));
  if (m_transposed.count(b)) {
    const Shape& t = m_graph.tensor(m_tensors.at(b)).shape;
    ws = {t[1], t[0]};
  }
  if (!weight_b) {
    emit(n, OpKind::matmul, data_inputs(n, 2));
    return;
  }
  // MatMul by a weight is a fully_connected; a following Add of a [N] weight is its bias.
  const std::string& out = n.output(0);
  const onnx::NodeProto* bias_node = nullptr;
  int bias_index = -1;
  if (m_uses[out] == 1 && !m_graph_outputs.count(out)) {
    const auto& nodes = m_model.graph().node();
    for (int j = m_index + 1; j < nodes.size(); ++j) {
      const auto& c = nodes[j];
      if (std::find(c.input().begin(), c.input().end(), out) == c.input().end()) continue;
      Shape bs;
      DType bd;
      if (c.op_type() == "Add" && c.input_size() == 2) {
        const std::string& other = c.input(0) == out ? c.input(1) : c.input(0);
        if (!m_tensors.count(other) && weight_info(other, bs, bd) && bs == Shape{ws[1]}) {
          bias_node = &c;
          bias_index = j;
        }
      }
      break;
    }
  }
  const TensorId x = tensor(n, n.input(0));
  const TensorId w = weight_transposed(b);
  std::vector<TensorId> in{x, w};
  if (bias_node) {
    in.push_back(
        tensor(*bias_node, bias_node->input(0) == out ? bias_node->input(1) : bias_node->input(0)));
    m_skip.insert(bias_index);
    const int saved = m_index;
    emit(*bias_node, OpKind::fully_connected, in);
    m_index = saved;
    return;
  }
  emit(n, OpKind::fully_connected, in);
}

void Importer::gemm(const onnx::NodeProto& n) {
  if (attr_float(n, "alpha", 1.0) != 1.0 || attr_float(n, "beta", 1.0) != 1.0) {
    fail_node(n, "alpha and beta other than 1 are not supported");
  }
  TensorId a = tensor(n, n.input(0));
  if (attr_int(n, "transA", 0)) {
    const std::string name = op_name(n) + ".transpose_a";
    a = m_graph.add(OpKind::transpose, name, {a}, {{"perm", I{1, 0}}});
  }
  std::vector<TensorId> in{a};
  OpKind kind = OpKind::fully_connected;
  if (attr_int(n, "transB", 0)) {
    in.push_back(tensor(n, n.input(1)));
  } else {
    const TensorId w = weight_transposed(n.input(1));
    if (w >= 0) {
      in.push_back(w);
    } else {
      in.push_back(tensor(n, n.input(1)));
      kind = OpKind::matmul;
    }
  }
  const bool has_c = n.input_size() > 2 && !n.input(2).empty();
  const std::int64_t cols =
      kind == OpKind::matmul ? m_graph.tensor(in[1]).shape.back() : m_graph.tensor(in[1]).shape[0];
  if (has_c && kind == OpKind::fully_connected && shape_of(n, 2) == Shape{cols}) {
    in.push_back(tensor(n, n.input(2)));
    emit(n, kind, in);
    return;
  }
  if (!has_c) {
    emit(n, kind, in);
    return;
  }
  const TensorId c = tensor(n, n.input(2));
  const std::string name = op_name(n);
  TensorId y;
  try {
    y = m_graph.add(kind, name + ".product", TensorIds(in.begin(), in.end()));
    y = m_graph.add(OpKind::add, name, {y, c});
  } catch (const core::InputError& e) {
    fail_node(n, e.what());
  }
  m_tensors[n.output(0)] = y;
}

void Importer::node(const onnx::NodeProto& n) {
  const std::string& op = n.op_type();
  const bool coda = n.domain() == kCodaDomain;
  if (!n.domain().empty() && n.domain() != "ai.onnx" && !coda) {
    fail_node(
        n, "unsupported op domain '" + n.domain() + "'; supported: " + core::join(supported_ops()));
  }
  const auto& ops = supported_ops();
  if (std::find(ops.begin(), ops.end(), op) == ops.end()) {
    fail_node(n, "unsupported op type; supported: " + core::join(ops));
  }
  static const std::map<std::string, int> two_inputs = {{"Add", 2},
                                                        {"Sub", 2},
                                                        {"Mul", 2},
                                                        {"Div", 2},
                                                        {"Conv", 2},
                                                        {"MatMul", 2},
                                                        {"Gemm", 2},
                                                        {"BatchNormalization", 3},
                                                        {"LayerNormalization", 2},
                                                        {"RmsNorm", 2},
                                                        {"Reshape", 2},
                                                        {"Gather", 2},
                                                        {"Expand", 2},
                                                        {"KvCacheAppend", 2},
                                                        {"FullyConnected", 2}};
  const auto need = two_inputs.find(op);
  const int required = op == "Constant" ? 0 : need == two_inputs.end() ? 1 : need->second;
  for (int i = 0; i < required; ++i) {
    if (i >= n.input_size() || n.input(i).empty()) {
      fail_node(n, "expected at least " + std::to_string(required) + " inputs, got " +
                       std::to_string(n.input_size()));
    }
  }
  if (n.output_size() == 0 || n.output(0).empty()) fail_node(n, "expected an output");
  if (fold(n)) return;
  static const std::map<std::string, OpKind> simple = {
      {"Add", OpKind::add},
      {"Sub", OpKind::sub},
      {"Mul", OpKind::mul},
      {"Div", OpKind::div},
      {"Relu", OpKind::relu},
      {"Sigmoid", OpKind::sigmoid},
      {"Tanh", OpKind::tanh},
      {"HardSwish", OpKind::hard_swish},
      {"Identity", OpKind::identity},
      {"Dropout", OpKind::identity},
      {"Silu", OpKind::silu},
      {"Relu6", OpKind::relu6},
      {"FullyConnected", OpKind::fully_connected},
      {"Gelu", OpKind::gelu},
      {"GlobalAveragePool", OpKind::global_avg_pool},
      {"Concat", OpKind::concat},
      {"KvCacheRead", OpKind::kv_cache_read},
      {"KvCacheAppend", OpKind::kv_cache_append}};
  auto it = simple.find(op);
  if (it != simple.end()) {
    Attrs attrs;
    if (op == "Concat") attrs.set("axis", attr_int(n, "axis", 0));
    if (op == "KvCacheAppend") attrs.set("axis", attr_int(n, "axis", 2));
    emit(n, it->second,
         data_inputs(n, op == "Concat"    ? n.input_size()
                        : op == "Dropout" ? 1
                                          : 3),
         attrs);
    return;
  }
  if (op == "Conv") return conv(n);
  if (op == "MatMul") return matmul(n);
  if (op == "Gemm") return gemm(n);
  if (op == "MaxPool") return pool(n, OpKind::max_pool);
  if (op == "AveragePool") return pool(n, OpKind::avg_pool);
  const Shape x = shape_of(n, 0);
  if (op == "Clip") {
    I lo = const_input(n, 1, "min"), hi = const_input(n, 2, "max");
    const double min = lo.empty() ? attr_float(n, "min", -1) : static_cast<double>(lo[0]);
    const double max = hi.empty() ? attr_float(n, "max", -1) : static_cast<double>(hi[0]);
    const bool has_max = !hi.empty() || attr(n, "max");
    if (min == 0 && has_max && max == 6) return emit(n, OpKind::relu6, data_inputs(n, 1));
    if (min == 0 && !has_max) return emit(n, OpKind::relu, data_inputs(n, 1));
    fail_node(n, "only Clip(0, 6) (relu6) and Clip(0) (relu) are in the op set");
  }
  if (op == "BatchNormalization") {
    return emit(n, OpKind::batch_norm, data_inputs(n, 3),
                {{"epsilon", attr_float(n, "epsilon", 1e-5)}});
  }
  if (op == "LayerNormalization" || op == "RmsNorm") {
    return emit(n, op == "RmsNorm" ? OpKind::rms_norm : OpKind::layer_norm,
                data_inputs(n, op == "RmsNorm" ? 2 : 3),
                {{"axis", attr_int(n, "axis", -1)}, {"epsilon", attr_float(n, "epsilon", 1e-5)}});
  }
  if (op == "Softmax")
    return emit(n, OpKind::softmax, data_inputs(n, 1),
                {{"axis", attr_int(n, "axis", m_opset >= 13 ? -1 : 1)}});
  if (op == "ReduceMean" || op == "ReduceSum") {
    I axes = attr(n, "axes") ? attr_ints(n, "axes", {}) : const_input(n, 1, "axes");
    if (axes.empty()) {
      if (attr_int(n, "noop_with_empty_axes", 0))
        return emit(n, OpKind::identity, data_inputs(n, 1));
      for (std::size_t i = 0; i < x.size(); ++i) axes.push_back(static_cast<std::int64_t>(i));
    }
    return emit(n, op == "ReduceMean" ? OpKind::reduce_mean : OpKind::reduce_sum, data_inputs(n, 1),
                {{"axes", axes}, {"keepdims", attr_int(n, "keepdims", 1)}});
  }
  if (op == "Reshape") {
    I shape = const_input(n, 1, "shape");
    if (shape.empty()) fail_node(n, "the target shape is missing");
    if (attr_int(n, "allowzero", 0)) {
      for (auto d : shape) {
        if (d == 0) fail_node(n, "allowzero with a 0 dimension gives an empty tensor");
      }
    }
    return emit(n, OpKind::reshape, data_inputs(n, 1), {{"shape", shape}});
  }
  if (op == "Flatten" || op == "Squeeze" || op == "Unsqueeze") {
    Shape out;
    if (op == "Flatten") {
      const std::int64_t axis = wrap(attr_int(n, "axis", 1), x.size());
      out = {elements(Shape(x.begin(), x.begin() + axis)),
             elements(Shape(x.begin() + axis, x.end()))};
    } else {
      I axes = attr(n, "axes") ? attr_ints(n, "axes", {}) : const_input(n, 1, "axes");
      const std::size_t rank = op == "Squeeze" ? x.size() : x.size() + axes.size();
      for (auto& a : axes) a = wrap(a, rank);
      out = x;
      if (op == "Squeeze") {
        out.clear();
        for (std::size_t i = 0; i < x.size(); ++i) {
          const bool listed =
              std::find(axes.begin(), axes.end(), static_cast<std::int64_t>(i)) != axes.end();
          if (!(axes.empty() ? x[i] == 1 : listed)) out.push_back(x[i]);
        }
      } else {
        std::sort(axes.begin(), axes.end());
        for (auto a : axes)
          out.insert(out.begin() + std::min<std::int64_t>(a, static_cast<std::int64_t>(out.size())),
                     1);
      }
    }
    return emit(n, OpKind::reshape, data_inputs(n, 1), {{"shape", to_ints(out)}});
  }
  if (op == "Transpose") {
    I perm;
    for (std::size_t i = x.size(); i-- > 0;) perm.push_back(static_cast<std::int64_t>(i));
    return emit(n, OpKind::transpose, data_inputs(n, 1), {{"perm", attr_ints(n, "perm", perm)}});
  }
  if (op == "Split") {
    const std::int64_t axis = attr_int(n, "axis", 0);
    I sizes = attr(n, "split") ? attr_ints(n, "split", {}) : const_input(n, 1, "split");
    if (sizes.empty()) {
      const std::int64_t a = wrap(axis, x.size());
      if (a < 0 || a >= static_cast<std::int64_t>(x.size())) fail_node(n, "axis out of range");
      const std::int64_t len = x[static_cast<std::size_t>(a)], parts = n.output_size();
      if (parts < 1 || len % parts)
        fail_node(n,
                  "cannot split " + std::to_string(len) + " evenly into " + std::to_string(parts));
      sizes.assign(static_cast<std::size_t>(parts), len / parts);
    }
    return emit(n, OpKind::split, data_inputs(n, 1), {{"axis", axis}, {"split", sizes}});
  }
  if (op == "Pad") {
    if (attr_string(n, "mode", "constant") != "constant")
      fail_node(n, "only constant padding is supported");
    I p = attr(n, "pads") ? attr_ints(n, "pads", {}) : const_input(n, 1, "pads");
    return emit(n, OpKind::pad, data_inputs(n, 1),
                {{"pads", p}, {"value", attr_float(n, "value", 0.0)}});
  }
  if (op == "SpaceToDepth" || op == "DepthToSpace") {
    return emit(n, op == "SpaceToDepth" ? OpKind::space_to_depth : OpKind::depth_to_space,
                data_inputs(n, 1), {{"blocksize", attr_int(n, "blocksize", 0)}});
  }
  if (op == "Gather") {
    const Shape& table = x;
    if (attr_int(n, "axis", 0) != 0 || table.size() != 2)
      fail_node(n, "only Gather on axis 0 of a 2-D table (an embedding lookup) is supported");
    const std::vector<TensorId> in = data_inputs(n, 2);
    return emit(n, OpKind::embedding, {in[1], in[0]});
  }
  if (op == "Expand") {
    Shape target;
    if (!broadcast_shapes(x, to_shape(const_input(n, 1, "shape")), target))
      fail_node(n, "shape does not broadcast with the input " + to_string(x));
    return emit(n, OpKind::broadcast_to, data_inputs(n, 1), {{"shape", to_ints(target)}});
  }
  if (op == "Cast" || op == "Slice") {
    fail_node(n, "supported only on integer constants known at import (shape computations)");
  }
  fail_node(n, "unsupported op type; supported: " + core::join(supported_ops()));
}

}  // namespace coda::models::onnx_io
