#include "arch/spec/unit_models.h"

namespace coda::arch {

const std::vector<std::string>& unit_model_names(UnitKind) {
  static const std::vector<std::string> names = {"analytic"};
  return names;
}

}  // namespace coda::arch
