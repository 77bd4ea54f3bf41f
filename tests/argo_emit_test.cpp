// The Argo emitter: every corpus IR pipeline compiles to a Workflow that the
// published Argo schema and our lint accept; the graph pipelines keep KFP
// v1's DAG (task names, dependencies); control flow (conditions, loops,
// parallelism, exit handlers, nested pipelines, retries) checked by hand on
// the KFP test pipelines.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "core/api.h"
#include "core/argo/lint.h"
#include "core/argo/schema_validate.h"
#include "core/diag/render.h"
#include "core/emit/argo.h"
#include "core/emit/yaml_writer.h"
#include "core/yaml/load.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;

using test_files::slurp;
using test_files::corpus_root;

namespace {

const Json& corpus_schema() {
  static const Json s = Json::parse(slurp(fs::path(corpus_root()) / "schemas/argo-workflows.schema.json"), nullptr, false);
  return s;
}

struct Compiled {
  bool read_ok = false;  // the IR reader accepted the input
  ArgoResult r;
  std::string lint;      // our lint of the emitted YAML, rendered ("" = clean)
  size_t schema_errors = 0;
};

Compiled compile(const fs::path& p) {
  Compiled c;
  Analysis a = analyze({InputFile{p.filename().string(), slurp(p)}}, AnalyzeOptions{false, ""});
  c.read_ok = !a.ws.files().empty() && a.ws.file(0).pipeline && a.ws.file(0).pipeline->root;
  if (!c.read_ok) return c;
  c.r = compile_to_argo(a);
  if (!c.r.ok) return c;
  // Read our own YAML back, as a user's Argo file would be.
  Analysis back = analyze({InputFile{p.stem().string() + ".argo.yaml", c.r.text}});
  c.lint = render_text(back.diagnostics, back.ws);
  if (!corpus_schema().is_discarded()) {
    Sink sink;
    yaml::Tree t = yaml::load(c.r.text, 0, sink);
    if (!t.docs.empty()) c.schema_errors = argo::validate_schema(*t.docs[0].root, "Workflow", corpus_schema(), sink);
    for (const auto& d : sink.all()) c.lint += "schema: " + d.message() + "\n";
  }
  return c;
}

const Json* find_template(const Json& wf, const std::string& name) {
  for (const auto& t : wf["spec"]["templates"])
    if (t["name"] == name) return &t;
  return nullptr;
}

const Json* find_task(const Json& dag_template, const std::string& name) {
  for (const auto& t : dag_template["dag"]["tasks"])
    if (t["name"] == name) return &t;
  return nullptr;
}

// task -> sorted dependencies of the entrypoint DAG.
std::map<std::string, std::set<std::string>> root_dag(const Json& wf) {
  std::map<std::string, std::set<std::string>> out;
  const Json* root = find_template(wf, wf["spec"]["entrypoint"].get<std::string>());
  if (!root) return out;
  for (const auto& t : (*root)["dag"]["tasks"]) {
    auto& deps = out[t["name"].get<std::string>()];
    if (t.contains("dependencies"))
      for (const auto& d : t["dependencies"]) deps.insert(d.get<std::string>());
  }
  return out;
}

fs::path ir(const std::string& rel) { return fs::path(corpus_root()) / "ir/valid" / rel; }

#define NEED_CORPUS(p) \
  if (!fs::exists(p)) GTEST_SKIP() << "corpus file " << (p) << " not found"

}  // namespace

TEST(ArgoEmit, EveryValidIrCompilesToCleanArgo) {
  fs::path dir = fs::path(corpus_root()) / "ir/valid";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpus IR under " << dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  size_t read = 0, compiled = 0, clean = 0;
  for (const auto& p : files) {
    Compiled c = compile(p);
    if (!c.read_ok) continue;
    ++read;
    if (!c.r.ok) {
      ADD_FAILURE() << p << ": " << render_text(c.r.diagnostics, Workspace());
      continue;
    }
    ++compiled;
    if (c.lint.empty() && c.schema_errors == 0) ++clean;
    else ADD_FAILURE() << p << ":\n" << c.lint;
  }
  std::cout << "[argo emit] ir/valid: " << files.size() << " files, " << read << " read, " << compiled
            << " compiled, " << clean << " schema-valid and lint-clean\n";
  EXPECT_EQ(clean, read);
}

