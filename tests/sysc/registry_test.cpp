// Every unit model the schema offers has a registered implementation, and every registered one is
// offered: a dropped translation unit or a forgotten schema entry fails here.
#include <systemc>

#include <gtest/gtest.h>

#include "arch/common/unit_registry.h"
#include "arch/spec/unit_models.h"

namespace coda::arch {
namespace {

TEST(UnitRegistry, SchemaChoicesAndRegisteredModelsAgree) {
  for (UnitKind kind : {UnitKind::mxu, UnitKind::vpu, UnitKind::dma}) {
    SCOPED_TRACE(to_string(kind));
    EXPECT_EQ(UnitRegistry::models(kind), unit_model_names(kind));
  }
  EXPECT_EQ(UnitRegistry::models(UnitKind::sequencer), std::vector<std::string>{"analytic"});
}

}  // namespace
}  // namespace coda::arch
