#include "arch/spec/activity.h"

namespace coda::arch {

void Activity::add(const Activity& d) {
  for (int k = 0; k < kUnitKinds; ++k) {
    busy_cycles[k] += d.busy_cycles[k];
    tasks[k] += d.tasks[k];
  }
  mxu_macs += d.mxu_macs;
  for (std::size_t t = 0; t < mxu_macs_by_dtype.size(); ++t) {
    mxu_macs_by_dtype[t] += d.mxu_macs_by_dtype[t];
  }
  vpu_ops += d.vpu_ops;
  for (int c = 0; c < kVectorOpClasses; ++c) vpu_ops_by_class[c] += d.vpu_ops_by_class[c];
  hbm_read_bytes += d.hbm_read_bytes;
  hbm_write_bytes += d.hbm_write_bytes;
  cmem_read_bytes += d.cmem_read_bytes;
  cmem_write_bytes += d.cmem_write_bytes;
  vmem_read_bytes += d.vmem_read_bytes;
  vmem_write_bytes += d.vmem_write_bytes;
  noc_bytes += d.noc_bytes;
  ici_bytes += d.ici_bytes;
  hbm_busy_cycles += d.hbm_busy_cycles;
}

}  // namespace coda::arch
