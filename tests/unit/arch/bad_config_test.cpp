// Bad chip descriptions: each gives one message naming file:line:column, the key path, the bad
// value and what is allowed. Checked word for word.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "arch/spec/loader.h"
#include "sim/core/error.h"

namespace coda::arch {
namespace {

namespace fs = std::filesystem;

// Writes `files` into a fresh directory, loads `top` from it and returns the error text with the
// directory prefix replaced by "DIR".
std::string error_of(const std::map<std::string, std::string>& files, const std::string& top) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("coda_bad_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  try {
    load_arch((dir / top).string());
  } catch (const core::InputError& e) {
    std::string msg = e.what();
    const std::string prefix = dir.string();
    for (auto p = msg.find(prefix); p != std::string::npos; p = msg.find(prefix)) {
      msg.replace(p, prefix.size(), "DIR");
    }
    return msg;
  }
  return "no error";
}

std::string one(const std::string& yaml) { return error_of({{"chip.yaml", yaml}}, "chip.yaml"); }

TEST(BadConfig, UnknownKeySuggestsTheClosestAndListsTheAllowedOnes) {
  EXPECT_EQ(one("extends: tpu_v4\ncore:\n  mxu:\n    colums: 256\n"),
            "DIR/chip.yaml:4:13: core.mxu.colums: unknown key 'colums' (did you mean 'cols'?); "
            "keys allowed in core.mxu: model, count, rows, cols, dataflow, macs_per_cycle, "
            "accumulator_type, accumulator_rows, weight_buffers");
}

TEST(BadConfig, UnknownTopLevelKey) {
  EXPECT_EQ(one("extends: tpu_v4\nhbmm:\n  channels: 8\n"),
            "DIR/chip.yaml:3:13: hbmm: unknown key 'hbmm' (did you mean 'hbm'?); keys allowed at "
            "the top level: name, description, clock, process_nm, tensorcores, core, cmem, dma, "
            "hbm, noc, ici, overheads, compiler, energy_table, extends");
}

TEST(BadConfig, WrongTypeNamesTheValueAndTheRange) {
  EXPECT_EQ(one("extends: tpu_v4\ncore:\n  mxu:\n    rows: 128x\n"),
            "DIR/chip.yaml:4:11: core.mxu.rows: expected an integer in [1, 4096], got '128x'");
}

TEST(BadConfig, OutOfRange) {
  EXPECT_EQ(one("extends: tpu_v4\ntensorcores: 0\n"),
            "DIR/chip.yaml:2:14: tensorcores: expected an integer in [1, 64], got '0'");
}

TEST(BadConfig, WrongUnit) {
  EXPECT_EQ(one("extends: tpu_v4\ncore:\n  vmem:\n    capacity: 16 Mb\n"),
            "DIR/chip.yaml:4:15: core.vmem.capacity: expected a byte size like '16 MiB' in "
            "[64 KiB, 1.1 TB], got '16 Mb'");
}

TEST(BadConfig, UnknownChoice) {
  EXPECT_EQ(one("extends: tpu_v4\ncore:\n  mxu:\n    dataflow: weight_stationery\n"),
            "DIR/chip.yaml:4:15: core.mxu.dataflow: expected one of weight_stationary, "
            "output_stationary, input_stationary, got 'weight_stationery' (did you mean "
            "'weight_stationary'?)");
}

TEST(BadConfig, ExtendsMissingFile) {
  EXPECT_EQ(one("extends: ./base.yaml\n"),
            "DIR/chip.yaml:1:10: extends: no such file 'DIR/./base.yaml'");
}

TEST(BadConfig, ExtendsUnknownPreset) {
  EXPECT_EQ(one("extends: tpu_v9\n"),
            "DIR/chip.yaml:1:10: extends: unknown preset 'tpu_v9' (did you mean 'tpu_v2'?); "
            "presets: tpu_v2, tpu_v3, tpu_v4, tpu_v4i, tpu_v5e, tpu_v5p, tpu_v6e; or give a path "
            "to a .yaml file");
}

TEST(BadConfig, CyclicExtends) {
  EXPECT_EQ(
      error_of({{"a.yaml", "extends: ./b.yaml\n"}, {"b.yaml", "extends: ./a.yaml\n"}}, "a.yaml"),
      "DIR/b.yaml:1:10: extends: cyclic extends: a.yaml -> b.yaml -> a.yaml");
}

TEST(BadConfig, YamlSyntaxError) {
  EXPECT_EQ(one("extends: tpu_v4\ncore: {mxu: [\n"),
            "DIR/chip.yaml:3:1: YAML syntax error: end of sequence flow not found");
}

TEST(BadConfig, SectionGivenAsScalar) {
  EXPECT_EQ(one("extends: tpu_v4\nhbm: fast\n"),
            "DIR/chip.yaml:2:6: hbm: expected a mapping with keys capacity, channels, bandwidth, "
            "latency, got 'fast'");
}

TEST(BadConfig, ListWhereAScalarBelongs) {
  EXPECT_EQ(one("extends: tpu_v4\nclock: [940 MHz, 1 GHz]\n"),
            "DIR/chip.yaml:2:8: clock: expected a frequency like '940 MHz' in [1 MHz, 100 GHz], "
            "got a list");
}

TEST(BadConfig, MissingRequiredKey) {
  EXPECT_EQ(one("tensorcores: 1\n"),
            "DIR/chip.yaml: clock: missing required key; expected a frequency like '940 MHz' in "
            "[1 MHz, 100 GHz]");
}

TEST(BadConfig, CmemWithoutBandwidthIsInconsistent) {
  EXPECT_EQ(one("extends: tpu_v5e\ncmem:\n  capacity: 64 MiB\n"),
            "DIR/chip.yaml: cmem.bandwidth: must be > 0 when cmem.capacity is 64 MiB");
}

TEST(BadConfig, VmemTooSmallForDoubleBuffering) {
  EXPECT_EQ(one("extends: tpu_v4\ncore:\n  vmem:\n    capacity: 128 KiB\n"),
            "DIR/chip.yaml:4:15: core.vmem.capacity: 128 KiB cannot double-buffer one 128x128 "
            "bf16 tile of each operand; needs at least 192 KiB");
}

TEST(BadConfig, DuplicateKey) {
  EXPECT_EQ(one("extends: tpu_v4\ntensorcores: 1\ntensorcores: 2\n"),
            "DIR/chip.yaml:3:1: tensorcores: duplicate key");
}

TEST(BadConfig, TopLevelMustBeAMapping) {
  EXPECT_EQ(one("- tpu_v4\n"),
            "DIR/chip.yaml:1:1: expected a mapping of keys at the top level, got a list");
}

TEST(BadConfig, MissingFile) {
  EXPECT_THROW(load_arch("/nonexistent/chip.yaml"), core::InputError);
  try {
    load_arch("/nonexistent/chip.yaml");
  } catch (const core::InputError& e) {
    EXPECT_STREQ(e.what(), "--hw: no such file '/nonexistent/chip.yaml'");
  }
}

}  // namespace
}  // namespace coda::arch
