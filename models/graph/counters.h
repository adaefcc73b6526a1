// Work and size counters per op and per model: params, MACs, FLOPs (= 2 x MACs), bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "models/graph/graph.h"

namespace coda::models {

struct OpCounts {
  std::int64_t params = 0;         // elements of weight tensors (each counted at its first reader)
  std::int64_t macs = 0;           // multiply-accumulates of conv2d / matmul / fully_connected
  std::int64_t vector_ops = 0;     // element operations of every other op (see docs/models.md)
  std::uint64_t weight_bytes = 0;  // bytes of weight (parameter) tensors read
  std::uint64_t input_bytes = 0;   // bytes of other tensors read (activations, inputs, state,
                                   // constants such as masks)
  std::uint64_t output_bytes = 0;  // bytes written

  std::int64_t flops() const { return 2 * macs; }  // FLOPs: a MAC is 2 FLOPs
  std::uint64_t activation_bytes() const { return input_bytes + output_bytes; }
  // FLOPs per byte moved (weights + activations read + written); 0 when nothing moves.
  double arithmetic_intensity() const;
  OpCounts& operator+=(const OpCounts& o);
};

struct ModelCounts {
  std::vector<OpCounts> per_op;  // indexed by OpId
  std::int64_t params = 0;       // distinct weight elements
  std::int64_t macs = 0;
  std::int64_t vector_ops = 0;
  std::uint64_t weight_bytes = 0;      // distinct weight bytes (= params x dtype size)
  std::uint64_t activation_bytes = 0;  // distinct input, state, constant and activation bytes
  std::int64_t flops() const { return 2 * macs; }
  // FLOPs / (weight_bytes + activation_bytes): each tensor moved once.
  double arithmetic_intensity() const;
};

// The batch: the first dimension of the first graph input that has one (1 when none does).
std::uint64_t batch_of(const Graph& g);
// The same for a graph whose only input has this shape.
std::uint64_t batch_of(const Shape& input);

// Counts of one op in isolation (params = all its weight inputs).
OpCounts count_op(const Graph& g, const Op& op);
ModelCounts count_model(const Graph& g);

}  // namespace coda::models
