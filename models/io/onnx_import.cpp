// ONNX -> Graph: reading the model, graph inputs, initializers and outputs.
#include <fstream>

#include "models/io/onnx_importer.h"
#include "models/io/onnx_io.h"

namespace coda::models {
namespace onnx_io {

Graph Importer::run() {
  const onnx::GraphProto& gp = m_model.graph();
  m_graph.set_name(gp.name().empty() ? "onnx_model" : gp.name());
  for (const auto& t : gp.initializer()) m_inits[t.name()] = &t;
  for (const auto& t : gp.initializer()) {
    if (is_int_type(t.data_type()))
      m_ints[t.name()] = {Shape(t.dims().begin(), t.dims().end()), int_values(t)};
  }
  for (int i = 0; i < gp.input_size(); ++i) declare_input(gp.input(i), i);
  for (const auto& n : gp.node()) {
    for (const auto& in : n.input()) ++m_uses[in];
  }
  for (int i = 0; i < gp.node_size(); ++i) {
    if (m_skip.count(i)) continue;
    m_index = i;
    node(gp.node(i));
  }
  for (int i = 0; i < gp.output_size(); ++i) {
    const std::string& name = gp.output(i).name();
    auto it = m_tensors.find(name);
    if (it == m_tensors.end())
      fail("graph.output[" + std::to_string(i) + "]",
           "output '" + name + "' is not produced by any node");
    m_graph.mark_output(it->second);
    check_declared(gp.output(i), "graph.output[" + std::to_string(i) + "]");
  }
  for (int i = 0; i < gp.value_info_size(); ++i) {
    if (m_tensors.count(gp.value_info(i).name())) {
      check_declared(gp.value_info(i), "graph.value_info[" + std::to_string(i) + "]");
    }
  }
  return std::move(m_graph);
}

void Importer::declare_input(const onnx::ValueInfoProto& v, int index) {
  if (m_inits.count(v.name())) return;  // older IR: initializers are listed as inputs too
  const std::string path = "graph.input[" + std::to_string(index) + "]";
  if (!v.type().has_tensor_type()) fail(path, "input '" + v.name() + "' is not a tensor");
  const auto& tt = v.type().tensor_type();
  const auto dt = from_onnx(tt.elem_type());
  if (!dt)
    fail(path,
         "input '" + v.name() + "' has unsupported element type " + onnx_type_name(tt.elem_type()));
  Shape shape;
  for (int i = 0; i < tt.shape().dim_size(); ++i) {
    const auto& d = tt.shape().dim(i);
    if (d.has_dim_value() && d.dim_value() >= 1) {
      shape.push_back(d.dim_value());
      continue;
    }
    auto given = m_dims.find(d.dim_param());
    if (!d.dim_param().empty() && given != m_dims.end()) {
      shape.push_back(given->second);
      continue;
    }
    if (d.dim_param().empty()) {
      fail(path, "input '" + v.name() + "' has an unknown dimension " + std::to_string(i) +
                     "; export the model with fixed input shapes");
    }
    fail(path, "input '" + v.name() + "' has the symbolic dimension '" + d.dim_param() +
                   "'; give it a value (knob dim." + d.dim_param() + "=N)");
  }
  TensorKind kind = TensorKind::input;
  if (v.doc_string() == kWeightTag) {
    m_lazy_weights[v.name()] = {shape, *dt};
    return;
  }
  if (v.doc_string() == kConstantTag) {
    m_lazy_constants[v.name()] = {shape, *dt};
    return;
  }
  if (v.doc_string() == kConstantTag) kind = TensorKind::constant;
  if (v.doc_string() == kStateTag) kind = TensorKind::state;
  m_tensors[v.name()] = m_graph.add_tensor(v.name(), shape, *dt, kind);
}

// Materialises initializers and constants on first use.
TensorId Importer::tensor(const onnx::NodeProto& n, const std::string& name) {
  auto it = m_tensors.find(name);
  if (it != m_tensors.end()) return it->second;
  auto lazy = m_lazy_weights.find(name);
  if (lazy != m_lazy_weights.end()) {
    return m_tensors[name] = m_graph.add_tensor(name, lazy->second.first, lazy->second.second,
                                                TensorKind::weight);
  }
  auto lazy_c = m_lazy_constants.find(name);
  if (lazy_c != m_lazy_constants.end()) {
    return m_tensors[name] = m_graph.add_tensor(name, lazy_c->second.first, lazy_c->second.second,
                                                TensorKind::constant);
  }
  auto init = m_inits.find(name);
  if (init != m_inits.end()) {
    const auto dt = from_onnx(init->second->data_type());
    if (!dt)
      fail_node(n, "initializer '" + name + "' has unsupported element type " +
                       onnx_type_name(init->second->data_type()));
    const bool integer = is_int_type(init->second->data_type());
    const Shape dims(init->second->dims().begin(), init->second->dims().end());
    return m_tensors[name] = m_graph.add_tensor(
               name, dims, *dt, integer ? TensorKind::constant : TensorKind::weight);
  }
  auto c = m_ints.find(name);
  if (c != m_ints.end()) {
    return m_tensors[name] =
               m_graph.add_tensor(name, c->second.dims, DType::int64, TensorKind::constant);
  }
  auto f = m_float_consts.find(name);
  if (f != m_float_consts.end()) {
    return m_tensors[name] =
               m_graph.add_tensor(name, f->second.first, f->second.second, TensorKind::constant);
  }
  fail_node(n,
            "input '" + name + "' is not a graph input, initializer or output of an earlier node");
}

I Importer::pads(const onnx::NodeProto& n, const Shape& x, const I& kernel, const I& strides,
                 const I& dil) const {
  const std::string mode = attr_string(n, "auto_pad", "NOTSET");
  if (mode == "NOTSET") return attr_ints(n, "pads", I(4, 0));
  I p(4, 0);
  if (mode == "VALID") return p;
  if (mode != "SAME_UPPER" && mode != "SAME_LOWER")
    fail_node(n, "auto_pad '" + mode + "' is not supported");
  for (int a = 0; a < 2; ++a) {
    const std::int64_t in = x[static_cast<std::size_t>(2 + a)],
                       s = strides[static_cast<std::size_t>(a)];
    const std::int64_t span =
        dil[static_cast<std::size_t>(a)] * (kernel[static_cast<std::size_t>(a)] - 1) + 1;
    const std::int64_t total = std::max<std::int64_t>(0, ((in + s - 1) / s - 1) * s + span - in);
    const std::int64_t small = total / 2;
    p[static_cast<std::size_t>(a)] = mode == "SAME_UPPER" ? small : total - small;
    p[static_cast<std::size_t>(a + 2)] = total - p[static_cast<std::size_t>(a)];
  }
  return p;
}

bool Importer::weight_info(const std::string& name, Shape& shape, DType& dtype) const {
  auto lazy = m_lazy_weights.find(name);
  if (lazy != m_lazy_weights.end()) {
    shape = lazy->second.first;
    dtype = lazy->second.second;
    return true;
  }
  auto init = m_inits.find(name);
  if (init == m_inits.end() || is_int_type(init->second->data_type())) return false;
  const auto dt = from_onnx(init->second->data_type());
  if (!dt) return false;
  shape.assign(init->second->dims().begin(), init->second->dims().end());
  dtype = *dt;
  return true;
}

TensorId Importer::weight_transposed(const std::string& name) {
  if (m_transposed.count(name)) return m_tensors.at(name);
  if (m_tensors.count(name)) return -1;
  Shape s;
  DType dt;
  if (!weight_info(name, s, dt) || s.size() != 2) return -1;
  m_transposed.insert(name);
  return m_tensors[name] = m_graph.add_tensor(name, {s[1], s[0]}, dt, TensorKind::weight);
}

void Importer::check_declared(const onnx::ValueInfoProto& v, const std::string& path) const {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return;
  Shape declared;
  for (const auto& d : v.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value()) return;  // symbolic: nothing to compare
    declared.push_back(d.dim_value());
  }
  const Tensor& t = m_graph.tensor(m_tensors.at(v.name()));
  if (declared != t.shape) {
    fail(path, "'" + v.name() + "' is declared " + to_string(declared) + " but infers to " +
                   to_string(t.shape));
  }
}

}  // namespace onnx_io

Graph load_onnx_model(const std::string& path, const std::map<std::string, std::int64_t>& dims) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw core::InputError({path, 0, 0}, "", "cannot open file");
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  onnx::ModelProto model;
  if (bytes.empty() || !model.ParseFromString(bytes)) {
    throw core::InputError({path, 0, 0}, "",
                           "not a valid ONNX model: the protobuf data is truncated or corrupt (" +
                               std::to_string(bytes.size()) + " bytes)");
  }
  if (!model.has_graph())
    throw core::InputError({path, 0, 0}, "", "not a valid ONNX model: no graph");
  for (const auto& [name, value] : dims) {
    if (value < 1) {
      throw core::InputError({}, "knob dim." + name,
                             "a dimension must be >= 1, got " + std::to_string(value));
    }
  }
  return onnx_io::Importer(path, model, dims).run();
}

bool onnx_available() { return true; }

}  // namespace coda::models
