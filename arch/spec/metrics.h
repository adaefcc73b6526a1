// Headline figures derived from a chip description: peak FLOP/s, bandwidths, ridge point.
#pragma once

#include <cstdint>

#include "arch/spec/activity.h"
#include "arch/spec/arch_spec.h"
#include "arch/spec/unit_work.h"

namespace coda::arch {

// MACs the whole chip completes per cycle for an input type (0 when the MXU lacks it natively).
double chip_macs_per_cycle(const ArchSpec& a, DType t);
// Peak FLOP/s (2 FLOPs per MAC) for an input type.
double peak_flops(const ArchSpec& a, DType t);
// Ridge point of the roofline, FLOPs per HBM byte, for an input type.
double ridge_flops_per_byte(const ArchSpec& a, DType t);
// Instances of a unit kind on one chip (MXUs over all cores, DMA engines, one VPU and one
// sequencer per core).
int units_per_chip(const ArchSpec& a, UnitKind kind);
// Sets each kind's max_unit_busy to its busy cycles over its units_per_chip: the busiest unit when
// work is spread evenly (what the list schedule and per-layer reports use; the engine tracks
// units).
void set_even_unit_busy(const ArchSpec& a, Activity& act);
// Position of a unit in a chip's unit table: per core [MXU 0..count-1, VPU, sequencer], then the
// DMA engines (the chip index of `u` is ignored). The engine and the estimator index units so.
std::size_t unit_slot(const ArchSpec& a, const UnitRef& u);
// Entries of that table: cores x (MXUs + 2) + DMA engines.
std::size_t units_in_chip(const ArchSpec& a);
// VMEM over all cores plus CMEM.
std::uint64_t onchip_bytes(const ArchSpec& a);

}  // namespace coda::arch
