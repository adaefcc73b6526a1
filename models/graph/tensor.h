// Tensors of a model graph: shape, element type, and what kind of value they hold.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/graph/dtype.h"
#include "sim/core/small_vector.h"

namespace coda::models {

// Dimensions, outermost first; up to 6 kept inline (graphs are built in the search's inner loop).
using Shape = boost::container::small_vector<std::int64_t, 6>;
using TensorId = std::int32_t;
using OpId = std::int32_t;
constexpr OpId kNoOp = -1;

// input: fed at run time (images, token ids). weight: a trainable parameter (counted in params).
// constant: a fixed non-trainable value (e.g. an attention scale). state: carried between runs
// (a KV cache). activation: produced by an op.
enum class TensorKind { input, weight, constant, state, activation };

std::string to_string(TensorKind k);

struct Tensor {
  TensorId id = -1;
  std::string name;
  Shape shape;
  DType dtype = DType::fp32;
  TensorKind kind = TensorKind::activation;
  OpId producer = kNoOp;  // the op writing it; kNoOp for inputs, weights, constants, state

  std::int64_t elements() const;
  std::uint64_t bytes() const {
    return static_cast<std::uint64_t>(elements()) * dtype_bytes(dtype);
  }
  bool is_parameter() const { return kind == TensorKind::weight; }
  bool is_constant_data() const {
    return kind == TensorKind::weight || kind == TensorKind::constant;
  }
};

std::int64_t elements(const Shape& s);
// A shape from an int list (an attribute's value) and back.
inline Shape to_shape(const std::vector<std::int64_t>& dims) { return {dims.begin(), dims.end()}; }
inline std::vector<std::int64_t> to_ints(const Shape& s) { return {s.begin(), s.end()}; }
// "[1, 3, 224, 224]"
std::string to_string(const Shape& s);

}  // namespace coda::models
