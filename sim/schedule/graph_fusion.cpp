#include "sim/schedule/graph_fusion.h"

#include "models/graph/op_kind.h"

namespace coda::schedule {
namespace {

using models::OpKind;

bool is_activation(OpKind k) {
  switch (k) {
    case OpKind::relu:
    case OpKind::relu6:
    case OpKind::silu:
    case OpKind::gelu:
    case OpKind::sigmoid:
    case OpKind::tanh:
    case OpKind::hard_swish:
    case OpKind::identity:
      return true;
    default:
      return false;
  }
}

bool is_binary(OpKind k) {
  return k == OpKind::add || k == OpKind::sub || k == OpKind::mul || k == OpKind::div;
}

// The other operand of a binary op reading `t`, or -1.
models::TensorId other_operand(const models::Op& op, models::TensorId t) {
  for (auto in : op.inputs) {
    if (in != t) return in;
  }
  return op.inputs.size() == 2 ? t : -1;  // x + x
}

}  // namespace

std::array<float, arch::kVectorOpClasses> activation_ops(models::OpKind kind) {
  std::array<float, arch::kVectorOpClasses> ops{};
  auto set = [&](arch::VectorOpClass c, float v) { ops[static_cast<int>(c)] += v; };
  switch (kind) {
    case OpKind::relu:
      set(arch::VectorOpClass::compare_select, 1);
      break;
    case OpKind::relu6:
      set(arch::VectorOpClass::compare_select, 2);
      break;
    case OpKind::silu:  // x * sigmoid(x)
      set(arch::VectorOpClass::transcendental, 2);
      set(arch::VectorOpClass::add_mul, 2);
      break;
    case OpKind::gelu:  // tanh approximation
      set(arch::VectorOpClass::transcendental, 1);
      set(arch::VectorOpClass::add_mul, 6);
      break;
    case OpKind::sigmoid:
      set(arch::VectorOpClass::transcendental, 2);
      set(arch::VectorOpClass::add_mul, 1);
      break;
    case OpKind::tanh:
      set(arch::VectorOpClass::transcendental, 1);
      break;
    case OpKind::hard_swish:
      set(arch::VectorOpClass::add_mul, 3);
      set(arch::VectorOpClass::compare_select, 2);
      break;
    default:
      break;
  }
  return ops;
}

bool may_join_epilogue(models::OpKind kind) {
  return is_activation(kind) || kind == OpKind::batch_norm || is_binary(kind);
}

models::OpIds epilogue_chain(const models::Graph& g, models::OpId op) {
  models::OpIds chain;
  models::TensorId t = g.op(op).outputs.front();
  while (true) {
    const auto& readers = g.readers(t);
    if (readers.size() != 1 || g.is_output(t)) break;
    const models::Op& r = g.op(readers.front());
    if (!may_join_epilogue(r.kind)) break;
    bool ok = true;
    if (is_binary(r.kind)) {
      const models::TensorId other = other_operand(r, t);
      const auto& o = g.tensor(other);
      // A same-shape operand is a residual (read in the epilogue); a smaller one a broadcast
      // constant (bias, scale). Either way the output keeps t's shape.
      // The other operand must exist before `op` runs (ops are lowered in id order): an input,
      // a constant, or the output of an earlier op; else the add belongs to its later producer.
      ok = other >= 0 && g.tensor(r.outputs.front()).shape == g.tensor(t).shape &&
           (o.shape == g.tensor(t).shape || o.elements() < g.tensor(t).elements()) &&
           (o.producer == models::kNoOp || o.producer < op);
    }
    if (!ok || r.outputs.size() != 1) break;
    chain.push_back(r.id);
    t = r.outputs.front();
  }
  return chain;
}

Epilogue epilogue_of(const models::Graph& g, models::OpId op, const models::OpIds& chain,
                     const std::vector<arch::MemLevel>& tensor_levels) {
  Epilogue e;
  models::TensorId t = g.op(op).outputs.front();
  for (models::OpId id : chain) {
    const models::Op& r = g.op(id);
    e.names += (e.names.empty() ? "" : "+") + models::to_string(r.kind);
    if (r.kind == OpKind::batch_norm) {
      // Folded for inference into the weights and a per-channel bias: one add per element.
      e.ops_per_element[static_cast<int>(arch::VectorOpClass::add_mul)] += 1;
    } else if (is_binary(r.kind)) {
      e.ops_per_element[static_cast<int>(arch::VectorOpClass::add_mul)] += 1;
      if (r.kind == OpKind::div) {
        e.ops_per_element[static_cast<int>(arch::VectorOpClass::transcendental)] += 1;
      }
      const models::TensorId other = other_operand(r, t);
      if (g.tensor(other).shape == g.tensor(t).shape && other != t) {
        e.extra_inputs.push_back(tensor_levels[other]);  // a residual
      }
    } else {
      const auto ops = activation_ops(r.kind);
      for (int c = 0; c < arch::kVectorOpClasses; ++c) e.ops_per_element[c] += ops[c];
    }
    t = r.outputs.front();
  }
  return e;
}

}  // namespace coda::schedule
