// Argo conformance against real files: every workflow the KFP v1 SDK and the
// KFP v2 backend compiler produced must pass our lint with no false error,
// the embedded schema must be the corpus schema reduced, and the corpus
// schema itself must accept the same files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "core/api.h"
#include "core/argo/lint.h"
#include "core/argo/schema_validate.h"
#include "core/diag/render.h"
#include "core/yaml/load.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;

using test_files::slurp;
using test_files::corpus_root;

namespace {

std::vector<fs::path> yaml_files(const fs::path& dir, std::string_view suffix = ".yaml") {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string n = e.path().filename().string();
    if (n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const Json& corpus_schema() {
  static const Json s = Json::parse(slurp(fs::path(corpus_root()) / "schemas/argo-workflows.schema.json"), nullptr, false);
  return s;
}

// Corpus files that real `argo lint` rejects too (checked against Argo's
// validate.go), with the finding we must report: not false errors.
const std::map<std::string, std::vector<std::string>>& known_invalid() {
  static const std::map<std::string, std::vector<std::string>> k = {
      // A hand-written KFP test fixture without spec.entrypoint.
      {"tolerations.yaml", {"18:1 err_argo_no_entrypoint"}},
      // KFP v1 names an input artifact after the producer output; one output
      // feeding two inputs of a task gives two inputs of the same name, which
      // Argo's validateWorkflowFieldNames rejects ("is not unique").
      {"g005.kfp1-argo.yaml", {"70:16 err_argo_duplicate_name"}},
      {"g011.kfp1-argo.yaml", {"207:16 err_argo_duplicate_name"}},
  };
  return k;
}

// Lints every file of `dir` through analyze (the product path): each file is
// clean or has exactly its known true findings.
void lint_dir(const std::string& sub, std::string_view suffix = ".yaml") {
  auto files = yaml_files(fs::path(corpus_root()) / sub, suffix);
  if (files.empty()) GTEST_SKIP() << "corpus folder " << sub << " not found under " << corpus_root();
  size_t clean = 0, invalid = 0;
  for (const auto& p : files) {
    Analysis a = analyze({InputFile{p.string(), slurp(p)}});
    ASSERT_EQ(a.ws.file(0).kind, FileKind::Argo) << p;
    std::vector<std::string> got;
    for (const auto& d : a.diagnostics)
      got.push_back(std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " " +
                    std::string(d.id_name()));
    auto k = known_invalid().find(p.filename().string());
    std::vector<std::string> want = k == known_invalid().end() ? std::vector<std::string>{} : k->second;
    if (got != want) ADD_FAILURE() << render_text(a.diagnostics, a.ws);
    else if (got.empty()) ++clean;
    else ++invalid;
  }
  std::cout << "[argo lint] " << sub << ": " << clean << "/" << files.size() << " clean, " << invalid
            << " with their known true finding, " << files.size() - clean - invalid << " wrong\n";
  EXPECT_EQ(clean + invalid, files.size());
}

}  // namespace

TEST(CorpusArgo, V1SdkWorkflowsLintClean) { lint_dir("argo-v1-sdk"); }
TEST(CorpusArgo, KfpBackendWorkflowsLintClean) { lint_dir("argo-kfp-backend"); }
TEST(CorpusArgo, GraphPipelineKfp1WorkflowsLintClean) { lint_dir("graph-pipelines", ".kfp1-argo.yaml"); }

TEST(ArgoSchema, BuiltinIsCorpusSchemaReduced) {
  fs::path p = fs::path(corpus_root()) / "schemas/argo-workflows.schema.json";
  if (!fs::exists(p)) GTEST_SKIP() << "no corpus schema at " << p;
  Json pruned = argo::prune_schema(corpus_schema());
  ASSERT_FALSE(argo::builtin_schema().is_discarded());
  if (std::getenv("UPDATE_EXPECTED")) {
    std::ofstream out(fs::path(KFP_SOURCE_DIR) / "core/argo/schema_data.inc", std::ios::binary);
    out << "// Generated from the Argo Workflows JSON schema (argoproj/argo-workflows f016ad89\n"
           "// api/jsonschema/schema.json): the definitions reachable from Workflow, WorkflowTemplate,\n"
           "// ClusterWorkflowTemplate and CronWorkflow, keeping only type, properties, items, required,\n"
           "// additionalProperties, $ref and const. Regenerate: UPDATE_EXPECTED=1 ctest -R ArgoSchema\n"
        << "R\"~~(" << pruned.dump() << ")~~\"\n";
  }
  EXPECT_EQ(pruned, argo::builtin_schema()) << "core/argo/schema_data.inc is stale: UPDATE_EXPECTED=1 ctest -R ArgoSchema";
  std::cout << "[argo schema] " << pruned["definitions"].size() << " definitions embedded\n";
}

// The full published schema (not our reduction) accepts every corpus workflow.
TEST(ArgoSchema, CorpusSchemaAcceptsCorpusWorkflows) {
  fs::path p = fs::path(corpus_root()) / "schemas/argo-workflows.schema.json";
  if (!fs::exists(p)) GTEST_SKIP() << "no corpus schema at " << p;
  size_t n = 0, clean = 0;
  for (const char* sub : {"argo-v1-sdk", "argo-kfp-backend"}) {
    for (const auto& f : yaml_files(fs::path(corpus_root()) / sub)) {
      Sink sink;
      std::string text = slurp(f);
      yaml::Tree t = yaml::load(text, 0, sink);
      ASSERT_FALSE(sink.has_errors()) << f;
      size_t errs = 0;
      for (const auto& d : t.docs) errs += argo::validate_schema(*d.root, "Workflow", corpus_schema(), sink);
      ++n;
      if (errs == 0) ++clean;
      for (const auto& d : sink.all()) ADD_FAILURE() << f << ":" << d.span.begin.line << ":" << d.span.begin.col << ": " << d.message();
    }
  }
  std::cout << "[argo schema] corpus schema: " << clean << "/" << n << " files valid\n";
  EXPECT_EQ(clean, n);
}
