// Whole-network speed and memory: ResNet-50 batch 1 on tpu_v4 event-driven (target <= 100 ms
// wall) and analytic (<= 2 ms), EfficientNet-B7 and BERT-large at sequence 512 event-driven
// (<= 500 ms each), and the peak RSS of a ResNet-50 run with the trace on (<= 200 MB).
// Event-driven iterations run in forked children (one SystemC elaboration per process); each child
// times lowering + simulation itself and reports its peak RSS (getrusage).
#include <systemc>

#include <benchmark/benchmark.h>

#include "bench/forked_sample.h"

#include <functional>
#include <stdexcept>

#include "arch/spec/loader.h"
#include "models/io/model_source.h"
#include "sim/engine/simulator.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/lower_graph.h"

int sc_main(int, char**) { return 0; }

namespace {

using namespace coda;

using bench::in_child;
using bench::Sample;

double simulate(const std::string& model, const std::map<std::string, std::string>& knobs,
                bool trace) {
  const auto chip = arch::load_arch("tpu_v4");
  const auto gs = schedule::lower_graph(models::load_model(model, knobs), chip);
  traces::TraceRecorder recorder(chip.clock_hz);
  engine::SimOptions o;
  if (trace) o.trace = &recorder;
  return static_cast<double>(engine::simulate(chip, {gs.schedule}, o).events);
}

void event_driven(benchmark::State& state, const std::string& model,
                  const std::map<std::string, std::string>& knobs, bool trace) {
  double events = 0, seconds = 0, rss = 0;
  for (auto _ : state) {
    const Sample s = in_child([&] { return simulate(model, knobs, trace); });
    state.SetIterationTime(s.seconds);
    events += s.events;
    seconds += s.seconds;
    rss = std::max(rss, s.rss_mb);
  }
  state.counters["events"] = events / static_cast<double>(state.iterations());
  state.counters["events_per_s"] = events / seconds;
  state.counters["peak_rss_MB"] = rss;
}

void BM_ResNet50EventDriven(benchmark::State& s) { event_driven(s, "resnet50", {}, false); }
void BM_ResNet50EventDrivenWithTrace(benchmark::State& s) { event_driven(s, "resnet50", {}, true); }
void BM_EfficientNetB7EventDriven(benchmark::State& s) {
  event_driven(s, "efficientnet_b7", {}, false);
}
void BM_BertLargeSeq512EventDriven(benchmark::State& s) {
  event_driven(s, "bert_large", {{"seq_len", "512"}}, false);
}

// The estimator alone on a lowered ResNet-50 (lowering excluded), in-process.
void BM_ResNet50Analytic(benchmark::State& state) {
  const auto chip = arch::load_arch("tpu_v4");
  const auto gs = schedule::lower_graph(models::load_model("resnet50", {}), chip);
  for (auto _ : state) benchmark::DoNotOptimize(schedule::estimate(chip, gs.schedule));
  state.counters["tasks"] = static_cast<double>(gs.schedule.tasks.size());
}

// Lowering plus estimate: what a search evaluation costs at analytic fidelity.
void BM_ResNet50LowerAndAnalytic(benchmark::State& state) {
  const auto chip = arch::load_arch("tpu_v4");
  const auto graph = models::load_model("resnet50", {});
  for (auto _ : state) {
    benchmark::DoNotOptimize(schedule::estimate(chip, schedule::lower_graph(graph, chip).schedule));
  }
}

BENCHMARK(BM_ResNet50EventDriven)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_ResNet50EventDrivenWithTrace)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_EfficientNetB7EventDriven)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_BertLargeSeq512EventDriven)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_ResNet50Analytic)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ResNet50LowerAndAnalytic)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
