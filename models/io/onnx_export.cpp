// Graph -> ONNX (opset 17): structure, shapes and dtypes; weights zero-filled or as tagged inputs.
#include <fstream>
#include <map>
#include <set>

#include "models/io/onnx_common.h"
#include "models/io/onnx_io.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {
using namespace onnx_io;
using I = std::vector<std::int64_t>;

void set_type(onnx::ValueInfoProto* v, const Tensor& t, const Shape& shape) {
  v->set_name(t.name);
  auto* tt = v->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(to_onnx(t.dtype));
  auto* s = tt->mutable_shape();
  for (auto d : shape) s->add_dim()->set_dim_value(d);
}

class Exporter {
 public:
  Exporter(const Graph& g, bool with_weights) : m_g(g), m_with_weights(with_weights) {}

  onnx::ModelProto run() {
    onnx::ModelProto m;
    m.set_ir_version(8);
    m.set_producer_name("coda");
    auto* o = m.add_opset_import();
    o->set_domain("");
    o->set_version(kOpset);
    auto* c = m.add_opset_import();
    c->set_domain(kCodaDomain);
    c->set_version(1);
    m_graph = m.mutable_graph();
    m_graph->set_name(m_g.name());
    plan_fc_layouts();
    for (const auto& t : m_g.tensors()) declare(t);
    for (OpId id : m_g.topo_order()) op(m_g.op(id));
    for (TensorId id : m_g.outputs())
      set_type(m_graph->add_output(), m_g.tensor(id), m_g.tensor(id).shape);
    return m;
  }

 private:
  // A fully_connected over a rank > 2 input becomes MatMul + Add, with the weight stored in
  // MatMul's [K, N] layout when every reader of the weight is such an op; else ai.coda.
  void plan_fc_layouts() {
    std::map<TensorId, bool> only_wide_fc;
    for (const Op& op : m_g.ops()) {
      for (std::size_t i = 0; i < op.inputs.size(); ++i) {
        const TensorId t = op.inputs[i];
        const bool wide_fc = op.kind == OpKind::fully_connected && i == 1 &&
                             m_g.tensor(op.inputs[0]).shape.size() > 2;
        auto it = only_wide_fc.find(t);
        only_wide_fc[t] = (it == only_wide_fc.end() ? true : it->second) && wide_fc;
      }
    }
    for (const auto& [t, ok] : only_wide_fc) {
      if (ok && m_g.tensor(t).kind == TensorKind::weight) m_kn_layout.insert(t);
    }
  }

  void declare(const Tensor& t) {
    Shape shape = t.shape;
    if (m_kn_layout.count(t.id)) shape = {t.shape[1], t.shape[0]};
    switch (t.kind) {
      case TensorKind::activation:
        set_type(m_graph->add_value_info(), t, shape);
        return;
      case TensorKind::input:
        set_type(m_graph->add_input(), t, shape);
        return;
      case TensorKind::state:
      case TensorKind::constant: {
        auto* v = m_graph->add_input();
        set_type(v, t, shape);
        v->set_doc_string(t.kind == TensorKind::state ? kStateTag : kConstantTag);
        return;
      }
      case TensorKind::weight:
        if (m_with_weights) {
          auto* init = m_graph->add_initializer();
          init->set_name(t.name);
          init->set_data_type(to_onnx(t.dtype));
          for (auto d : shape) init->add_dims(d);
          init->set_raw_data(std::string(t.bytes(), '\0'));
        } else {
          auto* v = m_graph->add_input();
          set_type(v, t, shape);
          v->set_doc_string(kWeightTag);
        }
        return;
    }
  }

  std::string int_initializer(const std::string& name, const I& values) {
    auto* init = m_graph->add_initializer();
    init->set_name(name);
    init->set_data_type(onnx::TensorProto::INT64);
    init->add_dims(static_cast<std::int64_t>(values.size()));
    for (auto v : values) init->add_int64_data(v);
    return name;
  }

