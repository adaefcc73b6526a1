// Op attributes: a small ordered map from snake_case name to an int, int list, float or string.
// Stored as one vector sorted by name (an op has a handful), not a node per entry: graphs are
// built in the search's inner loop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // nullptr when absent.
  const AttrValue* find(std::string_view key) const;
  // In ascending order of name.
  const std::vector<Entry>& values() const { return m_values; }

  // Typed reads; return `fallback` when absent. A present value of another type throws
  // InputError naming the key.
  std::int64_t get_int(std::string_view key, std::int64_t fallback) const;
  std::vector<std::int64_t> get_ints(std::string_view key,
                                     const std::vector<std::int64_t>& fallback) const;
  // The first `n` elements of an int list into `out` without copying the list (a single int
  // stands for every element; `fallback` fills them when absent). Throws as get_ints does, and
  // for a list shorter than `n`.
  void get_ints_into(std::string_view key, std::int64_t* out, std::size_t n,
                     std::int64_t fallback) const;
  double get_float(std::string_view key, double fallback) const;
  std::string get_string(std::string_view key, const std::string& fallback) const;

  bool operator==(const Attrs& other) const { return m_values == other.m_values; }

 private:
  std::vector<Entry>::const_iterator lower_bound(std::string_view key) const;

  std::vector<Entry> m_values;  // sorted by name, names unique
};

// "3", "[1, 1]", "1e-05", "'same'" for messages and exports.
std::string to_string(const AttrValue& value);

}  // namespace coda::models
