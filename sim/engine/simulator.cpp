#include "sim/engine/simulator.h"

#include <systemc>

#include <cstdlib>
#include <stdexcept>

#include "sim/engine/engine_module.h"

namespace coda::engine {

SimResult simulate(const arch::ArchSpec& chip, const std::vector<schedule::Schedule>& phases,
                   const SimOptions& options) {
  static bool elaborated = false;
  if (elaborated) throw std::logic_error("simulate(): SystemC allows one elaboration per process");
  elaborated = true;
  for (const auto& s : phases) {
    const auto problems = schedule::check(s, chip, options.chips);
    if (!problems.empty()) throw std::logic_error("invalid schedule: " + problems.front());
  }
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_DO_NOTHING);
  SimResult result;
  result.phases.resize(std::max<std::size_t>(phases.size(), 1));
  result.groups.resize(phases.size());
  EngineModule top("coda", chip, phases, options, result);
  sc_core::sc_start();
  result.phases.resize(phases.size());
  return result;
}

}  // namespace coda::engine
