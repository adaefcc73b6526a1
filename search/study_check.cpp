// Pre-flight checks of a study: everything that can be wrong with the file fails here, exit code 2,
// before the first evaluation.
#include "search/study_check.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "search/design_point.h"
#include "search/hash.h"
#include "search/oracle.h"
#include "search/study_domains.h"
#include "search/surrogate.h"
#include "sim/core/text.h"

namespace coda::search {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const core::YamlEntry& e, const std::string& msg) {
  throw core::InputError(e.where, e.path, msg);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void need_column(const core::YamlEntry& e, const std::vector<std::string>& cols,
                 const std::string& name, const std::string& what) {
  if (std::find(cols.begin(), cols.end(), name) == cols.end())
    fail(e, what + " '" + name + "' is not a column of the table" + core::did_you_mean(name, cols));
}

bool on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

}  // namespace

void check_strategy(const core::YamlEntry& where, const std::string& name) {
  const auto& n = strategy_names();
  if (std::find(n.begin(), n.end(), name) == n.end())
    fail(where, "unknown strategy '" + name + "'" + core::did_you_mean(name, n) +
                    "; known: " + core::join(n));
}

void check_chip(Study& s, const core::YamlEntry& where) {
  try {
    s.base_chip_yaml = arch::arch_to_yaml(arch::load_arch(s.base_chip));
  } catch (const core::InputError& e) {
    if (!e.where().file.empty()) throw;
    // The loader names the command-line option ("--hw: unknown preset ..."); here it is `chip`.
    fail(where, e.message());
  }
}

void check_model(Study& s, const core::YamlEntry& where) {
  if (models::has_extension(s.model, ".yaml") || models::has_extension(s.model, ".yml") ||
      models::has_extension(s.model, ".onnx")) {
    if (!fs::exists(s.model)) fail(where, "no model file '" + s.model + "'");
    s.model_digest = content_hash(read_file(s.model));
  }
  // Build the model at the lowest and the highest level of every model dimension.
  Genes low(s.space.size(), 0.0);
  for (std::size_t i = 0; i < s.space.size(); ++i) {
    if (!s.space.dims()[i].discrete()) low[i] = s.space.dims()[i].lo;
  }
  std::vector<Genes> probes{low};
  for (std::size_t i = 0; i < s.space.size(); ++i) {
    const Dimension& d = s.space.dims()[i];
    if (d.target != Dimension::Target::model) continue;
    Genes g = low;
    g[i] = d.discrete() ? static_cast<double>(d.size() - 1) : d.hi;
    probes.push_back(g);
    // A real range's ends may both be whole numbers; a point 0.618 of the way in is not (unless
    // the range is), so a knob that takes only integers fails here, not on every trial.
    if (!d.discrete()) {
      g[i] = d.lo + 0.618 * (d.hi - d.lo);
      probes.push_back(g);
    }
  }
  for (const Genes& g : probes) {
    const DesignPoint p = make_point(s, g);
    try {
      for (const auto& m : s.models()) models::load_model(m, p.knobs);
    } catch (const core::InputError& e) {
      if (!e.where().file.empty()) throw;
      // Point at the knob the model names ("knob <name>"), else at the dimension whose value
      // differs from the first probe, else at the model entry.
      core::SourceLoc loc = where.where;
      std::string path = "model.knobs", msg = e.what();
      for (std::size_t i = 0; i < g.size(); ++i) {
        if (g[i] != low[i]) loc = s.space.dims()[i].where;
      }
      if (e.key_path().rfind("knob ", 0) == 0) {
        const std::string knob = e.key_path().substr(5);
        if (s.knob_where.count(knob)) loc = s.knob_where.at(knob);
        path += "." + knob;
        msg = e.message();
      }
      throw core::InputError(loc, path, msg);
    }
  }
  const OracleSpec& o = s.oracle;
  if (o.kind == OracleSpec::Kind::table) {
    const DesignPoint p = make_point(s, low);
    if (!p.knobs.count(o.knob)) {
      std::vector<std::string> names;
      for (const auto& [k, v] : p.knobs) names.push_back(k);
      throw core::InputError(o.where, "accuracy.knob",
                             "the table is looked up by model knob '" + o.knob +
                                 "', which this study's model does not set" +
                                 core::did_you_mean(o.knob, names) +
                                 "; its knobs: " + (names.empty() ? "none" : core::join(names)));
    }
  }
}

void check_oracle(Study& s, const core::YamlEntry& where) {
  OracleSpec& o = s.oracle;
  if (o.kind == OracleSpec::Kind::table) {
    std::ifstream in(o.table);
    if (!in) fail(where, "cannot open accuracy table '" + o.table + "'");
    std::string header;
    std::getline(in, header);
    const auto cols = split_csv_line(header);
    if (o.column.empty()) fail(where, "accuracy.column: name the accuracy column of the table");
    need_column(where, cols, o.column, "accuracy column");
    need_column(where, cols, o.key_column, "key column");
    try {
      TableOracle table(o);  // every accuracy in the column is a number, and there is one
    } catch (const core::InputError& e) {
      fail(where, e.message());
    }
    s.oracle_digest = content_hash(read_file(o.table));
  } else if (o.kind == OracleSpec::Kind::surrogate) {
    if (o.family.empty()) fail(where, "accuracy.family: name the timm architecture prefix");
    const auto samples = timm_samples(o.table, o.family, o.tag);
    if (samples.size() < 5)
      fail(where, "surrogate family '" + o.family + "'" +
                      (o.tag.empty() ? "" : " tag '" + o.tag + "'") + " matches " +
                      std::to_string(samples.size()) + " rows of the table; at least 5 are needed");
    s.oracle_digest = content_hash(read_file(o.table) + "\n" + o.family + "\n" + o.tag);
  } else if (o.kind == OracleSpec::Kind::command) {
    std::stringstream ss(o.command);
    std::string program;
    ss >> program;
    if (program.empty() || !on_path(program))
      fail(where, "oracle command '" + program + "' is neither an executable file nor on PATH");
    s.oracle_digest = content_hash(o.command);
  }
}

}  // namespace coda::search
