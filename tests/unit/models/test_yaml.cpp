// The YAML model format: example files, round trips of built-in models, and bad-input messages.
#include <gtest/gtest.h>

#include <set>

#include "models/builders/registry.h"
#include "models/graph/counters.h"
#include "models/io/dot_export.h"
#include "models/io/yaml_model.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {

const std::string kConfigs = std::string(CODA_SOURCE_DIR) + "/configs/models/";

std::string error_of(const std::string& text) {
  try {
    parse_yaml_model(text, "bad.yaml");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

void expect_same(const Graph& a, const Graph& b) {
  ASSERT_EQ(a.num_ops(), b.num_ops());
  const ModelCounts ca = count_model(a), cb = count_model(b);
  EXPECT_EQ(ca.params, cb.params);
  EXPECT_EQ(ca.macs, cb.macs);
  EXPECT_EQ(ca.vector_ops, cb.vector_ops);
  EXPECT_EQ(ca.weight_bytes, cb.weight_bytes);
  EXPECT_EQ(ca.activation_bytes, cb.activation_bytes);
  for (const Op& op : a.ops()) {
    const OpId other = b.find_op(op.name);
    ASSERT_GE(other, 0) << op.name;
    EXPECT_EQ(b.op(other).kind, op.kind);
    EXPECT_TRUE(b.op(other).attrs == op.attrs) << op.name;
    EXPECT_EQ(b.tensor(b.op(other).outputs[0]).shape, a.tensor(op.outputs[0]).shape);
  }
  EXPECT_EQ(a.outputs().size(), b.outputs().size());
}

TEST(YamlModel, TinyCnnCountsByHand) {
  const Graph g = load_yaml_model(kConfigs + "tiny_cnn.yaml");
  const ModelCounts c = count_model(g);
  EXPECT_EQ(c.params, 16 * 3 * 9 + 32 + 16 * 16 * 9 + 32 + 10 * 16 + 10);
  EXPECT_EQ(c.macs, 32 * 32 * 16 * 3 * 9 + 32 * 32 * 16 * 16 * 9 + 16 * 10);
  EXPECT_EQ(c.weight_bytes, static_cast<std::uint64_t>(c.params) * 2);
  EXPECT_EQ(g.outputs(), (std::vector<TensorId>{g.find_tensor("probs")}));
}

TEST(YamlModel, OpsTourCoversTheWholeOpSet) {
  const Graph g = load_yaml_model(kConfigs + "ops_tour.yaml");
  std::set<OpKind> seen;
  for (const Op& op : g.ops()) seen.insert(op.kind);
  for (OpKind k : all_op_kinds()) EXPECT_TRUE(seen.count(k)) << to_string(k);
  EXPECT_EQ(g.tensor(g.find_tensor("k_all")).shape, (Shape{1, 2, 7, 4}));
  EXPECT_EQ(g.tensor(g.find_tensor("joined")).shape, (Shape{1, 8, 18, 18}));
  g.validate();
}

TEST(YamlModel, ExampleFilesRoundTrip) {
  for (const char* f : {"tiny_cnn.yaml", "attention_block.yaml", "ops_tour.yaml"}) {
    SCOPED_TRACE(f);
    const Graph g = load_yaml_model(kConfigs + f);
    expect_same(g, parse_yaml_model(to_yaml(g), "roundtrip.yaml"));
  }
}

TEST(YamlModel, BuiltInModelsRoundTrip) {
  for (const char* name :
       {"resnet50", "efficientnet_x_b0", "mobilenet_v2", "vit_b16", "bert_base"}) {
    SCOPED_TRACE(name);
    const Graph g = build_model(name, {});
    expect_same(g, parse_yaml_model(to_yaml(g), "roundtrip.yaml"));
  }
  const Graph dec =
      build_model("gpt_small", {{"mode", "decode"}, {"seq_len", "64"}, {"layers", "2"}});
  expect_same(dec, parse_yaml_model(to_yaml(dec), "roundtrip.yaml"));
  const Graph gqa = build_model("gpt_llama3_8b", {{"seq_len", "32"}, {"layers", "2"}});
  expect_same(gqa, parse_yaml_model(to_yaml(gqa), "roundtrip.yaml"));
}

TEST(YamlModel, DotExportNamesEveryOp) {
  const Graph g = load_yaml_model(kConfigs + "tiny_cnn.yaml");
  const std::string dot = to_dot(g);
  EXPECT_EQ(dot.rfind("digraph \"tiny_cnn\" {", 0), 0u);
  for (const Op& op : g.ops())
    EXPECT_NE(dot.find("\"" + op.name + "\\n"), std::string::npos) << op.name;
  EXPECT_NE(dot.find("op0 -> op1"), std::string::npos);
}

const std::string kHeader =
    "name: m\ninputs:\n  x: {shape: [1, 4]}\nweights:\n  w: {shape: [8, 4]}\nops:\n";

TEST(YamlModelErrors, SyntaxError) {
  EXPECT_EQ(error_of("name: m\nops: [\n"),
            "bad.yaml:3:1: YAML syntax error: end of sequence flow not found");
}

TEST(YamlModelErrors, UnknownOpWithSuggestion) {
  const std::string e = error_of(kHeader + "  - {name: a, op: fully_conected, inputs: [x, w]}\n");
  EXPECT_EQ(
      e.substr(0, e.find("; allowed")),
      "bad.yaml:7:19: ops[0].op: unknown op 'fully_conected' (did you mean 'fully_connected'?)");
  EXPECT_NE(e.find("; allowed: conv2d, matmul, fully_connected, add,"), std::string::npos);
}

TEST(YamlModelErrors, ShapeMismatchNamesOpAndShapes) {
  EXPECT_EQ(error_of(kHeader + "  - {name: a, op: fully_connected, inputs: [x, w]}\n"
                               "  - {name: b, op: fully_connected, inputs: [a, w]}\n"),
            "bad.yaml:8:5: ops[1]: op 'b' (fully_connected): x has 8 features, weight [N, K] "
            "expects K = 4; inputs: x [1, 8] bf16, weight [8, 4] bf16");
}

TEST(YamlModelErrors, DanglingInput) {
  EXPECT_EQ(error_of(kHeader + "  - {name: a, op: fully_connected, inputs: [x, ww]}\n"),
            "bad.yaml:7:48: ops[0].inputs[1]: unknown tensor 'ww' (did you mean 'w'?); not an "
            "input, weight, constant, state or op output");
}

TEST(YamlModelErrors, Cycle) {
  EXPECT_EQ(error_of(kHeader + "  - {name: a, op: add, inputs: [x, b]}\n"
                               "  - {name: b, op: relu, inputs: [a]}\n"),
            "bad.yaml:7:5: ops[0]: the ops form a cycle (each waits for another): a, b");
}

TEST(YamlModelErrors, UnknownKeyAttributeAndDtype) {
  EXPECT_EQ(error_of("name: m\nopz: []\n"),
            "bad.yaml:2:1: opz: unknown key (did you mean 'ops'?); allowed: name, dtype, inputs, "
            "weights, constants, state, ops, outputs");
  EXPECT_EQ(error_of(kHeader + "  - {name: a, op: softmax, inputs: [x], attrs: {axes: 1}}\n"),
            "bad.yaml:7:5: ops[0]: op 'a' (softmax): unknown attribute 'axes' (did you mean "
            "'axis'?); allowed: axis");
  EXPECT_EQ(error_of("name: m\ndtype: bf61\nops: []\n"),
            "bad.yaml:2:8: dtype: unknown dtype 'bf61' (did you mean 'bf16'?); allowed: bf16, "
            "fp16, fp32, int8, fp8, int32, int64");
  EXPECT_EQ(error_of("name: m\ninputs:\n  x: {shape: [1, 0]}\nops: []\n"),
            "bad.yaml:3:18: inputs.x.shape[1]: a dimension must be >= 1, got 0");
}

TEST(YamlModelErrors, MissingFile) {
  try {
    load_yaml_model("/nonexistent/model.yaml");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/model.yaml: cannot open file");
  }
}

}  // namespace
}  // namespace coda::models
