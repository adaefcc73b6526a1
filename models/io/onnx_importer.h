// Private to models/io: the ONNX importer (onnx_import.cpp: graph and tensors,
// onnx_import_nodes.cpp: node mapping, onnx_import_fold.cpp: folding of integer shape math).
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "models/graph/graph.h"
#include "models/io/onnx_common.h"
#include "sim/core/error.h"

namespace coda::models::onnx_io {
using I = std::vector<std::int64_t>;

// An integer constant known at import time (initializer, Constant node or folded shape math).
struct IntConst {
  Shape dims;
  I values;
};

// ONNX op types the importer maps (Silu, Gelu, Relu6, RmsNorm, KvCache*, FullyConnected also
// in the ai.coda domain), in alphabetical order for messages.
inline const std::vector<std::string>& supported_ops() {
  // clang-format off
  static const std::vector<std::string> ops = {
      "Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat", "Constant", "Conv",
      "DepthToSpace", "Div", "Dropout", "Expand", "Flatten", "FullyConnected", "Gather", "Gelu",
      "Gemm", "GlobalAveragePool", "HardSwish", "Identity", "KvCacheAppend", "KvCacheRead",
      "LayerNormalization", "MatMul", "MaxPool", "Mul", "Pad", "ReduceMean", "ReduceSum", "Relu",
      "Relu6", "Reshape", "RmsNorm", "Shape", "Sigmoid", "Silu", "Slice", "Softmax",
      "SpaceToDepth", "Split", "Squeeze", "Sub", "Tanh", "Transpose", "Unsqueeze"};
  // clang-format on
  return ops;
}

inline I int_values(const onnx::TensorProto& t) {
  I v;
  if (t.data_type() == onnx::TensorProto::INT64) {
    for (auto x : t.int64_data()) v.push_back(x);
    if (v.empty() && !t.raw_data().empty()) {
      v.resize(t.raw_data().size() / 8);
      std::memcpy(v.data(), t.raw_data().data(), v.size() * 8);
    }
  } else if (t.data_type() == onnx::TensorProto::INT32) {
    for (auto x : t.int32_data()) v.push_back(x);
    if (v.empty() && !t.raw_data().empty()) {
      std::vector<std::int32_t> w(t.raw_data().size() / 4);
      std::memcpy(w.data(), t.raw_data().data(), w.size() * 4);
      v.assign(w.begin(), w.end());
    }
  }
  return v;
}

// An ONNX axis (negative counts from the end) as an index into a shape of `rank` dimensions.
inline std::int64_t wrap(std::int64_t axis, std::size_t rank) {
  return axis < 0 ? axis + static_cast<std::int64_t>(rank) : axis;
}

inline bool is_int_type(int t) {
  return t == onnx::TensorProto::INT64 || t == onnx::TensorProto::INT32;
}

class Importer {
 public:
  Importer(std::string file, const onnx::ModelProto& m,
           const std::map<std::string, std::int64_t>& dims)
      : m_file(std::move(file)), m_model(m), m_dims(dims) {
    for (const auto& o : m.opset_import()) {
      if (o.domain().empty() || o.domain() == "ai.onnx") m_opset = static_cast<int>(o.version());
    }
  }

  Graph run();

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& msg) const {
    throw core::InputError({m_file, 0, 0}, path, msg);
  }
  [[noreturn]] void fail_node(const onnx::NodeProto& n, const std::string& msg) const {
    fail("graph.node[" + std::to_string(m_index) + "]",
         "node '" + label(n) + "' (" + n.op_type() + "): " + msg);
  }
  std::string label(const onnx::NodeProto& n) const {
    if (!n.name().empty()) return n.name();
    for (const auto& o : n.output()) {
      if (!o.empty()) return o;
    }
    return "#" + std::to_string(m_index);
  }
  // Compares a declared ONNX type (when fully static) with the tensor we inferred.
  void check_declared(const onnx::ValueInfoProto& v, const std::string& path) const;

  void declare_input(const onnx::ValueInfoProto& v, int index);

  // The graph tensor for an ONNX value, materialising initializers and constants on first use.
  TensorId tensor(const onnx::NodeProto& n, const std::string& name);

  bool is_weight(const std::string& name) const {
    if (m_lazy_weights.count(name)) return true;
    auto it = m_tensors.find(name);
    if (it != m_tensors.end()) return m_graph.tensor(it->second).kind == TensorKind::weight;
    auto init = m_inits.find(name);
    return init != m_inits.end() && !is_int_type(init->second->data_type());
  }

