// Reading a study file: group the flattened YAML entries by section and build the space,
// constraints, objectives, oracle and run defaults, validating each against what exists.
#include "search/study.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "arch/spec/loader.h"
#include "search/design_point.h"
#include "search/hash.h"
#include "search/lacs.h"
#include "search/study_check.h"
#include "search/study_domains.h"
#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::search {
namespace {

namespace fs = std::filesystem;
using core::YamlEntry;

const std::vector<std::string> kSections = {"name",     "chip",        "model",
                                            "hardware", "constraints", "objectives",
                                            "accuracy", "run",         "hypervolume_reference",
                                            "lacs"};

[[noreturn]] void fail(const YamlEntry& e, const std::string& msg) {
  throw core::InputError(e.where, e.path, msg);
}

std::string head(const std::string& path) { return path.substr(0, path.find('.')); }
std::string tail(const std::string& path) {
  const auto dot = path.find('.');
  return dot == std::string::npos ? "" : path.substr(dot + 1);
}

const std::string& scalar(const YamlEntry& e) {
  if (e.is_list || e.is_map) fail(e, "expected a single value");
  return e.scalar;
}

double number(const YamlEntry& e) {
  double v = 0;
  if (!parse_real(scalar(e), v)) fail(e, "expected a number, got '" + e.scalar + "'");
  return v;
}

std::uint64_t count(const YamlEntry& e) {
  long long v = 0;
  if (!parse_int(scalar(e), v) || v < 0) fail(e, "expected a non-negative integer");
  return static_cast<std::uint64_t>(v);
}

// A relative path in a study resolves against the study's folder.
std::string resolve(const std::string& base_dir, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute() || base_dir.empty()) return p;
  return (fs::path(base_dir) / p).lexically_normal().string();
}

std::string absolute(const std::string& p) { return fs::absolute(p).lexically_normal().string(); }

bool looks_like_file(const std::string& what) {
  auto ends = [&](const std::string& ext) {
    return what.size() > ext.size() && what.compare(what.size() - ext.size(), ext.size(), ext) == 0;
  };
  return what.find('/') != std::string::npos || ends(".yaml") || ends(".yml") || ends(".onnx");
}

// Groups "<section>.<knob path>.<field>" entries by knob path, keeping first-appearance order.
std::vector<std::pair<std::string, KnobFields>> group_knobs(const std::vector<YamlEntry>& es,
                                                            const std::string& prefix) {
  std::vector<std::pair<std::string, KnobFields>> out;
  for (const auto& e : es) {
    const std::string rest = e.path.substr(prefix.size() + 1);
    const auto dot = rest.rfind('.');
    std::string knob = rest, field;
    if (dot != std::string::npos && is_domain_field(rest.substr(dot + 1))) {
      knob = rest.substr(0, dot);
      field = rest.substr(dot + 1);
    }
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == knob; });
    if (it == out.end()) {
      out.push_back({knob, {}});
      it = out.end() - 1;
    }
    it->second[field] = e;
  }
  return out;
}

// What makes two studies the same search: space, model, constraints, objectives, oracle and the
// strategy parameters, but not the name, comments, spelling or run defaults (strategy, seed,
// fidelity and budget identify a run or extend it).
std::string canonical_study(const Study& s) {
  std::ostringstream o;
  o << "chip:\n" << s.base_chip_yaml << "\nmodel: " << s.model << " " << s.model_digest << "\n";
  for (const auto& [k, v] : s.fixed_knobs) o << "knob " << k << "=" << v << "\n";
  o << "cell " << s.cell_knob << " " << static_cast<int>(s.cell_kind) << "\n";
  for (const auto& d : s.space.dims()) {
    o << "dim " << d.name << " " << static_cast<int>(d.target) << " " << to_string(d.kind) << " "
      << core::format_number(d.lo) << " " << core::format_number(d.hi);
    for (const auto& l : d.levels) o << " [" << l << "]";
    o << "\n";
  }
  for (const auto& c : s.constraints) {
    o << "constraint " << c.metric << " " << (c.min ? core::format_number(*c.min) : "-") << " "
      << (c.max ? core::format_number(*c.max) : "-") << "\n";
  }
  o << "memory_fit " << s.memory_fit << "\n";
  for (const auto& ob : s.objectives)
    o << "objective " << ob.metric << " " << (ob.goal == Goal::maximize) << "\n";
  for (const auto& [m, v] : s.reference)
    o << "reference " << m << " " << core::format_number(v) << "\n";
  o << "oracle " << static_cast<int>(s.oracle.kind) << " " << s.oracle_digest << " "
    << s.oracle.key_column << " " << s.oracle.knob << " " << s.oracle.column << " "
    << s.oracle.command << " " << s.oracle.family << " " << s.oracle.tag << "\npopulation "
    << s.population << " grid_levels " << s.grid_levels << "\n";
  // Only when not the defaults, so that studies written before LACS keep their hash.
  if (s.lacs_target != 2 || s.lacs_tolerance != 0.05)
    o << "lacs " << core::format_number(s.lacs_target) << " "
      << core::format_number(s.lacs_tolerance) << "\n";
  return o.str();
}

