#include "arch/spec/schema.h"

#include <cmath>
#include <cstdlib>
#include <optional>

#include "sim/core/text.h"
#include "sim/core/units.h"

namespace coda::arch {
namespace {

using core::format_number;

std::string fmt(ParamKind kind, double v) {
  switch (kind) {
    case ParamKind::bytes:
      return core::format_bytes(static_cast<std::uint64_t>(v));
    case ParamKind::bandwidth:
      return core::format_bandwidth(v);
    case ParamKind::frequency:
      return core::format_frequency(v);
    case ParamKind::duration:
      return core::format_duration(v);
    default:
      return format_number(v);
  }
}

std::optional<double> parse_number(ParamKind kind, const std::string& s) {
  switch (kind) {
    case ParamKind::bytes: {
      auto b = core::parse_bytes(s);
      return b ? std::optional<double>(static_cast<double>(*b)) : std::nullopt;
    }
    case ParamKind::bandwidth:
      return core::parse_bandwidth(s);
    case ParamKind::frequency:
      return core::parse_frequency(s);
    case ParamKind::duration:
      return core::parse_duration(s);
    case ParamKind::integer: {
      if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
      return std::strtod(s.c_str(), nullptr);
    }
    default: {
      char* end = nullptr;
      const double v = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
      return v;
    }
  }
}

const char* kind_phrase(ParamKind kind) {
  switch (kind) {
    case ParamKind::integer:
      return "an integer";
    case ParamKind::real:
      return "a number";
    case ParamKind::bytes:
      return "a byte size like '16 MiB'";
    case ParamKind::bandwidth:
      return "a bandwidth like '1.2 TB/s'";
    case ParamKind::frequency:
      return "a frequency like '940 MHz'";
    case ParamKind::duration:
      return "a duration like '500 ns'";
    case ParamKind::choice:
      return "one of";
    case ParamKind::text:
      return "text";
  }
  return "";
}

}  // namespace

std::string describe_allowed(const ParamDecl& d) {
  if (d.kind == ParamKind::choice) return "one of " + core::join(d.choices);
  if (d.kind == ParamKind::text) return "text";
  return std::string(kind_phrase(d.kind)) + " in [" + fmt(d.kind, d.min) + ", " +
         fmt(d.kind, d.max) + "]";
}

bool parse_param(const ParamDecl& d, const std::string& text, ParamValue& out, std::string& error) {
  if (d.kind == ParamKind::text) {
    out.text = text;
    return true;
  }
  if (d.kind == ParamKind::choice) {
    for (const auto& c : d.choices) {
      if (c == text) {
        out.text = text;
        return true;
      }
    }
    error = "expected " + describe_allowed(d) + ", got '" + text + "'" +
            core::did_you_mean(text, d.choices);
    return false;
  }
  const auto v = parse_number(d.kind, text);
  if (!v || *v < d.min || *v > d.max) {
    error = "expected " + describe_allowed(d) + ", got '" + text + "'";
    return false;
  }
  out.number = *v;
  return true;
}

std::string format_param(const ParamDecl& d, const ParamValue& v) {
  if (d.kind == ParamKind::text || d.kind == ParamKind::choice) return v.text;
  return fmt(d.kind, v.number);
}

std::string config_reference_markdown() {
  std::string md =
      "# Chip description reference\n\n"
      "Generated from `arch/spec/schema_table.cpp` by `coda check --reference`; do not edit by "
      "hand.\nA test fails when this file and the schema disagree. Keys are YAML paths; "
      "`core.*` is per TensorCore.\nQuantities take human units: bytes (`16 MiB`, `32 GB`), "
      "bandwidth (`1.2 TB/s`, `400 Gbps`),\nfrequency (`940 MHz`), duration (`500 ns`). A file may "
      "start with `extends: <preset or path>` and\noverride any key.\n\n"
      "| key | allowed | default | meaning |\n|---|---|---|---|\n";
  for (const auto& d : arch_params()) {
    std::string def = d.default_text.empty() ? (d.kind == ParamKind::text ? "" : "required")
                                             : "`" + d.default_text + "`";
    md += "| `" + d.path + "` | " + describe_allowed(d) + " | " + def + " | " + d.doc + " |\n";
  }
  return md;
}

}  // namespace coda::arch
