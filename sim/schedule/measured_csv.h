// Reads measured-latency CSVs (../shared/data/tpu_measured format: case_id, sweep, op, dtype,
// M/K/N or shape, measured_time_us, n_repeats, ...) into ops to simulate under the measured
// conditions. Columns are found by name, so every file of that folder reads the same way.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "sim/schedule/ops.h"

namespace coda::schedule {

struct MeasuredRow {
  std::string case_id, sweep, op;
  double measured_us = 0;
  std::variant<MatmulOp, VectorOp> work;
};

// GEMMs get A resident in CMEM (XLA's cross-program prefetch of operand A; see docs/validation.md),
// B read from and C written to HBM. Throws core::InputError (file:line, column, value) on bad rows.
std::vector<MeasuredRow> read_measured_csv(const std::string& path);

}  // namespace coda::schedule
