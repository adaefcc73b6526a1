// docs/config_reference.md is generated from the schema; it must not drift.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "arch/spec/schema.h"

TEST(ConfigReference, DocsMatchTheSchema) {
  std::ifstream in(std::string(CODA_SOURCE_DIR) + "/docs/config_reference.md");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), coda::arch::config_reference_markdown())
      << "regenerate with: build/coda check --reference > docs/config_reference.md";
}
