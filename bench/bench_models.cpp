// Speed of the models/ layer: build + count large networks, YAML and ONNX round trips.
// Targets (issue 3): EfficientNet-B7 and 24-layer BERT-large build + count <= 50 ms each; ONNX
// import of a 100 MB model <= 1 s.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>

#include "models/builders/registry.h"
#include "models/graph/counters.h"
#include "models/io/onnx_io.h"
#include "models/io/yaml_model.h"

namespace {
using namespace coda::models;

void build_and_count(benchmark::State& state, const char* name) {
  for (auto _ : state) {
    const Graph g = build_model(name, {});
    benchmark::DoNotOptimize(count_model(g).macs);
  }
}
BENCHMARK_CAPTURE(build_and_count, efficientnet_b7, "efficientnet_b7")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(build_and_count, bert_large, "bert_large")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(build_and_count, resnet50, "resnet50")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(build_and_count, gpt_xl, "gpt_xl")->Unit(benchmark::kMillisecond);

void yaml_parse(benchmark::State& state) {
  const std::string text = to_yaml(build_model("efficientnet_b7", {}));
  for (auto _ : state) benchmark::DoNotOptimize(parse_yaml_model(text, "b7.yaml").num_ops());
}
BENCHMARK(yaml_parse)->Unit(benchmark::kMillisecond);

// BERT-base with zero-filled fp32 initializers: ~438 MB on disk; ResNet-50 fp32: ~102 MB.
void onnx_import(benchmark::State& state, const char* name) {
  if (!onnx_available()) {
    state.SkipWithError("coda_models was built without libonnx");
    return;
  }
  const std::string path = (std::filesystem::temp_directory_path() / "coda_bench.onnx").string();
  save_onnx_model(build_model(name, {{"dtype", "fp32"}}), path, true);
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  for (auto _ : state) benchmark::DoNotOptimize(load_onnx_model(path).num_ops());
  std::remove(path.c_str());
}
BENCHMARK_CAPTURE(onnx_import, resnet50_fp32_weights, "resnet50")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
