#include "sim/core/units.h"

#include <gtest/gtest.h>

#include "sim/core/text.h"

namespace coda::core {

TEST(Units, ParsesBinaryAndDecimalBytes) {
  EXPECT_EQ(parse_bytes("16 MiB"), 16ull * 1024 * 1024);
  EXPECT_EQ(parse_bytes("32 GB"), 32'000'000'000ull);
  EXPECT_EQ(parse_bytes("134000000"), 134'000'000ull);
  EXPECT_FALSE(parse_bytes("16 Mb").has_value());
  EXPECT_FALSE(parse_bytes("1.5 B").has_value());
  EXPECT_FALSE(parse_bytes("-1 KiB").has_value());
}

TEST(Units, ParsesBandwidthFrequencyDuration) {
  EXPECT_DOUBLE_EQ(*parse_bandwidth("1.2 TB/s"), 1.2e12);
  EXPECT_DOUBLE_EQ(*parse_bandwidth("1600 Gbps"), 200e9);  // bits: 1600 / 8 GB/s
  EXPECT_DOUBLE_EQ(*parse_frequency("940 MHz"), 940e6);
  EXPECT_DOUBLE_EQ(*parse_duration("500 ns"), 500e-9);
  EXPECT_FALSE(parse_frequency("940").has_value());  // a unit is required
  EXPECT_FALSE(parse_bandwidth("1.2 TB").has_value());
}

TEST(Units, FormatsInHumanUnitsThatParseBack) {
  EXPECT_EQ(format_bytes(16ull << 20), "16 MiB");
  EXPECT_EQ(format_bytes(134'000'000), "134 MB");
  EXPECT_EQ(format_bandwidth(1.2e12), "1.2 TB/s");
  EXPECT_EQ(format_frequency(1050e6), "1050 MHz");
  EXPECT_EQ(format_duration(3e-7), "300 ns");
  EXPECT_EQ(format_number(0.25), "0.25");
  for (double v : {1.2e12, 819e9, 2765e9, 17.8e12}) {
    EXPECT_DOUBLE_EQ(*parse_bandwidth(format_bandwidth(v)), v);
  }
}

TEST(Text, SuggestsTheClosestKey) {
  EXPECT_EQ(did_you_mean("colums", {"rows", "cols", "count"}), " (did you mean 'cols'?)");
  EXPECT_EQ(did_you_mean("zzzzzz", {"rows", "cols"}), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

}  // namespace coda::core
