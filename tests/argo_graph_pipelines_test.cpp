// The corpus graph pipelines through our own front end: each
// graph-pipelines/gNNN.pipeline.yaml (a v1 graph) is lowered the way KFP
// compiles gNNN.py (core/emit/lower_v1_graph.cpp) and emitted as Argo; the
// entrypoint DAG (task names, dependencies) must equal the KFP v1 SDK's
// gNNN.kfp1-argo.yaml, and the workflow must pass the schema and our lint.
// The type mutants KFP v2 refuses (expected.tsv outcome `error`) must be
// refused here too. (argo_emit_test.cpp compares the Argo we make from KFP's
// own IR, gNNN.kfp-ir.yaml, instead.)
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "core/api.h"
#include "core/diag/render.h"
#include "core/emit/argo.h"
#include "core/yaml/load.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;
using test_files::corpus_root;
using test_files::slurp;

namespace {

std::map<std::string, std::set<std::string>> entry_dag(const Json& wf) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& t : wf["spec"]["templates"]) {
    if (t["name"] != wf["spec"]["entrypoint"]) continue;
    for (const auto& task : t["dag"]["tasks"]) {
      auto& deps = out[task["name"].get<std::string>()];
      if (task.contains("dependencies"))
        for (const auto& d : task["dependencies"]) deps.insert(d.get<std::string>());
    }
  }
  return out;
}

std::map<std::string, std::string> outcomes(const fs::path& tsv) {
  std::map<std::string, std::string> out;
  std::istringstream in(slurp(tsv));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    auto tab2 = line.find('\t', tab + 1);
    out[line.substr(0, tab)] = line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
  }
  return out;
}

}  // namespace

TEST(ArgoGraphPipelines, OurLoweringKeepsKfpV1Dag) {
  fs::path dir = fs::path(corpus_root()) / "graph-pipelines";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no graph pipelines under " << dir;
  auto expected = outcomes(dir / "expected.tsv");
  size_t n = 0, same = 0, refused = 0;
  for (const auto& [base, outcome] : expected) {
    fs::path src = dir / (base + ".pipeline.yaml"), v1 = dir / (base + ".kfp1-argo.yaml");
    if (!fs::exists(src) || !fs::exists(v1)) continue;
    ++n;
    Analysis a = analyze({InputFile{src.filename().string(), slurp(src)}});
    ArgoResult r = compile_to_argo(a);
    if (outcome != "compiled") {
      // KFP v2 refuses the mutant (a type mismatch); so do we.
      EXPECT_FALSE(r.ok) << base;
      if (!r.ok) ++refused;
      continue;
    }
    ASSERT_TRUE(r.ok) << base << "\n" << render_text(r.diagnostics, a.ws);
    Analysis back = analyze({InputFile{base + ".argo.yaml", r.text}});
    EXPECT_EQ(render_text(back.diagnostics, back.ws), "") << base;
    Sink sink;
    std::string v1text = slurp(v1);
    yaml::Tree t = yaml::load(v1text, 0, sink);
    ASSERT_FALSE(t.docs.empty()) << v1;
    auto want = entry_dag(yaml::to_json(t.docs[0].root));
    auto got = entry_dag(r.workflow);
    if (want == got) ++same;
    else ADD_FAILURE() << base << ": the DAG of our Argo differs from KFP v1's";
  }
  std::cout << "[argo emit] graph pipelines lowered by us: " << same << "/" << (n - refused)
            << " DAGs equal to KFP v1's, " << refused << " mutants refused\n";
  EXPECT_GT(n, 0u);
  EXPECT_EQ(same + refused, n);
}
