// A model as a dataflow graph of ops over tensors, with shape inference at construction.
// Boost.Graph is used inside graph.cpp only; this API is what every other layer sees.
#pragma once

#include <string>
#include <vector>

#include "models/graph/attrs.h"
#include "models/graph/name_index.h"
#include "models/graph/op_kind.h"
#include "models/graph/tensor.h"
#include "sim/core/small_vector.h"

namespace coda::models {

// An op's tensors: a few, kept inline (graphs are built in the search's inner loop).
using TensorIds = boost::container::small_vector<TensorId, 4>;
using OpIds = boost::container::small_vector<OpId, 3>;  // a tensor's readers

struct Op {
  OpId id = -1;
  OpKind kind = OpKind::identity;
  std::string name;
  TensorIds inputs;  // in the order of op_info(kind).inputs
  TensorIds outputs;
  Attrs attrs;  // complete: every declared attribute present (defaults filled)
};

class Graph {
 public:
  explicit Graph(std::string name = "model") : m_name(std::move(name)) {}

  const std::string& name() const { return m_name; }
  void set_name(std::string name) { m_name = std::move(name); }

  // A tensor not produced by an op (kind input, weight, constant or state). Names are unique.
  TensorId add_tensor(std::string name, Shape shape, DType dtype, TensorKind kind);

  // Adds an op over existing tensors: checks the input count, completes the attributes, infers
  // the output shapes and dtype, creates the outputs (named `name` or `name:i`) and returns their
  // ids. Throws core::InputError naming the op, its inputs' shapes and what was expected.
  std::vector<TensorId> add_op(OpKind kind, std::string name, const TensorIds& inputs,
                               Attrs attrs = {});
  // Same for single-output ops; returns the output.
  TensorId add(OpKind kind, std::string name, const TensorIds& inputs, Attrs attrs = {});

  // Graph outputs (a model's results). Tensors nobody consumes are outputs too when none is marked.
  void mark_output(TensorId t);
  std::vector<TensorId> outputs() const;
  bool is_output(TensorId t) const;      // whether outputs() holds t, without building the list
  std::vector<TensorId> inputs() const;  // kind input or state, in creation order

  const std::vector<Op>& ops() const { return m_ops; }
  const std::vector<Tensor>& tensors() const { return m_tensors; }
  const Op& op(OpId id) const { return m_ops.at(static_cast<std::size_t>(id)); }
  const Tensor& tensor(TensorId id) const { return m_tensors.at(static_cast<std::size_t>(id)); }
  std::size_t num_ops() const { return m_ops.size(); }
  // -1 when absent.
  TensorId find_tensor(const std::string& name) const;
  OpId find_op(const std::string& name) const;

  // Ops in a dependency-respecting order (Boost.Graph topological sort). Note that op ids are
  // already a valid order since add_op only reads existing tensors; schedulers may use either.
  std::vector<OpId> topo_order() const;
  // Ops producing this op's inputs / consuming its outputs (each once, ascending id).
  std::vector<OpId> producers(OpId op) const;
  std::vector<OpId> consumers(OpId op) const;
  // Ops reading a tensor.
  const OpIds& readers(TensorId t) const { return m_readers.at(t); }

  // A new graph with the given ops only. Activations they read from outside become inputs of
  // kind input; weights stay weights; tensors read outside the set or marked become outputs.
  Graph subgraph(const std::vector<OpId>& ops) const;

  // Re-checks the invariants: acyclic, every op input exists and is produced before use or is a
  // non-activation tensor, shapes re-infer to the stored ones. Throws core::InputError.
  void validate() const;

 private:
  // add_op's work; returns the new op's id.
  OpId append_op(OpKind kind, std::string name, const TensorIds& inputs, Attrs attrs);
  // How the name indexes read names back.
  auto tensor_name() const {
    return [this](std::int32_t id) -> const std::string& {
      return m_tensors[static_cast<std::size_t>(id)].name;
    };
  }
  auto op_name() const {
    return [this](std::int32_t id) -> const std::string& {
      return m_ops[static_cast<std::size_t>(id)].name;
    };
  }

  std::string m_name;
  std::vector<Tensor> m_tensors;
  std::vector<Op> m_ops;
  std::vector<OpIds> m_readers;  // per tensor
  std::vector<TensorId> m_marked_outputs;
  NameIndex m_tensor_index, m_op_index;
};

}  // namespace coda::models
