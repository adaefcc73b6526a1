// NAS benchmark networks: NAS-Bench-201 (Dong & Yang, ICLR 2020) cells from their arch strings,
// NAS-Bench-Macro (Su et al., CVPR 2021) from 8-digit codes. See ../shared/data/nas/README.md.
#include <algorithm>
#include <array>
#include <string_view>

#include "models/builders/block_chain.h"
#include "models/builders/families.h"
#include "models/builders/net_builder.h"
#include "sim/core/error.h"
#include "sim/core/text.h"

namespace coda::models {
namespace {
using I = std::vector<std::int64_t>;

const std::vector<std::string> kNb201Ops = {"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3",
                                            "avg_pool_3x3"};

[[noreturn]] void bad_arch(const std::string& arch, const std::string& why) {
  throw core::InputError({}, "knob arch",
                         "bad NAS-Bench-201 cell '" + arch + "': " + why +
                             "; expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2| with op one of " +
                             core::join(kNb201Ops));
}

// The pieces of `text` between `delim`s, as std::getline cuts them: no piece after a final
// delimiter, none at all for an empty text.
std::vector<std::string_view> pieces(std::string_view text, char delim) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t at = text.find(delim);
    out.push_back(text.substr(0, at));
    text = at == std::string_view::npos ? std::string_view() : text.substr(at + 1);
  }
  return out;
}

// A cell's 6 edge ops as indexes into kNb201Ops, edge order 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2
// (node i+1 reads nodes 0..i). A plain array: the cell builders of a chain's 15 cells copy it.
using Nb201Cell = std::array<std::uint8_t, 6>;

Nb201Cell parse_nb201(const std::string& arch) {
  Nb201Cell cell{};
  std::size_t next = 0, nodes = 0;
  for (std::string_view group : pieces(arch, '+')) {
    if (group.size() < 2 || group.front() != '|' || group.back() != '|')
      bad_arch(arch, "a node must be |...|");
    std::size_t inputs = 0;
    for (std::string_view edge : pieces(group.substr(1, group.size() - 2), '|')) {
      const auto tilde = edge.find('~');
      if (tilde == std::string_view::npos)
        bad_arch(arch, "edge '" + std::string(edge) + "' lacks ~<input>");
      const std::string op(edge.substr(0, tilde));
      const auto known = std::find(kNb201Ops.begin(), kNb201Ops.end(), op);
      if (known == kNb201Ops.end()) {
        bad_arch(arch, "unknown op '" + op + "'" + core::did_you_mean(op, kNb201Ops));
      }
      if (edge.substr(tilde + 1) != std::to_string(inputs)) {
        bad_arch(arch,
                 "edge '" + std::string(edge) + "' must read from node " + std::to_string(inputs));
      }
      if (next < cell.size()) cell[next] = static_cast<std::uint8_t>(known - kNb201Ops.begin());
      ++next;
      ++inputs;
    }
    if (inputs != nodes + 1)
      bad_arch(arch, "node " + std::to_string(nodes + 1) + " needs " + std::to_string(nodes + 1) +
                         " edges");
    ++nodes;
  }
  if (nodes != 3) bad_arch(arch, "a cell has 3 nodes after the input");
  return cell;
}

TensorId relu_conv_bn(NetBuilder& b, TensorId x, const std::string& leaf, std::int64_t c,
                      std::int64_t k, std::int64_t stride) {
  x = b.op(OpKind::relu, leaf + ".relu", {x});
  return b.batch_norm(b.conv(x, leaf, c, k, stride), leaf + ".bn");
}

TensorId nb201_cell(NetBuilder& b, TensorId x, const Nb201Cell& cell) {
  std::vector<TensorId> nodes{x};
  const std::int64_t c = b.channels(x);
  std::size_t edge = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    std::vector<TensorId> terms;
    for (std::size_t j = 0; j <= i; ++j) {
      const std::string& op = kNb201Ops[cell[edge++]];
      const std::string leaf = "edge_" + std::to_string(i + 1) + "_" + std::to_string(j);
      if (op == "skip_connect") terms.push_back(nodes[j]);
      if (op == "nor_conv_1x1") terms.push_back(relu_conv_bn(b, nodes[j], leaf, c, 1, 1));
      if (op == "nor_conv_3x3") terms.push_back(relu_conv_bn(b, nodes[j], leaf, c, 3, 1));
      if (op == "avg_pool_3x3") {
        terms.push_back(b.op(OpKind::avg_pool, leaf, {nodes[j]},
                             {{"kernel_shape", I{3, 3}}, {"pads", I{1, 1, 1, 1}}}));
      }
    }
    const std::string node = "node_" + std::to_string(i + 1);
    if (terms.empty()) {  // only `none` edges: the node is zero (x * 0, as NB201's Zero op)
      terms.push_back(
          b.op(OpKind::mul, node + ".zero", {x, b.constant(node + ".zero_value", {1})}));
    }
    TensorId sum = terms[0];
    for (std::size_t t = 1; t < terms.size(); ++t) {
      sum = b.op(OpKind::add, node + ".sum" + std::to_string(t), {sum, terms[t]});
    }
    nodes.push_back(sum);
  }
  return nodes.back();
}

TensorId nb201_reduction(NetBuilder& b, TensorId x, std::int64_t c) {
  TensorId y = relu_conv_bn(b, x, "conv_a", c, 3, 2);
  y = relu_conv_bn(b, y, "conv_b", c, 3, 1);
  TensorId r = b.op(OpKind::avg_pool, "downsample.pool", {x},
                    {{"kernel_shape", I{2, 2}}, {"strides", I{2, 2}}});
  r = b.conv(r, "downsample.conv", c, 1);
  return b.op(OpKind::add, "add", {y, r});
}

}  // namespace

