#include "arch/common/sequencer.h"

namespace coda::arch {

CODA_REGISTER_UNIT(sequencer, "analytic", [](const UnitArgs& a) -> std::unique_ptr<UnitModule> {
  return std::make_unique<Sequencer>(a.name.c_str(), a.chip, a.core, a.ctx);
});

}  // namespace coda::arch
