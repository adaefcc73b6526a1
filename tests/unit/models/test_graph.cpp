// Graph API: construction, shape inference per op, topology queries, subgraphs, and the exact
// error messages for bad graphs.
#include <gtest/gtest.h>

#include "models/graph/graph.h"
#include "sim/core/error.h"

namespace coda::models {
namespace {
using I = std::vector<std::int64_t>;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

// x -> conv -> relu -> add(relu, conv) : a small residual.
struct Small {
  Graph g{"small"};
  TensorId x, w, conv, relu, sum;
  Small() {
    x = g.add_tensor("x", {1, 3, 8, 8}, DType::fp32, TensorKind::input);
    w = g.add_tensor("w", {4, 3, 3, 3}, DType::fp32, TensorKind::weight);
    conv = g.add(OpKind::conv2d, "conv", {x, w}, {{"pads", I{1, 1, 1, 1}}});
    relu = g.add(OpKind::relu, "relu", {conv});
    sum = g.add(OpKind::add, "sum", {relu, conv});
  }
};

TEST(Graph, InfersShapesAndKeepsCompleteAttributes) {
  Small s;
  EXPECT_EQ(s.g.tensor(s.conv).shape, (Shape{1, 4, 8, 8}));
  EXPECT_EQ(s.g.tensor(s.sum).dtype, DType::fp32);
  const Op& conv = s.g.op(s.g.find_op("conv"));
  EXPECT_EQ(conv.attrs.get_ints("strides", {}), (I{1, 1}));
  EXPECT_EQ(conv.attrs.get_int("group", 0), 1);
  EXPECT_EQ(s.g.tensor(s.conv).producer, conv.id);
}

TEST(Graph, TopologyQueries) {
  Small s;
  EXPECT_EQ(s.g.topo_order(), (std::vector<OpId>{0, 1, 2}));
  EXPECT_EQ(s.g.producers(2), (std::vector<OpId>{0, 1}));
  EXPECT_EQ(s.g.consumers(0), (std::vector<OpId>{1, 2}));
  EXPECT_EQ(s.g.readers(s.x), (OpIds{0}));
  EXPECT_EQ(s.g.outputs(), (std::vector<TensorId>{s.sum}));
  // Unmarked: the activations nobody reads; once one is marked, the marked ones only.
  EXPECT_TRUE(s.g.is_output(s.sum));
  EXPECT_FALSE(s.g.is_output(s.relu));
  EXPECT_FALSE(s.g.is_output(s.x));
  Small marked;
  marked.g.mark_output(marked.relu);
  EXPECT_EQ(marked.g.outputs(), (std::vector<TensorId>{marked.relu}));
  EXPECT_TRUE(marked.g.is_output(marked.relu));
  EXPECT_FALSE(marked.g.is_output(marked.sum));
  EXPECT_EQ(s.g.inputs(), (std::vector<TensorId>{s.x}));
  EXPECT_EQ(s.g.find_tensor("relu"), s.relu);
  EXPECT_EQ(s.g.find_tensor("nope"), -1);
  s.g.validate();
}

TEST(Graph, SubgraphTurnsOutsideActivationsIntoInputs) {
  Small s;
  const Graph sub = s.g.subgraph({1, 2});
  ASSERT_EQ(sub.num_ops(), 2u);
  const TensorId conv = sub.find_tensor("conv");
  ASSERT_GE(conv, 0);
  EXPECT_EQ(sub.tensor(conv).kind, TensorKind::input);
  EXPECT_EQ(sub.tensor(conv).shape, (Shape{1, 4, 8, 8}));
  EXPECT_EQ(sub.outputs(), (std::vector<TensorId>{sub.find_tensor("sum")}));
  const Graph head = s.g.subgraph({0});
  EXPECT_EQ(head.tensor(head.find_tensor("w")).kind, TensorKind::weight);
  EXPECT_EQ(head.outputs(), (std::vector<TensorId>{head.find_tensor("conv")}));
}

TEST(Graph, ShapesOfDataMovementOps) {
  Graph g;
  const TensorId x = g.add_tensor("x", {2, 8, 4, 6}, DType::bf16, TensorKind::input);
  EXPECT_EQ(g.tensor(g.add(OpKind::reshape, "r", {x}, {{"shape", I{0, -1, 6}}})).shape,
            (Shape{2, 32, 6}));
  EXPECT_EQ(g.tensor(g.add(OpKind::transpose, "t", {x}, {{"perm", I{0, 2, 3, 1}}})).shape,
            (Shape{2, 4, 6, 8}));
  EXPECT_EQ(g.tensor(g.add(OpKind::concat, "c", {x, x}, {{"axis", std::int64_t{-1}}})).shape,
            (Shape{2, 8, 4, 12}));
  const auto parts =
      g.add_op(OpKind::split, "s", {x}, {{"axis", std::int64_t{1}}, {"split", I{3, 5}}});
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(g.tensor(parts[1]).shape, (Shape{2, 5, 4, 6}));
  EXPECT_EQ(g.tensor(parts[1]).name, "s:1");
  EXPECT_EQ(g.tensor(g.add(OpKind::pad, "p", {x}, {{"pads", I{0, 0, 1, 2, 0, 0, 3, 4}}})).shape,
            (Shape{2, 8, 8, 12}));
  EXPECT_EQ(
      g.tensor(g.add(OpKind::space_to_depth, "s2d", {x}, {{"blocksize", std::int64_t{2}}})).shape,
      (Shape{2, 32, 2, 3}));
  EXPECT_EQ(
      g.tensor(g.add(OpKind::depth_to_space, "d2s", {x}, {{"blocksize", std::int64_t{2}}})).shape,
      (Shape{2, 2, 8, 12}));
  EXPECT_EQ(g.tensor(g.add(OpKind::reduce_mean, "m", {x},
                           {{"axes", I{2, 3}}, {"keepdims", std::int64_t{0}}}))
                .shape,
            (Shape{2, 8}));
  EXPECT_EQ(g.tensor(g.add(OpKind::global_avg_pool, "gap", {x})).shape, (Shape{2, 8, 1, 1}));
  EXPECT_EQ(g.tensor(g.add(OpKind::max_pool, "mp", {x},
                           {{"kernel_shape", I{2, 2}}, {"strides", I{2, 2}}}))
                .shape,
            (Shape{2, 8, 2, 3}));
}

TEST(Graph, ShapesOfMatrixAndSequenceOps) {
  Graph g;
  const TensorId a = g.add_tensor("a", {2, 3, 4, 5}, DType::bf16, TensorKind::input);
  const TensorId b = g.add_tensor("b", {5, 7}, DType::bf16, TensorKind::weight);
  EXPECT_EQ(g.tensor(g.add(OpKind::matmul, "mm", {a, b})).shape, (Shape{2, 3, 4, 7}));
  const TensorId w = g.add_tensor("w", {9, 5}, DType::bf16, TensorKind::weight);
  EXPECT_EQ(g.tensor(g.add(OpKind::fully_connected, "fc", {a, w})).shape, (Shape{2, 3, 4, 9}));
  const TensorId ids = g.add_tensor("ids", {2, 6}, DType::int32, TensorKind::input);
  const TensorId table = g.add_tensor("table", {100, 16}, DType::bf16, TensorKind::weight);
  const TensorId e = g.add(OpKind::embedding, "emb", {ids, table});
  EXPECT_EQ(g.tensor(e).shape, (Shape{2, 6, 16}));
  EXPECT_EQ(g.tensor(e).dtype, DType::bf16);
  const TensorId cache = g.add_tensor("cache", {2, 4, 10, 8}, DType::bf16, TensorKind::state);
  const TensorId knew = g.add_tensor("k", {2, 4, 1, 8}, DType::bf16, TensorKind::input);
  const TensorId read = g.add(OpKind::kv_cache_read, "read", {cache});
  EXPECT_EQ(g.tensor(g.add(OpKind::kv_cache_append, "append", {read, knew})).shape,
            (Shape{2, 4, 11, 8}));
  const TensorId dw = g.add_tensor("dw", {6, 1, 3, 3}, DType::bf16, TensorKind::weight);
  const TensorId img = g.add_tensor("img", {1, 6, 9, 9}, DType::bf16, TensorKind::input);
  EXPECT_EQ(g.tensor(g.add(OpKind::conv2d, "dwconv", {img, dw},
                           {{"group", std::int64_t{6}},
                            {"strides", I{2, 2}},
                            {"dilations", I{2, 2}},
                            {"pads", I{2, 2, 2, 2}}}))
                .shape,
            (Shape{1, 6, 5, 5}));
}

TEST(GraphErrors, ConvChannelMismatch) {
  Graph g;
  const TensorId x = g.add_tensor("x", {1, 3, 8, 8}, DType::fp32, TensorKind::input);
  const TensorId w = g.add_tensor("w", {4, 5, 3, 3}, DType::fp32, TensorKind::weight);
  EXPECT_EQ(error_of([&] {
              g.add(OpKind::conv2d, "conv", {x, w});
            }),
            "op 'conv' (conv2d): weight expects 5 input channels (weight dim 1 5 x group 1), x "
            "has 3; inputs: x [1, 3, 8, 8] fp32, weight [4, 5, 3, 3] fp32");
}

TEST(GraphErrors, MatmulInnerDimension) {
  Graph g;
  const TensorId a = g.add_tensor("a", {4, 5}, DType::bf16, TensorKind::input);
  const TensorId b = g.add_tensor("b", {6, 7}, DType::bf16, TensorKind::input);
  EXPECT_EQ(error_of([&] {
              g.add(OpKind::matmul, "mm", {a, b});
            }),
            "op 'mm' (matmul): inner dimensions differ: a has K = 5, b has K = 6; inputs: a [4, 5] "
            "bf16, b [6, 7] bf16");
}

TEST(GraphErrors, BroadcastAndDtype) {
  Graph g;
  const TensorId a = g.add_tensor("a", {2, 3}, DType::bf16, TensorKind::input);
  const TensorId b = g.add_tensor("b", {4, 3}, DType::bf16, TensorKind::input);
  const TensorId c = g.add_tensor("c", {2, 3}, DType::fp32, TensorKind::input);
  EXPECT_EQ(error_of([&] {
              g.add(OpKind::add, "sum", {a, b});
            }),
            "op 'sum' (add): shapes do not broadcast; inputs: a [2, 3] bf16, b [4, 3] bf16");
  EXPECT_EQ(error_of([&] {
              g.add(OpKind::mul, "prod", {a, c});
            }),
            "op 'prod' (mul): dtype mismatch: bf16 vs fp32; inputs: a [2, 3] bf16, b [2, 3] fp32");
}

TEST(GraphErrors, AttributesAndArity) {
  Graph g;
  const TensorId x = g.add_tensor("x", {1, 4, 8, 8}, DType::fp32, TensorKind::input);
  EXPECT_EQ(error_of([&] {
              g.add(OpKind::max_pool, "pool", {x}, {{"kernal_shape", I{2, 2}}});
            }),
            "op 'pool' (max_pool): unknown attribute 'kernal_shape' (did you mean "
            "'kernel_shape'?); allowed: kernel_shape, strides, pads");
  EXPECT_EQ(error_of([&] { g.add(OpKind::max_pool, "pool", {x}); }),
            "op 'pool' (max_pool): missing required attribute 'kernel_shape' (window [h, w])");
  EXPECT_EQ(error_of([&] { g.add(OpKind::add, "sum", {x}); }),
            "op 'sum' (add): expected 2 inputs, got 1; inputs: a [1, 4, 8, 8] fp32");
  EXPECT_EQ(error_of([&] {
              g.add(OpKind::reshape, "r", {x}, {{"shape", I{3, -1}}});
            }),
            "op 'r' (reshape): cannot infer -1 in [3, -1] from 256 elements; inputs: x [1, 4, 8, "
            "8] fp32");
  EXPECT_EQ(error_of([&] { g.add(OpKind::relu, "x", {x}); }),
            "op 'x': output tensor name 'x' is taken");
  g.add(OpKind::relu, "r1", {x});
  EXPECT_EQ(error_of([&] { g.add(OpKind::relu, "r1", {x}); }), "op 'r1' is defined twice");
  EXPECT_EQ(error_of([&] {
              g.add_tensor("bad", {1, 0}, DType::fp32, TensorKind::input);
            }),
            "tensor 'bad': every dimension must be >= 1, got [1, 0]");
}

// The name indexes grow as the graph does (they start empty and double): every name of a chain
// of 1,000 relus is found again, a copy of the graph finds them too, and a name in use is refused
// however large the index has become.
TEST(Graph, NamesAreFoundAfterTheIndexesGrow) {
  Graph g("chain");
  TensorId t = g.add_tensor("x", {1, 8}, DType::fp32, TensorKind::input);
  for (int i = 0; i < 1000; ++i) t = g.add(OpKind::relu, "relu_" + std::to_string(i), {t});
  const Graph copy = g;
  for (int i = 0; i < 1000; ++i) {
    const std::string name = "relu_" + std::to_string(i);
    ASSERT_EQ(g.find_op(name), i) << name;
    ASSERT_EQ(copy.find_tensor(name), i + 1) << name;  // tensor 0 is x
  }
  EXPECT_EQ(g.find_op("relu_1000"), -1);
  EXPECT_EQ(g.find_tensor(""), -1);
  EXPECT_EQ(error_of([&] { g.add(OpKind::relu, "relu_517", {t}); }),
            "op 'relu_517' is defined twice");
  EXPECT_EQ(error_of([&] { g.add_tensor("relu_3", {1}, DType::fp32, TensorKind::weight); }),
            "tensor 'relu_3' is defined twice");
}

// Attributes are kept in name order whatever the order given; a key listed twice keeps its first
// value (as a map built from the list would), set() replaces.
TEST(Graph, AttrsAreOrderedByName) {
  Attrs a{{"strides", I{2, 2}},
          {"group", std::int64_t{4}},
          {"auto_pad", std::string("same")},
          {"group", std::int64_t{9}}};
  std::vector<std::string> keys;
  for (const auto& [key, value] : a.values()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"auto_pad", "group", "strides"}));
  EXPECT_EQ(a.get_int("group", 0), 4);
  a.set("group", std::int64_t{2});
  a.set("dilations", I{1, 1});
  EXPECT_EQ(a.get_int("group", 0), 2);
  EXPECT_EQ(a.values().size(), 4u);
  EXPECT_EQ(a.values()[1].first, "dilations");
  EXPECT_EQ(a.find("pads"), nullptr);
  EXPECT_EQ(a, (Attrs{{"group", std::int64_t{2}},
                      {"strides", I{2, 2}},
                      {"dilations", I{1, 1}},
                      {"auto_pad", std::string("same")}}));
}