class Parser {
 public:
  Parser(Study& s, std::string base_dir) : m_s(s), m_dir(std::move(base_dir)) {}

  void run(const std::vector<YamlEntry>& entries) {
    std::map<std::string, std::vector<YamlEntry>> sections;
    for (const auto& e : entries) {
      const std::string h = head(e.path);
      if (std::find(kSections.begin(), kSections.end(), h) == kSections.end())
        fail(e, "unknown study key '" + h + "'" + core::did_you_mean(h, kSections) +
                    "; keys: " + core::join(kSections));
      sections[h].push_back(e);
    }
    for (const auto& e : sections["name"]) m_s.name = scalar(e);
    for (const auto& e : sections["chip"]) chip(e);
    model(sections["model"]);
    hardware(sections["hardware"]);
    for (const auto& e : sections["constraints"]) constraint(e);
    oracle(sections["accuracy"]);
    for (const auto& e : sections["objectives"]) objective(e);
    for (const auto& e : sections["run"]) run_default(e);
    for (const auto& e : sections["hypervolume_reference"]) reference(e);
    for (const auto& e : sections["lacs"]) read_lacs_entry(m_s, e);
    finish(entries);
  }

 private:
  void chip(const YamlEntry& e) {
    if (e.path != "chip") fail(e, "chip is a preset name or a chip YAML file");
    m_s.base_chip = looks_like_file(scalar(e)) ? absolute(resolve(m_dir, e.scalar)) : e.scalar;
    m_chip_where = e;
  }

  void model(const std::vector<YamlEntry>& es) {
    std::vector<YamlEntry> knobs;
    for (const auto& e : es) {
      if (e.path == "model.name") {
        if (!m_s.workloads.empty()) fail(e, "give model.name or model.workloads, not both");
        m_s.model = looks_like_file(scalar(e)) ? absolute(resolve(m_dir, e.scalar)) : e.scalar;
        m_model_where = e;
      } else if (e.path == "model.workloads") {
        if (!e.is_list || e.items.empty()) fail(e, "expected a list of built-in model names");
        if (!m_s.model.empty()) fail(e, "give model.name or model.workloads, not both");
        for (const auto& w : e.items) {
          if (looks_like_file(w)) fail(e, "workloads are built-in names; '" + w + "' is a file");
        }
        m_s.workloads = e.items;
        m_s.model = core::join(e.items, "+");
        m_model_where = e;
      } else if (e.path.rfind("model.knobs.", 0) == 0) {
        knobs.push_back(e);
      } else {
        fail(e, "expected model.name, model.workloads or model.knobs.<knob>");
      }
    }
    for (auto& [knob, fields] : group_knobs(knobs, "model.knobs")) {
      m_s.knob_where[knob.substr(0, knob.find('.'))] = fields.begin()->second.where;
      if (fields.count("")) {
        const YamlEntry& e = fields.at("");
        const auto dot = knob.rfind('.');
        const std::string last = dot == std::string::npos ? "" : knob.substr(dot + 1);
        if (last == "nb201_cell" || last == "nas_bench_macro") {
          add_cell(last == "nb201_cell" ? CellKind::nb201 : CellKind::nas_bench_macro,
                   knob.substr(0, dot), e);
        } else {
          m_s.fixed_knobs[knob] = scalar(e);
        }
        continue;
      }
      m_s.space.add(model_dimension(knob, fields));
    }
  }

  void add_cell(CellKind kind, const std::string& knob, const YamlEntry& e) {
    if (!m_s.cell_knob.empty()) fail(e, "only one cell or code knob per study");
    m_s.cell_knob = knob;
    m_s.cell_kind = kind;
    for (auto& d : cell_dimensions(kind, knob, e)) {
      m_s.cell_dims.push_back(m_s.space.size());
      m_s.space.add(std::move(d));
    }
  }

