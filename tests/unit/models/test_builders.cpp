// Built-in families against published counts: torchvision parameter counts exactly, MACs within 1%.
#include <gtest/gtest.h>

#include "models/builders/registry.h"
#include "models/graph/counters.h"

namespace coda::models {
namespace {

ModelCounts counts(const std::string& name, const std::map<std::string, std::string>& k = {}) {
  return count_model(build_model(name, k));
}

void expect_within(double value, double reference, double tolerance) {
  EXPECT_LE(std::abs(value - reference) / reference, tolerance) << value << " vs " << reference;
}

TEST(Builders, ResNet50MatchesTorchvision) {
  const ModelCounts c = counts("resnet50");
  EXPECT_EQ(c.params, 25557032);
  expect_within(static_cast<double>(c.macs), 4.09e9, 0.01);
  EXPECT_EQ(c.flops(), 2 * c.macs);
}

TEST(Builders, EfficientNetB0ToB7MatchTorchvision) {
  const std::int64_t expected[] = {5288548,  7794184,  9109994,  12233232,
                                   19341616, 30389784, 43040704, 66347960};
  for (int i = 0; i < 8; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(counts("efficientnet_b" + std::to_string(i)).params, expected[i]);
  }
}

// torchvision lists 0.386 GFLOPS (multiply-adds) for B0; the paper rounds to 0.39 B. Our count
// (conv + linear MACs, the torchvision convention) is 385,814,752.
TEST(Builders, EfficientNetB0MacsAt224) {
  const ModelCounts c = counts("efficientnet_b0");
  expect_within(static_cast<double>(c.macs), 0.386e9, 0.01);
  expect_within(static_cast<double>(c.macs), 0.39e9, 0.011);
}

TEST(Builders, VitB16MatchesTorchvision) {
  const ModelCounts c = counts("vit_b16");
  EXPECT_EQ(c.params, 86567656);
  expect_within(static_cast<double>(c.macs), 17.564e9, 0.01);
}

}  // namespace
}  // namespace coda::models
