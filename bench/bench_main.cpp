// kfp_bench: time to load+validate and compile generated pipelines of 100,
// 1,000 and 10,000 tasks (Google Benchmark), and peak memory per case
// (`kfp_bench --memory SHAPE N STAGE`, one case per process so the peak is
// that case's own). scripts/bench.sh runs both and writes the table.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/gen_pipelines.h"
#include "bench/stages.h"

namespace {

using kfp::bench::Shape;

std::vector<kfp::InputFile> inputs(Shape shape, int n) {
  return {{"make.yaml", kfp::bench::gen_component_make()},
          {"train.yaml", kfp::bench::gen_component_train()},
          {"combine.yaml", kfp::bench::gen_component_combine()},
          {"pipeline.yaml", kfp::bench::gen_pipeline(shape, n)}};
}

void run_stage(benchmark::State& state, Shape shape, kfp::bench::Stage stage) {
  auto files = inputs(shape, static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (const auto& f : files) bytes += f.text.size();
  const std::string json = kfp::bench::files_json(files);  // what the page sends
  for (auto _ : state) {
    size_t out = kfp::bench::run(stage, json);
    benchmark::DoNotOptimize(out);
  }
  state.counters["tasks"] = static_cast<double>(state.range(0));
  state.counters["input_bytes"] = static_cast<double>(bytes);
  state.SetComplexityN(state.range(0));
}

void register_all() {
  for (Shape shape : {Shape::Chain, Shape::FanOutIn, Shape::Random}) {
    for (auto stage : kfp::bench::all_stages()) {
      std::string name = std::string(kfp::bench::stage_name(stage)) + "/" + kfp::bench::shape_name(shape);
      benchmark::RegisterBenchmark(name.c_str(), [shape, stage](benchmark::State& s) { run_stage(s, shape, stage); })
          ->Arg(100)
          ->Arg(1000)
          ->Arg(10000)
          ->Unit(benchmark::kMillisecond)
          ->Complexity(benchmark::oN);
    }
  }
  // Validate-as-you-type: one keystroke re-validates the whole file set.
  benchmark::RegisterBenchmark("keystroke/random/200", [](benchmark::State& s) {
    run_stage(s, Shape::Random, kfp::bench::Stage::Validate);
  })->Arg(200)->Unit(benchmark::kMillisecond);
}

int memory_mode(int argc, char** argv) {
  // --one-call: no steady-state calls (an instruction count under callgrind
  // is then one call's, as docs/hardening.md gives them).
  const bool one_call = argc == 6 && !std::strcmp(argv[5], "--one-call");
  if (argc != 5 && !one_call) {
    std::fprintf(stderr,
                 "usage: kfp_bench --memory chain|fan|random N load|validate|compile_ir|compile_argo [--one-call]\n");
    return 2;
  }
  Shape shape = !std::strcmp(argv[2], "fan") ? Shape::FanOutIn
                : !std::strcmp(argv[2], "random") ? Shape::Random
                                                   : Shape::Chain;
  const std::string json = kfp::bench::files_json(inputs(shape, std::atoi(argv[3])));
  struct rusage before{};
  getrusage(RUSAGE_SELF, &before);
  kfp::bench::Stage stage{};
  if (!kfp::bench::parse_stage(argv[4], &stage)) return 2;
  size_t out = kfp::bench::run(stage, json);
  struct rusage after{};
  getrusage(RUSAGE_SELF, &after);
  // Then the page faults of a call in steady state (the mean of three more):
  // memory the allocator gave back to the OS after one call and takes again
  // in the next. On this VM a fault costs microseconds, so they show in the
  // native timings (docs/hardening.md).
  const int steady_calls = one_call ? 0 : 3;
  for (int i = 0; i < steady_calls; ++i) out = kfp::bench::run(stage, json);
  struct rusage steady{};
  getrusage(RUSAGE_SELF, &steady);
  std::printf("{\"shape\":\"%s\",\"tasks\":%s,\"stage\":\"%s\",\"peak_rss_kib\":%ld,\"baseline_rss_kib\":%ld,",
              argv[2], argv[3], argv[4], after.ru_maxrss, before.ru_maxrss);
  if (steady_calls) std::printf("\"faults_per_call\":%ld,", (steady.ru_minflt - after.ru_minflt) / steady_calls);
  std::printf("\"out\":%zu}\n", out);
  return 0;
}

// Writes every generated case as files (DIR/<shape>-<n>/*.yaml) so that the
// wasm benchmarks (bench/bench_wasm.mjs) measure the very same inputs.
int write_inputs(const char* dir) {
  for (Shape shape : {Shape::Chain, Shape::FanOutIn, Shape::Random}) {
    for (int n : {100, 200, 1000, 5000, 10000}) {
      std::string d = std::string(dir) + "/" + kfp::bench::shape_name(shape) + "-" + std::to_string(n);
      std::filesystem::create_directories(d);
      for (const auto& f : inputs(shape, n)) {
        std::ofstream(d + "/" + f.path, std::ios::binary) << f.text;
      }
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && !std::strcmp(argv[1], "--memory")) return memory_mode(argc, argv);
  if (argc == 3 && !std::strcmp(argv[1], "--write-inputs")) return write_inputs(argv[2]);
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
