// Presets against the published figures of ../shared/reference/facts.md section 1 (within 1%).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "arch/spec/loader.h"
#include "arch/spec/metrics.h"
#include "sim/core/error.h"

namespace coda::arch {
namespace {

struct Published {
  const char* preset;
  double peak_bf16_tflops;  // facts.md 1a "Peak bf16"
  double hbm_gbps;          // facts.md 1a "Off-chip memory"
  double ridge;             // facts.md section 7 (v2: 46e12 / 716e9, computed the same way)
};

const Published kPublished[] = {
    {"tpu_v2", 46, 716, 64.2},   {"tpu_v3", 123, 900, 137},  {"tpu_v4i", 137.5, 614, 225},
    {"tpu_v4", 275, 1200, 229},  {"tpu_v5e", 197, 819, 240}, {"tpu_v5p", 459, 2765, 166},
    {"tpu_v6e", 918, 1638, 560},
};

TEST(Presets, PeakBandwidthAndRidgeMatchPublishedFiguresWithinOnePercent) {
  for (const auto& p : kPublished) {
    SCOPED_TRACE(p.preset);
    const ArchSpec a = load_arch(p.preset);
    EXPECT_NEAR(peak_flops(a, DType::bf16) / 1e12, p.peak_bf16_tflops, 0.01 * p.peak_bf16_tflops);
    EXPECT_NEAR(a.hbm.bandwidth_bytes_per_s / 1e9, p.hbm_gbps, 0.01 * p.hbm_gbps);
    EXPECT_NEAR(ridge_flops_per_byte(a, DType::bf16), p.ridge, 0.01 * p.ridge);
  }
}

TEST(Presets, V5eRidgePointIs240FlopsPerByte) {
  // facts.md section 7: 1.97e14 FLOP/s / 8.2e11 B/s = 240. Ours: 196.6e12 / 819e9 = 240.05.
  EXPECT_NEAR(ridge_flops_per_byte(load_arch("tpu_v5e"), DType::bf16), 240.0, 2.4);
}

TEST(Presets, EveryBundledPresetIsListedAndLoads) {
  std::vector<std::string> expected;
  for (const auto& p : kPublished) expected.push_back(p.preset);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(preset_names(), expected);
}

TEST(Presets, ResolvedYamlLoadsBackToTheSameDescription) {
  for (const auto& name : preset_names()) {
    SCOPED_TRACE(name);
    const std::string once = arch_to_yaml(load_arch(name));
    EXPECT_EQ(arch_to_yaml(parse_arch_text(once, name + "_resolved.yaml")), once);
  }
}

TEST(Presets, ExtendsOverridesOnlyWhatItSets) {
  const ArchSpec a = parse_arch_text(
      "extends: tpu_v4\nname: v4_wide\ncore:\n  mxu:\n    cols: 256\n", "wide.yaml");
  const ArchSpec base = load_arch("tpu_v4");
  EXPECT_EQ(a.name, "v4_wide");
  EXPECT_EQ(a.mxu.cols, 256);
  EXPECT_EQ(a.mxu.rows, base.mxu.rows);
  EXPECT_EQ(a.hbm.bandwidth_bytes_per_s, base.hbm.bandwidth_bytes_per_s);
  EXPECT_DOUBLE_EQ(peak_flops(a, DType::bf16), 2 * peak_flops(base, DType::bf16));
}

// Variants over one base give what parse_arch_text gives, errors included, with the base's file
// chain read once: a base file changed afterwards is not read again.
TEST(Presets, VariantsOfABaseParseAsTheTextDoes) {
  const std::string dir = ::testing::TempDir() + "coda_variants";
  std::filesystem::create_directories(dir);
  const std::string base = dir + "/base.yaml";
  std::ofstream(base) << "extends: tpu_v4\nname: base\n";
  ArchVariants variants;
  for (const char* cols : {"64", "256", "512"}) {
    const std::string yaml =
        "extends: \"" + base + "\"\ncore.mxu.cols: \"" + cols + "\"\nclock: \"1 GHz\"\n";
    EXPECT_EQ(arch_to_yaml(variants.parse(yaml, "p.yaml")),
              arch_to_yaml(parse_arch_text(yaml, "p.yaml")));
  }
  const std::string bad = "extends: \"" + base + "\"\ncore.mxu.cols: \"many\"\n";
  std::string want, got;
  try {
    parse_arch_text(bad, "p.yaml");
  } catch (const core::InputError& e) {
    want = e.what();
  }
  try {
    variants.parse(bad, "p.yaml");
  } catch (const core::InputError& e) {
    got = e.what();
  }
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(got, want);
  std::ofstream(base) << "extends: tpu_v4\nname: changed\n";
  EXPECT_EQ(variants.parse("extends: \"" + base + "\"\n", "p.yaml").name, "base");
  EXPECT_EQ(parse_arch_text("extends: \"" + base + "\"\n", "p.yaml").name, "changed");
}

}  // namespace
}  // namespace coda::arch
