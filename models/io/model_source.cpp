#include "models/io/model_source.h"

#include "models/builders/registry.h"
#include "models/io/onnx_io.h"
#include "models/io/yaml_model.h"
#include "sim/core/error.h"

namespace coda::models {

bool has_extension(const std::string& path, const std::string& ext) {
  return path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

Graph load_model(const std::string& name_or_file, const std::map<std::string, std::string>& knobs,
                 std::vector<Knobs::Used>* used) {
  const bool yaml = has_extension(name_or_file, ".yaml") || has_extension(name_or_file, ".yml");
  const bool onnx = has_extension(name_or_file, ".onnx");
  if (yaml || onnx) {
    if (!knobs.empty()) {
      throw core::InputError(
          {}, "knob " + knobs.begin()->first,
          "knobs apply to built-in models only, not to the file '" + name_or_file + "'");
    }
    if (used) used->clear();
    return yaml ? load_yaml_model(name_or_file) : load_onnx_model(name_or_file);
  }
  return build_model(name_or_file, knobs, used);
}

}  // namespace coda::models
