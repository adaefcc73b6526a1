#include "models/io/yaml_model.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::models {
namespace {

class Reader {
 public:
  explicit Reader(std::string file) : m_file(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& path,
                         const std::string& message) const {
    const YAML::Mark m = at.Mark();
    core::SourceLoc loc{m_file, 0, 0};
    if (!m.is_null()) loc = {m_file, m.line + 1, m.column + 1};
    throw core::InputError(loc, path, message);
  }

  void keys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed,
            const std::vector<std::string>& required) const {
    if (!map.IsMap()) fail(map, path, "expected a mapping");
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(
            kv.first, path.empty() ? key : path + "." + key,
            "unknown key" + core::did_you_mean(key, allowed) + "; allowed: " + core::join(allowed));
      }
    }
    for (const auto& r : required) {
      if (!map[r]) fail(map, path, "missing required key '" + r + "'");
    }
  }

  std::int64_t integer(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar()) fail(n, path, "expected an integer");
    const std::string& s = n.Scalar();
    std::size_t pos = 0;
    std::int64_t v = 0;
    try {
      v = std::stoll(s, &pos);
    } catch (const std::exception&) {
      pos = 0;
    }
    if (pos == 0 || pos != s.size()) fail(n, path, "expected an integer, got '" + s + "'");
    return v;
  }

  Shape shape(const YAML::Node& n, const std::string& path) const {
    if (!n.IsSequence() || n.size() == 0)
      fail(n, path, "expected a list of dimensions like [1, 3, 224, 224]");
    Shape s;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string p = path + "[" + std::to_string(i) + "]";
      const std::int64_t d = integer(n[i], p);
      if (d < 1) fail(n[i], p, "a dimension must be >= 1, got " + std::to_string(d));
      s.push_back(d);
    }
    return s;
  }

  DType dtype(const YAML::Node& n, const std::string& path) const {
    const auto d = n.IsScalar() ? parse_dtype(n.Scalar()) : std::nullopt;
    if (!d) {
      const std::string got = n.IsScalar() ? n.Scalar() : "a non-scalar";
      fail(n, path,
           "unknown dtype '" + got + "'" + core::did_you_mean(got, dtype_names()) +
               "; allowed: " + core::join(dtype_names()));
    }
    return *d;
  }

  AttrValue attr(const YAML::Node& n, const std::string& path) const {
    if (n.IsSequence()) {
      std::vector<std::int64_t> v;
      for (std::size_t i = 0; i < n.size(); ++i)
        v.push_back(integer(n[i], path + "[" + std::to_string(i) + "]"));
      return v;
    }
    if (!n.IsScalar()) fail(n, path, "expected a scalar or a list of integers");
    const std::string& s = n.Scalar();
    std::size_t pos = 0;
    try {
      const std::int64_t v = std::stoll(s, &pos);
      if (pos == s.size()) return v;
      const double d = std::stod(s, &pos);
      if (pos == s.size()) return d;
    } catch (const std::exception&) {
    }
    return s;
  }

  const std::string& file() const { return m_file; }

 private:
  std::string m_file;
};

struct PendingOp {
  YAML::Node node;
  std::string path, name;
  OpKind kind;
  std::vector<std::string> inputs;
  std::vector<YAML::Node> input_nodes;
  Attrs attrs;
};

void declare(const Reader& r, Graph& g, const YAML::Node& section, const std::string& key,
             TensorKind kind, DType fallback) {
  if (!section) return;
  if (!section.IsMap()) r.fail(section, key, "expected a mapping of name: {shape: [...]}");
  for (const auto& kv : section) {
    const std::string name = kv.first.Scalar();
    const std::string path = key + "." + name;
    r.keys(kv.second, path, {"shape", "dtype"}, {"shape"});
    const DType dt = kv.second["dtype"] ? r.dtype(kv.second["dtype"], path + ".dtype") : fallback;
    if (g.find_tensor(name) >= 0) r.fail(kv.first, path, "tensor '" + name + "' is defined twice");
    g.add_tensor(name, r.shape(kv.second["shape"], path + ".shape"), dt, kind);
  }
}

PendingOp read_op(const Reader& r, const YAML::Node& n, std::size_t index) {
  PendingOp p;
  p.node = n;
  p.path = "ops[" + std::to_string(index) + "]";
  r.keys(n, p.path, {"name", "op", "inputs", "attrs"}, {"name", "op", "inputs"});
  p.name = n["name"].Scalar();
  const std::string kind = n["op"].IsScalar() ? n["op"].Scalar() : "";
  const auto k = parse_op_kind(kind);
  if (!k) {
    r.fail(n["op"], p.path + ".op",
           "unknown op '" + kind + "'" + core::did_you_mean(kind, op_kind_names()) +
               "; allowed: " + core::join(op_kind_names()));
  }
  p.kind = *k;
  const YAML::Node in = n["inputs"];
  if (!in.IsSequence()) r.fail(in, p.path + ".inputs", "expected a list of tensor names");
  for (const auto& i : in) {
    p.inputs.push_back(i.Scalar());
    p.input_nodes.push_back(i);
  }
  if (n["attrs"]) {
    if (!n["attrs"].IsMap()) r.fail(n["attrs"], p.path + ".attrs", "expected a mapping");
    for (const auto& kv : n["attrs"]) {
      p.attrs.set(kv.first.Scalar(), r.attr(kv.second, p.path + ".attrs." + kv.first.Scalar()));
    }
  }
  return p;
}