TEST(ArgoEmit, GraphPipelinesKeepKfpV1Dag) {
  fs::path dir = fs::path(corpus_root()) / "graph-pipelines";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no graph pipelines under " << dir;
  size_t n = 0, same = 0;
  for (int i = 0; i < 100; ++i) {
    char base[8];
    std::snprintf(base, sizeof base, "g%03d", i);
    fs::path irp = dir / (std::string(base) + ".kfp-ir.yaml"), v1 = dir / (std::string(base) + ".kfp1-argo.yaml");
    if (!fs::exists(irp) || !fs::exists(v1)) continue;
    ++n;
    Compiled c = compile(irp);
    ASSERT_TRUE(c.r.ok) << irp;
    EXPECT_EQ(c.lint, "") << irp;
    Sink sink;
    std::string v1text = slurp(v1);
    yaml::Tree t = yaml::load(v1text, 0, sink);
    Json expected = yaml::to_json(t.docs.at(0).root);
    auto want = root_dag(expected), got = root_dag(c.r.workflow);
    if (want == got) ++same;
    else ADD_FAILURE() << base << ": DAG differs from KFP v1's";
  }
  std::cout << "[argo emit] graph pipelines: " << same << "/" << n << " DAGs equal to KFP v1's (tasks, dependencies)\n";
  EXPECT_EQ(same, n);
}

TEST(ArgoEmit, ConditionBecomesWhen) {
  fs::path p = ir("essential/pipeline_with_condition.yaml");
  NEED_CORPUS(p);
  Compiled c = compile(p);
  ASSERT_TRUE(c.r.ok);
  EXPECT_EQ(c.lint, "");
  const Json& wf = c.r.workflow;
  const Json* root = find_template(wf, wf["spec"]["entrypoint"].get<std::string>());
  ASSERT_TRUE(root);
  const Json* cond = find_task(*root, "condition-1");
  ASSERT_TRUE(cond) << root->dump(2);
  EXPECT_EQ((*cond)["when"], "\"{{tasks.flip-coin-op.outputs.parameters.flip-coin-op-Output}}\" == \"heads\"");
  EXPECT_EQ((*cond)["dependencies"], Json({"flip-coin-op"}));
  EXPECT_EQ((*cond)["template"], "condition-1");
  const Json* body = find_template(wf, "condition-1");
  ASSERT_TRUE(body);
  EXPECT_TRUE(find_task(*body, "flip-coin-op-2"));
}

TEST(ArgoEmit, ParallelForRawItemsTaskOutputItemsAndParallelism) {
  fs::path p = ir("pipeline_with_parallelfor_parallelism.yaml");
  NEED_CORPUS(p);
  Compiled c = compile(p);
  ASSERT_TRUE(c.r.ok);
  EXPECT_EQ(c.lint, "");
  const Json& wf = c.r.workflow;
  const Json* root = find_template(wf, wf["spec"]["entrypoint"].get<std::string>());
  ASSERT_TRUE(root);
  // for-loop-1: items from a pipeline input, parallelismLimit 2 -> a wrapper template.
  const Json* l1 = find_task(*root, "for-loop-1");
  ASSERT_TRUE(l1);
  EXPECT_EQ((*l1)["template"], "for-loop-1-iterator");
  const Json* wrapper = find_template(wf, "for-loop-1-iterator");
  ASSERT_TRUE(wrapper);
  EXPECT_EQ((*wrapper)["parallelism"], 2);
  const Json* inner = find_task(*wrapper, "for-loop-1");
  ASSERT_TRUE(inner);
  EXPECT_EQ((*inner)["withParam"], "{{inputs.parameters.pipelinechannel--loop_parameter}}");
  EXPECT_EQ((*inner)["template"], "for-loop-1");
  // for-loop-9: items from a task output, no limit: withParam on the task itself.
  const Json* l9 = find_task(*root, "for-loop-9");
  ASSERT_TRUE(l9);
  EXPECT_EQ((*l9)["withParam"], "{{tasks.list-dict-maker-0.outputs.parameters.list-dict-maker-0-Output}}");
  EXPECT_EQ((*l9)["dependencies"], Json({"list-dict-maker-0"}));
  // for-loop-4: raw items -> withItems, and the item passed to the body.
  const Json* l4 = find_task(*root, "for-loop-4");
  ASSERT_TRUE(l4);
  ASSERT_TRUE(l4->contains("withItems"));
  EXPECT_EQ((*l4)["withItems"], Json::parse(R"([{"A_a": "1", "B_b": "2"}, {"A_a": "10", "B_b": "20"}])"));
  bool item_arg = false;
  for (const auto& a : (*l4)["arguments"]["parameters"])
    if (a["name"] == "pipelinechannel--loop-item-param-3" && a["value"] == "{{item}}") item_arg = true;
  EXPECT_TRUE(item_arg) << l4->dump(2);
  // Inside the body, a field of the item.
  const Json* body = find_template(wf, "for-loop-4");
  ASSERT_TRUE(body);
  const Json* pt3 = find_task(*body, "print-text-3");
  ASSERT_TRUE(pt3);
  ASSERT_TRUE(pt3->contains("arguments")) << pt3->dump(2);
  EXPECT_EQ((*pt3)["arguments"]["parameters"][0]["value"],
            "{{=jsonpath(inputs.parameters['pipelinechannel--loop-item-param-3'], '$.A_a')}}");
}

