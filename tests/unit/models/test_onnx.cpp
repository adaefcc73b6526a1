// ONNX import/export: Debian's libonnx-testdata per-op models inside our op set, round trips of
// built-in models through our exporter, and the bad-input messages.
#include <gtest/gtest.h>

#include <onnx/onnx_pb.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "models/builders/registry.h"
#include "models/graph/counters.h"
#include "models/io/onnx_io.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {

namespace fs = std::filesystem;
const std::string kNodeTests = "/usr/share/libonnx-testdata/data/node/";

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("coda_models_" + name)).string();
}

std::string error_of(const std::string& path) {
  try {
    load_onnx_model(path);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

void expect_same_counts(const Graph& a, const Graph& b) {
  const ModelCounts ca = count_model(a), cb = count_model(b);
  EXPECT_EQ(a.num_ops(), b.num_ops());
  EXPECT_EQ(ca.params, cb.params);
  EXPECT_EQ(ca.macs, cb.macs);
  EXPECT_EQ(ca.vector_ops, cb.vector_ops);
  EXPECT_EQ(ca.weight_bytes, cb.weight_bytes);
  EXPECT_EQ(ca.activation_bytes, cb.activation_bytes);
}

TEST(Onnx, RoundTripGivesIdenticalCounters) {
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> models = {
      {"resnet50", {}},
      {"mobilenet_v2", {}},
      {"efficientnet_b0", {}},
      {"efficientnet_x_b0_tpu", {}},
      {"vit_b16", {}},
      {"bert_base", {{"seq_len", "64"}}},
      {"gpt_small", {{"mode", "decode"}, {"seq_len", "32"}}},
      {"gpt_small", {{"seq_len", "16"}}},
      {"nb201", {}},
      {"gpt_llama3_8b",
       {{"layers", "2"}, {"seq_len", "16"}, {"mode", "decode"}, {"vocab", "1000"}}}};
  for (const auto& [name, knobs] : models) {
    SCOPED_TRACE(name);
    const Graph g = build_model(name, knobs);
    const std::string path = temp_path(name + ".onnx");
    save_onnx_model(g, path);
    expect_same_counts(g, load_onnx_model(path));
    save_onnx_model(g, path, true);  // zero-filled initializers
    expect_same_counts(g, load_onnx_model(path));
    std::remove(path.c_str());
  }
}

TEST(Onnx, WeightsWrittenAsInitializersTakeTheirBytes) {
  const Graph g = build_model("nb201", {});
  const std::string path = temp_path("nb201_weights.onnx");
  save_onnx_model(g, path, true);
  EXPECT_GE(fs::file_size(path), count_model(g).weight_bytes);
  std::remove(path.c_str());
}

// Per-op models shipped by Debian (libonnx-testdata) whose ops and attributes are in our set.
// Import succeeds only when every declared output shape equals our inferred one.
TEST(Onnx, DebianNodeTestsInsideTheOpSet) {
  if (!fs::exists(kNodeTests)) GTEST_SKIP() << "libonnx-testdata is not installed";
  const char* inside[] = {"test_add",
                          "test_add_bcast",
                          "test_sub_bcast",
                          "test_mul_example",
                          "test_div_bcast",
                          "test_relu",
                          "test_sigmoid",
                          "test_tanh",
                          "test_hardswish",
                          "test_identity",
                          "test_basic_conv_with_padding",
                          "test_conv_with_strides_and_asymmetric_padding",
                          "test_conv_with_autopad_same",
                          "test_gemm_default_vector_bias",
                          "test_gemm_transposeA",
                          "test_gemm_transposeB",
                          "test_matmul_2d",
                          "test_matmul_4d",
                          "test_batchnorm_example",
                          "test_softmax_axis_0",
                          "test_softmax_negative_axis",
                          "test_maxpool_2d_ceil",
                          "test_maxpool_2d_same_lower",
                          "test_averagepool_2d_pads_count_include_pad",
                          "test_averagepool_2d_strides",
                          "test_globalaveragepool",
                          "test_reduce_mean_keepdims_random",
                          "test_reduce_mean_do_not_keepdims_example",
                          "test_flatten_axis2",
                          "test_transpose_default",
                          "test_transpose_all_permutations_4",
                          "test_concat_3d_axis_negative_2",
                          "test_split_equal_parts_2d",
                          "test_spacetodepth",
                          "test_depthtospace_crd_mode",
                          "test_unsqueeze_axis_3",
                          "test_dropout_default"};
  for (const char* t : inside) {
    SCOPED_TRACE(t);
    const Graph g = load_onnx_model(kNodeTests + t + "/model.onnx");
    EXPECT_GE(g.num_ops(), 1u);
    g.validate();
  }
  const Graph conv = load_onnx_model(kNodeTests + "test_basic_conv_with_padding/model.onnx");
  EXPECT_EQ(count_model(conv).macs, 5 * 5 * 3 * 3);  // x [1,1,5,5], W [1,1,3,3], pads 1
}

TEST(Onnx, EveryDebianNodeTestImportsOrFailsCleanly) {
  if (!fs::exists(kNodeTests)) GTEST_SKIP() << "libonnx-testdata is not installed";
  int imported = 0, rejected = 0;
  for (const auto& dir : fs::directory_iterator(kNodeTests)) {
    const fs::path model = dir.path() / "model.onnx";
    if (!fs::exists(model)) continue;
    try {
      load_onnx_model(model.string());
      ++imported;
    } catch (const core::InputError& e) {
      ++rejected;
      EXPECT_EQ(std::string(e.what()).rfind(model.string() + ": ", 0), 0u) << e.what();
    }
  }
  EXPECT_GE(imported, 100);
  EXPECT_GT(rejected, 0);
}

TEST(OnnxErrors, UnsupportedOpNamesNodeTypeAndSupportedList) {
  if (!fs::exists(kNodeTests)) GTEST_SKIP() << "libonnx-testdata is not installed";
  const std::string path = kNodeTests + "test_lstm_defaults/model.onnx";
  const std::string e = error_of(path);
  EXPECT_EQ(e.substr(0, e.find("; supported:")),
            path + ": graph.node[0]: node 'Y_h' (LSTM): unsupported op type");
  EXPECT_NE(e.find("; supported: Add, AveragePool, BatchNormalization,"), std::string::npos);
}

// A one-node model written with protobuf directly: x[batch, 4] -> <op_type> -> y.
std::string tiny_model(const std::string& op_type, const std::string& name) {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(17);
  auto* g = m.mutable_graph();
  g->set_name("tiny");
  auto* x = g->add_input();
  x->set_name("x");
  auto* tt = x->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(onnx::TensorProto::FLOAT);
  tt->mutable_shape()->add_dim()->set_dim_param("batch");
  tt->mutable_shape()->add_dim()->set_dim_value(4);
  auto* n = g->add_node();
  n->set_op_type(op_type);
  n->set_name(name);
  n->add_input("x");
  n->add_output("y");
  g->add_output()->set_name("y");
  const std::string path = temp_path("tiny_" + op_type + ".onnx");
  std::ofstream out(path, std::ios::binary);
  m.SerializeToOstream(&out);
  return path;
}

TEST(Onnx, SymbolicDimensionsTakeGivenValues) {
  const std::string path = tiny_model("Relu", "act");
  EXPECT_EQ(error_of(path), path +
                                ": graph.input[0]: input 'x' has the symbolic dimension 'batch'; "
                                "give it a value (knob dim.batch=N)");
  const Graph g = load_onnx_model(path, {{"batch", 3}});
  EXPECT_EQ(g.tensor(g.find_tensor("y")).shape, (Shape{3, 4}));
  std::remove(path.c_str());
}

TEST(OnnxErrors, UnsupportedOpInAWrittenModel) {
  const std::string path = tiny_model("Erf", "erf_1");
  const std::string e = [&] {
    try {
      load_onnx_model(path, {{"batch", 1}});
    } catch (const core::InputError& err) {
      return std::string(err.what());
    }
    return std::string("(no error)");
  }();
  EXPECT_EQ(e.substr(0, e.find(" Add,")),
            path + ": graph.node[0]: node 'erf_1' (Erf): unsupported op type; supported:");
  EXPECT_NE(e.find(", Unsqueeze"), std::string::npos);
  std::remove(path.c_str());
}

TEST(OnnxErrors, TruncatedFile) {
  const std::string full = temp_path("full.onnx"), cut = temp_path("cut.onnx");
  save_onnx_model(build_model("resnet18", {}), full);
  std::ifstream in(full, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, 1001);
  EXPECT_EQ(error_of(cut), cut +
                               ": not a valid ONNX model: the protobuf data is truncated or "
                               "corrupt (1001 bytes)");
  std::ofstream(cut, std::ios::binary) << "";
  EXPECT_EQ(error_of(cut), cut +
                               ": not a valid ONNX model: the protobuf data is truncated or "
                               "corrupt (0 bytes)");
  EXPECT_EQ(error_of(temp_path("missing.onnx")), temp_path("missing.onnx") + ": cannot open file");
  std::remove(full.c_str());
  std::remove(cut.c_str());
}

// Truncations and byte flips of valid files either load or give an InputError: never a crash
// and never another exception type.
TEST(OnnxErrors, DamagedFilesFailCleanly) {
  const std::string full = temp_path("fuzz_full.onnx"), cut = temp_path("fuzz_cut.onnx");
  save_onnx_model(build_model("gpt_small", {{"layers", "1"}, {"seq_len", "8"}, {"mode", "decode"}}),
                  full);
  std::ifstream in(full, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  int loaded = 0, rejected = 0;
  const auto attempt = [&](const std::string& data) {
    std::ofstream(cut, std::ios::binary | std::ios::trunc) << data;
    try {
      load_onnx_model(cut);
      ++loaded;
    } catch (const core::InputError&) {
      ++rejected;
    }
  };
  for (std::size_t n = 0; n < bytes.size(); n += 23) attempt(bytes.substr(0, n));
  std::uint32_t seed = 12345;
  for (int i = 0; i < 300; ++i) {
    std::string damaged = bytes;
    for (int f = 0; f < 3; ++f) {
      seed = seed * 1664525u + 1013904223u;
      damaged[seed % damaged.size()] = static_cast<char>(seed >> 24);
    }
    attempt(damaged);
  }
  EXPECT_GT(rejected, 0);
  EXPECT_EQ(loaded + rejected, static_cast<int>((bytes.size() + 22) / 23) + 300);
  std::remove(full.c_str());
  std::remove(cut.c_str());
}

TEST(OnnxErrors, RuntimeShapesAreRejected) {
  if (!fs::exists(kNodeTests)) GTEST_SKIP() << "libonnx-testdata is not installed";
  const std::string path = kNodeTests + "test_reshape_negative_dim/model.onnx";
  EXPECT_EQ(error_of(path), path +
                                ": graph.node[0]: node 'reshaped' (Reshape): shape (input "
                                "'shape') must be a constant; it is computed at run time");
}

}  // namespace
}  // namespace coda::models