  onnx::NodeProto* node(const Op& op, const std::string& type, const std::string& name,
                        bool coda = false) {
    auto* n = m_graph->add_node();
    n->set_op_type(type);
    n->set_name(name);
    if (coda) n->set_domain(kCodaDomain);
    for (TensorId t : op.inputs) n->add_input(m_g.tensor(t).name);
    for (TensorId t : op.outputs) n->add_output(m_g.tensor(t).name);
    return n;
  }
  static void attr(onnx::NodeProto* n, const std::string& key, const AttrValue& v) {
    auto* a = n->add_attribute();
    a->set_name(key);
    if (auto* i = std::get_if<std::int64_t>(&v)) {
      a->set_type(onnx::AttributeProto::INT);
      a->set_i(*i);
    } else if (auto* l = std::get_if<I>(&v)) {
      a->set_type(onnx::AttributeProto::INTS);
      for (auto x : *l) a->add_ints(x);
    } else if (auto* d = std::get_if<double>(&v)) {
      a->set_type(onnx::AttributeProto::FLOAT);
      a->set_f(static_cast<float>(*d));
    } else {
      a->set_type(onnx::AttributeProto::STRING);
      a->set_s(std::get<std::string>(v));
    }
  }
  void copy_attrs(onnx::NodeProto* n, const Op& op, const std::vector<std::string>& keys) {
    for (const auto& k : keys) attr(n, k, *op.attrs.find(k));
  }

  void fully_connected(const Op& op) {
    const Shape& x = m_g.tensor(op.inputs[0]).shape;
    if (x.size() == 2) {
      attr(node(op, "Gemm", op.name), "transB", std::int64_t{1});
      return;
    }
    if (!m_kn_layout.count(op.inputs[1])) {
      node(op, "FullyConnected", op.name, true);
      return;
    }
    const bool bias = op.inputs.size() > 2;
    auto* mm = m_graph->add_node();
    mm->set_op_type("MatMul");
    mm->set_name(bias ? op.name + ".matmul" : op.name);
    mm->add_input(m_g.tensor(op.inputs[0]).name);
    mm->add_input(m_g.tensor(op.inputs[1]).name);
    mm->add_output(bias ? op.name + ".matmul" : m_g.tensor(op.outputs[0]).name);
    if (!bias) return;
    auto* add = m_graph->add_node();
    add->set_op_type("Add");
    add->set_name(op.name);
    add->add_input(op.name + ".matmul");
    add->add_input(m_g.tensor(op.inputs[2]).name);
    add->add_output(m_g.tensor(op.outputs[0]).name);
  }

