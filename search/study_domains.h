// Building search dimensions from study-file entries: int/pow2/real ranges and choice lists for
// chip parameters (validated against arch/spec/schema.h) and model knobs, and NAS-Bench-201 cells.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "search/space.h"
#include "sim/core/yaml_file.h"

namespace coda::search {

// The entries of one knob: field name ("int", "pow2", "real", "choice", "step") -> entry.
using KnobFields = std::map<std::string, core::YamlEntry>;

// True for the field names a domain is written with.
bool is_domain_field(const std::string& field);

// A dimension over chip parameter `path` (an unknown path is an InputError with a suggestion).
Dimension hardware_dimension(const std::string& path, const KnobFields& fields);
// A dimension over model knob `knob`; values are checked later by building the model.
Dimension model_dimension(const std::string& knob, const KnobFields& fields);
// Benchmark architectures searched op by op and composed into one model knob: a NAS-Bench-201
// cell (6 edges, the `arch` string) or a NAS-Bench-Macro network (8 layers, the 8-digit code).
enum class CellKind { nb201, nas_bench_macro };
// The dimensions of one (`entry`: "all" or a list of allowed ops), named <knob>.edge_<i>_<j> or
// <knob>.layer<n>.
std::vector<Dimension> cell_dimensions(CellKind kind, const std::string& knob,
                                       const core::YamlEntry& entry);
// The knob value from the ops in dimension order.
std::string compose_cell(CellKind kind, const std::vector<std::string>& ops);
const std::vector<std::string>& cell_ops(CellKind kind);
// "|a~0|+|b~0|c~1|+|d~0|e~1|f~2|" from six ops in arch-string order.
std::string nb201_arch(const std::vector<std::string>& ops);
const std::vector<std::string>& nb201_ops();

// The fields of one line of a plain CSV table (no quoting); a trailing comma ends in an empty one.
std::vector<std::string> split_csv_line(const std::string& line);

// Strict number parsing: the whole text must be the number.
bool parse_int(const std::string& text, long long& out);
bool parse_real(const std::string& text, double& out);

}  // namespace coda::search
