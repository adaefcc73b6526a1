#include "models/builders/families.h"

namespace coda::models {

CommonKnobs read_common_knobs(Knobs& k) {
  CommonKnobs c;
  c.batch = k.get_int("batch", 1, 1, 1 << 20, "batch size");
  const std::string d = k.get_choice("dtype", "bf16", {"bf16", "fp16", "fp32", "int8", "fp8"},
                                     "element type of weights and activations");
  c.dtype = *parse_dtype(d);
  return c;
}

OpKind read_activation(Knobs& k, const std::string& key, const std::string& fallback,
                       const std::string& help) {
  std::string a = k.get_choice(
      key, fallback, {"relu", "relu6", "silu", "swish", "gelu", "sigmoid", "tanh", "hard_swish"},
      help);
  if (a == "swish") a = "silu";
  return *parse_op_kind(a);
}

}  // namespace coda::models
