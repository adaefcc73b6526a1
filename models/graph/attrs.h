// Op attributes: a small ordered map from snake_case name to an int, int list, float or string.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace coda::models {

using AttrValue = std::variant<std::int64_t, std::vector<std::int64_t>, double, std::string>;

class Attrs {
 public:
  Attrs() = default;
  Attrs(std::initializer_list<std::pair<const std::string, AttrValue>> items) : m_values(items) {}

  void set(const std::string& key, AttrValue value) { m_values[key] = std::move(value); }
  bool has(const std::string& key) const { return m_values.count(key) != 0; }
  const std::map<std::string, AttrValue>& values() const { return m_values; }

  // Typed reads; return `fallback` when absent. A present value of another type throws
  // InputError naming the key.
  std::int64_t get_int(const std::string& key, std::int64_t fallback) const;
  std::vector<std::int64_t> get_ints(const std::string& key,
                                     const std::vector<std::int64_t>& fallback) const;
  double get_float(const std::string& key, double fallback) const;
  std::string get_string(const std::string& key, const std::string& fallback) const;

  bool operator==(const Attrs& other) const { return m_values == other.m_values; }

 private:
  std::map<std::string, AttrValue> m_values;
};

// "3", "[1, 1]", "1e-05", "'same'" for messages and exports.
std::string to_string(const AttrValue& value);

}  // namespace coda::models
