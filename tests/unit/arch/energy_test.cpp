// Energy, area and TDP model (arch/spec/energy.h): anchors against published power, closed-form
// table lookups and scaling, linearity in batch, HBM dominance of memory-bound work.
#include <gtest/gtest.h>

#include <cmath>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "arch/spec/metrics.h"

namespace coda::arch {
namespace {

constexpr double kPJ = 1e-12;

TEST(Energy, TdpEstimatesAreWithin30PercentOfPublishedPower) {
  // facts.md 1a "Power". v3 and v4: the measured maximum (GCD-v3 262 W, GCD-v4 192 W, both [R]);
  // v4i: its TDP (175 W [S]), the only figure there is. Tolerance: 30% (issue 5).
  struct Anchor {
    const char* preset;
    double watts;
  };
  for (const Anchor& p : {Anchor{"tpu_v3", 262}, Anchor{"tpu_v4", 192}, Anchor{"tpu_v4i", 175}}) {
    SCOPED_TRACE(p.preset);
    const ArchSpec a = load_arch(p.preset);
    const double tdp = tdp_w(a, load_cost_model(a));
    EXPECT_GE(tdp, 0.7 * p.watts);
    EXPECT_LE(tdp, 1.3 * p.watts);
  }
}

TEST(Energy, TdpIsStaticPlusThePowerOfEveryUnitAtPeak) {
  const ArchSpec a = load_arch("tpu_v4i");  // 7 nm, 1 TC x 4 MXU 128x128 at 1050 MHz
  const CostModel m = load_cost_model(a);
  const double s = std::sqrt(7.0 / 45), clk = 1.05e9;
  const double mxu = 4 * 128 * 128 * clk * 2.0e-12 * s;                 // 54.28 W
  const double vpu = 128 * 8 * 2 * clk * 2.3e-12 * s;                   // add_mul x 2 per slot
  const double vmem = (4 * 128 * 2 * clk + 614e9) * m.vmem_j_per_byte;  // MXU stream + HBM fill
  const double cmem = 1.2e12 * m.cmem_j_per_byte;                       // CMEM port
  const double hbm = 614e9 * 8 * 3.97e-12;                              // 19.50 W
  const double ici = 2 * 50e9 * 8 * 5.0e-12;                            // 4 W; no NoC on v4i
  const double stat = 0.06 * area_mm2(a, m) + 30;
  EXPECT_NEAR(tdp_w(a, m), mxu + vpu + vmem + cmem + hbm + ici + stat, 1e-6 * tdp_w(a, m));
}

TEST(Energy, EveryPresetHasAPositiveAreaAndATdpAboveItsStaticPower) {
  for (const auto& name : preset_names()) {
    SCOPED_TRACE(name);
    const ArchSpec a = load_arch(name);
    const CostModel m = load_cost_model(a);
    const double area = area_mm2(a, m), stat = m.static_w_per_mm2 * area + m.static_chip_w;
    EXPECT_GT(area, 50);
    // Peak activity adds at least the MXUs at full rate: chip MACs/s x the cheapest MAC energy.
    EXPECT_GT(tdp_w(a, m), stat + chip_macs_per_cycle(a, DType::bf16) * a.clock_hz * 0.3e-12 *
                                      node_scale(45, a.process_nm, 0.5));
  }
}

TEST(Energy, NodeScalingIsThePowerLawOfTheTable) {
  // (7 / 45)^0.5 = 0.39441.
  EXPECT_NEAR(node_scale(45, 7, 0.5), 0.39441, 1e-5);
  // The fit reproduces the TPUv4i 7 nm points (facts.md 6b, [S]) within 12%: fp32 add 0.9 pJ ->
  // 0.355 (paper 0.4), fp32 mult 3.7 pJ -> 1.459 (paper 1.3).
  EXPECT_NEAR(0.9 * node_scale(45, 7, 0.5), 0.4, 0.12 * 0.4);
  EXPECT_NEAR(3.7 * node_scale(45, 7, 0.5), 1.3, 0.13 * 1.3);
  // Area at 16 nm from 7 nm with exponent 1.5: (16 / 7)^1.5 = 3.45568.
  EXPECT_NEAR(node_scale(7, 16, 1.5), 3.45568, 1e-5);
}

TEST(Energy, MacAndLinkEnergiesAreTableValuesScaledToTheChipNode) {
  const ArchSpec v4 = load_arch("tpu_v4");  // process_nm 7
  const CostModel m = load_cost_model(v4);
  // bf16 MAC: 2.0 pJ at 45 nm x 0.39441 = 0.78882 pJ; int8: 0.3 x 0.39441 = 0.11832 pJ.
  EXPECT_NEAR(m.mac_j[static_cast<int>(DType::bf16)] / kPJ, 0.78882, 1e-5);
  EXPECT_NEAR(m.mac_j[static_cast<int>(DType::int8)] / kPJ, 0.11832, 1e-5);
  // HBM and ICI are not scaled: 3.97 and 5.0 pJ/bit; NoC is: 1.0 x 0.39441.
  EXPECT_NEAR(m.hbm_j_per_bit / kPJ, 3.97, 1e-12);
  EXPECT_NEAR(m.ici_j_per_bit / kPJ, 5.0, 1e-12);
  EXPECT_NEAR(m.noc_j_per_bit / kPJ, 0.39441, 1e-5);
  // tpu_v3 at 16 nm: 2.0 x (16/45)^0.5 = 1.19257 pJ.
  const ArchSpec v3 = load_arch("tpu_v3");
  EXPECT_NEAR(load_cost_model(v3).mac_j[static_cast<int>(DType::bf16)] / kPJ, 1.19257, 1e-5);
}

TEST(Energy, SramEnergyFollowsTheHorowitzPointsAndTheBanking) {
  const CostModel m = load_cost_model(load_arch("tpu_v4"));
  const CostTable& t = m.table;
  // On the points: 8 KiB 10 pJ, 1 MiB would be 100 pJ but a bank is at most 128 KiB.
  EXPECT_NEAR(sram_pj_per_64b(t, 8192), 10, 1e-9);
  EXPECT_NEAR(sram_pj_per_64b(t, 32768), 20, 1e-9);
  // Between 8 and 32 KiB the slope is ln 2 / ln 4 = 0.5: 16 KiB -> 10 x 2^0.5 = 14.142 pJ.
  EXPECT_NEAR(sram_pj_per_64b(t, 16384), 14.1421, 1e-4);
  // 128 KiB: slope ln 5 / ln 32 = 0.46439 from 32 KiB: 20 x 4^0.46439 = 38.07 pJ.
  const double bank = 20 * std::pow(4.0, std::log(5.0) / std::log(32.0));
  EXPECT_NEAR(sram_pj_per_64b(t, 131072), bank, 1e-9);
  // 16 MiB VMEM = 128 banks: x 128^0.1 = 1.6245 -> 61.85 pJ per 64 bit; at 7 nm per byte:
  // 61.85 / 8 x 0.39441 = 3.049 pJ/B.
  EXPECT_NEAR(sram_pj_per_64b(t, 16777216), bank * std::pow(128.0, 0.1), 1e-9);
  EXPECT_NEAR(m.vmem_j_per_byte / kPJ, bank * std::pow(128.0, 0.1) / 8 * node_scale(45, 7, 0.5),
              1e-9);
}

// What the engine counts for `batch` independent [m, k] x [k, n] bf16 matmuls at full MXU rate on
// `a`: A and C stream through HBM and VMEM per inference, B (the weights) is read once.
Activity compute_bound_matmul(const ArchSpec& a, std::uint64_t batch) {
  const std::uint64_t m = 2048, k = 2048, n = 2048, bytes = 2;
  Activity act;
  const std::uint64_t macs = batch * m * k * n;
  act.mxu_macs = act.mxu_macs_by_dtype[static_cast<int>(DType::bf16)] = macs;
  act.end_cycle = static_cast<std::uint64_t>(macs / chip_macs_per_cycle(a, DType::bf16));
  act.hbm_read_bytes = batch * m * k * bytes + k * n * bytes;
  act.hbm_write_bytes = batch * m * n * bytes;
  act.vmem_read_bytes = batch * m * k * (n / a.mxu.cols) * bytes + k * n * bytes;
  act.vmem_write_bytes = act.hbm_read_bytes + batch * m * n * bytes;
  return act;
}

TEST(Energy, ComputeBoundEnergyIsLinearInBatch) {
  const ArchSpec a = load_arch("tpu_v4");
  const CostModel cm = load_cost_model(a);
  const auto e = [&](std::uint64_t b) {
    return energy_of(a, cm, compute_bound_matmul(a, b)).energy_j;
  };
  // Affine in batch: E(b) = E0 + b x e1, E0 the one weight load (k x n x 2 B through HBM and VMEM).
  const double e1 = e(2) - e(1);
  EXPECT_NEAR(e(4) - e(2), 2 * e1, 1e-9 * e(4));
  EXPECT_NEAR(e(64) - e(32), 32 * e1, 1e-9 * e(64));
  // Per inference the weight load is amortised: E(64)/64 and E(128)/128 agree within 0.1%.
  EXPECT_NEAR(e(64) / 64, e(128) / 128, 1e-3 * e(128) / 128);
  // Most of it is the MXU: 2048^3 MACs x 0.78882 pJ = 6.77 mJ of about 8.
  const EnergyReport r = energy_of(a, cm, compute_bound_matmul(a, 1));
  EXPECT_NEAR(r.part(CostPart::mxu), 2048.0 * 2048 * 2048 * 2.0e-12 * std::sqrt(7.0 / 45),
              1e-9 * r.part(CostPart::mxu));
  EXPECT_GT(r.part(CostPart::mxu), 0.5 * r.energy_j);
}

TEST(Energy, MemoryBoundOpEnergyIsDominatedByHbm) {
  // Elementwise add of two 32 Mi-element bf16 tensors on tpu_v4: every byte through HBM at full
  // bandwidth (4 B read, 2 B written per element), through VMEM on the way (6 B each direction as
  // the engine counts DMA and VPU traffic), one add_mul per element.
  const ArchSpec a = load_arch("tpu_v4");
  const CostModel cm = load_cost_model(a);
  const std::uint64_t n = 32ull << 20;
  Activity act;
  act.hbm_read_bytes = 4 * n;
  act.hbm_write_bytes = 2 * n;
  act.vmem_read_bytes = act.vmem_write_bytes = 6 * n;
  act.vpu_ops = act.vpu_ops_by_class[static_cast<int>(VectorOpClass::add_mul)] = n;
  act.end_cycle = static_cast<std::uint64_t>(6.0 * n / (a.hbm.bandwidth_bytes_per_s / a.clock_hz));
  const EnergyReport r = energy_of(a, cm, act);
  // HBM: 6 B x 8 x 3.97 pJ = 190.6 pJ per element; VMEM 12 B x 3.05 = 36.6; VPU 0.91.
  EXPECT_NEAR(r.part(CostPart::hbm) / n, 6 * 8 * 3.97e-12, 1e-15);
  EXPECT_GT(r.part(CostPart::hbm), 0.8 * r.dynamic_j);
  for (int p = 0; p < kCostParts; ++p) {
    if (p == static_cast<int>(CostPart::hbm) || p == static_cast<int>(CostPart::static_power))
      continue;
    EXPECT_GT(r.part(CostPart::hbm), 4 * r.part_j[p]) << to_string(static_cast<CostPart>(p));
  }
}

TEST(Energy, StaticEnergyIsPowerTimesTime) {
  const ArchSpec a = load_arch("tpu_v4i");
  const CostModel m = load_cost_model(a);
  Activity idle;
  idle.end_cycle = 1050000;  // 1 ms at 1050 MHz
  const EnergyReport r = energy_of(a, m, idle);
  EXPECT_EQ(r.dynamic_j, 0);
  EXPECT_NEAR(r.time_s, 1e-3, 1e-15);
  EXPECT_NEAR(r.power_w, m.static_w_per_mm2 * area_mm2(a, m) + m.static_chip_w, 1e-9);
}

TEST(Energy, AreaAddsTheTablePartsAndTheUncoreShare) {
  const ArchSpec a = load_arch("tpu_v4i");  // 7 nm: no area scaling
  const AreaReport r = area_of(a, load_cost_model(a));
  // MXU: 4 x 128 x 128 PEs x 0.001526 mm^2 = 100.01 mm^2 (the TPUv4i figure the table is from).
  EXPECT_NEAR(r.part(AreaPart::mxu), 65536 * 0.001526, 1e-9);
  // SRAM: (16 MiB + 134e6 B) x 0.7 mm^2/MiB; HBM PHY 16 channels x 1.04; ICI 2 links x 4.
  EXPECT_NEAR(r.part(AreaPart::sram), (16 + 134e6 / 1048576) * 0.7, 1e-9);
  EXPECT_NEAR(r.part(AreaPart::hbm_phy), 16 * 1.04, 1e-12);
  EXPECT_NEAR(r.part(AreaPart::ici_phy), 2 * 4.0, 1e-12);
  // Uncore is 20% of the total: total = parts / 0.8.
  EXPECT_NEAR(r.part(AreaPart::uncore), 0.2 * r.total_mm2, 1e-9);
}

}  // namespace
}  // namespace coda::arch
