// Generated KFP v1 graph pipelines for benchmarks and stress tests: chains,
// fan-out/fan-in and random DAGs with artifacts, at any size. Deterministic.
#pragma once
#include <cstdint>
#include <string>

namespace kfp::bench {

enum class Shape { Chain, FanOutIn, Random };
const char* shape_name(Shape s);

// The components the generated pipelines use, as one v1 component file each.
std::string gen_component_make();     // "Make data": -> data: Dataset, n: Integer
std::string gen_component_train();    // "Train": data: Dataset, lr: Float -> model: Model, score: Float
std::string gen_component_combine();  // "Combine": a: Dataset, b: Dataset (optional) -> data: Dataset

// A v1 graph pipeline with `tasks` tasks referencing those components by name.
std::string gen_pipeline(Shape shape, int tasks, uint32_t seed = 42);

// A pipeline whose data edges form one cycle through all `tasks` tasks.
std::string gen_cycle(int tasks);

}  // namespace kfp::bench