// An int list read in place: a list gives its first n, one int stands for all, absence gives the
// fallback; a short list or another type is an error naming the attribute.
TEST(Graph, AttrsReadIntListsInPlace) {
  const Attrs a{{"pads", I{1, 2, 3, 4}}, {"group", std::int64_t{3}}, {"mode", std::string("x")}};
  std::int64_t out[4] = {};
  a.get_ints_into("pads", out, 4, 0);
  EXPECT_EQ(std::vector<std::int64_t>(out, out + 4), (I{1, 2, 3, 4}));
  a.get_ints_into("group", out, 2, 0);
  EXPECT_EQ(std::vector<std::int64_t>(out, out + 2), (I{3, 3}));
  a.get_ints_into("strides", out, 2, 1);
  EXPECT_EQ(std::vector<std::int64_t>(out, out + 2), (I{1, 1}));
  std::int64_t six[6];
  try {
    a.get_ints_into("pads", six, 6, 0);
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_STREQ(e.what(), "attribute 'pads': expected at least 6 integers, got [1, 2, 3, 4]");
  }
  try {
    a.get_ints_into("mode", out, 2, 0);
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    EXPECT_STREQ(e.what(), "attribute 'mode': expected a list of integers, got 'x'");
  }
}

}  // namespace
}  // namespace coda::models