TEST(ArgoEmit, RootExitHandlerBecomesOnExit) {
  fs::path p = ir("failing/pipeline_with_exit_handler.yaml");
  NEED_CORPUS(p);
  Compiled c = compile(p);
  ASSERT_TRUE(c.r.ok);
  EXPECT_EQ(c.lint, "");
  const Json& wf = c.r.workflow;
  ASSERT_TRUE(wf["spec"].contains("onExit")) << wf.dump(2);
  std::string on_exit = wf["spec"]["onExit"].get<std::string>();
  const Json* exit_dag = find_template(wf, on_exit);
  ASSERT_TRUE(exit_dag);
  ASSERT_EQ((*exit_dag)["dag"]["tasks"].size(), 1u);
  EXPECT_EQ((*exit_dag)["dag"]["tasks"][0]["name"], "print-op");
  const Json* root = find_template(wf, wf["spec"]["entrypoint"].get<std::string>());
  ASSERT_TRUE(root);
  EXPECT_FALSE(find_task(*root, "print-op"));
  EXPECT_TRUE(find_task(*root, "exit-handler-1"));
}

TEST(ArgoEmit, NestedPipelineIsADagTemplate) {
  fs::path p = ir("parallel_and_nested/pipeline_in_pipeline.yaml");
  NEED_CORPUS(p);
  Compiled c = compile(p);
  ASSERT_TRUE(c.r.ok);
  EXPECT_EQ(c.lint, "");
  const Json& wf = c.r.workflow;
  const Json* inner = find_template(wf, "inner-pipeline");
  ASSERT_TRUE(inner) << wf.dump(2);
  EXPECT_TRUE(inner->contains("dag"));
  EXPECT_TRUE((*inner)["inputs"].contains("parameters"));
}

TEST(ArgoEmit, RetryPolicyBecomesRetryStrategy) {
  fs::path p = ir("critical/pipeline_with_retry.yaml");
  NEED_CORPUS(p);
  Compiled c = compile(p);
  ASSERT_TRUE(c.r.ok);
  EXPECT_EQ(c.lint, "");
  const Json* add = find_template(c.r.workflow, "add");
  ASSERT_TRUE(add) << c.r.workflow.dump(2);
  ASSERT_TRUE(add->contains("retryStrategy"));
  EXPECT_EQ((*add)["retryStrategy"]["limit"], 3);
  EXPECT_EQ((*add)["retryStrategy"]["backoff"]["duration"], "0s");
  EXPECT_EQ((*add)["retryStrategy"]["backoff"]["factor"], 2);
  EXPECT_EQ((*add)["retryStrategy"]["backoff"]["maxDuration"], "3600s");
}

TEST(ArgoEmit, OutputIsDeterministic) {
  fs::path p = ir("pipeline_with_loops_and_conditions.yaml");
  NEED_CORPUS(p);
  Compiled a = compile(p), b = compile(p);
  ASSERT_TRUE(a.r.ok);
  EXPECT_EQ(a.r.text, b.r.text);
  EXPECT_EQ(a.lint, "");
}

// ArgoOptions::workflow_json only decides whether the Workflow also comes back
// as Json (the CLI and the page turn it off): the text is the same either way,
// and the Json, when asked for, is the document the text was written from.
TEST(ArgoEmit, WorkflowJsonIsOptionalAndTheSameDocument) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(KFP_TEST_DATA) / "ir"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  size_t compared = 0;
  for (const auto& p : files) {
    Analysis a = analyze({InputFile{p.filename().string(), slurp(p)}});
    ArgoOptions off;
    off.workflow_json = false;
    ArgoResult with = compile_to_argo(a), without = compile_to_argo(a, "", off);
    ASSERT_EQ(with.ok, without.ok) << p;
    if (!with.ok) continue;
    EXPECT_EQ(with.text, without.text) << p;
    EXPECT_TRUE(without.workflow.is_null()) << p;
    EXPECT_EQ(write_yaml(with.workflow), with.text) << p;
    ++compared;
  }
  EXPECT_GE(compared, 4u);
}
