#include "models/graph/tensor.h"

namespace coda::models {

std::string to_string(TensorKind k) {
  static const char* names[] = {"input", "weight", "constant", "state", "activation"};
  return names[static_cast<int>(k)];
}

std::int64_t elements(const Shape& s) {
  std::int64_t n = 1;
  for (auto d : s) n *= d;
  return n;
}

std::int64_t Tensor::elements() const { return models::elements(shape); }

std::string to_string(const Shape& s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

}  // namespace coda::models
