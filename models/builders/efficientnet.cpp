// EfficientNet B0-B7 (torchvision / TF reference) and EfficientNet-X B0-B7 in three scalings.
// Block strings and coefficients: docs/models.md (from ../shared/reference/facts.md section 2).
#include <array>

#include "models/builders/families.h"
#include "models/builders/mbconv.h"

namespace coda::models {
namespace {

const std::vector<std::string> kVariants = {"b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"};

// EfficientNet-B0 (Tan & Le 2019, tensorflow/tpu efficientnet_builder.py).
const std::vector<std::string> kEfficientNetB0 = {
    "r1_k3_s11_e1_i32_o16_se0.25",  "r2_k3_s22_e6_i16_o24_se0.25",  "r2_k5_s22_e6_i24_o40_se0.25",
    "r3_k3_s22_e6_i40_o80_se0.25",  "r3_k5_s11_e6_i80_o112_se0.25", "r4_k5_s22_e6_i112_o192_se0.25",
    "r1_k3_s11_e6_i192_o320_se0.25"};

// EfficientNet-X-B0 (tensorflow/tpu tpu/efficientnet_x_builder.py).
const std::vector<std::string> kEfficientNetXB0 = {
    "r1_k3_s11_e1_i32_o16_se0.25_d1_a0", "r2_k3_s22_e6_i16_o24_se0.25_f1_d2_a1",
    "r2_k5_s22_e6_i24_o40_se0.25_f1_a1", "r3_k3_s22_e6_i40_o80_se0.25_a0",
    "r3_k5_s11_e6_i80_o112_se0.25_a0",   "r4_k5_s22_e6_i112_o192_se0.25_a0",
    "r1_k3_s11_e6_i192_o320_se0.25_a0"};

struct Scaling {
  double width, depth;
  std::int64_t resolution;
};

// (width, depth, resolution) per variant b0..b7.
const std::array<Scaling, 8> kCompound = {{{1.0, 1.0, 224},
                                           {1.0, 1.1, 240},
                                           {1.1, 1.2, 260},
                                           {1.2, 1.4, 300},
                                           {1.4, 1.8, 380},
                                           {1.6, 2.2, 456},
                                           {1.8, 2.6, 528},
                                           {2.0, 3.1, 600}}};
const std::array<Scaling, 8> kLacsTpu = {{{1.0, 1.0, 224},
                                          {1.05, 1.09, 229},
                                          {1.13, 1.29, 244},
                                          {1.27, 1.62, 263},
                                          {1.54, 2.38, 299},
                                          {1.96, 2.76, 332},
                                          {2.75, 3.01, 328},
                                          {3.26, 3.44, 350}}};
const std::array<Scaling, 8> kLacsGpu = {{{1.0, 1.0, 224},
                                          {1.05, 1.09, 229},
                                          {1.13, 1.24, 237},
                                          {1.31, 1.63, 255},
                                          {1.63, 2.40, 282},
                                          {1.94, 3.29, 306},
                                          {2.25, 4.28, 328},
                                          {2.58, 5.46, 350}}};
// EfficientNet-X se_coefficient: 4 for b0, 2 for b1, 1 above (all three scalings).
const std::array<double, 8> kSeCoefficient = {4, 2, 1, 1, 1, 1, 1, 1};

std::size_t variant_index(const std::string& v) { return static_cast<std::size_t>(v[1] - '0'); }

// Per-stage search knobs shared by both families.
void read_stage_knobs(Knobs& k, std::vector<BlockArgs>& blocks) {
  std::vector<std::int64_t> kernels, expands, fused;
  for (const auto& a : blocks) {
    kernels.push_back(a.kernel);
    expands.push_back(a.expand);
    fused.push_back(a.fused ? 1 : 0);
  }
  kernels = k.get_int_list("kernel", kernels, 1, 11, "kernel size per stage (7 stages)");
  expands = k.get_int_list("expansion", expands, 1, 12, "expansion ratio per stage (7 stages)");
  fused = k.get_int_list("fused", fused, 0, 1,
                         "1: fused MBConv (one kxk conv), 0: 1x1 expand + depthwise, per stage");
  std::vector<std::int64_t> acts;
  for (const auto& a : blocks) acts.push_back(a.activation);
  acts = k.get_int_list("block_activation", acts, -1, 1,
                        "per stage: 0 relu, 1 swish, -1 the default activation");
  const bool se = k.get_bool("se", true, "squeeze-and-excite in every block");
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    blocks[i].kernel = kernels[i];
    blocks[i].expand = expands[i];
    blocks[i].fused = fused[i] != 0;
    blocks[i].activation = static_cast<int>(acts[i]);
    if (!se) blocks[i].se_ratio = 0;
  }
}

MbNetParams read_common(Knobs& k, const std::string& name, const Scaling& s) {
  MbNetParams p;
  p.name = name;
  const CommonKnobs c = read_common_knobs(k);
  p.batch = c.batch;
  p.dtype = c.dtype;
  p.width = k.get_double("width", s.width, 0.1, 8.0, "width multiplier");
  p.depth = k.get_double("depth", s.depth, 0.1, 8.0, "depth multiplier");
  p.resolution = k.get_int("resolution", s.resolution, 32, 2048, "input height and width");
  p.num_classes = k.get_int("num_classes", 1000, 1, 100000, "classifier outputs");
  return p;
}

}  // namespace

Graph build_efficientnet(Knobs& k) {
  const std::string v = k.get_choice("variant", "b0", kVariants, "compound-scaling step");
  MbNetParams p = read_common(k, "efficientnet_" + v, kCompound[variant_index(v)]);
  p.activation = read_activation(k, "activation", "silu", "activation function");
  for (const auto& s : kEfficientNetB0) p.blocks.push_back(parse_block_string(s));
  read_stage_knobs(k, p.blocks);
  return build_mbconv_net(p);
}

Graph build_efficientnet_x(Knobs& k) {
  const std::string v = k.get_choice("variant", "b0", kVariants, "scaling step");
  const std::string scaling = k.get_choice(
      "scaling", "original", {"original", "tpu", "gpu"},
      "original compound scaling, or latency-aware compound scaling (LACS) for TPU or GPU");
  const std::size_t i = variant_index(v);
  const Scaling& s = scaling == "tpu" ? kLacsTpu[i] : scaling == "gpu" ? kLacsGpu[i] : kCompound[i];
  MbNetParams p =
      read_common(k, "efficientnet_x_" + v + (scaling == "original" ? "" : "_" + scaling), s);
  p.tf_same_padding = true;
  p.se_coefficient = kSeCoefficient[i];
  p.activation = read_activation(k, "activation", "relu", "default activation (stem, head)");
  for (const auto& str : kEfficientNetXB0) p.blocks.push_back(parse_block_string(str));
  read_stage_knobs(k, p.blocks);
  const bool s2d = k.get_bool("space_to_depth", true,
                              "replace the first stages' strides with a 2x2/2 space-to-depth conv");
  for (std::size_t b = 0; b < p.blocks.size(); ++b) {
    if (!s2d) p.blocks[b].space2depth = 0;
  }
  return build_mbconv_net(p);
}

}  // namespace coda::models
