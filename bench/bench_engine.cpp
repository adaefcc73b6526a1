// Engine speed: wall time to lower and simulate an 8192^3 bf16 matmul on tpu_v4 (target <= 20 ms)
// and the whole TPU v4 calibration CSV (target <= 5 s), with simulated events per wall second.
// SystemC allows one elaboration per process, so every iteration runs in a forked child that
// times itself and pipes the result back (manual time excludes the fork).
#include <systemc>  // first: declares the extern "C" sc_main libsystemc.so references

#include <benchmark/benchmark.h>

#include "bench/forked_sample.h"

#include <filesystem>
#include <functional>
#include <stdexcept>

#include "arch/spec/loader.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/lower.h"
#include "sim/schedule/measured_csv.h"

int sc_main(int, char**) { return 0; }

namespace {

using namespace coda;

using bench::in_child;
using bench::Sample;

void run(benchmark::State& state, const std::function<double()>& work) {
  double events = 0, seconds = 0;
  for (auto _ : state) {
    const Sample s = in_child(work);
    state.SetIterationTime(s.seconds);
    events += s.events;
    seconds += s.seconds;
  }
  state.counters["events"] = events / static_cast<double>(state.iterations());
  state.counters["events_per_s"] = events / seconds;
}

void BM_Matmul8192OnTpuV4(benchmark::State& state) {
  run(state, [] {
    const auto chip = arch::load_arch("tpu_v4");
    schedule::Schedule s;
    schedule::ScheduleBuilder b(s, chip);
    schedule::MatmulOp op;
    op.m = op.k = op.n = 8192;
    schedule::lower_matmul(b, op);
    return static_cast<double>(engine::simulate(chip, {s}).events);
  });
}

void BM_CalibrationCsvOnTpuV4(benchmark::State& state) {
  const std::string csv =
      std::string(CODA_SOURCE_DIR) + "/../shared/data/tpu_measured/matmul_calibration.csv";
  if (!std::filesystem::exists(csv)) {
    state.SkipWithError("../shared/data/tpu_measured is not beside the repository");
    return;
  }
  run(state, [csv] {
    const auto chip = arch::load_arch("tpu_v4");
    const auto rows = schedule::read_measured_csv(csv);
    std::vector<schedule::Schedule> phases(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      schedule::ScheduleBuilder b(phases[i], chip);
      schedule::lower_matmul(b, std::get<schedule::MatmulOp>(rows[i].work));
    }
    return static_cast<double>(engine::simulate(chip, phases).events);
  });
}

BENCHMARK(BM_Matmul8192OnTpuV4)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_CalibrationCsvOnTpuV4)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
