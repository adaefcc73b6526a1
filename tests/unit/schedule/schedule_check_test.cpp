// schedule::check on hand-built schedules: each broken rule gives its message, word for word.
#include "sim/schedule/schedule.h"

#include <gtest/gtest.h>

#include "arch/spec/loader.h"
#include "sim/schedule/builder.h"

namespace coda::schedule {
namespace {

class ScheduleCheck : public ::testing::Test {
 protected:
  // tpu_v4: 2 cores x 4 MXUs, 8 DMA engines, 16 MiB VMEM per core.
  arch::ArchSpec chip = arch::load_arch("tpu_v4");
  Schedule s;
  ScheduleBuilder b{s, chip};
  void SetUp() override { b.begin_group({"op", 0, 0, ""}); }
};

TEST_F(ScheduleCheck, AWellFormedScheduleHasNoProblems) {
  const TaskId load =
      b.dma({{arch::MemLevel::hbm, 0, 0}, {arch::MemLevel::vmem, 0, 0}, 128, 256}, {});
  b.mxu(0, 3, {128, 128, 128, arch::DType::bf16, 1}, {load});
  EXPECT_TRUE(check(s, chip).empty());
}

TEST_F(ScheduleCheck, ADependencyOnALaterTaskWouldMakeACycle) {
  b.mxu(0, 0, {128, 128, 128, arch::DType::bf16, 1}, {1});
  b.mxu(0, 1, {128, 128, 128, arch::DType::bf16, 1}, {0});
  EXPECT_EQ(check(s, chip), std::vector<std::string>{"task 0: depends on later task 1"});
}

TEST_F(ScheduleCheck, UnitsMustExistOnTheChip) {
  b.mxu(2, 0, {128, 128, 128, arch::DType::bf16, 1}, {});  // tpu_v4 has cores 0 and 1
  b.mxu(0, 4, {128, 128, 128, arch::DType::bf16, 1}, {});  // and MXUs 0..3
  EXPECT_EQ(check(s, chip), (std::vector<std::string>{"task 0: no unit mxu 0 on core 2",
                                                      "task 1: no unit mxu 4 on core 0"}));
}

TEST_F(ScheduleCheck, AMatmulTileMustFitVmemWithItsOutput) {
  // (m*k + k*n + m*n) * 2 B = (2048*2048 * 3) * 2 = 25,165,824 B > 16 MiB = 16,777,216 B.
  b.mxu(0, 0, {2048, 2048, 2048, arch::DType::bf16, 1}, {});
  EXPECT_EQ(check(s, chip),
            std::vector<std::string>{
                "task 0: matmul tile needs 25165824 B of VMEM, more than 16777216 B"});
}

TEST_F(ScheduleCheck, ATransferIntoVmemMustFitHalfOfItForDoubleBuffering) {
  // 8 MiB + 1 B into a 16 MiB VMEM: more than one half of a double buffer.
  b.dma({{arch::MemLevel::hbm, 0, 0}, {arch::MemLevel::vmem, 0, 1}, 1, (8u << 20) + 1}, {});
  // A transfer that does not land in VMEM is not bounded by it.
  b.dma({{arch::MemLevel::cmem, 0, 0}, {arch::MemLevel::hbm, 0, 0}, 1, 64u << 20}, {});
  EXPECT_EQ(check(s, chip), std::vector<std::string>{"task 0: transfer into VMEM needs 8388609 B "
                                                     "of VMEM, more than 8388608 B"});
}

TEST_F(ScheduleCheck, WorkMustRunOnItsKindOfUnit) {
  b.add({arch::UnitKind::vpu, 0, 0, 0}, arch::MatmulTile{8, 8, 8, arch::DType::bf16, 1}, {});
  b.add({arch::UnitKind::mxu, 0, 0, 0}, arch::Delay{5}, {});
  EXPECT_EQ(check(s, chip), (std::vector<std::string>{"task 0: matmul tile off the MXU",
                                                      "task 1: delay off the sequencer"}));
}

}  // namespace
}  // namespace coda::schedule
