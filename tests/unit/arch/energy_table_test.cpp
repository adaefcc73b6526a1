// Energy tables in YAML: overriding single entries through `extends`, choosing a table from the
// chip file, and bad tables giving one message with file:line:column, key, value and what is
// allowed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "arch/spec/energy.h"
#include "arch/spec/loader.h"
#include "sim/core/error.h"

namespace coda::arch {
namespace {

namespace fs = std::filesystem;

// A fresh directory holding `files`.
fs::path write_files(const std::map<std::string, std::string>& files) {
  const fs::path dir =
      fs::temp_directory_path() / ("coda_energy_" + std::to_string(::getpid()) +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  return dir;
}

// Loads chip.yaml (extends tpu_v4, energy_table: my.yaml unless `chip` says otherwise) and its
// cost model; returns the error text with the directory replaced by "DIR", or "no error".
std::string error_of(const std::string& table,
                     const std::string& chip = "extends: tpu_v4\nenergy_table: my.yaml\n") {
  const fs::path dir = write_files({{"my.yaml", table}, {"chip.yaml", chip}});
  try {
    load_cost_model(load_arch((dir / "chip.yaml").string()));
  } catch (const core::InputError& e) {
    std::string msg = e.what();
    for (auto p = msg.find(dir.string()); p != std::string::npos; p = msg.find(dir.string())) {
      msg.replace(p, dir.string().size(), "DIR");
    }
    return msg;
  }
  return "no error";
}

TEST(EnergyTable, ChipFileChoosesATableThatOverridesOneEntryOfTheDefault) {
  const fs::path dir =
      write_files({{"my.yaml", "extends: default\nenergy:\n  hbm_pj_per_bit: 7.0\n"},
                   {"chip.yaml", "extends: tpu_v4\nenergy_table: my.yaml\n"}});
  const ArchSpec a = load_arch((dir / "chip.yaml").string());
  EXPECT_EQ(a.energy_table, (dir / "my.yaml").string());
  const CostModel mine = load_cost_model(a);
  const CostModel base = load_cost_model(load_arch("tpu_v4"));
  EXPECT_DOUBLE_EQ(mine.hbm_j_per_bit, 7.0e-12);
  EXPECT_DOUBLE_EQ(base.hbm_j_per_bit, 3.97e-12);
  EXPECT_EQ(mine.mac_j, base.mac_j);  // everything else comes from default.yaml
  // 1 GB through HBM: 8e9 bit x (7 - 3.97) pJ more.
  Activity act;
  act.hbm_read_bytes = 1000000000;
  EXPECT_NEAR(energy_of(a, mine, act).energy_j - energy_of(a, base, act).energy_j, 8e9 * 3.03e-12,
              1e-9);
}

TEST(EnergyTable, TablePathIsRelativeToTheFileThatSetsIt) {
  // sub/base.yaml names ../tables/t.yaml; chip.yaml (one directory up) extends it.
  const fs::path dir = write_files({{"chip.yaml", "extends: sub/base.yaml\n"}});
  fs::create_directories(dir / "sub");
  fs::create_directories(dir / "tables");
  std::ofstream(dir / "sub" / "base.yaml") << "extends: tpu_v4\nenergy_table: ../tables/t.yaml\n";
  std::ofstream(dir / "tables" / "t.yaml") << "extends: default\nstatic:\n  chip_w: 0\n";
  const ArchSpec a = load_arch((dir / "chip.yaml").string());
  EXPECT_EQ(a.energy_table, (dir / "tables" / "t.yaml").string());
  EXPECT_EQ(load_cost_model(a).static_chip_w, 0);
}

TEST(EnergyTable, BadNumberNamesTheKeyTheValueAndTheRange) {
  EXPECT_EQ(error_of("extends: default\nenergy:\n  mac_pj:\n    bf16: two\n"),
            "DIR/my.yaml:4:11: energy.mac_pj.bf16: expected a number in [0, 1000] (pJ per MAC), "
            "got 'two'");
}

TEST(EnergyTable, OutOfRange) {
  EXPECT_EQ(error_of("extends: default\narea:\n  uncore_fraction: 1.5\n"),
            "DIR/my.yaml:3:20: area.uncore_fraction: expected a number in [0, 0.9] (fraction of "
            "the die), got '1.5'");
}

TEST(EnergyTable, UnknownKeySuggestsTheClosestAndListsTheAllowedOnes) {
  EXPECT_EQ(error_of("extends: default\nenergy:\n  hbm_pj_per_bits: 5\n"),
            "DIR/my.yaml:3:20: energy.hbm_pj_per_bits: unknown key 'hbm_pj_per_bits' (did you "
            "mean 'hbm_pj_per_bit'?); keys allowed in energy: node_nm, scaling_exponent, mac_pj, "
            "vector_op_pj, sram, noc_pj_per_bit, hbm_pj_per_bit, ici_pj_per_bit");
}

TEST(EnergyTable, EveryKeyIsRequiredWithoutExtends) {
  EXPECT_EQ(error_of("energy:\n  node_nm: 45\n"),
            "DIR/my.yaml: energy.scaling_exponent: missing required key; expected a number in "
            "[0, 3]");
}

TEST(EnergyTable, SramListsMustPairUp) {
  EXPECT_EQ(error_of("extends: default\nenergy:\n  sram:\n    read_pj_per_64b: [10, 20]\n"),
            "DIR/my.yaml:4:22: energy.sram.read_pj_per_64b: expected 3 values (one per entry of "
            "energy.sram.capacities), got 2");
  EXPECT_EQ(
      error_of("extends: default\nenergy:\n  sram:\n    capacities: [8 KiB, 1 MiB, 32 KiB]\n"),
      "DIR/my.yaml:4:17: energy.sram.capacities: capacities must be strictly ascending, got "
      "'32 KiB' after '1 MiB'");
  EXPECT_EQ(error_of("extends: default\nenergy:\n  sram:\n    capacities: [8 KiB, 32 Kib]\n"),
            "DIR/my.yaml:4:17: energy.sram.capacities: expected a list of byte sizes like "
            "[8 KiB, 1 MiB] in [64 B, 1 TiB], got item 2 '32 Kib'");
}

TEST(EnergyTable, ExtendsOfAnUnknownTable) {
  const std::string dir = std::string(CODA_SOURCE_DIR) + "/configs/energy";
  EXPECT_EQ(error_of("extends: defalt\n"),
            "DIR/my.yaml:1:10: extends: unknown energy table 'defalt' (did you mean 'default'?); "
            "tables in " +
                dir + ": default; or give a path to a .yaml file");
}

TEST(EnergyTable, UnknownTableNameInTheChipFile) {
  const std::string dir = std::string(CODA_SOURCE_DIR) + "/configs/energy";
  EXPECT_EQ(error_of("", "extends: tpu_v4\nenergy_table: defualt\n"),
            "DIR/chip.yaml:2:15: energy_table: unknown energy table 'defualt' (did you mean "
            "'default'?); tables in " +
                dir + ": default; or give a path to a .yaml file");
}

}  // namespace
}  // namespace coda::arch
