// Test helper: two Activity values agree in their span and in every counter.
#pragma once

#include <gtest/gtest.h>

#include "arch/spec/activity.h"

namespace coda::schedule {

inline void expect_same_activity(const arch::Activity& a, const arch::Activity& b) {
  EXPECT_EQ(a.start_cycle, b.start_cycle);
  EXPECT_EQ(a.end_cycle, b.end_cycle);
  EXPECT_EQ(a.busy_cycles, b.busy_cycles);
  EXPECT_EQ(a.max_unit_busy, b.max_unit_busy);
  EXPECT_EQ(a.tasks, b.tasks);
  EXPECT_EQ(a.mxu_macs, b.mxu_macs);
  EXPECT_EQ(a.mxu_macs_by_dtype, b.mxu_macs_by_dtype);
  EXPECT_EQ(a.vpu_ops, b.vpu_ops);
  EXPECT_EQ(a.vpu_ops_by_class, b.vpu_ops_by_class);
  EXPECT_EQ(a.hbm_read_bytes, b.hbm_read_bytes);
  EXPECT_EQ(a.hbm_write_bytes, b.hbm_write_bytes);
  EXPECT_EQ(a.cmem_read_bytes, b.cmem_read_bytes);
  EXPECT_EQ(a.cmem_write_bytes, b.cmem_write_bytes);
  EXPECT_EQ(a.vmem_read_bytes, b.vmem_read_bytes);
  EXPECT_EQ(a.vmem_write_bytes, b.vmem_write_bytes);
  EXPECT_EQ(a.noc_bytes, b.noc_bytes);
  EXPECT_EQ(a.ici_bytes, b.ici_bytes);
  EXPECT_EQ(a.hbm_busy_cycles, b.hbm_busy_cycles);
}

}  // namespace coda::schedule
