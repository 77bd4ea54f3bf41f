// What each fuzz target feeds its bytes to, in one place, so that the
// libFuzzer targets (fuzz/fuzz_*.cpp) and the regression test that replays
// every crash ever found (tests/fuzz_regressions_test.cpp) run the very same
// code. Each entry goes through the front doors the CLI and the page use.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/api.h"
#include "core/api_json.h"
#include "core/yaml/load.h"
#include "core/yaml/scalar.h"

namespace kfp::fuzz {

inline const std::vector<std::string>& targets() {
  static const std::vector<std::string> t = {"yaml", "v1_component", "v1_graph", "ir",
                                             "argo", "compile_ir",   "compile_argo", "python"};
  return t;
}

inline std::vector<InputFile> one(std::string path, std::string_view bytes, std::string_view prefix = {}) {
  return {{std::move(path), std::string(prefix) + std::string(bytes)}};
}

// A component the graph target's pipelines can refer to by name.
inline InputFile add_component() {
  return {"add.yaml",
          "name: Add\ninputs: [{name: a, type: Integer}]\noutputs: [{name: sum, type: Integer}]\n"
          "implementation: {container: {image: x, args: [{inputValue: a}, {outputPath: sum}]}}\n"};
}

// Runs `target` over `bytes`; returns a size so nothing is optimised away.
// Prefixed variants make format detection pick the reader of interest, so the
// fuzzer spends its time inside that reader rather than in detection.
inline size_t run(std::string_view target, std::string_view bytes) {
  size_t n = 0;
  if (target == "yaml") {
    Sink sink;
    yaml::Tree t = yaml::load(bytes, 0, sink);
    for (const auto& d : t.docs) n += yaml::to_json(d.root, 1u << 16).size();
  } else if (target == "v1_component") {
    n += analyze_json(one("c.yaml", bytes, "implementation:\n  container: {image: x}\n"), {}).size();
    n += analyze(one("component.yaml", bytes)).diagnostics.size();
  } else if (target == "v1_graph") {
    auto files = one("pipeline.yaml", bytes);
    files.push_back(add_component());
    n += analyze_json(files, {}).size();
  } else if (target == "ir") {
    n += analyze_json(one("p.yaml", bytes, "pipelineInfo: {name: p}\n"), {}).size();
    n += analyze(one("ir.yaml", bytes)).diagnostics.size();
  } else if (target == "argo") {
    n += analyze_json(one("wf.yaml", bytes, "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"), {}).size();
  } else if (target == "compile_ir") {
    n += compile_json(one("in.yaml", bytes), "ir", {}).size();
  } else if (target == "compile_argo") {
    n += compile_json(one("in.yaml", bytes), "argo", {}).size();
  } else if (target == "python") {
    n += analyze_json(one("pipeline.py", bytes), {}).size();
    n += compile_json(one("pipeline.py", bytes), "ir", {}).size();
  }
  return n;
}

}  // namespace kfp::fuzz
