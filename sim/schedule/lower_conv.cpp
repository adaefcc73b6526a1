// Convolution lowering: implicit GEMM on the MXU (im2col rows formed in VMEM, never materialised in
// HBM), or, for depthwise convolutions, multiply-adds on the vector unit when that is faster.
#include <algorithm>

#include "arch/spec/timing.h"
#include "sim/core/error.h"
#include "sim/schedule/lower.h"

namespace coda::schedule {
namespace {

// VPU estimate of a depthwise conv: every output element needs kh * kw multiply-adds.
std::uint64_t depthwise_vpu_cycles(const arch::ArchSpec& a, const ConvOp& op) {
  arch::VectorTile t;
  t.elements = op.n * op.out_h() * op.out_w() * op.out_channels / a.tensorcores;
  t.ops_per_element[static_cast<int>(arch::VectorOpClass::add_mul)] =
      static_cast<float>(op.kh * op.kw);
  return arch::vector_tile_cycles(a.vpu, t);
}

// MXU estimate of a depthwise conv: one tiny GEMM (K = kh*kw, N = channel multiplier) per channel.
std::uint64_t depthwise_mxu_cycles(const arch::ArchSpec& a, const ConvOp& op) {
  const std::uint64_t per_core_channels = (op.groups + a.tensorcores - 1) / a.tensorcores;
  const arch::MatmulTile tile{
      static_cast<std::uint32_t>(op.n * op.out_h() * op.out_w()), op.kh * op.kw,
      static_cast<std::uint32_t>(op.out_channels / op.groups), arch::DType::bf16, 1};
  return arch::mxu_tile_cycles(a.mxu, tile) * per_core_channels / a.mxu.count;
}

void check(const ConvOp& op) {
  auto bad = [](const std::string& key, const std::string& msg) {
    throw core::InputError({}, key, msg);
  };
  if (op.groups == 0 || op.c % op.groups != 0 || op.out_channels % op.groups != 0) {
    bad("--conv groups", "groups (" + std::to_string(op.groups) + ") must divide input channels (" +
                             std::to_string(op.c) + ") and output channels (" +
                             std::to_string(op.out_channels) + ")");
  }
  const std::uint64_t span_h = op.dilation_h * (op.kh - 1) + 1;
  const std::uint64_t span_w = op.dilation_w * (op.kw - 1) + 1;
  const std::uint64_t padded_h = op.h + op.pad_top + op.pad_bottom;
  const std::uint64_t padded_w = op.w + op.pad_left + op.pad_right;
  if (padded_h < span_h || padded_w < span_w) {
    bad("--conv kernel", "kernel " + std::to_string(op.kh) + "x" + std::to_string(op.kw) +
                             " is larger than the padded input " + std::to_string(padded_h) + "x" +
                             std::to_string(padded_w));
  }
}

}  // namespace

Deps lower_conv(ScheduleBuilder& b, const ConvOp& op, const Deps& after) {
  check(op);
  const arch::ArchSpec& a = b.chip();
  const std::uint64_t out_pixels = op.n * op.out_h() * op.out_w();
  const std::uint64_t k = static_cast<std::uint64_t>(op.kh) * op.kw * (op.c / op.groups);
  const std::uint64_t macs = out_pixels * k * op.out_channels;
  const std::string name = !b.describe() ? std::string()
                           : !op.name.empty()
                               ? op.name
                               : "conv " + std::to_string(op.kh) + "x" + std::to_string(op.kw) +
                                     "/" + std::to_string(op.stride_h) + " " +
                                     std::to_string(op.c) + "->" + std::to_string(op.out_channels) +
                                     (op.groups > 1 ? " groups " + std::to_string(op.groups) : "");
  const bool depthwise = op.groups == op.c && op.groups > 1;
  if (depthwise && depthwise_vpu_cycles(a, op) < depthwise_mxu_cycles(a, op)) {
    const std::uint32_t bytes = arch::dtype_bytes(op.dtype);
    std::string note;
    if (b.describe()) {
      note = "depthwise on the VPU (faster than the MXU here)";
      if (!op.epilogue.empty()) note += "; fused epilogue: " + op.epilogue.names;
    }
    b.begin_group({name, macs, 2 * macs, note});
    Deps finals;
    // Each core streams its share in chunks whose input and output (and residual) fit a quarter
    // of VMEM, double-buffered: chunk i loads once chunk i-2 has finished computing.
    const std::uint64_t in_total = op.n * op.h * op.w * op.c * bytes / a.tensorcores;
    const std::uint64_t out_total = out_pixels * op.out_channels * bytes / a.tensorcores;
    const std::uint64_t per_chunk_room = a.vmem.capacity_bytes / 4;
    const std::uint64_t footprint = in_total + out_total * (1 + op.epilogue.extra_inputs.size());
    const std::uint64_t pieces =
        std::max<std::uint64_t>(1, (footprint + per_chunk_room - 1) / per_chunk_room);
    for (int core = 0; core < a.tensorcores; ++core) {
      const TaskId launch =
          b.delay(core, arch::seconds_to_cycles(a.overheads.kernel_launch_s, a.clock_hz), after);
      const arch::Endpoint vmem{arch::MemLevel::vmem, 0, static_cast<std::uint16_t>(core)};
      Deps common{launch};
      if (op.epilogue.const_bytes > 0) {
        common.push_back(
            b.dma({{arch::MemLevel::hbm, 0, 0}, vmem, 1, op.epilogue.const_bytes}, {launch}));
      }
      Deps work;
      for (std::uint64_t i = 0; i < pieces; ++i) {
        // Piece i's share of a total, so the pieces add up exactly.
        auto share = [&](std::uint64_t total) {
          return std::max<std::uint64_t>(total * (i + 1) / pieces - total * i / pieces, 1);
        };
        Deps free{launch};
        if (work.size() >= 2) free.push_back(work[work.size() - 2]);
        Deps loads = common;
        if (op.in_level != arch::MemLevel::vmem) {
          loads.push_back(b.dma({{op.in_level, 0, 0}, vmem, 1, share(in_total)}, free));
        }
        for (arch::MemLevel level : op.epilogue.extra_inputs) {
          if (level != arch::MemLevel::vmem) {
            loads.push_back(b.dma({{level, 0, 0}, vmem, 1, share(out_total)}, free));
          }
        }
        arch::VectorTile t;
        t.elements = share(out_pixels * op.out_channels / a.tensorcores);
        t.ops_per_element = op.epilogue.ops_per_element;
        t.ops_per_element[static_cast<int>(arch::VectorOpClass::add_mul)] +=
            static_cast<float>(op.kh * op.kw);
        t.element_bytes = bytes;
        work.push_back(b.vpu(core, t, loads));
        if (op.out_level == arch::MemLevel::vmem) {
          finals.push_back(work.back());
        } else {
          finals.push_back(b.dma({vmem, {op.out_level, 0, 0}, 1, share(out_total)}, {work.back()}));
        }
      }
    }
    return finals;
  }
  // Implicit GEMM per group: M = output pixels, K = kh*kw*C/groups, N = out_channels/groups.
  // A's HBM traffic is the input read once (im2col rows are formed in VMEM): input elements over
  // im2col elements, at most 1.
  MatmulOp mm;
  mm.batch = op.groups;
  mm.m = out_pixels;
  mm.k = k;
  mm.n = op.out_channels / op.groups;
  mm.dtype = op.dtype;
  mm.a_traffic_ratio = std::min(1.0, static_cast<double>(op.n * op.h * op.w * op.c) /
                                         static_cast<double>(out_pixels * k * op.groups));
  mm.a_level = op.in_level;
  mm.c_level = op.out_level;
  mm.epilogue = op.epilogue;
  mm.name = name;
  auto finals = lower_matmul(b, mm, after);
  if (b.describe()) {
    b.group().note += std::string(b.group().note.empty() ? "" : "; ") +
                      "implicit GEMM, im2col not materialised (input read once)";
  }
  return finals;
}

}  // namespace coda::schedule
