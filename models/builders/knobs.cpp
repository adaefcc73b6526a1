#include "models/builders/knobs.h"

#include <algorithm>
#include <sstream>

#include "sim/core/error.h"
#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::models {

void Knobs::set_default(const std::string& key, const std::string& value) {
  if (!has(key)) m_values[key] = value;
}

const std::string* Knobs::raw(const std::string& key, const std::string& fallback,
                              const std::string& help) {
  auto it = m_values.find(key);
  for (const auto& u : m_used) {
    if (u.key == key) return it == m_values.end() ? nullptr : &it->second;
  }
  m_used.push_back({key, it == m_values.end() ? fallback : it->second, help});
  return it == m_values.end() ? nullptr : &it->second;
}

void Knobs::bad(const std::string& key, const std::string& value,
                const std::string& allowed) const {
  throw core::InputError({}, "knob " + key, "invalid value '" + value + "'; expected " + allowed);
}

std::int64_t Knobs::get_int(const std::string& key, std::int64_t fallback, std::int64_t min,
                            std::int64_t max, const std::string& help) {
  const std::string* v = raw(key, std::to_string(fallback), help);
  if (!v) return fallback;
  const std::string range =
      "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  std::size_t pos = 0;
  std::int64_t out = 0;
  try {
    out = std::stoll(*v, &pos);
  } catch (const std::exception&) {
    bad(key, *v, range);
  }
  if (pos != v->size() || out < min || out > max) bad(key, *v, range);
  return out;
}

double Knobs::get_double(const std::string& key, double fallback, double min, double max,
                         const std::string& help) {
  const std::string* v = raw(key, core::format_number(fallback), help);
  if (!v) return fallback;
  const std::string range =
      "a number in [" + core::format_number(min) + ", " + core::format_number(max) + "]";
  std::size_t pos = 0;
  double out = 0;
  try {
    out = std::stod(*v, &pos);
  } catch (const std::exception&) {
    bad(key, *v, range);
  }
  if (pos != v->size() || !(out >= min && out <= max)) bad(key, *v, range);
  return out;
}

bool Knobs::get_bool(const std::string& key, bool fallback, const std::string& help) {
  const std::string* v = raw(key, fallback ? "true" : "false", help);
  if (!v) return fallback;
  if (*v == "true" || *v == "1" || *v == "on") return true;
  if (*v == "false" || *v == "0" || *v == "off") return false;
  bad(key, *v, "true or false");
}

std::string Knobs::get_choice(const std::string& key, const std::string& fallback,
                              const std::vector<std::string>& allowed, const std::string& help) {
  const std::string* v = raw(key, fallback, help);
  if (!v) return fallback;
  if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
    bad(key, *v, "one of " + core::join(allowed) + core::did_you_mean(*v, allowed));
  }
  return *v;
}

std::string Knobs::get_string(const std::string& key, const std::string& fallback,
                              const std::string& help) {
  const std::string* v = raw(key, fallback, help);
  return v ? *v : fallback;
}

std::vector<std::int64_t> Knobs::get_int_list(const std::string& key,
                                              const std::vector<std::int64_t>& fallback,
                                              std::int64_t min, std::int64_t max,
                                              const std::string& help) {
  std::vector<std::string> text;
  for (auto f : fallback) text.push_back(std::to_string(f));
  const std::string* v = raw(key, core::join(text, ","), help);
  if (!v) return fallback;
  const std::string want = std::to_string(fallback.size()) +
                           " comma-separated integers (or one for all) in [" + std::to_string(min) +
                           ", " + std::to_string(max) + "]";
  std::vector<std::int64_t> out;
  std::stringstream in(*v);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::size_t pos = 0;
    std::int64_t x = 0;
    try {
      x = std::stoll(item, &pos);
    } catch (const std::exception&) {
      bad(key, *v, want);
    }
    if (pos != item.size() || x < min || x > max) bad(key, *v, want);
    out.push_back(x);
  }
  if (out.size() == 1) out.assign(fallback.size(), out[0]);
  if (out.size() != fallback.size()) bad(key, *v, want);
  return out;
}

void Knobs::reject_unknown(const std::string& model) const {
  std::vector<std::string> allowed;
  for (const auto& u : m_used) allowed.push_back(u.key);
  for (const auto& [key, value] : m_values) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      throw core::InputError({}, "knob " + key,
                             "unknown knob for model '" + model + "'" +
                                 core::did_you_mean(key, allowed) +
                                 "; allowed: " + core::join(allowed));
    }
  }
}

}  // namespace coda::models