  const IntConst* ints(const std::string& name) const {
    auto it = m_ints.find(name);
    return it == m_ints.end() ? nullptr : &it->second;
  }
  I const_input(const onnx::NodeProto& n, int i, const char* what) const {
    if (n.input_size() <= i || n.input(i).empty()) return {};
    const IntConst* c = ints(n.input(i));
    if (!c)
      fail_node(n, std::string(what) + " (input '" + n.input(i) +
                       "') must be a constant; it is computed at run time");
    return c->values;
  }

  const onnx::AttributeProto* attr(const onnx::NodeProto& n, const std::string& key) const {
    for (const auto& a : n.attribute()) {
      if (a.name() == key) return &a;
    }
    return nullptr;
  }
  std::int64_t attr_int(const onnx::NodeProto& n, const std::string& key, std::int64_t d) const {
    const auto* a = attr(n, key);
    return a ? a->i() : d;
  }
  I attr_ints(const onnx::NodeProto& n, const std::string& key, const I& d) const {
    const auto* a = attr(n, key);
    return a ? I(a->ints().begin(), a->ints().end()) : d;
  }
  double attr_float(const onnx::NodeProto& n, const std::string& key, double d) const {
    const auto* a = attr(n, key);
    return a ? a->f() : d;
  }
  std::string attr_string(const onnx::NodeProto& n, const std::string& key,
                          const std::string& d) const {
    const auto* a = attr(n, key);
    return a ? a->s() : d;
  }

  const Shape& shape_of(const onnx::NodeProto& n, int i) {
    return m_graph.tensor(tensor(n, n.input(i))).shape;
  }

  // Ops are named after their first output, so graph tensors keep their ONNX value names.
  std::string op_name(const onnx::NodeProto& n) {
    std::string name = n.output(0).empty() ? n.name() : n.output(0);
    if (m_graph.find_op(name) >= 0 || m_graph.find_tensor(name) >= 0) name = n.name();
    if (name.empty()) name = "node_" + std::to_string(m_index);
    while (m_graph.find_op(name) >= 0 || m_graph.find_tensor(name) >= 0) name += "'";
    return name;
  }

  void emit(const onnx::NodeProto& n, OpKind kind, const std::vector<TensorId>& in,
            const Attrs& attrs = {}, const std::string& name_override = "") {
    const std::string name = name_override.empty() ? op_name(n) : name_override;
    std::vector<TensorId> outs;
    try {
      outs = m_graph.add_op(kind, name, TensorIds(in.begin(), in.end()), attrs);
    } catch (const core::InputError& e) {
      fail_node(n, e.what());
    }
    for (std::size_t i = 0; i < outs.size() && static_cast<int>(i) < n.output_size(); ++i) {
      m_tensors[n.output(static_cast<int>(i))] = outs[i];
    }
  }
  std::vector<TensorId> data_inputs(const onnx::NodeProto& n, int count) {
    std::vector<TensorId> in;
    for (int i = 0; i < std::min(count, n.input_size()); ++i) {
      if (!n.input(i).empty()) in.push_back(tensor(n, n.input(i)));
    }
    return in;
  }

  // Pads for auto_pad SAME_UPPER / SAME_LOWER / VALID, else the pads attribute.
  I pads(const onnx::NodeProto& n, const Shape& x, const I& kernel, const I& strides,
         const I& dil) const;

  // A rank-2 weight as a fully_connected weight [N, K] from its ONNX [K, N] layout; -1 when it
  // already exists in another layout.
  TensorId weight_transposed(const std::string& name);
  // Shape and dtype of a weight not created yet (initializer or tagged input).
  bool weight_info(const std::string& name, Shape& shape, DType& dtype) const;
  bool fold(const onnx::NodeProto& n);
  void node(const onnx::NodeProto& n);
  void conv(const onnx::NodeProto& n);
  void pool(const onnx::NodeProto& n, OpKind kind);
  void gemm(const onnx::NodeProto& n);
  void matmul(const onnx::NodeProto& n);

  std::string m_file;
  const onnx::ModelProto& m_model;
  const std::map<std::string, std::int64_t>& m_dims;  // values for symbolic input dimensions
  int m_opset = 17;
  int m_index = 0;
  Graph m_graph;
  std::map<std::string, const onnx::TensorProto*> m_inits;
  std::map<std::string, IntConst> m_ints;
  std::map<std::string, std::pair<Shape, DType>> m_float_consts;
  std::map<std::string, TensorId> m_tensors;
  // Weight-tagged graph inputs, created on first use (so a MatMul weight can take FC layout).
  std::map<std::string, std::pair<Shape, DType>> m_lazy_weights;
  std::map<std::string, std::pair<Shape, DType>> m_lazy_constants;  // likewise, kConstantTag
  std::set<std::string> m_transposed;  // weights created in fully_connected layout
  std::set<std::string> m_graph_outputs;
  std::map<std::string, int> m_uses;
  std::set<int> m_skip;
};

}  // namespace coda::models::onnx_io
