// Study files: domains become the right levels, and every bad file gives one exact message with
// file:line:column before anything is evaluated.
#include <gtest/gtest.h>

#include "search/design_point.h"
#include "search/study.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

const char* kDomains =
    "name: domains\n"
    "chip: tpu_v4i\n"
    "model:\n"
    "  name: nb201\n"
    "  knobs:\n"
    "    dataset: cifar100\n"
    "    batch: {choice: [1, 8]}\n"
    "    arch: {nb201_cell: [none, nor_conv_3x3]}\n"
    "hardware:\n"
    "  core.mxu.rows: {pow2: [8, 64]}\n"
    "  core.mxu.count: {int: [1, 7], step: 3}\n"
    "  core.vmem.capacity: {pow2: [1 MiB, 4 MiB]}\n"
    "  hbm.bandwidth: {real: [10 GB/s, 20 GB/s]}\n"
    "  core.mxu.dataflow: {choice: [weight_stationary, output_stationary]}\n"
    "constraints:\n"
    "  area_mm2: {max: 600}\n"
    "  latency_s: {min: 0, max: 0.01}\n"
    "  memory_fit: true\n"
    "objectives:\n"
    "  latency_s: minimize\n"
    "  perf_per_tdp_tflops_per_w: maximize\n"
    "run: {strategy: nsga2, seed: 7, budget: 30, population: 10}\n";

TEST(SearchStudy, DomainsBecomeLevels) {
  const Study s = parse_study_text(kDomains, "domains.yaml", "");
  const auto& d = s.space.dims();
  // Model knobs first (batch, then the 6 cell edges), then hardware in file order.
  ASSERT_EQ(d.size(), 1u + 6u + 5u);
  EXPECT_EQ(d[0].name, "batch");
  EXPECT_EQ(d[0].levels, (std::vector<std::string>{"1", "8"}));
  EXPECT_EQ(d[1].name, "arch.edge_1_0");
  EXPECT_EQ(d[6].name, "arch.edge_3_2");
  EXPECT_EQ(d[6].levels, (std::vector<std::string>{"none", "nor_conv_3x3"}));
  EXPECT_EQ(s.cell_knob, "arch");
  EXPECT_EQ(s.cell_dims, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6}));
  // pow2 [8, 64]: 8, 16, 32, 64.
  EXPECT_EQ(d[7].name, "core.mxu.rows");
  EXPECT_EQ(d[7].levels, (std::vector<std::string>{"8", "16", "32", "64"}));
  // int [1, 7] step 3: 1, 4, 7.
  EXPECT_EQ(d[8].levels, (std::vector<std::string>{"1", "4", "7"}));
  // Byte sizes are doubled in bytes and printed in the schema's units.
  EXPECT_EQ(d[9].levels, (std::vector<std::string>{"1 MiB", "2 MiB", "4 MiB"}));
  // A real range holds SI units: bytes per second.
  EXPECT_EQ(d[10].kind, DomainKind::real_range);
  EXPECT_DOUBLE_EQ(d[10].lo, 10e9);
  EXPECT_DOUBLE_EQ(d[10].hi, 20e9);
  EXPECT_EQ(d[11].levels.size(), 2u);
  EXPECT_EQ(s.fixed_knobs.at("dataset"), "cifar100");
  ASSERT_EQ(s.objectives.size(), 2u);
  EXPECT_EQ(s.objectives[1].metric, "perf_per_tdp_tflops_per_w");
  EXPECT_EQ(s.objectives[1].goal, Goal::maximize);
  ASSERT_EQ(s.constraints.size(), 2u);
  EXPECT_EQ(*s.constraints[1].max, 0.01);
  EXPECT_EQ(*s.constraints[1].min, 0.0);
  EXPECT_TRUE(s.memory_fit);
  EXPECT_EQ(s.strategy, "nsga2");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.budget, 30u);
  EXPECT_EQ(s.population, 10u);
  EXPECT_FALSE(s.base_chip_yaml.empty());
}

