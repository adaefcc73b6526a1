// Fallback when libonnx is not installed: ONNX requests are a clear input error.
#include "models/io/onnx_io.h"
#include "sim/core/error.h"

namespace coda::models {

Graph load_onnx_model(const std::string& path, const std::map<std::string, std::int64_t>&) {
  throw core::InputError({path, 0, 0}, "", "ONNX support is not built in (install libonnx-dev)");
}

void save_onnx_model(const Graph&, const std::string& path, bool) {
  throw core::InputError({path, 0, 0}, "", "ONNX support is not built in (install libonnx-dev)");
}

bool onnx_available() { return false; }

}  // namespace coda::models
