// The work the hardware units execute: the "ISA" the schedule targets. Units see these, never ops
// or graphs. Counts are elements unless a name says bytes.
#pragma once

#include <array>
#include <cstdint>
#include <variant>

#include "arch/spec/arch_spec.h"

namespace coda::arch {

enum class UnitKind : std::uint8_t { mxu, vpu, dma, sequencer };
constexpr int kUnitKinds = 4;
const char* to_string(UnitKind k);

// A unit instance: MXU `index` of TensorCore `core` on chip `chip`; DMA engines are per chip
// (core is ignored); the sequencer is the per-core scalar unit that issues work.
struct UnitRef {
  UnitKind kind = UnitKind::mxu;
  std::uint16_t chip = 0;
  std::uint16_t core = 0;
  std::uint16_t index = 0;
};

enum class MemLevel : std::uint8_t { hbm, cmem, vmem };
const char* to_string(MemLevel m);

// A place data lives: a memory level of a chip (and core, for VMEM).
struct Endpoint {
  MemLevel level = MemLevel::hbm;
  std::uint16_t chip = 0;
  std::uint16_t core = 0;
};

// C[m, n] (+)= A[m, k] x B[k, n] on one MXU, repeated `passes` times (emulated precision).
struct MatmulTile {
  std::uint32_t m = 0, k = 0, n = 0;
  DType dtype = DType::bf16;  // the type the MXU multiplies (after any conversion)
  std::uint32_t passes = 1;
};

// Vector work on `elements` elements: ops_per_element[c] operations of class c per element.
struct VectorTile {
  std::uint64_t elements = 0;
  std::array<float, kVectorOpClasses> ops_per_element{};
  std::uint32_t element_bytes = 2;  // bytes read plus written per element and operation stream
};

// A DMA transfer of rows x row_bytes (a strided 2-D descriptor; rows = 1 for contiguous data).
struct Transfer {
  Endpoint src, dst;
  std::uint64_t rows = 1;
  std::uint64_t row_bytes = 0;
  std::uint64_t bytes() const { return rows * row_bytes; }
};

// A fixed delay on the sequencer (kernel launch, per-step issue cost).
struct Delay {
  std::uint64_t cycles = 0;
};

using Work = std::variant<MatmulTile, VectorTile, Transfer, Delay>;

// What a unit is handed: the work plus who to tell (task id) and what to call it in traces (label).
struct UnitJob {
  std::uint32_t task = 0;
  std::uint32_t group = 0;  // the op (task group) the work belongs to
  std::uint32_t label = 0;  // its trace label
  const Work* work = nullptr;
};

}  // namespace coda::arch
