// ResNet-18/34/50/101/152 as in torchvision (v1.5: the stride sits on the 3x3 conv).
#include <cmath>

#include "models/builders/families.h"
#include "models/builders/net_builder.h"

namespace coda::models {
namespace {

TensorId basic_block(NetBuilder& b, TensorId x, std::int64_t planes, std::int64_t stride,
                     OpKind act) {
  TensorId y = b.conv_bn_act(x, "conv1", planes, 3, stride, 1, act);
  y = b.batch_norm(b.conv(y, "conv2", planes, 3), "conv2.bn");
  TensorId shortcut = x;
  if (stride != 1 || b.channels(x) != planes) {
    shortcut = b.batch_norm(b.conv(x, "downsample", planes, 1, stride), "downsample.bn");
  }
  return b.act(b.op(OpKind::add, "add", {y, shortcut}), act, "out_act");
}

TensorId bottleneck(NetBuilder& b, TensorId x, std::int64_t planes, std::int64_t stride,
                    OpKind act) {
  TensorId y = b.conv_bn_act(x, "conv1", planes, 1, 1, 1, act);
  y = b.conv_bn_act(y, "conv2", planes, 3, stride, 1, act);
  y = b.batch_norm(b.conv(y, "conv3", planes * 4, 1), "conv3.bn");
  TensorId shortcut = x;
  if (stride != 1 || b.channels(x) != planes * 4) {
    shortcut = b.batch_norm(b.conv(x, "downsample", planes * 4, 1, stride), "downsample.bn");
  }
  return b.act(b.op(OpKind::add, "add", {y, shortcut}), act, "out_act");
}

}  // namespace

Graph build_resnet(Knobs& k) {
  const std::int64_t depth =
      std::stoll(k.get_choice("depth", "50", {"18", "34", "50", "101", "152"}, "number of layers"));
  const CommonKnobs c = read_common_knobs(k);
  const std::int64_t res = k.get_int("resolution", 224, 32, 2048, "input height and width");
  const double width = k.get_double("width", 1.0, 0.125, 8.0, "multiplier on stage widths");
  const std::int64_t classes = k.get_int("num_classes", 1000, 1, 100000, "classifier outputs");
  const OpKind act = read_activation(k, "activation", "relu", "activation function");

  static const std::map<std::int64_t, std::vector<std::int64_t>> blocks = {{18, {2, 2, 2, 2}},
                                                                           {34, {3, 4, 6, 3}},
                                                                           {50, {3, 4, 6, 3}},
                                                                           {101, {3, 4, 23, 3}},
                                                                           {152, {3, 8, 36, 3}}};
  const auto stage_blocks =
      k.get_int_list("blocks", blocks.at(depth), 1, 64, "residual blocks per stage (4 stages)");
  const bool use_bottleneck =
      k.get_bool("bottleneck", depth >= 50, "bottleneck blocks (1x1-3x3-1x1, x4) instead of basic");
  NetBuilder b("resnet" + std::to_string(depth), c.dtype);
  TensorId x = b.input("image", {c.batch, 3, res, res});
  const auto w = [&](std::int64_t base) {
    return std::max<std::int64_t>(1, std::llround(static_cast<double>(base) * width));
  };
  x = b.conv_bn_act(x, "conv1", w(64), 7, 2, 1, act);
  x = b.op(OpKind::max_pool, "maxpool", {x},
           {{"kernel_shape", std::vector<std::int64_t>{3, 3}},
            {"strides", std::vector<std::int64_t>{2, 2}},
            {"pads", std::vector<std::int64_t>{1, 1, 1, 1}}});
  const std::int64_t planes[] = {64, 128, 256, 512};
  for (int s = 0; s < 4; ++s) {
    for (std::int64_t i = 0; i < stage_blocks[static_cast<std::size_t>(s)]; ++i) {
      b.push("layer" + std::to_string(s + 1) + "." + std::to_string(i));
      const std::int64_t stride = (s > 0 && i == 0) ? 2 : 1;
      x = use_bottleneck ? bottleneck(b, x, w(planes[s]), stride, act)
                         : basic_block(b, x, w(planes[s]), stride, act);
      b.pop();
    }
  }
  x = b.op(OpKind::global_avg_pool, "avgpool", {x});
  x = b.op(OpKind::reshape, "flatten", {x}, {{"shape", std::vector<std::int64_t>{c.batch, -1}}});
  b.graph().mark_output(b.linear(x, "fc", classes));
  return b.take();
}

}  // namespace coda::models
