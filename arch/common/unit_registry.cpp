#include "arch/common/unit_registry.h"

#include <map>
#include <stdexcept>

namespace coda::arch {
namespace {

std::map<std::pair<UnitKind, std::string>, UnitFactory>& table() {
  static std::map<std::pair<UnitKind, std::string>, UnitFactory> t;  // filled at static init
  return t;
}

}  // namespace

bool UnitRegistry::add(UnitKind kind, const std::string& model, UnitFactory factory) {
  if (!table().emplace(std::make_pair(kind, model), std::move(factory)).second) {
    throw std::logic_error(std::string("unit ") + to_string(kind) + " '" + model +
                           "' registered twice");
  }
  return true;
}

std::unique_ptr<UnitModule> UnitRegistry::create(UnitKind kind, const std::string& model,
                                                 const UnitArgs& args) {
  auto it = table().find({kind, model});
  if (it == table().end()) {
    std::string known;
    for (const auto& m : models(kind)) known += (known.empty() ? "" : ", ") + m;
    throw std::logic_error(std::string("no ") + to_string(kind) + " model '" + model +
                           "' registered; known: " + known);
  }
  return it->second(args);
}

std::vector<std::string> UnitRegistry::models(UnitKind kind) {
  std::vector<std::string> out;
  for (const auto& [key, factory] : table()) {
    if (key.first == kind) out.push_back(key.second);
  }
  return out;
}

}  // namespace coda::arch
