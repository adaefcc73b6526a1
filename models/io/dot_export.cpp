#include "models/io/dot_export.h"

#include <sstream>

#include "models/graph/counters.h"

namespace coda::models {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const char* colour(OpClass c) {
  switch (c) {
    case OpClass::matrix:
      return "lightblue";
    case OpClass::data_movement:
      return "lightgrey";
    case OpClass::kv_cache:
      return "khaki";
    default:
      return "white";
  }
}

}  // namespace

std::string to_dot(const Graph& g) {
  std::ostringstream out;
  out << "digraph \"" << escape(g.name())
      << "\" {\n  rankdir=TB;\n  node [shape=box, style=filled, "
      << "fontname=\"Helvetica\", fontsize=10];\n";
  for (const auto& t : g.tensors()) {
    if (t.kind != TensorKind::input && t.kind != TensorKind::state) continue;
    out << "  t" << t.id << " [shape=ellipse, fillcolor=palegreen, label=\"" << escape(t.name)
        << "\\n"
        << to_string(t.shape) << " " << to_string(t.dtype) << "\"];\n";
  }
  for (const Op& op : g.ops()) {
    const OpCounts c = count_op(g, op);
    out << "  op" << op.id << " [fillcolor=" << colour(op_info(op.kind).op_class) << ", label=\""
        << escape(op.name) << "\\n"
        << to_string(op.kind);
    if (c.macs) out << "  " << c.macs << " MACs";
    out << "\"];\n";
  }
  for (const Op& op : g.ops()) {
    for (TensorId id : op.inputs) {
      const Tensor& t = g.tensor(id);
      if (t.kind == TensorKind::weight || t.kind == TensorKind::constant) continue;
      const std::string from =
          t.producer == kNoOp ? "t" + std::to_string(t.id) : "op" + std::to_string(t.producer);
      out << "  " << from << " -> op" << op.id << " [label=\"" << to_string(t.shape)
          << "\", fontsize=8];\n";
    }
  }
  for (TensorId id : g.outputs()) {
    const Tensor& t = g.tensor(id);
    out << "  out" << id << " [shape=ellipse, fillcolor=salmon, label=\"" << escape(t.name) << "\\n"
        << to_string(t.shape) << "\"];\n  op" << t.producer << " -> out" << id << ";\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace coda::models
