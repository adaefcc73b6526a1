// Built-in model names (resnet50, efficientnet_x_b3_tpu, gpt_small, ...) mapped to families.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/builders/knobs.h"
#include "models/graph/graph.h"

namespace coda::models {

struct ModelPreset {
  std::string name;    // lower case with underscores
  std::string family;  // resnet, mobilenet_v2, efficientnet, efficientnet_x, vit, bert, gpt, ...
  std::string description;
  std::map<std::string, std::string> knobs;  // preset values; user knobs override them
};

const std::vector<ModelPreset>& model_presets();
const ModelPreset* find_preset(const std::string& name);

// Builds a built-in model. `knobs` override the preset's; an unknown model or knob, or a bad
// value, is a core::InputError. When `used` is given it receives every knob in effect.
Graph build_model(const std::string& name, const std::map<std::string, std::string>& knobs,
                  std::vector<Knobs::Used>* used = nullptr);

}  // namespace coda::models
