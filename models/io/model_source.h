// One entry point for "NAME|FILE": a built-in model name, a .yaml/.yml model file or an .onnx file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/builders/knobs.h"
#include "models/graph/graph.h"

namespace coda::models {

// Files are recognised by extension; anything else must be a built-in name (knobs apply only to
// built-ins: a file with knobs is an InputError). `used` receives the knobs in effect.
Graph load_model(const std::string& name_or_file, const std::map<std::string, std::string>& knobs,
                 std::vector<Knobs::Used>* used = nullptr);

bool has_extension(const std::string& path, const std::string& ext);

}  // namespace coda::models
