#include "models/graph/graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <set>

#include "models/graph/shape_inference.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
}

TensorId Graph::add_tensor(std::string name, Shape shape, DType dtype, TensorKind kind) {
  if (kind == TensorKind::activation) {
    throw core::InputError("tensor '" + name + "': activations are created by ops, not added");
  }
  for (auto d : shape) {
    if (d <= 0) {
      throw core::InputError("tensor '" + name + "': every dimension must be >= 1, got " +
                             to_string(shape));
    }
  }
  const auto id = static_cast<TensorId>(m_tensors.size());
  if (!m_tensor_index.insert(name, id, tensor_name())) {
    throw core::InputError("tensor '" + name + "' is defined twice");
  }
  Tensor t;
  t.id = id;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.dtype = dtype;
  t.kind = kind;
  m_tensors.push_back(std::move(t));
  m_readers.emplace_back();
  return id;
}

std::vector<TensorId> Graph::add_op(OpKind kind, std::string name, const TensorIds& inputs,
                                    Attrs attrs) {
  const Op& op =
      m_ops[static_cast<std::size_t>(append_op(kind, std::move(name), inputs, std::move(attrs)))];
  return {op.outputs.begin(), op.outputs.end()};
}

OpId Graph::append_op(OpKind kind, std::string name, const TensorIds& inputs, Attrs attrs) {
  if (find_op(name) >= 0) throw core::InputError("op '" + name + "' is defined twice");
  TensorRefs in;
  for (TensorId t : inputs) {
    if (t < 0 || static_cast<std::size_t>(t) >= m_tensors.size()) {
      throw core::InputError("op '" + name + "' (" + to_string(kind) + "): input id " +
                             std::to_string(t) + " does not exist");
    }
    in.push_back(&m_tensors[static_cast<std::size_t>(t)]);
  }
  Op op;
  op.id = static_cast<OpId>(m_ops.size());
  op.kind = kind;
  op.name = name;
  op.inputs.assign(inputs.begin(), inputs.end());
  op.attrs = complete_attrs(kind, std::move(attrs), name);
  InferredOutputs outs = infer_outputs(kind, name, in, op.attrs);
  op.outputs.reserve(outs.size());
  for (std::size_t i = 0; i < outs.size(); ++i) {
    // A single output takes the op's name; the op keeps its copy (op.name).
    std::string tname = outs.size() == 1 ? std::move(name) : name + ":" + std::to_string(i);
    const auto id = static_cast<TensorId>(m_tensors.size());
    if (!m_tensor_index.insert(tname, id, tensor_name())) {
      throw core::InputError("op '" + op.name + "': output tensor name '" + tname + "' is taken");
    }
    Tensor t;
    t.id = id;
    t.name = std::move(tname);
    t.shape = std::move(outs[i].shape);
    t.dtype = outs[i].dtype;
    t.kind = TensorKind::activation;
    t.producer = op.id;
    m_tensors.push_back(std::move(t));
    m_readers.emplace_back();
    op.outputs.push_back(id);
  }
  for (TensorId t : inputs) {
    auto& r = m_readers[static_cast<std::size_t>(t)];
    if (r.empty() || r.back() != op.id) r.push_back(op.id);
  }
  m_ops.push_back(std::move(op));
  m_op_index.insert_absent(m_ops.back().name, m_ops.back().id);
  return m_ops.back().id;
}

TensorId Graph::add(OpKind kind, std::string name, const TensorIds& inputs, Attrs attrs) {
  const Op& op =
      m_ops[static_cast<std::size_t>(append_op(kind, std::move(name), inputs, std::move(attrs)))];
  if (op.outputs.size() != 1) {
    throw core::InputError("op '" + op.name + "' has " + std::to_string(op.outputs.size()) +
                           " outputs; use add_op");
  }
  return op.outputs[0];
}

void Graph::mark_output(TensorId t) {
  tensor(t);  // range check
  if (std::find(m_marked_outputs.begin(), m_marked_outputs.end(), t) == m_marked_outputs.end()) {
    m_marked_outputs.push_back(t);
  }
}

std::vector<TensorId> Graph::outputs() const {
  if (!m_marked_outputs.empty()) return m_marked_outputs;
  std::vector<TensorId> out;
  for (const auto& t : m_tensors) {
    if (t.kind == TensorKind::activation && m_readers[static_cast<std::size_t>(t.id)].empty()) {
      out.push_back(t.id);
    }
  }
  return out;
}

