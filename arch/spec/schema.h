// The declared parameters of a chip description: one entry per YAML key, with its type, default,
// allowed range and documentation. Validation, the resolved printout (`coda check`) and the
// generated docs/config_reference.md all read this one table.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "arch/spec/arch_spec.h"

namespace coda::arch {

enum class ParamKind { integer, real, bytes, bandwidth, frequency, duration, choice, text };

// A parsed value: numbers in SI base units (bytes, bytes/s, Hz, s), choices and text as strings.
struct ParamValue {
  double number = 0;
  std::string text;
};

struct ParamDecl {
  std::string path;  // dotted YAML key path, e.g. "core.mxu.rows"
  ParamKind kind = ParamKind::integer;
  std::string default_text;          // YAML text of the default; empty = required
  double min = 0, max = 0;           // inclusive bounds (numeric kinds, SI base units)
  std::vector<std::string> choices;  // ParamKind::choice
  std::string doc;
  std::function<void(ArchSpec&, const ParamValue&)> set;
  std::function<ParamValue(const ArchSpec&)> get;

  bool required() const { return default_text.empty() && kind != ParamKind::text; }
};

const std::vector<ParamDecl>& arch_params();

// Human name of a kind with its range, e.g. "an integer in [1, 4096]", "a byte size like '16 MiB'
// in [64 KiB, 1 TiB]", "one of weight_stationary, output_stationary, input_stationary".
std::string describe_allowed(const ParamDecl& d);
// Parses YAML text against the declaration; the error string says what is wrong (empty if ok).
bool parse_param(const ParamDecl& d, const std::string& text, ParamValue& out, std::string& error);
// Formats a value as YAML text in human units (parses back to the same value).
std::string format_param(const ParamDecl& d, const ParamValue& v);

// docs/config_reference.md, generated from the table.
std::string config_reference_markdown();

}  // namespace coda::arch
