// ONNX import and export through Debian's libonnx (onnx.proto via protobuf).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "models/graph/graph.h"

namespace coda::models {

// Reads an .onnx model: each node maps to one op of our set (Conv, Gemm, MatMul, Add, Relu, ...;
// see docs/models.md), initializers become weights, shapes are inferred by our graph (shape
// constants feeding Reshape are folded). Throws core::InputError for a missing or truncated
// file, an unsupported op (naming the node, its op type and the supported list), bad shapes, or
// a symbolic input dimension without a value in `dims` (dim_param name -> size).
Graph load_onnx_model(const std::string& path,
                      const std::map<std::string, std::int64_t>& dims = {});

// Writes the graph as ONNX (opset 13): structure, shapes and dtypes; weights as zero-filled
// initializers only when `with_weights` (otherwise as graph inputs with their shapes).
void save_onnx_model(const Graph& g, const std::string& path, bool with_weights = false);

// True when built with libonnx.
bool onnx_available();

}  // namespace coda::models
