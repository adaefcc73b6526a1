// Search dimensions from study-file entries; every bad domain is an InputError at its entry.
#include "search/study_domains.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "arch/spec/schema.h"
#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::search {
namespace {

const std::vector<std::string> kFields = {"int", "pow2", "real", "choice", "step"};

[[noreturn]] void fail(const core::YamlEntry& e, const std::string& msg) {
  throw core::InputError(e.where, e.path, msg);
}

// The [lo, hi] pair of a range field.
std::pair<std::string, std::string> bounds(const core::YamlEntry& e) {
  if (!e.is_list || e.items.size() != 2) fail(e, "expected a range [low, high]");
  return {e.items[0], e.items[1]};
}

const core::YamlEntry& only_domain(const KnobFields& fields, const std::string& owner) {
  const core::YamlEntry* found = nullptr;
  for (const auto& [name, e] : fields) {
    if (name == "step") continue;
    if (found) fail(e, "give one domain for '" + owner + "': int, pow2, real or choice");
    found = &e;
  }
  if (!found) fail(fields.begin()->second, "'step' needs an int range");
  if (fields.count("step") && found->path.substr(found->path.rfind('.') + 1) != "int")
    fail(fields.at("step"), "'step' applies to an int range only");
  return *found;
}

std::string field_of(const core::YamlEntry& e) { return e.path.substr(e.path.rfind('.') + 1); }

bool is_pow2(double v) { return v >= 1 && std::floor(v) == v && std::fmod(std::log2(v), 1.0) == 0; }

// Numeric value of a text for a hardware parameter (schema units) or a model knob (plain number).
double number_of(const core::YamlEntry& e, const arch::ParamDecl* d, const std::string& text) {
  if (d) {
    arch::ParamValue v;
    std::string error;
    if (!arch::parse_param(*d, text, v, error)) fail(e, error);
    return v.number;
  }
  double v = 0;
  if (!parse_real(text, v)) fail(e, "expected a number, got '" + text + "'");
  return v;
}

std::string text_of(const arch::ParamDecl* d, double v) {
  if (!d) return core::format_number(v);
  arch::ParamValue p;
  p.number = v;
  return arch::format_param(*d, p);
}

void build_domain(Dimension& dim, const KnobFields& fields) {
  const core::YamlEntry& e = only_domain(fields, dim.name);
  const std::string field = field_of(e);
  dim.where = e.where;
  const arch::ParamDecl* d = dim.decl;
  // A model knob has no declaration: its domain says whether it takes integers.
  const bool integral = d ? d->kind == arch::ParamKind::integer || d->kind == arch::ParamKind::bytes
                          : field != "real";
  if (field == "choice") {
    dim.kind = DomainKind::choice;
    const std::vector<std::string> items = e.is_list ? e.items : std::vector<std::string>{e.scalar};
    if (items.empty()) fail(e, "empty choice list");
    for (const auto& item : items) {
      std::string text = item;
      if (d) {
        arch::ParamValue v;
        std::string error;
        if (!arch::parse_param(*d, item, v, error)) fail(e, error);
        text = arch::format_param(*d, v);
      }
      if (std::find(dim.levels.begin(), dim.levels.end(), text) != dim.levels.end())
        fail(e, "'" + item + "' appears twice");
      dim.levels.push_back(text);
    }
    return;
  }
  if (d && (d->kind == arch::ParamKind::choice || d->kind == arch::ParamKind::text))
    fail(e, "'" + dim.name + "' is not numeric: use {choice: [...]}");
  const auto [lo_text, hi_text] = bounds(e);
  const double lo = number_of(e, d, lo_text), hi = number_of(e, d, hi_text);
  if (lo > hi) fail(e, "empty range [" + lo_text + ", " + hi_text + "]: low is above high");
  if (field == "real") {
    if (integral) fail(e, "'" + dim.name + "' takes integers: use {int: [...]} or {pow2: [...]}");
    dim.kind = DomainKind::real_range;
    dim.lo = lo;
    dim.hi = hi;
    return;
  }
  if (!integral) fail(e, "'" + dim.name + "' is real-valued: use {real: [low, high]}");
  if (std::floor(lo) != lo || std::floor(hi) != hi) fail(e, "int range bounds must be integers");
  if (field == "pow2") {
    if (!is_pow2(lo) || !is_pow2(hi)) fail(e, "pow2 range bounds must be powers of two");
    dim.kind = DomainKind::pow2_range;
    for (double v = lo; v <= hi; v *= 2) dim.levels.push_back(text_of(d, v));
    return;
  }
  dim.kind = DomainKind::int_range;
  double step = 1;
  if (fields.count("step")) {
    const core::YamlEntry& s = fields.at("step");
    step = number_of(s, d, s.scalar);
    if (step < 1 || std::floor(step) != step) fail(s, "step must be a positive integer");
  }
  if ((hi - lo) / step > 1e6) fail(e, "more than a million levels: use a larger step");
  for (double v = lo; v <= hi; v += step) dim.levels.push_back(text_of(d, v));
}

}  // namespace

