#include "models/graph/attrs.h"

#include <algorithm>

#include "sim/core/error.h"
#include "sim/core/units.h"

namespace coda::models {
namespace {
[[noreturn]] void wrong_type(std::string_view key, const char* wanted, const AttrValue& v) {
  throw core::InputError("attribute '" + std::string(key) + "': expected " + wanted + ", got " +
                         to_string(v));
}
}  // namespace

Attrs::Attrs(std::initializer_list<Entry> items) {
  m_values.reserve(items.size());
  for (const auto& [key, value] : items) {
    if (!has(key)) set(key, value);
  }
}

std::vector<Attrs::Entry>::const_iterator Attrs::lower_bound(std::string_view key) const {
  return std::lower_bound(m_values.begin(), m_values.end(), key,
                          [](const Entry& e, std::string_view k) { return e.first < k; });
}

void Attrs::set(const std::string& key, AttrValue value) {
  const auto at = lower_bound(key);
  if (at != m_values.end() && at->first == key) {
    m_values[static_cast<std::size_t>(at - m_values.begin())].second = std::move(value);
  } else {
    m_values.emplace(at, key, std::move(value));
  }
}

const AttrValue* Attrs::find(std::string_view key) const {
  // An op has a handful: a scan whose equality tests mostly stop at the length beats a binary
  // search of three-way string comparisons.
  for (const auto& [name, value] : m_values) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::int64_t Attrs::get_int(std::string_view key, std::int64_t fallback) const {
  const AttrValue* it = find(key);
  if (!it) return fallback;
  if (auto* v = std::get_if<std::int64_t>(it)) return *v;
  wrong_type(key, "an integer", *it);
}

std::vector<std::int64_t> Attrs::get_ints(std::string_view key,
                                          const std::vector<std::int64_t>& fallback) const {
  const AttrValue* it = find(key);
  if (!it) return fallback;
  if (auto* v = std::get_if<std::vector<std::int64_t>>(it)) return *v;
  if (auto* v = std::get_if<std::int64_t>(it)) return {*v};
  wrong_type(key, "a list of integers", *it);
}

void Attrs::get_ints_into(std::string_view key, std::int64_t* out, std::size_t n,
                          std::int64_t fallback) const {
  const AttrValue* it = find(key);
  if (!it) {
    std::fill(out, out + n, fallback);
    return;
  }
  if (auto* v = std::get_if<std::int64_t>(it)) {
    std::fill(out, out + n, *v);
    return;
  }
  const auto* list = std::get_if<std::vector<std::int64_t>>(it);
  if (!list) wrong_type(key, "a list of integers", *it);
  if (list->size() < n) {
    throw core::InputError("attribute '" + std::string(key) + "': expected at least " +
                           std::to_string(n) + " integers, got " + to_string(*it));
  }
  std::copy(list->begin(), list->begin() + static_cast<std::ptrdiff_t>(n), out);
}

double Attrs::get_float(std::string_view key, double fallback) const {
  const AttrValue* it = find(key);
  if (!it) return fallback;
  if (auto* v = std::get_if<double>(it)) return *v;
  if (auto* v = std::get_if<std::int64_t>(it)) return static_cast<double>(*v);
  wrong_type(key, "a number", *it);
}

std::string Attrs::get_string(std::string_view key, const std::string& fallback) const {
  const AttrValue* it = find(key);
  if (!it) return fallback;
  if (auto* v = std::get_if<std::string>(it)) return *v;
  wrong_type(key, "a string", *it);
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
