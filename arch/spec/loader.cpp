#include "arch/spec/loader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "arch/spec/cost_table.h"
#include "arch/spec/schema.h"
#include "arch/spec/validate.h"
#include "sim/core/error.h"
#include "sim/core/text.h"
#include "sim/core/yaml_file.h"

namespace fs = std::filesystem;

namespace coda::arch {
namespace {

using core::InputError;
using core::SourceLoc;
using core::YamlEntry;

bool looks_like_path(const std::string& s) {
  return s.find('/') != std::string::npos ||
         (s.size() > 5 && (s.rfind(".yaml") == s.size() - 5 || s.rfind(".yml") == s.size() - 4));
}

// Resolves a preset name or a path (relative to base_dir) to a file path.
std::string resolve(const std::string& what, const fs::path& base_dir, const SourceLoc& where,
                    const std::string& key) {
  if (looks_like_path(what)) {
    const fs::path p = fs::path(what).is_absolute() ? fs::path(what) : base_dir / what;
    if (!fs::exists(p)) throw InputError(where, key, "no such file '" + p.string() + "'");
    return p.lexically_normal().string();
  }
  const fs::path preset = fs::path(preset_dir()) / (what + ".yaml");
  if (fs::exists(preset)) return preset.string();
  const auto names = preset_names();
  throw InputError(where, key,
                   "unknown preset '" + what + "'" + core::did_you_mean(what, names) +
                       "; presets: " + core::join(names) + "; or give a path to a .yaml file");
}

// Every key of `own` (but extends) replaces the same key in `base` or is appended: a child file
// overrides whatever its parent set, "name" included.
void overlay(std::vector<YamlEntry>& base, const std::vector<YamlEntry>& own) {
  for (const auto& e : own) {
    if (e.path == "extends") continue;
    auto same = std::find_if(base.begin(), base.end(),
                             [&](const YamlEntry& m) { return m.path == e.path; });
    if (same != base.end()) {
      *same = e;
    } else {
      base.push_back(e);
    }
  }
}

// Entries of `file` merged over those of the chain it extends. `chain` holds the canonical paths
// of the files being loaded; an extends that names one of them closes a cycle and is reported
// where it is written.
std::vector<YamlEntry> load_merged(const std::string& file, std::vector<std::string>& chain) {
  chain.push_back(fs::weakly_canonical(file).string());
  std::vector<YamlEntry> own = core::load_yaml_entries(file);
  const auto ext =
      std::find_if(own.begin(), own.end(), [](const YamlEntry& e) { return e.path == "extends"; });
  std::vector<YamlEntry> merged;
  if (ext != own.end()) {
    if (ext->is_list || ext->is_map) {
      throw InputError(ext->where, "extends", "expected one preset name or file path");
    }
    const std::string parent =
        resolve(ext->scalar, fs::path(file).parent_path(), ext->where, "extends");
    const std::string canonical = fs::weakly_canonical(parent).string();
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      std::vector<std::string> names;
      for (const auto& c : chain) names.push_back(fs::path(c).filename().string());
      names.push_back(fs::path(canonical).filename().string());
      throw InputError(ext->where, "extends", "cyclic extends: " + core::join(names, " -> "));
    }
    merged = load_merged(parent, chain);
  }
  chain.pop_back();
  overlay(merged, own);
  return merged;
}

ArchSpec build_spec(const std::vector<YamlEntry>& entries, const std::string& top_file) {
  ArchSpec spec;
  std::map<std::string, SourceLoc> where;
  std::set<std::string> given;
  for (const auto& e : entries) {
    check_known_key(e);
    if (e.is_map) continue;
    const ParamDecl& d = *find_param(e.path);
    if (e.is_list)
      throw InputError(e.where, e.path, "expected " + describe_allowed(d) + ", got a list");
    ParamValue v;
    std::string error;
    if (!parse_param(d, e.scalar, v, error)) throw InputError(e.where, e.path, error);
    d.set(spec, v);
    given.insert(e.path);
    where[e.path] = e.where;
  }
  for (const auto& d : arch_params()) {
    if (given.count(d.path)) continue;
    if (d.required()) {
      throw InputError({top_file, 0, 0}, d.path,
                       "missing required key; expected " + describe_allowed(d));
    }
    ParamValue v;
    std::string error;
    if (d.kind != ParamKind::text && !parse_param(d, d.default_text, v, error)) {
      throw std::logic_error("bad default for " + d.path + ": " + error);
    }
    d.set(spec, v);
  }
  if (spec.name.empty()) spec.name = fs::path(top_file).stem().string();
  // A table path is relative to the file that names it; a chosen table is read and checked now so
  // that a bad one stops the load (the default table is checked by tests/unit/arch).
  if (auto it = where.find("energy_table"); it != where.end() && !spec.energy_table.empty()) {
    spec.energy_table = resolve_energy_table(spec.energy_table, it->second);
    cached_cost_table(spec.energy_table);
  }
  spec.source_file = top_file;
  check_consistency(spec, [&](const std::string& path) {
    auto it = where.find(path);
    return it != where.end() ? it->second : SourceLoc{top_file, 0, 0};
  });
  return spec;
}

}  // namespace

std::string preset_dir() {
  if (const char* env = std::getenv("CODA_PRESET_DIR")) return env;
  return CODA_DEFAULT_PRESET_DIR;
}

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(preset_dir(), ec)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ArchSpec load_arch(const std::string& what) {
  const std::string file = resolve(what, fs::current_path(), {}, "--hw");
  std::vector<std::string> chain;
  return build_spec(load_merged(file, chain), file);
}

namespace {

// parse_arch_text's work; `base_of(file)` gives the merged entries of an extended file.
template <class BaseOf>
ArchSpec parse_over(const std::string& yaml, const std::string& label, BaseOf&& base_of) {
  std::vector<YamlEntry> own = core::parse_yaml_entries(yaml, label);
  std::vector<YamlEntry> merged;
  for (auto& e : own) {
    if (e.path != "extends") continue;
    merged = base_of(resolve(e.scalar, fs::current_path(), e.where, "extends"));
  }
  overlay(merged, own);
  return build_spec(merged, label);
}

}  // namespace

ArchSpec parse_arch_text(const std::string& yaml, const std::string& label) {
  return parse_over(yaml, label, [](const std::string& file) {
    std::vector<std::string> chain;
    return load_merged(file, chain);
  });
}

struct ArchVariants::Bases {
  std::map<std::string, std::vector<YamlEntry>> by_file;
};

ArchVariants::ArchVariants() : m_bases(std::make_unique<Bases>()) {}
ArchVariants::~ArchVariants() = default;

ArchSpec ArchVariants::parse(const std::string& yaml, const std::string& label) {
  return parse_over(yaml, label, [this](const std::string& file) {
    auto it = m_bases->by_file.find(file);
    if (it == m_bases->by_file.end()) {
      std::vector<std::string> chain;
      it = m_bases->by_file.emplace(file, load_merged(file, chain)).first;
    }
    return it->second;
  });
}

}  // namespace coda::arch
