#include "sim/schedule/topology_csv.h"

#include <fstream>
#include <sstream>

#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::schedule {
namespace {

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  for (std::string cell; std::getline(ss, cell, ',');) {
    const auto b = cell.find_first_not_of(" \t\r");
    const auto e = cell.find_last_not_of(" \t\r");
    cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
  }
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

std::uint64_t positive(const std::string& cell, const std::string& column, const std::string& file,
                       int line) {
  if (cell.empty() || cell.find_first_not_of("0123456789") != std::string::npos ||
      std::stoull(cell) == 0) {
    throw core::InputError({file, line, 0}, column,
                           "expected a positive integer, got '" + cell + "'");
  }
  return std::stoull(cell);
}

}  // namespace

std::vector<TopologyLayer> read_topology_csv(const std::string& path, arch::DType dtype) {
  std::ifstream in(path);
  if (!in) throw core::InputError({path, 0, 0}, "--topology", "cannot open file");
  std::string line;
  if (!std::getline(in, line)) throw core::InputError({path, 1, 0}, "", "empty topology file");
  const auto header = split_row(line);
  const bool conv = header.size() >= 8 && header[1] == "IFMAP Height";
  const bool gemm = header.size() >= 4 && header[1] == "M" && header[2] == "N" && header[3] == "K";
  if (!conv && !gemm) {
    throw core::InputError(
        {path, 1, 1}, "header",
        "expected SCALE-Sim conv columns (Layer name, IFMAP Height, IFMAP Width, "
        "Filter Height, Filter Width, Channels, Num Filter, Strides) or GEMM "
        "columns (Layer, M, N, K), got '" +
            core::join(header) + "'");
  }
  std::vector<TopologyLayer> layers;
  for (int n = 2; std::getline(in, line); ++n) {
    const auto cells = split_row(line);
    if (cells.empty()) continue;
    const std::size_t need = conv ? 8 : 4;
    if (cells.size() < need) {
      throw core::InputError(
          {path, n, 0}, "",
          "expected " + std::to_string(need) + " columns, got " + std::to_string(cells.size()));
    }
    auto num = [&](std::size_t i) { return positive(cells[i], header[i], path, n); };
    if (conv) {
      ConvOp c;
      c.h = num(1);
      c.w = num(2);
      c.kh = static_cast<std::uint32_t>(num(3));
      c.kw = static_cast<std::uint32_t>(num(4));
      c.c = num(5);
      c.out_channels = num(6);
      c.stride_h = c.stride_w = static_cast<std::uint32_t>(num(7));
      c.dtype = dtype;
      if (c.kh > c.h || c.kw > c.w) {
        throw core::InputError({path, n, 0}, header[3],
                               "filter " + cells[3] + "x" + cells[4] + " is larger than the " +
                                   cells[1] + "x" + cells[2] +
                                   " input (SCALE-Sim uses no padding)");
      }
      layers.push_back({cells[0], c});
    } else {
      MatmulOp m;
      m.m = num(1);
      m.n = num(2);
      m.k = num(3);
      m.dtype = dtype;
      m.name = cells[0];
      layers.push_back({cells[0], m});
    }
  }
  return layers;
}

}  // namespace coda::schedule
