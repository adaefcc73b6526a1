#include "models/builders/mbconv.h"

#include <cmath>
#include <sstream>

#include "sim/core/error.h"

namespace coda::models {
namespace {

[[noreturn]] void bad_field(const std::string& text, const std::string& field) {
  throw core::InputError({}, "block '" + text + "'",
                         "bad field '" + field +
                             "'; expected r<repeats>_k<kernel>_s<ss>_e<expand>_i<in>_o<out>"
                             "[_se<ratio>][_f1][_d1|_d2][_a0|_a1]");
}

std::int64_t to_int(const std::string& text, const std::string& field, std::size_t skip) {
  std::size_t pos = 0;
  std::int64_t v = 0;
  try {
    v = std::stoll(field.substr(skip), &pos);
  } catch (const std::exception&) {
    bad_field(text, field);
  }
  if (pos + skip != field.size() || v < 0) bad_field(text, field);
  return v;
}

struct Ctx {
  NetBuilder& b;
  const MbNetParams& p;
};

TensorId block(Ctx& c, TensorId x, const BlockArgs& a) {
  NetBuilder& b = c.b;
  const OpKind act = a.activation == 0   ? OpKind::relu
                     : a.activation == 1 ? OpKind::silu
                                         : c.p.activation;
  const TensorId input = x;
  if (a.space2depth == 1) x = b.conv_bn_act(x, "space2depth", a.in, 2, 2, 1, act);
  const std::int64_t filters = a.in * a.expand;
  if (a.fused) {
    x = b.conv_bn_act(x, "fused", filters, a.kernel, a.stride, 1, act);
  } else {
    if (a.expand != 1) x = b.conv_bn_act(x, "expand", filters, 1, 1, 1, act);
    x = b.conv_bn_act(x, "depthwise", b.channels(x), a.kernel, a.stride, b.channels(x), act);
  }
  if (a.se_ratio > 0) {
    std::int64_t reduced =
        static_cast<std::int64_t>(static_cast<double>(a.in) * a.se_ratio * c.p.se_coefficient);
    if (a.space2depth == 1) reduced /= 4;
    x = b.squeeze_excite(x, "se", std::max<std::int64_t>(1, reduced), act);
  }
  x = b.batch_norm(b.conv(x, "project", a.out, 1), "project.bn");
  if (a.stride == 1 && b.channels(input) == a.out && b.shape(input) == b.shape(x)) {
    x = b.op(OpKind::add, "add", {x, input});
  }
  return x;
}

}  // namespace

BlockArgs parse_block_string(const std::string& text) {
  BlockArgs a;
  std::stringstream in(text);
  std::string f;
  bool has_r = false, has_k = false, has_s = false, has_e = false, has_i = false, has_o = false;
  while (std::getline(in, f, '_')) {
    if (f.size() < 2) bad_field(text, f);
    if (f.rfind("se", 0) == 0) {
      try {
        std::size_t pos = 0;
        a.se_ratio = std::stod(f.substr(2), &pos);
        if (pos + 2 != f.size() || a.se_ratio < 0 || a.se_ratio > 1) bad_field(text, f);
      } catch (const std::invalid_argument&) {
        bad_field(text, f);
      }
      continue;
    }
    switch (f[0]) {
      case 'r':
        a.repeats = to_int(text, f, 1), has_r = true;
        break;
      case 'k':
        a.kernel = to_int(text, f, 1), has_k = true;
        break;
      case 's':
        if (f.size() != 3 || f[1] != f[2] || (f[1] != '1' && f[1] != '2')) bad_field(text, f);
        a.stride = f[1] - '0', has_s = true;
        break;
      case 'e':
        a.expand = to_int(text, f, 1), has_e = true;
        break;
      case 'i':
        a.in = to_int(text, f, 1), has_i = true;
        break;
      case 'o':
        a.out = to_int(text, f, 1), has_o = true;
        break;
      case 'f':
        a.fused = to_int(text, f, 1) != 0;
        break;
      case 'd':
        a.space2depth = static_cast<int>(to_int(text, f, 1));
        break;
      case 'a':
        a.activation = static_cast<int>(to_int(text, f, 1));
        break;
      default:
        bad_field(text, f);
    }
  }
  if (!(has_r && has_k && has_s && has_e && has_i && has_o)) bad_field(text, "(missing)");
  if (a.repeats < 1 || a.kernel < 1 || a.expand < 1 || a.in < 1 || a.out < 1 || a.space2depth > 2 ||
      a.activation > 1) {
    bad_field(text, "(out of range)");
  }
  return a;
}

Graph build_mbconv_net(const MbNetParams& p) {
  NetBuilder b(p.name, p.dtype);
  b.set_tf_same_padding(p.tf_same_padding);
  Ctx c{b, p};
  const auto round_filters = [&](std::int64_t f) {
    return make_divisible(static_cast<double>(f) * p.width);
  };
  TensorId x = b.input("image", {p.batch, 3, p.resolution, p.resolution});
  x = b.conv_bn_act(x, "stem", round_filters(32), 3, 2, 1, p.activation);
  int index = 0;
  for (std::size_t s = 0; s < p.blocks.size(); ++s) {
    const BlockArgs& orig = p.blocks[s];
    BlockArgs a = orig;
    a.in = round_filters(orig.in);
    a.out = round_filters(orig.out);
    a.repeats =
        static_cast<std::int64_t>(std::ceil(p.depth * static_cast<double>(orig.repeats) - 1e-9));
    const auto emit = [&](const BlockArgs& args) {
      b.push("blocks." + std::to_string(index++));
      x = block(c, x, args);
      b.pop();
    };
    if (a.space2depth == 0) {
      emit(a);
    } else {
      // Space-to-depth (EfficientNet-X): channels grow by 4/(stride^2), kernels shrink to
      // (k+1)/2, and a stride-2 stage absorbs its stride into the earlier 2x2/2 conv.
      const std::int64_t factor = 4 / (a.stride * a.stride);
      a.in *= factor;
      a.out *= factor;
      if (factor > 1) a.kernel = (a.kernel + 1) / 2;
      if (a.stride == 2) {
        a.stride = 1;
        emit(a);
        a.space2depth = 0;
        a.in = round_filters(orig.in);
        a.out = round_filters(orig.out);
        a.kernel = orig.kernel;
      } else if (a.space2depth == 1) {
        emit(a);
        a.space2depth = 2;
      } else {
        emit(a);
      }
    }
    a.in = a.out;
    a.stride = 1;
    for (std::int64_t r = 1; r < a.repeats; ++r) emit(a);
  }
  x = b.conv_bn_act(x, "head", round_filters(1280), 1, 1, 1, p.activation);
  x = b.op(OpKind::global_avg_pool, "avgpool", {x});
  x = b.op(OpKind::reshape, "flatten", {x}, {{"shape", std::vector<std::int64_t>{p.batch, -1}}});
  b.graph().mark_output(b.linear(x, "classifier", p.num_classes));
  return b.take();
}

}  // namespace coda::models
