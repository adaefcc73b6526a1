#include "arch/spec/unit_work.h"

namespace coda::arch {

const char* to_string(UnitKind k) {
  switch (k) {
    case UnitKind::mxu:
      return "mxu";
    case UnitKind::vpu:
      return "vpu";
    case UnitKind::dma:
      return "dma";
    case UnitKind::sequencer:
      return "sequencer";
  }
  return "?";
}

const char* to_string(MemLevel m) {
  switch (m) {
    case MemLevel::hbm:
      return "hbm";
    case MemLevel::cmem:
      return "cmem";
    case MemLevel::vmem:
      return "vmem";
  }
  return "?";
}

}  // namespace coda::arch
