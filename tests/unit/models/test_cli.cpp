// End-to-end: `coda model list|info|export` run as a process; output, JSON fields, exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_coda.h"

namespace {

struct CliRun {
  int code;
  std::string out;  // stdout, then stderr
};

CliRun coda(const std::string& args) {
  const auto r = coda::testing::run_coda(args);
  return {r.code, r.out + r.err};
}

TEST(CliModel, ListNamesTheBuiltIns) {
  const CliRun r = coda("model list");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* name : {"resnet50", "mobilenet_v2", "efficientnet_b7", "efficientnet_x_b3",
                           "efficientnet_x_b3_tpu", "efficientnet_x_b3_gpu", "vit_b16", "vit_l16",
                           "bert_base", "bert_large", "gpt_small", "nb201", "nas_bench_macro"}) {
    EXPECT_NE(r.out.find(std::string(name) + " "), std::string::npos) << name;
  }
}

TEST(CliModel, InfoJsonCarriesTheCounters) {
  const CliRun r = coda("model info resnet50 --json --batch 2");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["params"], 25557032);
  EXPECT_EQ(j["macs"].get<long long>(), 2LL * 4089184256LL);
  EXPECT_EQ(j["flops"].get<long long>(), 4LL * 4089184256LL);
  EXPECT_EQ(j["weight_bytes"], 2 * 25557032);  // bf16
  EXPECT_GT(j["activation_bytes"].get<long long>(), 0);
  EXPECT_EQ(j["knobs"]["batch"], "2");
}

TEST(CliModel, PerLayerRowsSumToTheTotal) {
  const CliRun r = coda("model info efficientnet_b0 --json --per-layer");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  long long macs = 0, params = 0;
  for (const auto& l : j["layers"]) {
    macs += l["macs"].get<long long>();
    params += l["params"].get<long long>();
  }
  EXPECT_EQ(macs, j["macs"].get<long long>());
  EXPECT_EQ(params, 5288548);
  EXPECT_EQ(j["layers"].size(), j["ops"].get<std::size_t>());
}

TEST(CliModel, KnobsAndFiles) {
  EXPECT_EQ(coda("model info efficientnet_x_b0_gpu -k space_to_depth=false -k width=1.5").code, 0);
  const CliRun yaml =
      coda("model info " + std::string(CODA_SOURCE_DIR) + "/configs/models/tiny_cnn.yaml");
  EXPECT_EQ(yaml.code, 0) << yaml.out;
  EXPECT_NE(yaml.out.find("params            2970"), std::string::npos) << yaml.out;
  const CliRun dot = coda("model export resnet18 -f dot");
  EXPECT_EQ(dot.code, 0);
  EXPECT_EQ(dot.out.rfind("digraph \"resnet18\"", 0), 0u);
}

TEST(CliModel, BadInputExitsWithCode2AndAMessage) {
  const CliRun knob = coda("model info resnet50 -k widht=2");
  EXPECT_EQ(knob.code, 2);
  EXPECT_EQ(knob.out,
            "error: knob widht: unknown knob for model 'resnet50' (did you mean 'width'?); "
            "allowed: depth, batch, dtype, resolution, width, num_classes, activation, blocks, "
            "bottleneck\n");
  const CliRun name = coda("model info resnet5");
  EXPECT_EQ(name.code, 2);
  EXPECT_EQ(name.out,
            "error: model: unknown model 'resnet5' (did you mean 'resnet50'?); see `coda "
            "model list`\n");
  const CliRun file = coda("model info /nonexistent/m.yaml");
  EXPECT_EQ(file.code, 2);
  EXPECT_EQ(file.out, "error: /nonexistent/m.yaml: cannot open file\n");
  const CliRun onnx = coda("model info /nonexistent/m.onnx");
  EXPECT_EQ(onnx.code, 2);
  EXPECT_EQ(coda("model info tiny.yaml -k batch=2").code, 2);
}

TEST(CliModel, MalformedFilesExitWithCode2) {
  const std::string yaml = testing::TempDir() + "coda_bad_model.yaml";
  std::FILE* f = std::fopen(yaml.c_str(), "w");
  std::fputs("name: m\ninputs:\n  x: {shape: [1, 4]}\nops:\n  - {name: a, op: relu, inputs: [y]}\n",
             f);
  std::fclose(f);
  const CliRun r = coda("model info " + yaml);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "error: " + yaml +
                       ":5:34: ops[0].inputs[0]: unknown tensor 'y' (did you mean "
                       "'x'?); not an input, weight, constant, state or op output\n");
  const std::string onnx = testing::TempDir() + "coda_bad_model.onnx";
  f = std::fopen(onnx.c_str(), "w");
  std::fputs("\x08\x07\x12\xff", f);  // ir_version, then a field cut short
  std::fclose(f);
  const CliRun o = coda("model info " + onnx);
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.out, "error: " + onnx +
                       ": not a valid ONNX model: the protobuf data is truncated "
                       "or corrupt (4 bytes)\n");
}

}  // namespace
