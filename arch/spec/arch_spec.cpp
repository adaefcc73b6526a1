#include "arch/spec/arch_spec.h"

namespace coda::arch {

std::string to_string(Dataflow d) {
  switch (d) {
    case Dataflow::weight_stationary:
      return "weight_stationary";
    case Dataflow::output_stationary:
      return "output_stationary";
    case Dataflow::input_stationary:
      return "input_stationary";
  }
  return "?";
}

std::string to_string(VectorOpClass c) {
  static const char* names[kVectorOpClasses] = {"add_mul",   "compare_select", "transcendental",
                                                "reduction", "cross_lane",     "convert"};
  return names[static_cast<int>(c)];
}

}  // namespace coda::arch