// Output tensor names an op will create (see Graph::add_op).
std::vector<std::string> output_names(const PendingOp& p) {
  if (p.kind != OpKind::split) return {p.name};
  std::vector<std::string> out;
  const auto sizes =
      p.attrs.has("split") ? p.attrs.get_ints("split", {}) : std::vector<std::int64_t>{};
  for (std::size_t i = 0; i < sizes.size(); ++i) out.push_back(p.name + ":" + std::to_string(i));
  return out;
}

}  // namespace

Graph parse_yaml_model(const std::string& text, const std::string& file_label) {
  const Reader r(file_label);
  YAML::Node loaded;
  try {
    loaded = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw core::InputError({file_label, e.mark.line + 1, e.mark.column + 1}, "",
                           "YAML syntax error: " + e.msg);
  }
  const YAML::Node root = loaded;
  if (!root.IsMap()) r.fail(root, "", "expected a mapping with keys name, inputs, ops, ...");
  r.keys(root, "", {"name", "dtype", "inputs", "weights", "constants", "state", "ops", "outputs"},
         {"name", "ops"});
  const DType dt = root["dtype"] ? r.dtype(root["dtype"], "dtype") : DType::bf16;
  Graph g(root["name"].Scalar());
  declare(r, g, root["inputs"], "inputs", TensorKind::input, dt);
  declare(r, g, root["weights"], "weights", TensorKind::weight, dt);
  declare(r, g, root["constants"], "constants", TensorKind::constant, dt);
  declare(r, g, root["state"], "state", TensorKind::state, dt);

  const YAML::Node ops = root["ops"];
  if (!ops.IsSequence()) r.fail(ops, "ops", "expected a list of ops");
  std::vector<PendingOp> pending;
  std::map<std::string, std::size_t> producer;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    pending.push_back(read_op(r, ops[i], i));
    const PendingOp& p = pending.back();
    for (const auto& o : output_names(p)) {
      if (producer.count(o) || g.find_tensor(o) >= 0) {
        r.fail(ops[i]["name"], p.path + ".name", "tensor '" + o + "' is defined twice");
      }
      producer[o] = i;
    }
  }
  // Dangling inputs, then Kahn's algorithm in file order; leftovers form a cycle.
  std::vector<std::string> known;
  for (const auto& t : g.tensors()) known.push_back(t.name);
  for (const auto& [name, index] : producer) known.push_back(name);
  std::vector<int> missing(pending.size(), 0);
  std::vector<std::vector<std::size_t>> dependents(pending.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    for (std::size_t j = 0; j < pending[i].inputs.size(); ++j) {
      const std::string& in = pending[i].inputs[j];
      auto it = producer.find(in);
      if (it != producer.end()) {
        ++missing[i];
        dependents[it->second].push_back(i);
      } else if (g.find_tensor(in) < 0) {
        r.fail(pending[i].input_nodes[j], pending[i].path + ".inputs[" + std::to_string(j) + "]",
               "unknown tensor '" + in + "'" + core::did_you_mean(in, known) +
                   "; not an input, weight, constant, state or op output");
      }
    }
  }
  std::set<std::size_t> ready;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (missing[i] == 0) ready.insert(i);
  }
  std::size_t added = 0;
  while (!ready.empty()) {
    const std::size_t i = *ready.begin();
    ready.erase(ready.begin());
    const PendingOp& p = pending[i];
    TensorIds in;
    for (const auto& name : p.inputs) in.push_back(g.find_tensor(name));
    try {
      g.add_op(p.kind, p.name, in, p.attrs);
    } catch (const core::InputError& e) {
      r.fail(p.node, p.path, e.what());
    }
    ++added;
    for (std::size_t d : dependents[i]) {
      if (--missing[d] == 0) ready.insert(d);
    }
  }
  if (added != pending.size()) {
    std::vector<std::string> stuck;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (missing[i] > 0) stuck.push_back(pending[i].name);
    }
    const std::size_t first = [&] {
      for (std::size_t i = 0; i < pending.size(); ++i) {
        if (missing[i] > 0) return i;
      }
      return std::size_t{0};
    }();
    r.fail(pending[first].node, pending[first].path,
           "the ops form a cycle (each waits for another): " + core::join(stuck));
  }
  if (root["outputs"]) {
    const YAML::Node outs = root["outputs"];
    if (!outs.IsSequence()) r.fail(outs, "outputs", "expected a list of tensor names");
    for (std::size_t i = 0; i < outs.size(); ++i) {
      const TensorId t = g.find_tensor(outs[i].Scalar());
      if (t < 0) {
        r.fail(outs[i], "outputs[" + std::to_string(i) + "]",
               "unknown tensor '" + outs[i].Scalar() + "'" +
                   core::did_you_mean(outs[i].Scalar(), known));
      }
      g.mark_output(t);
    }
  }
  return g;
}

Graph load_yaml_model(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::InputError({path, 0, 0}, "", "cannot open file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_yaml_model(buffer.str(), path);
}

}  // namespace coda::models
