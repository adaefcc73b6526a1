// Element types of model tensors with their sizes in bytes (names match arch/spec's DType).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coda::models {

enum class DType { bf16, fp16, fp32, int8, fp8, int32, int64 };

std::uint32_t dtype_bytes(DType t);
std::string to_string(DType t);
std::optional<DType> parse_dtype(const std::string& name);
const std::vector<std::string>& dtype_names();  // in declaration order
bool is_integer(DType t);

}  // namespace coda::models
