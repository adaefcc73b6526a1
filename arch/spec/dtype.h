// Numeric data types the chip and workloads talk about, with their sizes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coda::arch {

enum class DType { bf16, fp16, fp32, int8, fp8 };

std::uint32_t dtype_bytes(DType t);
std::string to_string(DType t);
std::optional<DType> parse_dtype(const std::string& name);
const std::vector<std::string>& dtype_names();  // in declaration order

}  // namespace coda::arch
