// Private to models/io: ONNX protobuf includes and dtype mapping shared by import and export.
#pragma once

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>

#include "models/graph/dtype.h"

namespace coda::models::onnx_io {

// Graph inputs tagged by our exporter (ValueInfoProto.doc_string) so a round trip keeps kinds.
inline const char* const kWeightTag = "coda:weight";
inline const char* const kConstantTag = "coda:constant";
inline const char* const kStateTag = "coda:state";
// Custom domain for ops without a standard ONNX counterpart (silu, gelu, rms_norm, KV cache).
inline const char* const kCodaDomain = "ai.coda";
constexpr int kOpset = 17;

std::optional<DType> from_onnx(int elem_type);
int to_onnx(DType t);
std::string onnx_type_name(int elem_type);

}  // namespace coda::models::onnx_io
