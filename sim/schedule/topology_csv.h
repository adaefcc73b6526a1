// Reads SCALE-Sim topology CSVs: convolution layers ("Layer name, IFMAP Height, IFMAP Width,
// Filter Height, Filter Width, Channels, Num Filter, Strides,") or GEMMs ("Layer, M, N, K,").
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "sim/schedule/ops.h"

namespace coda::schedule {

struct TopologyLayer {
  std::string name;
  std::variant<ConvOp, MatmulOp> op;
};

// Throws core::InputError naming file:line, the column and the bad value.
std::vector<TopologyLayer> read_topology_csv(const std::string& path, arch::DType dtype);

}  // namespace coda::schedule
