// Closed-form unit timing shared by the SystemC units (per transaction) and the analytic estimator.
// Every formula is in cycles of the chip clock; derivations are beside each function.
#pragma once

#include <cstdint>

#include "arch/spec/arch_spec.h"
#include "arch/spec/unit_work.h"

namespace coda::arch {

// Cycles one MXU needs for a tile, from issue of the first weight load to the last result leaving
// the array. See timing.cpp for the derivation per dataflow.
std::uint64_t mxu_tile_cycles(const MxuSpec& mxu, const MatmulTile& t);
// MACs the tile performs (m * k * n * passes): the useful work, excluding padding.
std::uint64_t mxu_tile_macs(const MatmulTile& t);

// Cycles the vector unit needs for a tile: pipeline latency of each op class used plus the
// throughput-bound issue time.
std::uint64_t vector_tile_cycles(const VectorUnitSpec& vpu, const VectorTile& t);

// Whole cycles needed to move `bytes` at `bytes_per_s` with a clock of `clock_hz` (rounded up).
std::uint64_t transfer_cycles(double bytes, double bytes_per_s, double clock_hz);
// Whole cycles for a duration in seconds (rounded up).
std::uint64_t seconds_to_cycles(double seconds, double clock_hz);

// HBM moves whole bursts: a row of a strided descriptor occupies ceil(row_bytes / 32) bursts of
// 32 B (one HBM2 pseudo-channel burst: BL4 x 64 bit).
constexpr std::uint64_t kHbmBurstBytes = 32;
std::uint64_t hbm_occupied_bytes(const Transfer& t);

}  // namespace coda::arch
