#include "arch/memory/memory_system.h"

#include "arch/spec/timing.h"

namespace coda::arch {

MemorySystem::MemorySystem(const sc_core::sc_module_name& name, const ArchSpec& spec, int chip)
    : sc_core::sc_module(name), m_hbm("hbm", spec) {
  const double clk = spec.clock_hz;
  m_cmem = BandwidthPort("cmem", std::max(spec.cmem.bandwidth_bytes_per_s, 1.0) / clk);
  for (int c = 0; c < spec.tensorcores; ++c) {
    m_vmem.emplace_back("chip" + std::to_string(chip) + ".vmem" + std::to_string(c),
                        spec.vmem.bandwidth_bytes_per_s / clk);
  }
  m_noc = BandwidthPort(
      "noc", std::max(spec.noc.bandwidth_bytes_per_s, 1.0) * std::max(spec.noc.links, 1) / clk);
  m_ici = BandwidthPort("ici", std::max(spec.ici.bandwidth_bytes_per_s, 1.0) / clk);
  m_noc_latency = seconds_to_cycles(spec.noc.latency_s, clk);
}

std::uint64_t MemorySystem::touch(const Endpoint& at, std::uint64_t earliest, const Transfer& t,
                                  Activity& act, bool is_write) {
  switch (at.level) {
    case MemLevel::hbm:
      (is_write ? act.hbm_write_bytes : act.hbm_read_bytes) += t.bytes();
      return m_hbm.access(earliest, hbm_occupied_bytes(t));
    case MemLevel::cmem:
      (is_write ? act.cmem_write_bytes : act.cmem_read_bytes) += t.bytes();
      return m_cmem.reserve(earliest, t.bytes());
    case MemLevel::vmem:
      (is_write ? act.vmem_write_bytes : act.vmem_read_bytes) += t.bytes();
      return m_vmem.at(at.core).reserve(earliest, t.bytes());
  }
  return earliest;
}

std::uint64_t MemorySystem::read(const Endpoint& at, std::uint64_t earliest, const Transfer& t,
                                 Activity& act) {
  return touch(at, earliest, t, act, false);
}

std::uint64_t MemorySystem::write(const Endpoint& at, std::uint64_t earliest, const Transfer& t,
                                  Activity& act) {
  return touch(at, earliest, t, act, true);
}

std::uint64_t MemorySystem::vmem_access(int core, std::uint64_t earliest, std::uint64_t bytes) {
  return m_vmem.at(core).reserve(earliest, bytes);
}

}  // namespace coda::arch