  void hardware(const std::vector<YamlEntry>& es) {
    for (auto& [path, fields] : group_knobs(es, "hardware")) {
      if (fields.count("")) {
        fail(fields.at(""), "give '" + path +
                                "' a domain: {int: [low, high], step: s}, "
                                "{pow2: [low, high]}, {real: [low, high]} or {choice: [a, b]}");
      }
      m_s.space.add(hardware_dimension(path, fields));
    }
  }

  void constraint(const YamlEntry& e) {
    const std::string rest = tail(e.path);
    if (rest == "memory_fit") {
      if (scalar(e) != "true" && e.scalar != "false") fail(e, "expected true or false");
      m_s.memory_fit = e.scalar == "true";
      return;
    }
    const std::string metric = rest.substr(0, rest.find('.'));
    const std::string limit = tail(rest);
    check_metric(e, metric, "constraint");
    if (limit != "max" && limit != "min") fail(e, "a constraint is {max: value} or {min: value}");
    auto it = std::find_if(m_s.constraints.begin(), m_s.constraints.end(),
                           [&](const Constraint& c) { return c.metric == metric; });
    if (it == m_s.constraints.end()) {
      m_s.constraints.push_back({metric, {}, {}, e.where});
      it = m_s.constraints.end() - 1;
    }
    (limit == "max" ? it->max : it->min) = number(e);
    if (it->min && it->max && *it->min > *it->max) fail(e, "empty range: min is above max");
  }

  void check_metric(const YamlEntry& e, const std::string& metric, const std::string& what) {
    if (!find_metric(metric))
      fail(e, "unknown " + what + " '" + metric + "'" + core::did_you_mean(metric, metric_names()) +
                  "; known: " + core::join(metric_names()));
  }

  void objective(const YamlEntry& e) {
    if (e.path == "objectives" && (!e.is_list || e.items.empty()))
      fail(e, "empty: at least one objective, e.g. latency_s: minimize");
    if (e.is_list) {
      const std::string first = e.items.empty() ? "accuracy" : e.items.front();
      fail(e, "objective '" + first + "' has no direction: write '" + first + ": maximize' or '" +
                  first + ": minimize'");
    }
    const std::string metric = tail(e.path);
    check_metric(e, metric, "objective");
    const std::string& dir = scalar(e);
    Goal g;
    if (dir == "maximize" || dir == "max") {
      g = Goal::maximize;
    } else if (dir == "minimize" || dir == "min") {
      g = Goal::minimize;
    } else {
      fail(e,
           "objective '" + metric + "' needs a direction: maximize or minimize, got '" + dir + "'");
    }
    if (metric == "accuracy" && m_s.oracle.kind == OracleSpec::Kind::none)
      fail(e,
           "objective 'accuracy' needs an oracle: accuracy: {table: FILE.csv, column: NAME} or "
           "accuracy: {command: CMD}");
    m_s.objectives.push_back({metric, g, e.where});
  }

  void oracle(const std::vector<YamlEntry>& es) {
    OracleSpec& o = m_s.oracle;
    const YamlEntry* timeout = nullptr;
    for (const auto& e : es) {
      const std::string k = tail(e.path);
      if (k == "table") {
        o.kind = OracleSpec::Kind::table;
        o.table = resolve(m_dir, scalar(e));
      } else if (k == "column") {
        o.column = scalar(e);
      } else if (k == "key_column") {
        o.key_column = scalar(e);
      } else if (k == "knob") {
        o.knob = scalar(e);
      } else if (k == "surrogate") {
        o.kind = OracleSpec::Kind::surrogate;
        o.table = resolve(m_dir, scalar(e));
      } else if (k == "family") {
        o.family = scalar(e);
      } else if (k == "tag") {
        o.tag = scalar(e);
      } else if (k == "command") {
        o.kind = OracleSpec::Kind::command;
        o.command = scalar(e);
      } else if (k == "timeout_s") {
        timeout = &e;
        o.timeout_s = number(e);
        if (!(o.timeout_s > 0))
          fail(e, "the command's time limit is seconds above 0, got '" + e.scalar + "'");
      } else {
        fail(e, "unknown accuracy key '" + k + "'" +
                    core::did_you_mean(k, {"table", "column", "key_column", "knob", "command",
                                           "timeout_s", "surrogate", "family", "tag"}));
      }
      if (o.where.line == 0) o.where = e.where;
    }
    if (timeout && o.kind != OracleSpec::Kind::command)
      fail(*timeout, "timeout_s limits an accuracy command; this oracle runs none");
    if (!es.empty()) check_oracle(m_s, es.front());
  }