BlockChain chain_nb201(Knobs& k) {
  const std::string arch = k.get_string("arch",
                                        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_"
                                        "connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
                                        "NAS-Bench-201 cell string");
  const std::string dataset =
      k.get_choice("dataset", "cifar10", {"cifar10", "cifar100", "imagenet16_120"},
                   "input size and classes: 32x32/10, 32x32/100, 16x16/120");
  const CommonKnobs c = read_common_knobs(k);
  const std::int64_t channels = k.get_int("channels", 16, 1, 4096, "channels of the first stage");
  const std::int64_t cells = k.get_int("cells", 5, 1, 64, "cells per stage");
  const Nb201Cell edges = parse_nb201(arch);
  // The cell's key spells its 6 op indexes: the same ops as the arch string, and short enough
  // for std::string to keep inline in each of the chain's 15 cells.
  std::string cell_key = "nb201:";
  for (std::uint8_t op : edges) cell_key += static_cast<char>('0' + op);
  const std::int64_t res = dataset == "imagenet16_120" ? 16 : 32;
  const std::int64_t classes = dataset == "cifar10" ? 10 : dataset == "cifar100" ? 100 : 120;
  BlockChain chain{"nb201", c.dtype, "image", {c.batch, 3, res, res}, {}};
  chain.blocks.reserve(static_cast<std::size_t>(3 * cells + 4));  // stem, cells, 2 reductions, head
  chain.blocks.push_back(
      {"", "nb201.stem c=" + std::to_string(channels), [channels](NetBuilder& b, TensorId x) {
         return b.batch_norm(b.conv(x, "stem", channels, 3), "stem.bn");
       }});
  int index = 0;
  for (int stage = 0; stage < 3; ++stage) {
    if (stage > 0) {
      const std::int64_t ch = channels << stage;
      chain.blocks.push_back(
          {"cells." + std::to_string(index++), "nb201.reduction c=" + std::to_string(ch),
           [ch](NetBuilder& b, TensorId x) { return nb201_reduction(b, x, ch); }});
    }
    for (std::int64_t i = 0; i < cells; ++i) {
      chain.blocks.push_back(
          {"cells." + std::to_string(index++), cell_key,
           [edges](NetBuilder& b, TensorId x) { return nb201_cell(b, x, edges); }});
    }
  }
  const std::int64_t batch = c.batch;
  chain.blocks.push_back(
      {"", "nb201.head batch=" + std::to_string(batch) + " classes=" + std::to_string(classes),
       [batch, classes](NetBuilder& b, TensorId x) {
         x = b.op(OpKind::relu, "lastact.relu", {b.batch_norm(x, "lastact.bn")});
         x = b.op(OpKind::global_avg_pool, "global_pool", {x});
         x = b.op(OpKind::reshape, "flatten", {x}, {{"shape", I{batch, -1}}});
         return b.linear(x, "classifier", classes);
       }});
  return chain;
}

Graph build_nb201(Knobs& k) { return build_chain(chain_nb201(k)); }

Graph build_nas_bench_macro(Knobs& k) {
  const std::string code =
      k.get_string("arch", "11111111", "8 digits, one per layer: 0 identity, 1 mb3_k3, 2 mb6_k5");
  const CommonKnobs c = read_common_knobs(k);
  const std::int64_t classes = k.get_int("num_classes", 10, 1, 100000, "classifier outputs");
  const std::int64_t res = k.get_int("resolution", 32, 8, 1024, "input height and width");
  if (code.size() != 8 || code.find_first_not_of("012") != std::string::npos) {
    throw core::InputError({}, "knob arch",
                           "bad NAS-Bench-Macro code '" + code +
                               "'; expected 8 digits of 0 (identity), 1 (mb3_k3), 2 (mb6_k5)");
  }
  const std::int64_t chans[] = {64, 64, 128, 128, 128, 256, 256, 256};
  const std::int64_t strides[] = {2, 1, 2, 1, 1, 2, 1, 1};
  NetBuilder b("nas_bench_macro_" + code, c.dtype);
  TensorId x = b.input("image", {c.batch, 3, res, res});
  x = b.conv_bn_act(x, "stem", 32, 3, 1, 1, OpKind::relu);
  for (int l = 0; l < 8; ++l) {
    b.push("layers." + std::to_string(l));
    const std::int64_t in = b.channels(x), out = chans[l], s = strides[l];
    if (code[static_cast<std::size_t>(l)] == '0') {
      if (s != 1 || in != out) x = b.batch_norm(b.conv(x, "proj", out, 1, s), "proj.bn");
    } else {
      const bool big = code[static_cast<std::size_t>(l)] == '2';
      const std::int64_t hidden = in * (big ? 6 : 3);
      TensorId y = b.conv_bn_act(x, "expand", hidden, 1, 1, 1, OpKind::relu);
      y = b.conv_bn_act(y, "depthwise", hidden, big ? 5 : 3, s, hidden, OpKind::relu);
      y = b.batch_norm(b.conv(y, "project", out, 1), "project.bn");
      x = (s == 1 && in == out) ? b.op(OpKind::add, "add", {x, y}) : y;
    }
    b.pop();
  }
  x = b.conv_bn_act(x, "head", 1280, 1, 1, 1, OpKind::relu);
  x = b.op(OpKind::global_avg_pool, "global_pool", {x});
  x = b.op(OpKind::reshape, "flatten", {x}, {{"shape", I{c.batch, -1}}});
  b.graph().mark_output(b.linear(x, "classifier", classes));
  return b.take();
}

}  // namespace coda::models
