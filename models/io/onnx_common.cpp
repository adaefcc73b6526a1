#include "models/io/onnx_common.h"

namespace coda::models::onnx_io {

std::optional<DType> from_onnx(int elem_type) {
  switch (elem_type) {
    case onnx::TensorProto::FLOAT:
      return DType::fp32;
    case onnx::TensorProto::FLOAT16:
      return DType::fp16;
    case onnx::TensorProto::BFLOAT16:
      return DType::bf16;
    case onnx::TensorProto::INT8:
      return DType::int8;
    case onnx::TensorProto::INT32:
      return DType::int32;
    case onnx::TensorProto::INT64:
      return DType::int64;
    default:
      return std::nullopt;
  }
}

int to_onnx(DType t) {
  switch (t) {
    case DType::fp32:
      return onnx::TensorProto::FLOAT;
    case DType::fp16:
      return onnx::TensorProto::FLOAT16;
    case DType::bf16:
      return onnx::TensorProto::BFLOAT16;
    case DType::int8:
      return onnx::TensorProto::INT8;
    case DType::fp8:
      return onnx::TensorProto::UINT8;  // no fp8 before IR 9: stored as bytes
    case DType::int32:
      return onnx::TensorProto::INT32;
    case DType::int64:
      return onnx::TensorProto::INT64;
  }
  return onnx::TensorProto::UNDEFINED;
}

std::string onnx_type_name(int elem_type) {
  const auto* d = onnx::TensorProto::DataType_descriptor();
  const auto* v = d->FindValueByNumber(elem_type);
  return v ? v->name() : std::to_string(elem_type);
}

}  // namespace coda::models::onnx_io
