// Speed of the search layer: analytic evaluations of NAS-Bench-201 cells (issue 6 target: >=
// 10,000 per second per core) and their stages, hypervolume, strategy overhead.
#include <benchmark/benchmark.h>

#include "arch/spec/loader.h"
#include "models/builders/block_chain.h"
#include "models/io/model_source.h"
#include "search/evaluator.h"
#include "search/i_strategy.h"
#include "search/study_domains.h"
#include "sim/schedule/analytic.h"
#include "sim/schedule/chain_estimate.h"
#include "sim/schedule/lower_graph.h"

namespace {
using namespace coda;
using namespace coda::search;

const char* kStudy =
    "name: bench\nchip: tpu_v4i\nmodel:\n  name: nb201\n  knobs:\n    arch: {nb201_cell: all}\n"
    "objectives: {latency_s: minimize}\n";

// Cell number `code` (0..15624) as genes: one base-5 digit per edge.
// Benchmarks visit cells in the order n * 6007 mod 15625 (6007 is prime to 5, so all 15,625 come
// before any repeats, and the digits of every edge vary from the start): counting up would spend
// short runs on cells whose last edges are all `none`, the cheapest.
std::size_t nth_cell(std::size_t n) { return n * 6007 % 15625; }

Genes cell(std::size_t code) {
  Genes g(6);
  for (auto& v : g) {
    v = static_cast<double>(code % 5);
    code /= 5;
  }
  return g;
}

// The same cell as the `arch` knob's NAS-Bench-201 string.
std::string arch_of(std::size_t code) {
  std::vector<std::string> ops;
  for (double v : cell(code)) ops.push_back(nb201_ops()[static_cast<std::size_t>(v)]);
  return nb201_arch(ops);
}

void analytic_nb201_evaluation(benchmark::State& state) {
  const Study s = parse_study_text(kStudy, "bench.yaml", "");
  AnalyticEvaluator e(s, nullptr);
  std::size_t code = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(e.evaluate(make_point(s, cell(nth_cell(code++)))).metrics.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(analytic_nb201_evaluation)->Unit(benchmark::kMicrosecond);

// One event-driven evaluation of an EfficientNet-B0-size candidate (issue 6 target: >= 20 per
// second per core): a `coda simulate --fidelity event` child per point, startup included. The
// candidates vary the width multiplier so no two are the same network.
void event_efficientnet_b0_evaluation(benchmark::State& state) {
  const Study s = parse_study_text(
      "name: bench\nchip: tpu_v4\nmodel:\n  name: efficientnet_b0\n  knobs:\n"
      "    width: {real: [0.9, 1.1]}\nobjectives: {latency_s: minimize}\n",
      "bench.yaml", "");
  const auto e = make_evaluator(s, "event", std::string(CODA_BINARY_DIR) + "/coda");
  std::size_t n = 0;
  for (auto _ : state) {
    const Outcome o = e->evaluate(make_point(s, {0.9 + 0.2 * static_cast<double>(n++ % 16) / 15}));
    if (o.status != Status::ok) state.SkipWithError(o.reason.c_str());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(event_efficientnet_b0_evaluation)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same networks' estimate from the whole graph (models::load_model, then lower_graph and the
// list schedule over all of it), which the evaluator did before it estimated block by block
// (sim/schedule/chain_estimate.h); the results are equal.
void nb201_whole_graph_estimate(benchmark::State& state) {
  const arch::ArchSpec chip = arch::load_arch("tpu_v4i");
  std::size_t code = 0;
  for (auto _ : state) {
    const auto g = models::load_model("nb201", {{"arch", arch_of(nth_cell(code++))}});
    benchmark::DoNotOptimize(schedule::estimate_network(g, chip).total.cycles());
  }
}
BENCHMARK(nb201_whole_graph_estimate)->Unit(benchmark::kMicrosecond);

// The chain estimate alone (no study, no point): what the evaluator spends in the schedule
// layer, and how many segments each new cell lowers.
void nb201_chain_estimate(benchmark::State& state) {
  const arch::ArchSpec chip = arch::load_arch("tpu_v4i");
  schedule::ChainEstimator est(chip);
  std::size_t code = 0;
  for (auto _ : state) {
    const auto c = models::load_chain("nb201", {{"arch", arch_of(nth_cell(code++))}});
    benchmark::DoNotOptimize(est.estimate(*c)->total.cycles());
  }
  state.counters["segments_per_eval"] =
      static_cast<double>(est.segments_lowered()) / static_cast<double>(state.iterations());
}
BENCHMARK(nb201_chain_estimate)->Unit(benchmark::kMicrosecond);

// The stages of one evaluation, to see where the time goes.
void nb201_build(benchmark::State& state) {
  std::size_t code = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        models::load_model("nb201", {{"arch", arch_of(nth_cell(code++))}}).num_ops());
  }
}
BENCHMARK(nb201_build)->Unit(benchmark::kMicrosecond);

void nb201_lower_and_estimate(benchmark::State& state) {
  const arch::ArchSpec chip = arch::load_arch("tpu_v4i");
  const models::Graph g = models::load_model("nb201", {});
  for (auto _ : state) {
    const auto gs = schedule::lower_graph(g, chip);
    benchmark::DoNotOptimize(schedule::estimate(chip, gs.schedule).total.cycles());
  }
}
BENCHMARK(nb201_lower_and_estimate)->Unit(benchmark::kMicrosecond);

void hypervolume_3d(benchmark::State& state) {
  std::mt19937_64 rng(1);
  std::vector<Scores> pts(static_cast<std::size_t>(state.range(0)), Scores(3));
  for (auto& p : pts) {
    const double a = uniform01(rng), b = uniform01(rng) * (1 - a);
    p = {a, b, 1 - a - b};  // on a simplex: every point non-dominated
  }
  for (auto _ : state) benchmark::DoNotOptimize(hypervolume(pts, {1, 1, 1}));
}
BENCHMARK(hypervolume_3d)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond);

void nsga2_ask_tell(benchmark::State& state) {
  const Study s = parse_study_text(kStudy, "bench.yaml", "");
  StrategyOptions o;
  o.seed = 1;
  const auto st = make_strategy("nsga2", s.space, o);
  std::mt19937_64 rng(2);
  for (auto _ : state) {
    for (const auto& g : st->ask(50)) st->tell(g, Scores{uniform01(rng), uniform01(rng)});
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 50);
}
BENCHMARK(nsga2_ask_tell)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
