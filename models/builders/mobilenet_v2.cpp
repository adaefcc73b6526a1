// MobileNetV2 as in torchvision (inverted residuals, ReLU6, width multiplier).
#include "models/builders/families.h"
#include "models/builders/net_builder.h"

namespace coda::models {

Graph build_mobilenet_v2(Knobs& k) {
  const CommonKnobs c = read_common_knobs(k);
  const std::int64_t res = k.get_int("resolution", 224, 32, 2048, "input height and width");
  const double width = k.get_double("width", 1.0, 0.1, 4.0, "width multiplier");
  const std::int64_t classes = k.get_int("num_classes", 1000, 1, 100000, "classifier outputs");
  const OpKind act = read_activation(k, "activation", "relu6", "activation function");
  // Per stage: expansion t, channels c, repeats n, stride s (Sandler et al. 2018, Table 2).
  const auto expand = k.get_int_list("expansion", {1, 6, 6, 6, 6, 6, 6}, 1, 12,
                                     "expansion ratio per stage (7 stages)");
  const auto kernel = k.get_int_list("kernel", {3, 3, 3, 3, 3, 3, 3}, 1, 11,
                                     "depthwise kernel per stage (7 stages)");
  const std::int64_t chans[] = {16, 24, 32, 64, 96, 160, 320};
  const auto repeats =
      k.get_int_list("repeats", {1, 2, 3, 4, 3, 3, 1}, 1, 16, "blocks per stage (7 stages)");
  const std::int64_t strides[] = {1, 2, 2, 2, 1, 2, 1};

  NetBuilder b("mobilenet_v2", c.dtype);
  TensorId x = b.input("image", {c.batch, 3, res, res});
  x = b.conv_bn_act(x, "features.0", make_divisible(32 * width), 3, 2, 1, act);
  int block = 1;
  for (int s = 0; s < 7; ++s) {
    const std::int64_t out = make_divisible(static_cast<double>(chans[s]) * width);
    for (std::int64_t i = 0; i < repeats[static_cast<std::size_t>(s)]; ++i, ++block) {
      b.push("features." + std::to_string(block));
      const std::int64_t stride = i == 0 ? strides[s] : 1;
      const std::int64_t in = b.channels(x);
      const std::int64_t hidden = in * expand[static_cast<std::size_t>(s)];
      TensorId y = x;
      if (hidden != in) y = b.conv_bn_act(y, "expand", hidden, 1, 1, 1, act);
      y = b.conv_bn_act(y, "depthwise", hidden, kernel[static_cast<std::size_t>(s)], stride, hidden,
                        act);
      y = b.batch_norm(b.conv(y, "project", out, 1), "project.bn");
      if (stride == 1 && in == out) y = b.op(OpKind::add, "add", {x, y});
      x = y;
      b.pop();
    }
  }
  const std::int64_t last = make_divisible(1280 * std::max(1.0, width));
  x = b.conv_bn_act(x, "features." + std::to_string(block), last, 1, 1, 1, act);
  x = b.op(OpKind::global_avg_pool, "avgpool", {x});
  x = b.op(OpKind::reshape, "flatten", {x}, {{"shape", std::vector<std::int64_t>{c.batch, -1}}});
  b.graph().mark_output(b.linear(x, "classifier", classes));
  return b.take();
}

}  // namespace coda::models
