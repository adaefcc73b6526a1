// Op attributes: a small ordered map from snake_case name to an int, int list, float or string.
// Stored as one vector sorted by name (an op has a handful), not a node per entry: graphs are
// built in the search's inner loop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace coda::models {

using AttrValue = std::variant<std::int64_t, std::vector<std::int64_t>, double, std::string>;

class Attrs {
 public:
  using Entry = std::pair<std::string, AttrValue>;

  Attrs() = default;
  // A key given twice keeps its first value (as std::map's list constructor did).
  Attrs(std::initializer_list<Entry> items);

  void set(const std::string& key, AttrValue value);
  bool has(const std::string& key) const { return find(key) != nullptr; }
  // nullptr when absent.
  const AttrValue* find(const std::string& key) const;
  // In ascending order of name.
  const std::vector<Entry>& values() const { return m_values; }

  // Typed reads; return `fallback` when absent. A present value of another type throws
  // InputError naming the key.
  std::int64_t get_int(const std::string& key, std::int64_t fallback) const;
  std::vector<std::int64_t> get_ints(const std::string& key,
                                     const std::vector<std::int64_t>& fallback) const;
  double get_float(const std::string& key, double fallback) const;
  std::string get_string(const std::string& key, const std::string& fallback) const;

  bool operator==(const Attrs& other) const { return m_values == other.m_values; }

 private:
  std::vector<Entry>::const_iterator lower_bound(const std::string& key) const;

  std::vector<Entry> m_values;  // sorted by name, names unique
};

// "3", "[1, 1]", "1e-05", "'same'" for messages and exports.
std::string to_string(const AttrValue& value);

}  // namespace coda::models
