// Registry of unit implementations: each implementation registers a factory under (kind, model
// name) from its own .cpp; the engine creates units by the names the chip description chooses, so a
// more detailed variant is added without touching the engine.
#pragma once

#include <systemc>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "arch/common/i_unit.h"
#include "arch/spec/arch_spec.h"

namespace coda::arch {

class MemorySystem;

// A unit as the engine holds it: a SystemC module that accepts jobs.
class UnitModule : public sc_core::sc_module, public IUnit {
 public:
  using sc_core::sc_module::sc_module;
};

// What a factory gets: the chip, where the unit sits, the shared reporting context and the memory
// systems of every chip (index = chip).
struct UnitArgs {
  const ArchSpec& spec;
  std::string name;
  int chip = 0, core = 0, index = 0;
  UnitContext& ctx;
  std::vector<MemorySystem*> memories;
};

using UnitFactory = std::function<std::unique_ptr<UnitModule>(const UnitArgs&)>;

class UnitRegistry {
 public:
  // Registers a factory; a second one under the same (kind, model) is a std::logic_error.
  static bool add(UnitKind kind, const std::string& model, UnitFactory factory);
  // Throws std::logic_error naming the registered models when `model` is unknown.
  static std::unique_ptr<UnitModule> create(UnitKind kind, const std::string& model,
                                            const UnitArgs& args);
  static std::vector<std::string> models(UnitKind kind);  // sorted
};

}  // namespace coda::arch

// File-scope registration: CODA_REGISTER_UNIT(mxu, "analytic", [](const UnitArgs& a) {...});
#define CODA_REGISTER_UNIT(kind, model, factory) \
  static const bool coda_registered_##kind =     \
      ::coda::arch::UnitRegistry::add(::coda::arch::UnitKind::kind, model, factory)
