// Output shapes and dtypes of one op from its inputs and attributes, with precise errors.
#pragma once

#include <string>
#include <vector>

#include "models/graph/attrs.h"
#include "models/graph/op_kind.h"
#include "models/graph/tensor.h"
#include "sim/core/small_vector.h"

namespace coda::models {

struct InferredOutput {
  Shape shape;
  DType dtype;
};
// An op's inputs and outputs as shape inference sees them: a few, kept inline.
using TensorRefs = boost::container::small_vector<const Tensor*, 4>;
using InferredOutputs = boost::container::small_vector<InferredOutput, 1>;

// `attrs` must be complete (see complete_attrs). Throws core::InputError:
// "op '<name>' (<kind>): <what is wrong>; inputs: x [1, 3, 224, 224] fp32, weight [...] fp32".
InferredOutputs infer_outputs(OpKind kind, const std::string& op_name, const TensorRefs& inputs,
                              const Attrs& attrs);

// numpy broadcasting of two shapes; false when incompatible.
bool broadcast_shapes(const Shape& a, const Shape& b, Shape& out);

}  // namespace coda::models
