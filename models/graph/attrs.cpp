#include "models/graph/attrs.h"

#include "sim/core/error.h"
#include "sim/core/units.h"

namespace coda::models {
namespace {
[[noreturn]] void wrong_type(const std::string& key, const char* wanted, const AttrValue& v) {
  throw core::InputError("attribute '" + key + "': expected " + wanted + ", got " + to_string(v));
}
}  // namespace

std::int64_t Attrs::get_int(const std::string& key, std::int64_t fallback) const {
  auto it = m_values.find(key);
  if (it == m_values.end()) return fallback;
  if (auto* v = std::get_if<std::int64_t>(&it->second)) return *v;
  wrong_type(key, "an integer", it->second);
}

std::vector<std::int64_t> Attrs::get_ints(const std::string& key,
                                          const std::vector<std::int64_t>& fallback) const {
  auto it = m_values.find(key);
  if (it == m_values.end()) return fallback;
  if (auto* v = std::get_if<std::vector<std::int64_t>>(&it->second)) return *v;
  if (auto* v = std::get_if<std::int64_t>(&it->second)) return {*v};
  wrong_type(key, "a list of integers", it->second);
}

double Attrs::get_float(const std::string& key, double fallback) const {
  auto it = m_values.find(key);
  if (it == m_values.end()) return fallback;
  if (auto* v = std::get_if<double>(&it->second)) return *v;
  if (auto* v = std::get_if<std::int64_t>(&it->second)) return static_cast<double>(*v);
  wrong_type(key, "a number", it->second);
}

std::string Attrs::get_string(const std::string& key, const std::string& fallback) const {
  auto it = m_values.find(key);
  if (it == m_values.end()) return fallback;
  if (auto* v = std::get_if<std::string>(&it->second)) return *v;
  wrong_type(key, "a string", it->second);
}

std::string to_string(const AttrValue& value) {
  if (auto* v = std::get_if<std::int64_t>(&value)) return std::to_string(*v);
  if (auto* v = std::get_if<double>(&value)) return core::format_number(*v);
  if (auto* v = std::get_if<std::string>(&value)) return "'" + *v + "'";
  const auto& list = std::get<std::vector<std::int64_t>>(value);
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + std::to_string(list[i]);
  return out + "]";
}

}  // namespace coda::models
