// Spaces, design points and trial keys.
#include <gtest/gtest.h>

#include "search/design_point.h"
#include "tests/unit/search/fixtures.h"

namespace coda::search {
namespace {

using testing::TempDir;

Study small(const TempDir& dir, const std::string& extra = "") {
  testing::write_accuracy_table(dir);
  return parse_study_text(testing::small_study(extra), "small.yaml", dir.path());
}

TEST(SearchSpace, ContainsOnlyValidGenes) {
  TempDir dir("space");
  const Study s = small(dir);
  ASSERT_EQ(s.space.size(), 7u);  // 6 cell edges (3 ops each) + core.mxu.rows (2 levels)
  EXPECT_DOUBLE_EQ(s.space.cardinality(1), 729.0 * 2);
  EXPECT_TRUE(s.space.contains({0, 1, 2, 0, 1, 2, 1}));
  EXPECT_FALSE(s.space.contains({0, 1, 2, 0, 1, 3, 1}));    // level 3 of 3
  EXPECT_FALSE(s.space.contains({0, 1, 2, 0, 1, 1.5, 1}));  // not a level
  EXPECT_FALSE(s.space.contains({0, 1, 2, 0, 1, 2}));       // one gene short
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(s.space.contains(s.space.sample(rng)));
}

TEST(SearchSpace, RealRangesStayInside) {
  Space sp;
  Dimension d;
  d.name = "x";
  d.kind = DomainKind::real_range;
  d.lo = -2;
  d.hi = 3;
  sp.add(d);
  std::mt19937_64 rng(5);
  double lo = 10, hi = -10;
  for (int i = 0; i < 2000; ++i) {
    const Genes g = sp.sample(rng);
    ASSERT_TRUE(sp.contains(g));
    lo = std::min(lo, g[0]);
    hi = std::max(hi, g[0]);
  }
  // 2000 uniform draws on a width of 5 come within 0.05 of both ends (miss chance ~ e^-20).
  EXPECT_LT(lo, -1.95);
  EXPECT_GT(hi, 2.95);
  EXPECT_FALSE(sp.contains({3.01}));
}

TEST(SearchSpace, UniformIndexCoversEveryValue) {
  std::mt19937_64 rng(1);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) ++seen.at(uniform_index(rng, 7));
  // Expected 1000 each; a binomial sd of ~29 puts every count in [850, 1150] by a wide margin.
  for (int c : seen) EXPECT_NEAR(c, 1000, 150);
}

TEST(SearchSpace, PointComposesTheCellString) {
  TempDir dir("point");
  const Study s = small(dir);
  // Levels: 0 none, 1 skip_connect, 2 nor_conv_3x3; rows levels 64, 128.
  const DesignPoint p = make_point(s, {2, 0, 1, 2, 2, 1, 1});
  EXPECT_EQ(p.knobs.at("arch"),
            "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_3x3~0|nor_conv_3x3~1|skip_connect~"
            "2|");
  EXPECT_EQ(p.knobs.at("batch"), "1");
  EXPECT_EQ(p.hardware.at("core.mxu.rows"), "128");
  EXPECT_NE(chip_yaml(s, p).find("core.mxu.rows: \"128\""), std::string::npos);
}

// FNV-1a, 64 bits per lane: "a" is 0xaf63dc4c8601ec8c, the published FNV-1a 64 of "a", in the
// first lane; the second starts from the rotated offset basis 0x84222325cbf29ce4 and adds each
// byte's position (mod 256) to the byte: ("a" ^ 0) * prime, then ("b" + 1) ^ ... for "ab".
TEST(SearchSpace, ContentHashIsFnv1aInTwoLanes) {
  EXPECT_EQ(content_hash(""), "cbf29ce48422232584222325cbf29ce4");  // the offset bases
  EXPECT_EQ(content_hash("a"), "af63dc4c8601ec8c789e3e398d3ff5ff");
  EXPECT_EQ(content_hash("ab"), "089c4407b545986a34d957cb03ae5814");
  EXPECT_EQ(ContentHasher().add("a").add("b").hex(), content_hash("ab"));
}

TEST(SearchSpace, KeyerGivesTrialKeys) {
  TempDir dir("keyer");
  const Study s = small(dir, "constraints: {area_mm2: {max: 500}}\n");
  for (const std::string fidelity : {"analytic", "event"}) {
    const TrialKeyer keyer(s, fidelity);
    for (const Genes& g : {Genes{2, 0, 1, 2, 2, 1, 1}, Genes{0, 2, 1, 1, 0, 2, 0}}) {
      const DesignPoint p = make_point(s, g);
      EXPECT_EQ(keyer.key(p), trial_key(s, p, fidelity));
    }
  }
}

TEST(SearchSpace, KeysFollowEveryInput) {
  TempDir dir("keys");
  const Study s = small(dir);
  const DesignPoint p = make_point(s, {2, 0, 1, 2, 2, 1, 1});
  const std::string k = trial_key(s, p, "analytic");
  EXPECT_EQ(k.size(), 32u);
  EXPECT_EQ(k, trial_key(s, make_point(s, p.genes), "analytic"));
  EXPECT_NE(k, trial_key(s, p, "event"));
  EXPECT_NE(k, trial_key(s, make_point(s, {2, 0, 1, 2, 2, 1, 0}), "analytic"));
  EXPECT_NE(k, trial_key(s, make_point(s, {1, 0, 1, 2, 2, 1, 1}), "analytic"));
  // The simulator version is part of the hashed inputs.
  EXPECT_NE(canonical_inputs(s, p, "analytic").find(simulator_version()), std::string::npos);
  // A constraint changes what an outcome means, so it changes the key.
  const Study c = small(dir, "constraints: {area_mm2: {max: 500}}\n");
  EXPECT_NE(k, trial_key(c, make_point(c, p.genes), "analytic"));
  // The same chip value spelled differently gives the same key: levels are canonical text.
  const std::string a = "hardware:\n  core.vmem.capacity: {choice: [1 MiB]}\n";
  const std::string b = "hardware:\n  core.vmem.capacity: {choice: [1024 KiB]}\n";
  std::string ta = testing::small_study(), tb = ta;
  ta.replace(ta.find("hardware:\n"), 10, a);
  tb.replace(tb.find("hardware:\n"), 10, b);
  const Study sa = parse_study_text(ta, "a.yaml", dir.path());
  const Study sb = parse_study_text(tb, "a.yaml", dir.path());
  const Genes g = {2, 0, 1, 2, 2, 1, 0, 1};
  EXPECT_EQ(trial_key(sa, make_point(sa, g), "analytic"),
            trial_key(sb, make_point(sb, g), "analytic"));
}

}  // namespace
}  // namespace coda::search
