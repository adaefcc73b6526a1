#include "models/graph/dtype.h"

namespace coda::models {

std::uint32_t dtype_bytes(DType t) {
  switch (t) {
    case DType::bf16:
    case DType::fp16:
      return 2;
    case DType::fp32:
    case DType::int32:
      return 4;
    case DType::int8:
    case DType::fp8:
      return 1;
    case DType::int64:
      return 8;
  }
  return 0;
}

const std::vector<std::string>& dtype_names() {
  static const std::vector<std::string> names = {"bf16", "fp16",  "fp32", "int8",
                                                 "fp8",  "int32", "int64"};
  return names;
}

std::string to_string(DType t) { return dtype_names()[static_cast<std::size_t>(t)]; }

std::optional<DType> parse_dtype(const std::string& name) {
  const auto& names = dtype_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<DType>(i);
  }
  return std::nullopt;
}

bool is_integer(DType t) { return t == DType::int8 || t == DType::int32 || t == DType::int64; }

}  // namespace coda::models