TEST(SearchStudy, ModelKnobsTakeEveryDomain) {
  const Study s = parse_study_text(
      "chip: tpu_v4i\nmodel:\n  name: resnet18\n  knobs:\n    width: {real: [0.5, 1.0]}\n"
      "    resolution: {int: [96, 224], step: 64}\n    batch: {pow2: [1, 4]}\n"
      "objectives: {latency_s: minimize}\n",
      "m.yaml", "");
  const auto& d = s.space.dims();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].kind, DomainKind::real_range);
  EXPECT_EQ(d[0].text(0.75), "0.75");
  EXPECT_EQ(d[1].levels, (std::vector<std::string>{"96", "160", "224"}));  // 96 + 64k <= 224
  EXPECT_EQ(d[2].levels, (std::vector<std::string>{"1", "2", "4"}));
}

TEST(SearchStudy, NasBenchMacroCodes) {
  const Study s = parse_study_text(
      "chip: tpu_v4i\nmodel:\n  name: nas_bench_macro\n  knobs:\n"
      "    arch: {nas_bench_macro: [identity, mb6_k5]}\nobjectives: {latency_s: minimize}\n",
      "m.yaml", "");
  ASSERT_EQ(s.space.size(), 8u);
  EXPECT_EQ(s.space.dims()[0].name, "arch.layer1");
  EXPECT_EQ(s.space.dims()[7].name, "arch.layer8");
  // Digits are the op's index among identity (0), mb3_k3 (1), mb6_k5 (2), whatever the subset.
  EXPECT_EQ(make_point(s, {1, 0, 0, 0, 0, 0, 0, 1}).knobs.at("arch"), "20000002");
}

TEST(SearchStudy, HashFollowsTheSearchNotTheSpelling) {
  const Study a = parse_study_text(kDomains, "a.yaml", "");
  auto changed = [](const std::string& from, const std::string& to) {
    std::string t = kDomains;
    t.replace(t.find(from), from.size(), to);
    return parse_study_text(t, "a.yaml", "").hash;
  };
  EXPECT_EQ(a.hash, parse_study_text(kDomains, "b.yaml", "").hash);
  // Run defaults, the name and spelling leave the search (and so its runs) as they were.
  EXPECT_EQ(a.hash, changed("seed: 7, budget: 30", "seed: 8, budget: 3000"));
  EXPECT_EQ(a.hash, changed("name: domains", "name: renamed  # a comment"));
  EXPECT_EQ(a.hash, changed("[1 MiB, 4 MiB]", "[1024 KiB, 4 MiB]"));
  // The space, the limits, the objectives and the strategy parameters change it.
  EXPECT_NE(a.hash, changed("[8, 64]", "[8, 128]"));
  EXPECT_NE(a.hash, changed("max: 600", "max: 500"));
  EXPECT_NE(a.hash, changed("latency_s: minimize", "latency_s: maximize"));
  EXPECT_NE(a.hash, changed("population: 10", "population: 12"));
}

