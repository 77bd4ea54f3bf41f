// `kfpc analyze` and `kfpc graph` run as a process: analyze prints exactly
// core/api_json.h's analyze_json() (the string the wasm module returns), and
// graph --format json|dot|mermaid prints graph_json() and its renderings.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/api_json.h"
#include "core/emit/graph_json.h"
#include "test_files.h"

namespace kfp {
using test_files::slurp;

namespace {

std::string data(const std::string& name) { return std::string(KFP_TEST_DATA) + "/graph/" + name; }

// stdout of `kfpc ARGS` (stderr discarded) and its exit status.
std::string run_kfpc(const std::string& args, int* status) {
  std::string cmd = std::string("'") + KFPC_PATH + "' " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int rc = pclose(p);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

TEST(GraphCli, AnalyzePrintsAnalyzeJson) {
  std::vector<std::string> paths{data("v1_graph.yaml"), data("lone.yaml")};
  std::vector<InputFile> files;
  for (const auto& p : paths) files.push_back({p, slurp(p)});
  int status = -1;
  std::string out = run_kfpc("analyze '" + paths[0] + "' '" + paths[1] + "'", &status);
  EXPECT_EQ(out, analyze_json(files, {}) + "\n");
  // The type mismatch in v1_graph.yaml is an error: exit 1.
  EXPECT_EQ(status, 1);
  Json r = Json::parse(out);
  EXPECT_EQ(r["schema"], 1);
  EXPECT_EQ(r["files"][0]["kind"], "v1-graph");
  EXPECT_EQ(r["files"][1]["kind"], "v1-component");
  EXPECT_EQ(r["graph"]["pipelines"].size(), 2u);

  // The JSON-text entry point (what the wasm binding calls) gives the same.
  Json req = Json::array();
  for (const auto& f : files) req.push_back({{"path", f.path}, {"text", f.text}});
  EXPECT_EQ(analyze_json(req.dump(), "{}"), analyze_json(files, {}));
}

TEST(GraphCli, GraphFormats) {
  std::vector<InputFile> files{{data("lone.yaml"), slurp(data("lone.yaml"))}};
  Analysis a = analyze(files);
  Json g = graph_json(a.ws, a.diagnostics);
  int status = -1;
  std::string json = run_kfpc("graph --format json '" + data("lone.yaml") + "'", &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(Json::parse(json), g);
  EXPECT_EQ(run_kfpc("graph --format=dot '" + data("lone.yaml") + "'", &status), graph_dot(g));
  EXPECT_EQ(run_kfpc("graph --format mermaid '" + data("lone.yaml") + "'", &status), graph_mermaid(g));
  run_kfpc("graph --format svg '" + data("lone.yaml") + "'", &status);
  EXPECT_EQ(status, 2);
  run_kfpc("graph", &status);
  EXPECT_EQ(status, 2);
  run_kfpc("graph /nonexistent/file.yaml", &status);
  EXPECT_EQ(status, 2);
}

TEST(GraphCli, BadRequestsAreDiagnostics) {
  for (const char* files : {"not json", "{}", "[1]", "[{\"path\": \"a\"}]"}) {
    Json r = Json::parse(analyze_json(std::string_view(files), std::string_view("{}")));
    ASSERT_EQ(r["diagnostics"].size(), 1u) << files;
    EXPECT_EQ(r["diagnostics"][0]["code"], "api");
    EXPECT_EQ(r["summary"]["errors"], 1);
  }
  Json r = Json::parse(compile_json(std::string_view("[]"), std::string_view("yaml"), std::string_view("{}")));
  EXPECT_EQ(r["diagnostics"][0]["code"], "api");
  EXPECT_EQ(version_string(), std::string("kfpc ") + KFP_VERSION);
}

}  // namespace
}  // namespace kfp
