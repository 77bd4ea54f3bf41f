#include "bench/gen_pipelines.h"

#include <random>

namespace kfp::bench {

const char* shape_name(Shape s) {
  switch (s) {
    case Shape::Chain: return "chain";
    case Shape::FanOutIn: return "fan";
    case Shape::Random: return "random";
  }
  return "?";
}

std::string gen_component_make() {
  return R"(name: Make data
inputs:
- {name: rows, type: Integer, default: '100'}
outputs:
- {name: data, type: Dataset}
- {name: n, type: Integer}
implementation:
  container:
    image: python:3.11-slim
    command: [python3, -c, 'import sys; print(sys.argv)']
    args: [--rows, {inputValue: rows}, --data, {outputPath: data}, --n, {outputPath: n}]
)";
}

std::string gen_component_train() {
  return R"(name: Train
inputs:
- {name: data, type: Dataset}
- {name: lr, type: Float, default: '0.1'}
outputs:
- {name: model, type: Model}
- {name: score, type: Float}
implementation:
  container:
    image: python:3.11-slim
    command: [python3, -c, 'import sys; print(sys.argv)']
    args: [--data, {inputPath: data}, --lr, {inputValue: lr}, --model, {outputPath: model}, --score, {outputPath: score}]
)";
}

std::string gen_component_combine() {
  return R"(name: Combine
inputs:
- {name: a, type: Dataset}
- {name: b, type: Dataset, optional: true}
outputs:
- {name: data, type: Dataset}
implementation:
  container:
    image: python:3.11-slim
    command: [python3, -c, 'import sys; print(sys.argv)']
    args: [--a, {inputPath: a}, {if: {cond: {isPresent: b}, then: [--b, {inputPath: b}]}}, --out, {outputPath: data}]
)";
}

namespace {

void header(std::string& s, const char* name) {
  s += "name: ";
  s += name;
  s += "\ninputs:\n- {name: lr, type: Float, default: '0.01'}\nimplementation:\n  graph:\n    tasks:\n";
}

void task_make(std::string& s, int i) {
  s += "      t" + std::to_string(i) + ":\n        componentRef: {name: Make data}\n        arguments: {rows: '" +
       std::to_string(10 + i % 90) + "'}\n";
}

void task_train(std::string& s, int i, int from) {
  s += "      t" + std::to_string(i) + ":\n        componentRef: {name: Train}\n        arguments:\n" +
       "          data: {taskOutput: {taskId: t" + std::to_string(from) + ", outputName: data}}\n" +
       "          lr: {graphInput: {inputName: lr}}\n";
}

void task_combine(std::string& s, int i, int a, int b) {
  s += "      t" + std::to_string(i) + ":\n        componentRef: {name: Combine}\n        arguments:\n" +
       "          a: {taskOutput: {taskId: t" + std::to_string(a) + ", outputName: data}}\n";
  if (b >= 0) s += "          b: {taskOutput: {taskId: t" + std::to_string(b) + ", outputName: data}}\n";
}

}  // namespace

std::string gen_pipeline(Shape shape, int n, uint32_t seed) {
  std::string s;
  s.reserve(static_cast<size_t>(n) * 160);
  header(s, shape_name(shape));
  if (n <= 0) return s;
  task_make(s, 0);
  switch (shape) {
    case Shape::Chain:
      // make -> combine -> combine -> ... (each consumes the previous Dataset)
      for (int i = 1; i < n; ++i) task_combine(s, i, i - 1, -1);
      break;
    case Shape::FanOutIn: {
      // make -> (n-2) combines fanned out -> a tree of combines fanning back in.
      int width = std::max(1, n / 2);
      int i = 1;
      for (; i <= width && i < n; ++i) task_combine(s, i, 0, -1);
      int lo = 1, hi = i;  // producers of the current level: [lo, hi)
      while (i < n) {
        int a = lo + ((i - hi) * 2) % std::max(1, hi - lo);
        int b = lo + ((i - hi) * 2 + 1) % std::max(1, hi - lo);
        task_combine(s, i, a, b == a ? -1 : b);
        ++i;
        if (i - hi >= std::max(1, (hi - lo) / 2)) {
          lo = hi;
          hi = i;
        }
      }
      break;
    }
    case Shape::Random: {
      // Datasets flow from make/combine tasks; trains hang off them (artifacts
      // and parameters mixed). Each task depends only on earlier ones.
      std::mt19937 rng(seed);
      std::vector<int> datasets{0};
      for (int i = 1; i < n; ++i) {
        std::uniform_int_distribution<size_t> pick(0, datasets.size() - 1);
        int r = static_cast<int>(rng() % 10);
        if (r < 2) {
          task_make(s, i);
          datasets.push_back(i);
        } else if (r < 5) {
          task_train(s, i, datasets[pick(rng)]);
        } else {
          int a = datasets[pick(rng)], b = datasets[pick(rng)];
          task_combine(s, i, a, b == a ? -1 : b);
          datasets.push_back(i);
        }
      }
      break;
    }
  }
  return s;
}

std::string gen_cycle(int n) {
  std::string s;
  header(s, "cycle");
  // v1 graph tasks have no `after`: the cycle runs through data edges.
  for (int i = 0; i < n; ++i) task_combine(s, i, (i + n - 1) % n, -1);
  return s;
}

}  // namespace kfp::bench
