// Family knobs (depth/width multipliers, resolution, kernels, batch...) read with validation.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace coda::models {

// Textual key=value knobs. Each getter validates, records the key, value used and help, so that
// unknown keys can be rejected afterwards and `coda model info` can show every knob in effect.
class Knobs {
 public:
  Knobs() = default;
  explicit Knobs(std::map<std::string, std::string> values) : m_values(std::move(values)) {}

  void set(const std::string& key, const std::string& value) { m_values[key] = value; }
  // Adds `key=value` only when the key is not set yet (preset values under user overrides).
  void set_default(const std::string& key, const std::string& value);
  bool has(const std::string& key) const { return m_values.count(key) != 0; }

  std::int64_t get_int(const std::string& key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max, const std::string& help);
  double get_double(const std::string& key, double fallback, double min, double max,
                    const std::string& help);
  bool get_bool(const std::string& key, bool fallback, const std::string& help);
  std::string get_choice(const std::string& key, const std::string& fallback,
                         const std::vector<std::string>& allowed, const std::string& help);
  std::string get_string(const std::string& key, const std::string& fallback,
                         const std::string& help);
  // A comma-separated list of `count` integers in [min, max]; a single value applies to all.
  std::vector<std::int64_t> get_int_list(const std::string& key,
                                         const std::vector<std::int64_t>& fallback,
                                         std::int64_t min, std::int64_t max,
                                         const std::string& help);

  struct Used {
    std::string key, value, help;
  };
  const std::vector<Used>& used() const { return m_used; }

  // Throws core::InputError for a key no getter read: names it, a suggestion, and the allowed keys.
  void reject_unknown(const std::string& model) const;

 private:
  const std::string* raw(const std::string& key, const std::string& fallback,
                         const std::string& help);
  [[noreturn]] void bad(const std::string& key, const std::string& value,
                        const std::string& allowed) const;
  std::map<std::string, std::string> m_values;
  std::vector<Used> m_used;
};

}  // namespace coda::models