bool Graph::is_output(TensorId t) const {
  if (!m_marked_outputs.empty()) {
    return std::find(m_marked_outputs.begin(), m_marked_outputs.end(), t) != m_marked_outputs.end();
  }
  const Tensor& x = tensor(t);
  return x.kind == TensorKind::activation && m_readers[static_cast<std::size_t>(t)].empty();
}

std::vector<TensorId> Graph::inputs() const {
  std::vector<TensorId> out;
  for (const auto& t : m_tensors) {
    if (t.kind == TensorKind::input || t.kind == TensorKind::state) out.push_back(t.id);
  }
  return out;
}

TensorId Graph::find_tensor(const std::string& name) const {
  return m_tensor_index.find(name, tensor_name());
}

OpId Graph::find_op(const std::string& name) const { return m_op_index.find(name, op_name()); }

std::vector<OpId> Graph::producers(OpId id) const {
  std::set<OpId> out;
  for (TensorId t : op(id).inputs) {
    if (tensor(t).producer != kNoOp) out.insert(tensor(t).producer);
  }
  return {out.begin(), out.end()};
}

std::vector<OpId> Graph::consumers(OpId id) const {
  std::set<OpId> out;
  for (TensorId t : op(id).outputs) {
    for (OpId r : readers(t)) out.insert(r);
  }
  return {out.begin(), out.end()};
}

std::vector<OpId> Graph::topo_order() const {
  // boost::topological_sort writes vertices in reverse topological order, hence the final flip.
  BoostGraph g(m_ops.size());
  for (std::size_t i = 0; i < m_ops.size(); ++i) {
    for (OpId p : producers(static_cast<OpId>(i))) {
      boost::add_edge(static_cast<std::size_t>(p), i, g);
    }
  }
  std::vector<std::size_t> reversed;
  try {
    boost::topological_sort(g, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    throw core::InputError("graph '" + m_name + "': the ops form a cycle");
  }
  return {reversed.rbegin(), reversed.rend()};
}

void Graph::validate() const {
  std::vector<bool> done(m_ops.size(), false);
  for (OpId id : topo_order()) {
    const Op& o = op(id);
    TensorRefs in;
    for (TensorId t : o.inputs) {
      const Tensor& ten = tensor(t);
      if (ten.kind == TensorKind::activation &&
          (ten.producer == kNoOp || !done[static_cast<std::size_t>(ten.producer)])) {
        throw core::InputError("op '" + o.name + "': input '" + ten.name +
                               "' is not produced by any op before it");
      }
      in.push_back(&ten);
    }
    const auto outs = infer_outputs(o.kind, o.name, in, o.attrs);
    for (std::size_t i = 0; i < outs.size(); ++i) {
      const Tensor& t = tensor(o.outputs.at(i));
      if (outs[i].shape != t.shape || outs[i].dtype != t.dtype) {
        throw core::InputError("op '" + o.name + "': output '" + t.name + "' is " +
                               to_string(t.shape) + " but infers to " + to_string(outs[i].shape));
      }
    }
    done[static_cast<std::size_t>(id)] = true;
  }
}

Graph Graph::subgraph(const std::vector<OpId>& ops) const {
  std::set<OpId> chosen(ops.begin(), ops.end());
  Graph g(m_name + ".sub");
  std::vector<TensorId> map(m_tensors.size(), -1);
  auto bring = [&](TensorId t) {
    if (map[static_cast<std::size_t>(t)] >= 0) return;
    const Tensor& ten = tensor(t);
    const TensorKind kind = ten.kind == TensorKind::activation ? TensorKind::input : ten.kind;
    map[static_cast<std::size_t>(t)] = g.add_tensor(ten.name, ten.shape, ten.dtype, kind);
  };
  for (OpId id : topo_order()) {
    if (!chosen.count(id)) continue;
    const Op& o = op(id);
    TensorIds in;
    for (TensorId t : o.inputs) {
      bring(t);
      in.push_back(map[static_cast<std::size_t>(t)]);
    }
    const auto outs = g.add_op(o.kind, o.name, in, o.attrs);
    for (std::size_t i = 0; i < outs.size(); ++i) {
      map[static_cast<std::size_t>(o.outputs[i])] = outs[i];
    }
  }
  const auto marked = outputs();
  for (const Op& o : m_ops) {
    if (!chosen.count(o.id)) continue;
    for (TensorId t : o.outputs) {
      bool used_outside = std::find(marked.begin(), marked.end(), t) != marked.end();
      for (OpId r : readers(t)) used_outside = used_outside || !chosen.count(r);
      if (used_outside) g.mark_output(map[static_cast<std::size_t>(t)]);
    }
  }
  return g;
}

}  // namespace coda::models