  void op(const Op& op) {
    static const std::map<OpKind, std::pair<const char*, bool>> plain = {
        {OpKind::matmul, {"MatMul", false}},
        {OpKind::add, {"Add", false}},
        {OpKind::sub, {"Sub", false}},
        {OpKind::mul, {"Mul", false}},
        {OpKind::div, {"Div", false}},
        {OpKind::relu, {"Relu", false}},
        {OpKind::sigmoid, {"Sigmoid", false}},
        {OpKind::tanh, {"Tanh", false}},
        {OpKind::hard_swish, {"HardSwish", false}},
        {OpKind::identity, {"Identity", false}},
        {OpKind::global_avg_pool, {"GlobalAveragePool", false}},
        {OpKind::relu6, {"Relu6", true}},
        {OpKind::silu, {"Silu", true}},
        {OpKind::gelu, {"Gelu", true}},
        {OpKind::kv_cache_read, {"KvCacheRead", true}}};
    auto it = plain.find(op.kind);
    if (it != plain.end()) {
      node(op, it->second.first, op.name, it->second.second);
      return;
    }
    onnx::NodeProto* n = nullptr;
    switch (op.kind) {
      case OpKind::conv2d: {
        n = node(op, "Conv", op.name);
        const Shape& w = m_g.tensor(op.inputs[1]).shape;
        attr(n, "kernel_shape", I{w[2], w[3]});
        copy_attrs(n, op, {"strides", "pads", "dilations", "group"});
        return;
      }
      case OpKind::fully_connected:
        return fully_connected(op);
      case OpKind::batch_norm: {
        n = node(op, "BatchNormalization", op.name);
        n->add_input(op.name + ".running_mean");  // folded statistics: never materialised
        n->add_input(op.name + ".running_var");
        const Tensor& scale = m_g.tensor(op.inputs[1]);
        for (const char* s : {".running_mean", ".running_var"}) {
          Tensor stat = scale;
          stat.name = op.name + s;
          auto* v = m_graph->add_input();
          set_type(v, stat, stat.shape);
          v->set_doc_string(kConstantTag);
        }
        copy_attrs(n, op, {"epsilon"});
        return;
      }
      case OpKind::layer_norm:
        copy_attrs(node(op, "LayerNormalization", op.name), op, {"axis", "epsilon"});
        return;
      case OpKind::rms_norm:
        copy_attrs(node(op, "RmsNorm", op.name, true), op, {"axis", "epsilon"});
        return;
      case OpKind::softmax:
        copy_attrs(node(op, "Softmax", op.name), op, {"axis"});
        return;
      case OpKind::max_pool:
        copy_attrs(node(op, "MaxPool", op.name), op, {"kernel_shape", "strides", "pads"});
        return;
      case OpKind::avg_pool:
        copy_attrs(node(op, "AveragePool", op.name), op,
                   {"kernel_shape", "strides", "pads", "count_include_pad"});
        return;
      case OpKind::reduce_mean:
        copy_attrs(node(op, "ReduceMean", op.name), op, {"axes", "keepdims"});
        return;
      case OpKind::reduce_sum:
        n = node(op, "ReduceSum", op.name);
        n->add_input(int_initializer(op.name + ".axes", op.attrs.get_ints("axes", {})));
        copy_attrs(n, op, {"keepdims"});
        return;
      case OpKind::reshape:
        node(op, "Reshape", op.name)
            ->add_input(
                int_initializer(op.name + ".shape", to_ints(m_g.tensor(op.outputs[0]).shape)));
        return;
      case OpKind::transpose:
        copy_attrs(node(op, "Transpose", op.name), op, {"perm"});
        return;
      case OpKind::concat:
        copy_attrs(node(op, "Concat", op.name), op, {"axis"});
        return;
      case OpKind::split:
        n = node(op, "Split", op.name);
        n->add_input(int_initializer(op.name + ".split", op.attrs.get_ints("split", {})));
        copy_attrs(n, op, {"axis"});
        return;
      case OpKind::pad:
        node(op, "Pad", op.name)
            ->add_input(int_initializer(op.name + ".pads", op.attrs.get_ints("pads", {})));
        return;
      case OpKind::space_to_depth:
        copy_attrs(node(op, "SpaceToDepth", op.name), op, {"blocksize"});
        return;
      case OpKind::depth_to_space:
        copy_attrs(node(op, "DepthToSpace", op.name), op, {"blocksize"});
        return;
      case OpKind::broadcast_to:
        node(op, "Expand", op.name)
            ->add_input(int_initializer(op.name + ".shape", op.attrs.get_ints("shape", {})));
        return;
      case OpKind::embedding: {
        n = m_graph->add_node();
        n->set_op_type("Gather");
        n->set_name(op.name);
        n->add_input(m_g.tensor(op.inputs[1]).name);
        n->add_input(m_g.tensor(op.inputs[0]).name);
        n->add_output(m_g.tensor(op.outputs[0]).name);
        attr(n, "axis", std::int64_t{0});
        return;
      }
      case OpKind::kv_cache_append:
        copy_attrs(node(op, "KvCacheAppend", op.name, true), op, {"axis"});
        return;
      default:
        throw core::InputError("ONNX export: op '" + op.name + "' (" + to_string(op.kind) +
                               ") has no mapping");
    }
  }

  const Graph& m_g;
  bool m_with_weights;
  onnx::GraphProto* m_graph = nullptr;
  std::set<TensorId> m_kn_layout;
};

}  // namespace

void save_onnx_model(const Graph& g, const std::string& path, bool with_weights) {
  const onnx::ModelProto m = Exporter(g, with_weights).run();
  std::ofstream out(path, std::ios::binary);
  if (!out || !m.SerializeToOstream(&out))
    throw core::InputError({path, 0, 0}, "", "cannot write file");
}

}  // namespace coda::models