  void run_default(const YamlEntry& e) {
    const std::string k = tail(e.path);
    if (k == "strategy") {
      m_s.strategy = scalar(e);
      check_strategy(e, m_s.strategy);
    } else if (k == "fidelity") {
      m_s.fidelity = scalar(e);
      if (m_s.fidelity != "analytic" && m_s.fidelity != "event")
        fail(e, "fidelity is analytic or event");
    } else if (k == "seed") {
      m_s.seed = count(e);
    } else if (k == "budget") {
      m_s.budget = count(e);
    } else if (k == "population") {
      m_s.population = count(e);
    } else if (k == "grid_levels") {
      m_s.grid_levels = std::max<std::uint64_t>(1, count(e));
    } else if (k == "worker_timeout") {
      const auto s = core::parse_duration(scalar(e));
      if (!s || *s <= 0)
        fail(e, "expected a duration > 0 such as '600 s' or '90 ms', got '" + e.scalar + "'");
      m_s.worker_timeout_s = *s;
    } else if (k == "worker_memory") {
      const auto b = core::parse_bytes(scalar(e));
      if (!b || *b < (std::uint64_t{64} << 20))
        fail(e, "expected a size of at least 64 MiB such as '8 GiB', got '" + e.scalar + "'");
      m_s.worker_memory_bytes = *b;
    } else {
      fail(e, "unknown run key '" + k + "'" +
                  core::did_you_mean(k, {"strategy", "fidelity", "seed", "budget", "population",
                                         "grid_levels", "worker_timeout", "worker_memory"}));
    }
  }

  void reference(const YamlEntry& e) { m_s.reference[tail(e.path)] = number(e); }

  void finish(const std::vector<YamlEntry>& entries) {
    const core::SourceLoc file{m_s.file, 0, 0};
    if (m_s.base_chip.empty())
      throw core::InputError(file, "chip", "missing: a preset or chip file");
    if (m_s.model.empty())
      throw core::InputError(file, "model.name", "missing: a built-in model name or model file");
    if (m_s.objectives.empty())
      throw core::InputError(file, "objectives", "missing: at least one, e.g. latency_s: minimize");
    for (const auto& [metric, v] : m_s.reference) {
      if (std::none_of(m_s.objectives.begin(), m_s.objectives.end(),
                       [&](const Objective& o) { return o.metric == metric; })) {
        const auto it = std::find_if(entries.begin(), entries.end(), [&](const YamlEntry& e) {
          return e.path == "hypervolume_reference." + metric;
        });
        fail(*it, "'" + metric + "' is not an objective of this study");
      }
    }
    check_chip(m_s, m_chip_where);
    if (m_s.space.size() == 0)
      throw core::InputError(file, "hardware",
                             "no knob to search: give a hardware path or a model knob a range, "
                             "e.g. hardware: {core.mxu.rows: {pow2: [64, 256]}}");
    check_study_strategy(m_s, m_s.strategy);
    check_model(m_s, m_model_where);
    // The simulator version too: resuming with a rebuilt simulator starts a new run (and the
    // report's front then holds only the new simulator's results).
    m_s.hash = content_hash(canonical_study(m_s) + simulator_version());
  }

  Study& m_s;
  std::string m_dir;
  YamlEntry m_chip_where, m_model_where;
};

}  // namespace

const std::vector<std::string>& strategy_names() {
  static const std::vector<std::string> n = {"random", "grid", "evolution", "nsga2", "lacs"};
  return n;
}

Study parse_study_text(const std::string& text, const std::string& label,
                       const std::string& base_dir) {
  Study s;
  s.file = label;
  s.text = text;
  s.name = fs::path(label).stem().string();
  std::vector<core::YamlEntry> entries;
  try {
    entries = core::parse_yaml_entries(text, label);
  } catch (const core::InputError& e) {
    // `objectives: {latency_s: }` reaches us as a missing value: say what is missing.
    const std::string& k = e.key_path();
    if (k.rfind("objectives.", 0) != 0 ||
        std::string(e.what()).find("missing value") == std::string::npos)
      throw;
    const std::string metric = k.substr(11);
    throw core::InputError(e.where(), k,
                           "objective '" + metric + "' has no direction: write '" + metric +
                               ": maximize' or '" + metric + ": minimize'");
  }
  Parser(s, base_dir).run(entries);
  return s;
}

Study load_study(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::InputError({path, 0, 0}, "", "cannot open study file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_study_text(ss.str(), path, fs::path(path).parent_path().string());
}

}  // namespace coda::search