// Replaces the first `from` in the small study (with a valid table) and returns the message.
std::string error_of(const std::string& from, const std::string& to,
                     const std::string& extra = "") {
  TempDir dir("study_err");
  testing::write_accuracy_table(dir);
  std::string text = testing::small_study(extra);
  if (!from.empty()) text.replace(text.find(from), from.size(), to);
  try {
    parse_study_text(text, "bad.yaml", dir.path());
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SearchStudy, BadFilesGiveOneExactMessage) {
  EXPECT_EQ(error_of("core.mxu.rows", "core.mxu.rowz"),
            "bad.yaml:9:25: hardware.core.mxu.rowz.pow2: unknown chip parameter 'core.mxu.rowz' "
            "(did you mean 'core.mxu.rows'?); `coda check --reference` lists every path");
  EXPECT_EQ(error_of("[64, 128]", "[128, 64]"),
            "bad.yaml:9:25: hardware.core.mxu.rows.pow2: empty range [128, 64]: low is above "
            "high");
  EXPECT_EQ(error_of("{pow2: [64, 128]}", "{int: [9, 3]}"),
            "bad.yaml:9:24: hardware.core.mxu.rows.int: empty range [9, 3]: low is above high");
  EXPECT_EQ(error_of("{pow2: [64, 128]}", "{choice: []}"),
            "bad.yaml:9:27: hardware.core.mxu.rows.choice: empty choice list");
  EXPECT_EQ(error_of("{pow2: [64, 128]}", "{pow2: [48, 128]}"),
            "bad.yaml:9:25: hardware.core.mxu.rows.pow2: pow2 range bounds must be powers of two");
  // Line 10 "objectives: [accuracy, latency_s]": the list starts at column 13.
  EXPECT_EQ(error_of("objectives:\n  accuracy: maximize\n  latency_s: minimize\n",
                     "objectives: [accuracy, latency_s]\n"),
            "bad.yaml:10:13: objectives: objective 'accuracy' has no direction: write 'accuracy: "
            "maximize' or 'accuracy: minimize'");
  EXPECT_EQ(error_of("latency_s: minimize", "latency_s:"),
            "bad.yaml:12:3: objectives.latency_s: objective 'latency_s' has no direction: write "
            "'latency_s: maximize' or 'latency_s: minimize'");
  EXPECT_EQ(error_of("latency_s: minimize", "latency_s: smaller"),
            "bad.yaml:12:14: objectives.latency_s: objective 'latency_s' needs a direction: "
            "maximize or minimize, got 'smaller'");
  EXPECT_EQ(error_of("latency_s: minimize", "latency: minimize"),
            "bad.yaml:12:12: objectives.latency: unknown objective 'latency' (did you mean "
            "'latency_s'?); known: accuracy, latency_s, throughput_per_s, energy_per_inference_j, "
            "perf_per_tdp_tflops_per_w, tflops, area_mm2, tdp_w, memory_bytes, macs, "
            "macs_per_inference, params");
  EXPECT_EQ(error_of("  column: acc\n", "  column: top1\n"),
            "bad.yaml:14:10: accuracy.table: accuracy column 'top1' is not a column of the table");
  EXPECT_EQ(error_of("  table: acc.csv\n  column: acc\n", "  command: no_such_trainer --fast\n"),
            "bad.yaml:14:12: accuracy.command: oracle command 'no_such_trainer' is neither an "
            "executable file nor on PATH");
  EXPECT_EQ(error_of("  column: acc\n", "  column: acc\n  timeout_s: 0\n"),
            "bad.yaml:16:14: accuracy.timeout_s: the command's time limit is seconds above 0, "
            "got '0'");
  EXPECT_EQ(error_of("  column: acc\n", "  column: acc\n  timeout_s: 60\n"),
            "bad.yaml:16:14: accuracy.timeout_s: timeout_s limits an accuracy command; this "
            "oracle runs none");
  EXPECT_EQ(error_of("    batch: 1\n", "    batch: 1\n    widht: 2\n"),
            "bad.yaml:7:12: model.knobs.widht: unknown knob for model 'nb201'; allowed: arch, "
            "dataset, batch, dtype, channels, cells");
  EXPECT_EQ(error_of("", "", "constraints:\n  area: {max: 5}\n"),
            "bad.yaml:17:15: constraints.area.max: unknown constraint 'area'; known: accuracy, "
            "latency_s, throughput_per_s, energy_per_inference_j, "
            "perf_per_tdp_tflops_per_w, tflops, area_mm2, tdp_w, memory_bytes, macs, "
            "macs_per_inference, params");
  EXPECT_EQ(error_of("", "", "run: {strategy: nsga3}\n"),
            "bad.yaml:16:17: run.strategy: unknown strategy 'nsga3' (did you mean 'nsga2'?); "
            "known: random, grid, evolution, nsga2, lacs");
  EXPECT_EQ(error_of("", "", "hardwar: {clock: {choice: [1 GHz]}}\n"),
            "bad.yaml:16:27: hardwar.clock.choice: unknown study key 'hardwar' (did you mean "
            "'hardware'?); keys: name, chip, model, hardware, constraints, objectives, accuracy, "
            "run, hypervolume_reference, lacs");
}

// Mistakes that once passed the checks and failed every trial instead (each trial "failed" with
// the reason, exit code 0): now exit code 2 before the first trial.
TEST(SearchStudy, MistakesFoundOnlyByTrialsFailBeforeTheFirst) {
  EXPECT_EQ(error_of("  column: acc\n", "  column: acc\n  knob: cell\n"),
            "bad.yaml:14:10: accuracy.knob: the table is looked up by model knob 'cell', which "
            "this study's model does not set; its knobs: arch, batch");
  // The table's key column is not a number: every lookup would find no accuracy.
  const std::string numbers = error_of("  column: acc\n", "  column: arch_str\n");
  EXPECT_NE(numbers.find("bad.yaml:14:10: accuracy.table: accuracy column 'arch_str' of "),
            std::string::npos)
      << numbers;
  EXPECT_NE(numbers.find("acc.csv holds '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|' on "
                         "line 2: expected accuracies in percent"),
            std::string::npos)
      << numbers;
  // A real range over an integer knob: both ends build, 1 + 0.618 x 3 = 2.854 does not.
  EXPECT_EQ(error_of("    batch: 1\n", "    batch: {real: [1, 4]}\n"),
            "bad.yaml:6:19: model.knobs.batch: invalid value '2.854'; expected an integer in [1, "
            "1048576]");
  EXPECT_EQ(
      error_of("objectives:\n  accuracy: maximize\n  latency_s: minimize\n", "objectives: {}\n"),
      "bad.yaml:10:13: objectives: empty: at least one objective, e.g. latency_s: minimize");
  EXPECT_EQ(error_of("chip: tpu_v4i", "chip: tpu_v9"),
            "bad.yaml:2:7: chip: unknown preset 'tpu_v9' (did you mean 'tpu_v2'?); presets: "
            "tpu_v2, tpu_v3, tpu_v4, tpu_v4i, tpu_v5e, tpu_v5p, tpu_v6e; or give a path to a "
            ".yaml file");
}

// run.worker_timeout and run.worker_memory set the event workers' limits (600 s and 8 GiB when
// absent); they are run settings, outside the hash, and a bad one names its key and value.
TEST(SearchStudy, WorkerLimitsAreRunSettings) {
  const Study plain = parse_study_text(kDomains, "a.yaml", "");
  EXPECT_EQ(plain.worker_timeout_s, 600.0);
  EXPECT_EQ(plain.worker_memory_bytes, std::uint64_t{8} << 30);
  std::string text = kDomains;
  text.replace(text.find("population: 10}"), 15,
               "population: 10, worker_timeout: 90 s, worker_memory: 2 GiB}");
  const Study set = parse_study_text(text, "a.yaml", "");
  EXPECT_EQ(set.worker_timeout_s, 90.0);
  EXPECT_EQ(set.worker_memory_bytes, std::uint64_t{2} << 30);
  EXPECT_EQ(set.hash, plain.hash);
  EXPECT_EQ(error_of("", "", "run: {worker_timeout: 0 s}\n"),
            "bad.yaml:16:23: run.worker_timeout: expected a duration > 0 such as '600 s' or "
            "'90 ms', got '0 s'");
  EXPECT_EQ(error_of("", "", "run: {worker_timeout: 600}\n"),
            "bad.yaml:16:23: run.worker_timeout: expected a duration > 0 such as '600 s' or "
            "'90 ms', got '600'");
  EXPECT_EQ(error_of("", "", "run: {worker_memory: 1 MiB}\n"),
            "bad.yaml:16:22: run.worker_memory: expected a size of at least 64 MiB such as "
            "'8 GiB', got '1 MiB'");
  EXPECT_EQ(error_of("", "", "run: {worker_memroy: 1 GiB}\n"),
            "bad.yaml:16:22: run.worker_memroy: unknown run key 'worker_memroy' (did you mean "
            "'worker_memory'?)");
}

// EfficientNet-X-B0 with LACS's three knobs; `knobs` replaces them.
std::string lacs_study(const std::string& knobs =
                           "    depth: {real: [1.0, 2.0]}\n"
                           "    width: {real: [1.0, 2.0]}\n"
                           "    resolution: {int: [224, 320], step: 16}\n",
                       const std::string& extra = "") {
  return "chip: tpu_v4\nmodel:\n  name: efficientnet_x_b0\n  knobs:\n" + knobs +
         "objectives: {latency_s: minimize}\nrun: {strategy: lacs}\n" + extra;
}

std::string lacs_error(const std::string& text) {
  try {
    parse_study_text(text, "lacs.yaml", "");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SearchStudy, LacsNeedsDepthWidthAndResolution) {
  // The NAS-Bench-201 study has none of them (and a cell and a chip knob besides).
  EXPECT_EQ(error_of("", "", "run: {strategy: lacs}\n"),
            "bad.yaml: model.knobs: strategy 'lacs' scales the model knobs depth, width and "
            "resolution; missing: depth, width, resolution");
  EXPECT_EQ(lacs_error(lacs_study("    depth: {real: [1.0, 2.0]}\n    width: 1.2\n"
                                  "    resolution: {int: [224, 320], step: 16}\n")),
            "lacs.yaml:6:12: model.knobs.width: strategy 'lacs' scales 'width': give it a domain, "
            "e.g. {real: [1.0, 2.0]}, not one value");
  EXPECT_EQ(lacs_error(lacs_study("    depth: {real: [1.0, 2.0]}\n    width: {real: [1.0, 2.0]}\n"
                                  "    resolution: {int: [224, 320], step: 16}\n"
                                  "    batch: {choice: [1, 8]}\n")),
            "lacs.yaml:8:21: model.knobs.batch.choice: strategy 'lacs' scales depth, width and "
            "resolution only; give 'batch' one value or use another strategy");
  EXPECT_EQ(lacs_error(lacs_study() + "lacs: {target: 1}\n"),
            "lacs.yaml:10:16: lacs.target: expected the latency ratio of one scaling step, above "
            "1, got '1'");
  EXPECT_EQ(lacs_error(lacs_study() + "lacs: {tolerence: 0.1}\n"),
            "lacs.yaml:10:19: lacs.tolerence: unknown lacs key 'tolerence' (did you mean "
            "'tolerance'?); keys: target, tolerance");
  const Study s =
      parse_study_text(lacs_study() + "lacs: {target: 3, tolerance: 0.1}\n", "l.yaml", "");
  EXPECT_EQ(s.strategy, "lacs");
  EXPECT_EQ(s.lacs_target, 3);
  EXPECT_EQ(s.lacs_tolerance, 0.1);
  // The target is part of the search; writing the defaults out is not.
  EXPECT_NE(s.hash, parse_study_text(lacs_study(), "l.yaml", "").hash);
  EXPECT_EQ(
      parse_study_text(lacs_study() + "lacs: {target: 2, tolerance: 0.05}\n", "l.yaml", "").hash,
      parse_study_text(lacs_study(), "l.yaml", "").hash);
}

TEST(SearchStudy, AccuracyNeedsAnOracle) {
  EXPECT_EQ(error_of("accuracy:\n  table: acc.csv\n  column: acc\n", ""),
            "bad.yaml:11:13: objectives.accuracy: objective 'accuracy' needs an oracle: accuracy: "
            "{table: FILE.csv, column: NAME} or accuracy: {command: CMD}");
}

}  // namespace
}  // namespace coda::search