bool is_domain_field(const std::string& field) {
  return std::find(kFields.begin(), kFields.end(), field) != kFields.end();
}

Dimension hardware_dimension(const std::string& path, const KnobFields& fields) {
  const auto& params = arch::arch_params();
  const auto it = std::find_if(params.begin(), params.end(),
                               [&](const arch::ParamDecl& p) { return p.path == path; });
  if (it == params.end()) {
    std::vector<std::string> paths;
    for (const auto& p : params) paths.push_back(p.path);
    fail(fields.begin()->second, "unknown chip parameter '" + path + "'" +
                                     core::did_you_mean(path, paths) +
                                     "; `coda check --reference` lists every path");
  }
  Dimension dim;
  dim.name = path;
  dim.target = Dimension::Target::hardware;
  dim.decl = &*it;
  build_domain(dim, fields);
  return dim;
}

Dimension model_dimension(const std::string& knob, const KnobFields& fields) {
  Dimension dim;
  dim.name = knob;
  dim.target = Dimension::Target::model;
  build_domain(dim, fields);
  return dim;
}

const std::vector<std::string>& nb201_ops() {
  static const std::vector<std::string> ops = {"none", "skip_connect", "nor_conv_1x1",
                                               "nor_conv_3x3", "avg_pool_3x3"};
  return ops;
}

const std::vector<std::string>& cell_ops(CellKind kind) {
  static const std::vector<std::string> macro = {"identity", "mb3_k3", "mb6_k5"};
  return kind == CellKind::nb201 ? nb201_ops() : macro;
}

std::vector<Dimension> cell_dimensions(CellKind kind, const std::string& knob,
                                       const core::YamlEntry& entry) {
  const std::vector<std::string>& all = cell_ops(kind);
  const std::string what = kind == CellKind::nb201 ? "NAS-Bench-201" : "NAS-Bench-Macro";
  std::vector<std::string> ops = all;
  if (entry.is_list) {
    ops.clear();
    for (const auto& op : entry.items) {
      if (std::find(all.begin(), all.end(), op) == all.end())
        fail(entry, "unknown " + what + " op '" + op + "'" + core::did_you_mean(op, all) +
                        "; ops: " + core::join(all));
      if (std::find(ops.begin(), ops.end(), op) != ops.end())
        fail(entry, "'" + op + "' appears twice");
      ops.push_back(op);
    }
    if (ops.empty()) fail(entry, "empty op list");
  } else if (entry.scalar != "all") {
    fail(entry, "expected 'all' or a list of ops from " + core::join(all));
  }
  std::vector<std::string> names;
  if (kind == CellKind::nb201) {
    for (int node = 1; node <= 3; ++node) {
      for (int from = 0; from < node; ++from)
        names.push_back(".edge_" + std::to_string(node) + "_" + std::to_string(from));
    }
  } else {
    for (int layer = 1; layer <= 8; ++layer) names.push_back(".layer" + std::to_string(layer));
  }
  std::vector<Dimension> dims;
  for (const auto& n : names) {
    Dimension d;
    d.name = knob + n;
    d.target = Dimension::Target::model;
    d.kind = DomainKind::choice;
    d.levels = ops;
    d.where = entry.where;
    dims.push_back(std::move(d));
  }
  return dims;
}

std::string compose_cell(CellKind kind, const std::vector<std::string>& ops) {
  if (kind == CellKind::nb201) return nb201_arch(ops);
  std::string code;  // NAS-Bench-Macro: one digit per layer, the op's index
  for (const auto& op : ops) {
    const auto& all = cell_ops(kind);
    code += static_cast<char>('0' + (std::find(all.begin(), all.end(), op) - all.begin()));
  }
  return code;
}

std::string nb201_arch(const std::vector<std::string>& ops) {
  std::string s;
  std::size_t i = 0;
  for (int node = 1; node <= 3; ++node) {
    if (node > 1) s += "+";
    s += "|";
    for (int from = 0; from < node; ++from) s += ops.at(i++) + "~" + std::to_string(from) + "|";
  }
  return s;
}

bool parse_int(const std::string& text, long long& out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  out = std::strtoll(text.c_str(), &end, 10);
  return errno == 0 && end && *end == '\0';
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, ',')) cols.push_back(c);
  if (!line.empty() && line.back() == ',') cols.emplace_back();
  return cols;
}

bool parse_real(const std::string& text, double& out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return errno == 0 && end && *end == '\0' && std::isfinite(out);
}

}  // namespace coda::search
