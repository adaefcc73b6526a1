#include "sim/schedule/measured_csv.h"

#include <fstream>
#include <map>
#include <sstream>

#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::schedule {
namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string cell; std::getline(ss, cell, sep);) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

// Activation, elementwise, normalization and pooling names of the measured files -> our kinds.
const std::map<std::string, VectorKind>& vector_ops() {
  static const std::map<std::string, VectorKind> m = {
      {"add", VectorKind::add},
      {"subtract", VectorKind::sub},
      {"multiply", VectorKind::mul},
      {"divide", VectorKind::div},
      {"relu", VectorKind::relu},
      {"sigmoid", VectorKind::sigmoid},
      {"tanh", VectorKind::tanh},
      {"leaky_relu", VectorKind::leaky_relu},
      {"parametric_relu", VectorKind::leaky_relu},
      {"elu", VectorKind::elu},
      {"selu", VectorKind::selu},
      {"binary_step", VectorKind::binary_step},
      {"linear", VectorKind::linear},
      {"layer_norm", VectorKind::layer_norm},
      {"rms_norm", VectorKind::rms_norm},
      {"batch_norm", VectorKind::batch_norm},
      {"batch_norm_inference", VectorKind::batch_norm},
      {"max_pool", VectorKind::max_pool},
      {"avg_pool", VectorKind::avg_pool}};
  return m;
}

}  // namespace

std::vector<MeasuredRow> read_measured_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::InputError({path, 0, 0}, "", "cannot open file");
  std::string line;
  std::getline(in, line);
  const auto header = split(line, ',');
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* need : {"case_id", "sweep", "op", "dtype", "measured_time_us"}) {
    if (!col.count(need)) {
      throw core::InputError({path, 1, 1}, "header", std::string("missing column '") + need + "'");
    }
  }
  std::vector<MeasuredRow> rows;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    const auto cells = split(line, ',');
    auto cell = [&](const std::string& name) -> std::string {
      auto it = col.find(name);
      if (it == col.end() || it->second >= cells.size()) {
        throw core::InputError({path, n, 0}, name, "missing value");
      }
      return cells[it->second];
    };
    auto number = [&](const std::string& name) {
      const std::string v = cell(name);
      char* end = nullptr;
      const double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || d <= 0) {
        throw core::InputError({path, n, 0}, name, "expected a positive number, got '" + v + "'");
      }
      return d;
    };
    MeasuredRow r;
    r.case_id = cell("case_id");
    r.sweep = cell("sweep");
    r.op = cell("op");
    r.measured_us = number("measured_time_us");
    const auto dtype = arch::parse_dtype(cell("dtype") == "float16" ? "fp16" : cell("dtype"));
    if (!dtype) throw core::InputError({path, n, 0}, "dtype", "unknown '" + cell("dtype") + "'");
    if (r.op == "matmul" || r.op == "dot_1d") {
      MatmulOp m;
      m.m = static_cast<std::uint64_t>(number("M"));
      m.k = static_cast<std::uint64_t>(number("K"));
      m.n = static_cast<std::uint64_t>(number("N"));
      m.dtype = *dtype;
      m.a_level = arch::MemLevel::cmem;
      m.name = r.case_id;
      r.work = m;
    } else {
      auto kind = vector_ops().find(r.op);
      if (kind == vector_ops().end()) {
        throw core::InputError({path, n, 0}, "op", "unsupported op '" + r.op + "'");
      }
      VectorOp v;
      v.kind = kind->second;
      v.dtype = *dtype;
      v.window_on_lanes = true;  // the pooling rows are NCHW with W minor
      for (const auto& d : split(cell("shape"), 'x')) {
        if (d.empty() || d.find_first_not_of("0123456789") != std::string::npos) {
          throw core::InputError({path, n, 0}, "shape",
                                 "expected AxBxC, got '" + cell("shape") + "'");
        }
        v.shape.push_back(std::stoull(d));
      }
      r.work = v;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace coda::schedule
