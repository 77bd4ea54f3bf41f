// Argo lint fixtures: tests/data/argo/lint/<case>.yaml with <case>.expected,
// the exact text-renderer output (line:col, code, message, caret). `ok_*`
// cases expect nothing. UPDATE_EXPECTED=1 rewrites the .expected files;
// review the diff like code.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/argo/lint.h"
#include "core/diag/render.h"
#include "core/yaml/load.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;

using test_files::slurp;

namespace {

fs::path dir() { return fs::path(KFP_TEST_DATA) / "argo" / "lint"; }

std::string lint_text(const std::string& name, const std::string& text) {
  Analysis a = analyze({InputFile{name, text}});
  return render_text(a.diagnostics, a.ws);
}

std::vector<Diagnostic> lint_diags(const std::string& text) {
  Sink sink;
  yaml::Tree t = yaml::load(text, 0, sink);
  argo::lint(t, text, sink);
  return sink.all();
}

}  // namespace

TEST(ArgoLint, Fixtures) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir())) {
    if (e.path().extension() != ".yaml") continue;
    ++n;
    std::string name = e.path().filename().string();
    std::string got = lint_text(name, slurp(e.path()));
    fs::path exp = e.path();
    exp.replace_extension(".expected");
    if (name.rfind("ok_", 0) == 0) {
      EXPECT_EQ(got, "") << name;
      continue;
    }
    if (std::getenv("UPDATE_EXPECTED")) std::ofstream(exp, std::ios::binary) << got;
    ASSERT_TRUE(fs::exists(exp)) << "missing " << exp << " (UPDATE_EXPECTED=1 to create)";
    EXPECT_EQ(got, slurp(exp)) << name;
  }
  EXPECT_GE(n, 10u);
}

// Positions of the most common findings, asserted directly.
TEST(ArgoLint, VariableInsideScalarPointsAtTheTag) {
  std::string text =
      "apiVersion: argoproj.io/v1alpha1\n"
      "kind: Workflow\n"
      "metadata: {name: x}\n"
      "spec:\n"
      "  entrypoint: a\n"
      "  templates:\n"
      "  - name: a\n"
      "    container: {image: alpine, args: ['x {{inputs.parameters.y}}']}\n";
  auto d = lint_diags(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].id_name(), "err_argo_unresolved_var");
  EXPECT_EQ(d[0].span.begin.line, 8u);
  EXPECT_EQ(d[0].span.begin.col, 42u);
  EXPECT_EQ(d[0].span.end.col, 42u + 23u);
}

TEST(ArgoLint, MissingDependencyForTaskOutput) {
  std::string text =
      "apiVersion: argoproj.io/v1alpha1\n"
      "kind: Workflow\n"
      "metadata: {name: x}\n"
      "spec:\n"
      "  entrypoint: m\n"
      "  templates:\n"
      "  - name: m\n"
      "    dag:\n"
      "      tasks:\n"
      "      - {name: a, template: g}\n"
      "      - {name: b, template: g, arguments: {artifacts: [{name: x, from: '{{tasks.a.outputs.artifacts.o}}'}]}}\n"
      "  - name: g\n"
      "    container: {image: alpine}\n"
      "    outputs: {artifacts: [{name: o, path: /o}]}\n";
  auto d = lint_diags(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].id_name(), "err_argo_missing_dependency");
  EXPECT_EQ(d[0].span.begin.line, 11u);
  EXPECT_EQ(d[0].span.begin.col, 75u);
  EXPECT_EQ(d[0].message(),
            "task 'b' uses the output of task 'a' for artifact 'x' but does not depend on it (add it to "
            "dependencies/depends)");
}

TEST(ArgoLint, NonArgoDocumentsAreIgnored) {
  EXPECT_TRUE(lint_diags("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").empty());
}
