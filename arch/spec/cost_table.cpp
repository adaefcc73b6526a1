// Reading configs/energy/*.yaml: declared keys, extends, range checks with exact messages.
#include "arch/spec/cost_table.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "arch/spec/loader.h"
#include "sim/core/key_paths.h"
#include "sim/core/text.h"
#include "sim/core/units.h"
#include "sim/core/yaml_file.h"

namespace fs = std::filesystem;

namespace coda::arch {
namespace {

using core::InputError;
using core::YamlEntry;

enum class Kind { number, bytes, number_list, bytes_list, text };

struct Key {
  std::string path;
  Kind kind = Kind::number;
  double min = 0, max = 0;
  std::string unit;  // what the number means, e.g. "pJ per MAC"
  std::function<void(CostTable&, const std::vector<double>&, const std::string&)> set;
};

Key number(std::string path, double lo, double hi, std::string unit, double CostTable::*member) {
  return {std::move(path),
          Kind::number,
          lo,
          hi,
          std::move(unit),
          [member](CostTable& t, const std::vector<double>& v, const std::string&) {
            t.*member = v[0];
          }};
}

template <std::size_t N>
Key element(std::string path, double lo, double hi, std::string unit,
            std::array<double, N> CostTable::*member, int index) {
  return {std::move(path),
          Kind::number,
          lo,
          hi,
          std::move(unit),
          [member, index](CostTable& t, const std::vector<double>& v, const std::string&) {
            (t.*member)[index] = v[0];
          }};
}

std::vector<Key> build_keys() {
  std::vector<Key> k;
  k.push_back(
      {"description", Kind::text, 0, 0, "text",
       [](CostTable& t, const std::vector<double>&, const std::string& s) { t.description = s; }});
  k.push_back(number("energy.node_nm", 1, 250, "nm", &CostTable::energy_node_nm));
  k.push_back(number("energy.scaling_exponent", 0, 3, "", &CostTable::energy_exponent));
  for (const auto& type : dtype_names()) {
    k.push_back(element("energy.mac_pj." + type, 0, 1000, "pJ per MAC", &CostTable::mac_pj,
                        static_cast<int>(*parse_dtype(type))));
  }
  for (int c = 0; c < kVectorOpClasses; ++c) {
    k.push_back(element("energy.vector_op_pj." + to_string(static_cast<VectorOpClass>(c)), 0, 1000,
                        "pJ per element operation", &CostTable::vector_op_pj, c));
  }
  k.push_back({"energy.sram.capacities", Kind::bytes_list, 64, 1099511627776.0, "",
               [](CostTable& t, const std::vector<double>& v, const std::string&) {
                 t.sram_capacity_bytes = v;
               }});
  k.push_back({"energy.sram.read_pj_per_64b", Kind::number_list, 1e-6, 1e5, "pJ per 64-bit read",
               [](CostTable& t, const std::vector<double>& v, const std::string&) {
                 t.sram_read_pj_per_64b = v;
               }});
  k.push_back({"energy.sram.bank_capacity", Kind::bytes, 64, 1099511627776.0, "",
               [](CostTable& t, const std::vector<double>& v, const std::string&) {
                 t.sram_bank_bytes = v[0];
               }});
  k.push_back(number("energy.sram.routing_exponent", 0, 1, "", &CostTable::sram_routing_exponent));
  k.push_back(number("energy.noc_pj_per_bit", 0, 1000, "pJ per bit", &CostTable::noc_pj_per_bit));
  k.push_back(number("energy.hbm_pj_per_bit", 0, 1000, "pJ per bit", &CostTable::hbm_pj_per_bit));
  k.push_back(number("energy.ici_pj_per_bit", 0, 1000, "pJ per bit", &CostTable::ici_pj_per_bit));
  k.push_back(number("static.w_per_mm2", 0, 10, "W per mm^2", &CostTable::static_w_per_mm2));
  k.push_back(number("static.chip_w", 0, 10000, "W per chip", &CostTable::static_chip_w));
  k.push_back(number("area.node_nm", 1, 250, "nm", &CostTable::area_node_nm));
  k.push_back(number("area.scaling_exponent", 0, 3, "", &CostTable::area_exponent));
  for (const auto& type : dtype_names()) {
    k.push_back(element("area.mxu_mm2_per_mac." + type, 0, 1, "mm^2 per MAC per cycle",
                        &CostTable::mxu_mm2_per_mac, static_cast<int>(*parse_dtype(type))));
  }
  k.push_back(number("area.vpu_mm2_per_slot", 0, 10, "mm^2 per lane x sublane",
                     &CostTable::vpu_mm2_per_slot));
  k.push_back(
      number("area.sram_mm2_per_mib", 0, 100, "mm^2 per MiB", &CostTable::sram_mm2_per_mib));
  k.push_back(number("area.hbm_phy_mm2_per_channel", 0, 100, "mm^2 per HBM channel",
                     &CostTable::hbm_phy_mm2_per_channel));
  k.push_back(number("area.ici_phy_mm2_per_link", 0, 100, "mm^2 per ICI link",
                     &CostTable::ici_phy_mm2_per_link));
  k.push_back(
      number("area.uncore_fraction", 0, 0.9, "fraction of the die", &CostTable::uncore_fraction));
  return k;
}

const std::vector<Key>& keys() {
  static const std::vector<Key> k = build_keys();
  return k;
}

std::string allowed(const Key& k) {
  const auto range = [&](const std::string& lo, const std::string& hi) {
    return " in [" + lo + ", " + hi + "]" + (k.unit.empty() ? "" : " (" + k.unit + ")");
  };
  const auto num = [](double v) { return core::format_number(v); };
  const auto bytes = [](double v) { return core::format_bytes(static_cast<std::uint64_t>(v)); };
  switch (k.kind) {
    case Kind::number:
      return "a number" + range(num(k.min), num(k.max));
    case Kind::bytes:
      return "a byte size like '32 KiB'" + range(bytes(k.min), bytes(k.max));
    case Kind::number_list:
      return "a list of numbers" + range(num(k.min), num(k.max));
    case Kind::bytes_list:
      return "a list of byte sizes like [8 KiB, 1 MiB]" + range(bytes(k.min), bytes(k.max));
    case Kind::text:
      return "text";
  }
  return "";
}

const Key* find_key(const std::string& path) {
  for (const auto& k : keys()) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

const core::KeyPaths& table_keys() {
  static const core::KeyPaths paths = [] {
    std::vector<std::string> leaves;
    for (const auto& k : keys()) leaves.push_back(k.path);
    return core::KeyPaths(leaves);
  }();
  return paths;
}

void check_known(const YamlEntry& e) { table_keys().check(e, false); }

bool parse_one(Kind kind, const std::string& text, double& out) {
  if (kind == Kind::bytes || kind == Kind::bytes_list) {
    const auto b = core::parse_bytes(text);
    if (!b) return false;
    out = static_cast<double>(*b);
    return true;
  }
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && *end == '\0' && std::isfinite(out);
}

// Parses an entry against its key; throws with the entry's location on any mismatch.
std::vector<double> values_of(const Key& k, const YamlEntry& e) {
  const bool list = k.kind == Kind::number_list || k.kind == Kind::bytes_list;
  if (list != e.is_list || e.is_map) {
    throw InputError(e.where, e.path,
                     "expected " + allowed(k) + ", got " +
                         (e.is_map    ? "a mapping"
                          : e.is_list ? "a list"
                                      : "'" + e.scalar + "'"));
  }
  const std::vector<std::string> items = list ? e.items : std::vector<std::string>{e.scalar};
  std::vector<double> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    double v = 0;
    if (!parse_one(k.kind, items[i], v) || v < k.min || v > k.max) {
      const std::string item = list ? "item " + std::to_string(i + 1) + " " : "";
      throw InputError(e.where, e.path,
                       "expected " + allowed(k) + ", got " + item + "'" + items[i] + "'");
    }
    out.push_back(v);
  }
  if (list && out.size() < 2) {
    throw InputError(e.where, e.path,
                     "expected at least 2 values, got " + std::to_string(out.size()));
  }
  return out;
}

std::string resolve_in(const std::string& what, const fs::path& base_dir,
                       const core::SourceLoc& where, const std::string& key) {
  const bool path = what.find('/') != std::string::npos ||
                    (what.size() > 5 && what.compare(what.size() - 5, 5, ".yaml") == 0);
  if (path) {
    const fs::path p = fs::path(what).is_absolute() ? fs::path(what) : base_dir / what;
    if (!fs::exists(p)) throw InputError(where, key, "no such file '" + p.string() + "'");
    return p.lexically_normal().string();
  }
  const fs::path named = fs::path(energy_table_dir()) / (what + ".yaml");
  if (fs::exists(named)) return named.lexically_normal().string();
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(energy_table_dir(), ec)) {
    if (f.path().extension() == ".yaml") names.push_back(f.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  throw InputError(where, key,
                   "unknown energy table '" + what + "'" + core::did_you_mean(what, names) +
                       "; tables in " + energy_table_dir() + ": " + core::join(names) +
                       "; or give a path to a .yaml file");
}

// Entries of `own` over those of the table it extends (cycles reported where written).
std::vector<YamlEntry> merged(std::vector<YamlEntry> own, const fs::path& dir,
                              std::vector<std::string>& chain) {
  std::vector<YamlEntry> out;
  for (const auto& e : own) {
    if (e.path != "extends") continue;
    if (e.is_list || e.is_map)
      throw InputError(e.where, "extends", "expected one table name or path");
    const std::string parent = resolve_in(e.scalar, dir, e.where, "extends");
    const std::string canon = fs::weakly_canonical(parent).string();
    if (std::find(chain.begin(), chain.end(), canon) != chain.end()) {
      throw InputError(e.where, "extends", "cyclic extends of '" + parent + "'");
    }
    chain.push_back(canon);
    out = merged(core::load_yaml_entries(parent), fs::path(parent).parent_path(), chain);
    chain.pop_back();
  }
  for (const auto& e : own) {
    if (e.path == "extends") continue;
    auto same =
        std::find_if(out.begin(), out.end(), [&](const YamlEntry& m) { return m.path == e.path; });
    if (same != out.end()) {
      *same = e;
    } else {
      out.push_back(e);
    }
  }
  return out;
}

CostTable build(const std::vector<YamlEntry>& entries, const std::string& file) {
  CostTable t;
  t.file = file;
  std::set<std::string> given;
  const YamlEntry* capacities = nullptr;
  const YamlEntry* energies = nullptr;
  for (const auto& e : entries) {
    check_known(e);
    const Key& k = *find_key(e.path);
    if (k.kind == Kind::text) {
      k.set(t, {}, e.scalar);
    } else {
      k.set(t, values_of(k, e), "");
    }
    given.insert(e.path);
    if (e.path == "energy.sram.capacities") capacities = &e;
    if (e.path == "energy.sram.read_pj_per_64b") energies = &e;
  }
  for (const auto& k : keys()) {
    if (k.kind == Kind::text || given.count(k.path)) continue;
    throw InputError({file, 0, 0}, k.path, "missing required key; expected " + allowed(k));
  }
  const auto& c = t.sram_capacity_bytes;
  for (std::size_t i = 1; i < c.size(); ++i) {
    if (c[i] <= c[i - 1]) {
      throw InputError(capacities->where, capacities->path,
                       "capacities must be strictly ascending, got '" + capacities->items[i] +
                           "' after '" + capacities->items[i - 1] + "'");
    }
  }
  if (t.sram_read_pj_per_64b.size() != c.size()) {
    throw InputError(energies->where, energies->path,
                     "expected " + std::to_string(c.size()) +
                         " values (one per entry of energy.sram.capacities), got " +
                         std::to_string(t.sram_read_pj_per_64b.size()));
  }
  return t;
}

}  // namespace

std::string energy_table_dir() {
  if (const char* env = std::getenv("CODA_ENERGY_DIR")) return env;
  fs::path presets(preset_dir());
  if (!presets.has_filename()) presets = presets.parent_path();  // "configs/hw/"
  return (presets.parent_path() / "energy").string();
}

std::string resolve_energy_table(const std::string& what, const core::SourceLoc& where) {
  const fs::path dir = where.file.empty() ? fs::current_path() : fs::path(where.file).parent_path();
  return resolve_in(what.empty() ? "default" : what, dir, where, "energy_table");
}

CostTable load_cost_table(const std::string& file) {
  std::vector<std::string> chain{fs::weakly_canonical(file).string()};
  return build(merged(core::load_yaml_entries(file), fs::path(file).parent_path(), chain), file);
}

const CostTable& cached_cost_table(const std::string& file) {
  static std::mutex mutex;
  static std::map<std::string, CostTable> cache;  // node-based: references stay valid
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(file);
  if (it == cache.end()) it = cache.emplace(file, load_cost_table(file)).first;
  return it->second;
}

CostTable parse_cost_table(const std::string& yaml, const std::string& label) {
  std::vector<std::string> chain;
  return build(merged(core::parse_yaml_entries(yaml, label), fs::current_path(), chain), label);
}

}  // namespace coda::arch
