// to_yaml: the YAML model format writer (see yaml_model.h).
#include <sstream>

#include "models/io/yaml_model.h"

namespace coda::models {
namespace {

// Plain names stay bare; anything else is double-quoted.
std::string quote(const std::string& s) {
  bool plain = !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s)
    plain =
        plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-');
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string attr_text(const AttrValue& v) {
  if (auto* s = std::get_if<std::string>(&v)) return quote(*s);
  if (auto* d = std::get_if<double>(&v)) {
    std::string t = to_string(v);
    if (t.find_first_of(".eE") == std::string::npos) t += ".0";  // stays a float when read back
    (void)d;
    return t;
  }
  return to_string(v);
}

void section(std::ostringstream& out, const Graph& g, TensorKind kind, const char* title,
             DType dt) {
  bool any = false;
  for (const auto& t : g.tensors()) {
    if (t.kind != kind) continue;
    if (!any) out << title << ":\n";
    any = true;
    out << "  " << quote(t.name) << ": {shape: " << to_string(t.shape);
    if (t.dtype != dt) out << ", dtype: " << to_string(t.dtype);
    out << "}\n";
  }
}

}  // namespace

std::string to_yaml(const Graph& g) {
  // The most common weight dtype becomes the file default.
  DType dt = DType::bf16;
  for (const auto& t : g.tensors()) {
    if (t.kind == TensorKind::weight) {
      dt = t.dtype;
      break;
    }
  }
  std::ostringstream out;
  out << "# Coda model file (docs/models.md)\n";
  out << "name: " << quote(g.name()) << "\n";
  out << "dtype: " << to_string(dt) << "\n";
  section(out, g, TensorKind::input, "inputs", dt);
  section(out, g, TensorKind::weight, "weights", dt);
  section(out, g, TensorKind::constant, "constants", dt);
  section(out, g, TensorKind::state, "state", dt);
  out << "ops:\n";
  for (OpId id : g.topo_order()) {
    const Op& op = g.op(id);
    out << "  - {name: " << quote(op.name) << ", op: " << to_string(op.kind) << ", inputs: [";
    for (std::size_t i = 0; i < op.inputs.size(); ++i) {
      out << (i ? ", " : "") << quote(g.tensor(op.inputs[i]).name);
    }
    out << "]";
    if (!op.attrs.values().empty()) {
      out << ", attrs: {";
      bool first = true;
      for (const auto& [key, value] : op.attrs.values()) {
        out << (first ? "" : ", ") << key << ": " << attr_text(value);
        first = false;
      }
      out << "}";
    }
    out << "}\n";
  }
  out << "outputs: [";
  const auto outs = g.outputs();
  for (std::size_t i = 0; i < outs.size(); ++i)
    out << (i ? ", " : "") << quote(g.tensor(outs[i]).name);
  out << "]\n";
  return out.str();
}

}  // namespace coda::models
