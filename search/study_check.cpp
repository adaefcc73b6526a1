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

std::vector<std::string> split_csv_header(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, ',')) cols.push_back(c);
  return cols;
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
    fail(where, e.what());
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
        if (msg.rfind(e.key_path() + ": ", 0) == 0) msg = msg.substr(e.key_path().size() + 2);
      }
      throw core::InputError(loc, path, msg);
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
    const auto cols = split_csv_header(header);
    if (o.column.empty()) fail(where, "accuracy.column: name the accuracy column of the table");
    need_column(where, cols, o.column, "accuracy column");
    need_column(where, cols, o.key_column, "key column");
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
