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
    std::map<std::string, std::int64_t> dims;
    if (used) used->clear();
    for (const auto& [key, value] : knobs) {
      if (!onnx || key.rfind("dim.", 0) != 0 || key.size() == 4) {
        throw core::InputError(
            {}, "knob " + key,
            onnx ? "an ONNX file takes only dim.<name>=N knobs (values for its "
                   "symbolic input dimensions)"
                 : "knobs apply to built-in models only, not to the file '" + name_or_file + "'");
      }
      std::size_t pos = 0;
      std::int64_t v = 0;
      try {
        v = std::stoll(value, &pos);
      } catch (const std::exception&) {
        pos = 0;
      }
      if (pos == 0 || pos != value.size() || v < 1) {
        throw core::InputError({}, "knob " + key,
                               "invalid value '" + value + "'; expected an integer >= 1");
      }
      dims[key.substr(4)] = v;
      if (used) used->push_back({key, value, "symbolic input dimension"});
    }
    return yaml ? load_yaml_model(name_or_file) : load_onnx_model(name_or_file, dims);
  }
  return build_model(name_or_file, knobs, used);
}

}  // namespace coda::models
