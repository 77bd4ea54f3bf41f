// Resource setters given channels, and the pipeline-level workspace
// (core/python/kfp_pipeline.cpp task_method, kfp_build.cpp task_spec /
// task_component, kfp_pipeline_config.cpp). Expected IR fragments are KFP
// 2.15's, checked by hand against kfp/dsl/pipeline_task.py (a channel is kept
// as str(channel)), compiler/pipeline_spec_builder.py
// build_task_spec_for_task (the field becomes a task input under its
// ResourceSpec name), build_container_spec_for_task (convert_to_placeholder;
// the typed fields only for constants), _merge_pipeline_config, and
// dsl/graph_component.py _validate_workspace_requirements; and against the
// goldens pipeline_with_string_machine_fields_*.yaml and
// critical/pipeline_with_workspace.yaml.
#include <gtest/gtest.h>

#include "core/api.h"
#include "core/emit/ir.h"
#include "python_run.h"

using namespace kfp;

namespace {

using test_python::Run;

Run run(const std::string& py) { return test_python::run_files({{"p.py", py}}); }

const char* kHeader = R"(from kfp import dsl

@dsl.component
def add(a: int, b: int) -> int:
    return a + b

@dsl.component
def echo(s: str) -> str:
    return s

@dsl.component
def text() -> str:
    return '2'

@dsl.component
def make(out: dsl.Output[dsl.Dataset]):
    pass
)";

std::string with_header(const std::string& body) { return std::string(kHeader) + body; }

// Lines of kHeader, so that expected positions read as lines of the body.
int header_lines() {
  int n = 0;
  for (const char* c = kHeader; *c; ++c) n += *c == '\n';
  return n;
}

Json constant_input(const std::string& s) { return Json{{"runtimeValue", {{"constant", s}}}}; }

}  // namespace

TEST(PythonResources, PipelineParametersBecomePlaceholdersAndTaskInputs) {
  auto r = run(with_header(
      "@dsl.pipeline\n"
      "def p(cpu: str = '2', mem: str = '1G', gpu: str = 'NVIDIA_TESLA_T4'):\n"
      "    t = add(a=1, b=2)\n"
      "    t.set_cpu_request(cpu).set_memory_limit(mem)\n"
      "    t.set_accelerator_type(gpu)\n"));
  ASSERT_EQ(r.diags, "");
  const Json& res = r.ir["deploymentSpec"]["executors"]["exec-add"]["container"]["resources"];
  EXPECT_EQ(res["resourceCpuRequest"], "{{$.inputs.parameters['pipelinechannel--cpu']}}");
  EXPECT_EQ(res["resourceMemoryLimit"], "{{$.inputs.parameters['pipelinechannel--mem']}}");
  // No typed cpuRequest / memoryLimit for a placeholder.
  EXPECT_FALSE(res.contains("cpuRequest"));
  EXPECT_FALSE(res.contains("memoryLimit"));
  // set_accelerator_type defaults the count to '1', a constant: it keeps the
  // typed count; the type, a placeholder, has none.
  EXPECT_EQ(res["accelerator"],
            Json::parse(R"({"resourceType": "{{$.inputs.parameters['pipelinechannel--gpu']}}",
                            "resourceCount": "1", "count": "1"})"));
  const Json& in = r.ir["root"]["dag"]["tasks"]["add"]["inputs"]["parameters"];
  EXPECT_EQ(in["cpu_request"], constant_input("{{$.inputs.parameters['pipelinechannel--cpu']}}"));
  EXPECT_EQ(in["memory_limit"], constant_input("{{$.inputs.parameters['pipelinechannel--mem']}}"));
  EXPECT_EQ(in["accelerator_type"], constant_input("{{$.inputs.parameters['pipelinechannel--gpu']}}"));
  EXPECT_EQ(in["pipelinechannel--cpu"], Json::parse(R"({"componentInputParameter": "cpu"})"));
  EXPECT_EQ(in["pipelinechannel--mem"], Json::parse(R"({"componentInputParameter": "mem"})"));
  EXPECT_EQ(in["pipelinechannel--gpu"], Json::parse(R"({"componentInputParameter": "gpu"})"));
  EXPECT_FALSE(in.contains("accelerator_count"));  // '1' holds no channel
  // The component's interface is unchanged.
  EXPECT_EQ(r.ir["components"]["comp-add"]["inputDefinitions"]["parameters"].size(), 2u);
}

TEST(PythonResources, TaskOutputsAreReadWithoutADependency) {
  auto r = run(with_header(
      "@dsl.pipeline\n"
      "def p():\n"
      "    t = add(a=1, b=2)\n"
      "    t.set_cpu_limit(text().output)\n"
      "    t.set_accelerator_limit(text().output)\n"));
  ASSERT_EQ(r.diags, "");
  const Json& task = r.ir["root"]["dag"]["tasks"]["add"];
  EXPECT_EQ(task["inputs"]["parameters"]["cpu_limit"],
            constant_input("{{$.inputs.parameters['pipelinechannel--text-Output']}}"));
  EXPECT_EQ(task["inputs"]["parameters"]["pipelinechannel--text-Output"],
            Json::parse(R"({"taskOutputParameter": {"producerTask": "text", "outputParameterKey": "Output"}})"));
  EXPECT_EQ(task["inputs"]["parameters"]["accelerator_count"],
            constant_input("{{$.inputs.parameters['pipelinechannel--text-2-Output']}}"));
  // KFP's setters do not register the channel: no dependentTasks.
  EXPECT_FALSE(task.contains("dependentTasks"));
  const Json& res = r.ir["deploymentSpec"]["executors"]["exec-add"]["container"]["resources"];
  EXPECT_EQ(res["resourceCpuLimit"], "{{$.inputs.parameters['pipelinechannel--text-Output']}}");
  // A count from a channel, no type: the accelerator block has only the placeholder.
  EXPECT_EQ(res["accelerator"],
            Json::parse(R"({"resourceCount": "{{$.inputs.parameters['pipelinechannel--text-2-Output']}}"})"));
}

TEST(PythonResources, AConstantAfterAChannelReplacesIt) {
  auto r = run(with_header(
      "@dsl.pipeline\n"
      "def p(cpu: str = '2'):\n"
      "    t = add(a=1, b=2)\n"
      "    t.set_cpu_limit(cpu)\n"
      "    t.set_cpu_limit('500m')\n"));
  ASSERT_EQ(r.diags, "");
  const Json& res = r.ir["deploymentSpec"]["executors"]["exec-add"]["container"]["resources"];
  EXPECT_EQ(res["resourceCpuLimit"], "500m");
  EXPECT_DOUBLE_EQ(res["cpuLimit"].get<double>(), 0.5);
  EXPECT_FALSE(r.ir["root"]["dag"]["tasks"]["add"]["inputs"]["parameters"].contains("cpu_limit"));
}

TEST(PythonResources, InsideAConditionTheChannelMustReachTheDag) {
  // `cpu` reaches comp-condition-1 because echo there takes it.
  auto ok = run(with_header(
      "@dsl.pipeline\n"
      "def p(cpu: str = '2', n: int = 1):\n"
      "    with dsl.If(n == 1):\n"
      "        echo(s=cpu)\n"
      "        add(a=1, b=2).set_cpu_limit(cpu)\n"));
  ASSERT_EQ(ok.diags, "");
  const Json& in = ok.ir["components"]["comp-condition-1"]["dag"]["tasks"]["add"]["inputs"]["parameters"];
  EXPECT_EQ(in["cpu_limit"], constant_input("{{$.inputs.parameters['pipelinechannel--cpu']}}"));
  EXPECT_EQ(in["pipelinechannel--cpu"], Json::parse(R"({"componentInputParameter": "pipelinechannel--cpu"})"));

  // Nothing brings `cpu` into the condition's DAG: KFP would reference an
  // input the DAG does not have (a task output from outside fails its
  // assertion), so it is refused at the setter's argument.
  auto bad = run(with_header(
      "@dsl.pipeline\n"
      "def p(cpu: str = '2', n: int = 1):\n"
      "    with dsl.If(n == 1):\n"
      "        add(a=1, b=2).set_cpu_limit(cpu)\n"));
  EXPECT_EQ(bad.diags.rfind(std::to_string(header_lines() + 4) + ":37 [python-unsupported] a channel from outside the "
                                                                 "task's DAG (here 'cpu')",
                            0),
            0u)
      << bad.diags;
}

TEST(PythonResources, UnsupportedAndInvalidValuesAreDiagnosed) {
  auto art = run(with_header(
      "@dsl.pipeline\n"
      "def p():\n"
      "    m = make()\n"
      "    add(a=1, b=2).set_memory_limit(m.output)\n"));
  EXPECT_EQ(art.diags.rfind(std::to_string(header_lines() + 4) + ":36 [python-unsupported] an artifact", 0), 0u)
      << art.diags;
  // An f-string holding a channel is a str: KFP's format check refuses it.
  auto fstr = run(with_header(
      "@dsl.pipeline\n"
      "def p(n: str = '2'):\n"
      "    add(a=1, b=2).set_cpu_limit(f'{n}m')\n"));
  EXPECT_NE(fstr.diags.find("[python-kfp] ValueError: Invalid cpu string."), std::string::npos) << fstr.diags;
  // Other setters still take constants only.
  auto env = run(with_header(
      "@dsl.pipeline\n"
      "def p(n: str = '2'):\n"
      "    add(a=1, b=2).set_display_name(n)\n"));
  EXPECT_NE(env.diags.find("[python-unsupported] a pipeline parameter as the value of .set_display_name()"),
            std::string::npos)
      << env.diags;
}

TEST(PythonWorkspace, PipelineConfigGoesToThePlatformsDocument) {
  auto r = run(with_header(
      "cfg = dsl.PipelineConfig(\n"
      "    workspace=dsl.WorkspaceConfig(size=' 2Gi ', kubernetes=dsl.KubernetesWorkspaceConfig(\n"
      "        pvcSpecPatch={'storageClassName': 'standard', 'resources': {'n': 5}})),\n"
      "    ttl_seconds_after_finished=60, ttl_seconds_after_failure=0)\n"
      "@dsl.pipeline(pipeline_config=cfg)\n"
      "def p():\n"
      "    echo(s=dsl.WORKSPACE_PATH_PLACEHOLDER)\n"));
  ASSERT_EQ(r.diags, "");
  ASSERT_TRUE(r.a.ws.file(0).pipeline && r.a.ws.file(0).pipeline->platform_spec);
  // The size is stripped; a Struct's numbers are doubles; a zero TTL is left out.
  EXPECT_EQ(*r.a.ws.file(0).pipeline->platform_spec, Json::parse(R"({"platforms": {"kubernetes": {"pipelineConfig": {
      "resourceTtlOnCompletion": 60,
      "workspace": {"size": "2Gi", "kubernetes": {"pvcSpecPatch": {"storageClassName": "standard",
                                                                   "resources": {"n": 5.0}}}}}}}})"));
  EXPECT_TRUE((*r.a.ws.file(0).pipeline->platform_spec)["platforms"]["kubernetes"]["pipelineConfig"]["workspace"]
                  ["kubernetes"]["pvcSpecPatch"]["resources"]["n"]
                      .is_number_float());
  EXPECT_EQ(r.ir["root"]["dag"]["tasks"]["echo"]["inputs"]["parameters"]["s"], constant_input("{{$.workspace_path}}"));
}

TEST(PythonWorkspace, DefaultsAndEmptyConfig) {
  // KubernetesWorkspaceConfig() defaults to an empty patch, written as {}.
  auto r = run(with_header(
      "@dsl.pipeline(pipeline_config=dsl.PipelineConfig(workspace=dsl.WorkspaceConfig('1Gi')))\n"
      "def p():\n"
      "    text()\n"));
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(*r.a.ws.file(0).pipeline->platform_spec, Json::parse(R"({"platforms": {"kubernetes": {"pipelineConfig":
      {"workspace": {"size": "1Gi", "kubernetes": {"pvcSpecPatch": {}}}}}}})"));
  // An empty PipelineConfig writes nothing.
  auto e = run(with_header(
      "@dsl.pipeline(pipeline_config=dsl.PipelineConfig())\n"
      "def p():\n"
      "    text()\n"));
  ASSERT_EQ(e.diags, "");
  EXPECT_FALSE(e.a.ws.file(0).pipeline->platform_spec.has_value());
}

TEST(PythonWorkspace, KfpsRefusalsAreReportedWhereKfpRaises) {
  const int h = header_lines();
  auto no_cfg = run(with_header(
      "@dsl.pipeline\n"
      "def p():\n"
      "    echo(s=dsl.WORKSPACE_PATH_PLACEHOLDER)\n"));
  EXPECT_EQ(no_cfg.diags, std::to_string(h + 3) +
                              ":12 [python-kfp] ValueError: Workspace features are used (e.g., "
                              "dsl.WORKSPACE_PATH_PLACEHOLDER) but PipelineConfig.workspace.size is not set.\n");
  auto mount = run(with_header(
      "@dsl.pipeline\n"
      "def p():\n"
      "    echo(s='/kfp-workspace/data')\n"));
  EXPECT_NE(mount.diags.find("Workspace features are used"), std::string::npos) << mount.diags;
  auto importer = run(with_header(
      "@dsl.pipeline\n"
      "def p():\n"
      "    dsl.importer(artifact_uri='gs://b/f', artifact_class=dsl.Dataset, download_to_workspace=True)\n"));
  EXPECT_EQ(importer.diags.rfind(std::to_string(h + 3) +
                                     ":5 [python-kfp] ValueError: dsl.importer(download_to_workspace=True) requires "
                                     "PipelineConfig(workspace=...)",
                                 0),
            0u)
      << importer.diags;
  auto size = run(with_header(
      "@dsl.pipeline(pipeline_config=dsl.PipelineConfig(workspace=dsl.WorkspaceConfig(size='10 GB')))\n"
      "def p():\n"
      "    text()\n"));
  EXPECT_EQ(size.diags, std::to_string(h + 1) +
                            ":85 [python-kfp] ValueError: Workspace size \"10 GB\" is invalid. Must be a valid "
                            "Kubernetes resource quantity (e.g., \"10Gi\", \"500Mi\", \"1Ti\")\n");
  auto ttl = run(with_header(
      "@dsl.pipeline(pipeline_config=dsl.PipelineConfig(active_deadline_seconds=-1))\n"
      "def p():\n"
      "    text()\n"));
  EXPECT_NE(ttl.diags.find("ValueError: active_deadline_seconds must be a non-negative integer. Got: -1"),
            std::string::npos)
      << ttl.diags;
  auto wrong = run(with_header(
      "@dsl.pipeline(pipeline_config={'workspace': {'size': '1Gi'}})\n"
      "def p():\n"
      "    text()\n"));
  EXPECT_NE(wrong.diags.find(std::to_string(h + 1) + ":31 [python-value] @dsl.pipeline(pipeline_config=...) "
                                                     "takes a dsl.PipelineConfig(...)"),
            std::string::npos)
      << wrong.diags;
}

TEST(PythonWorkspace, AnInnerPipelinesConfigLeavesAnEmptyPlatformEntry) {
  // merge_platform_specs makes an entry per platform of the inner pipeline;
  // the inner pipelineConfig itself is not carried over.
  AnalyzeOptions o;
  o.python_function = "outer";
  auto out = test_python::run_files({{"p.py", with_header(
                                                  "@dsl.pipeline(pipeline_config=dsl.PipelineConfig(workspace="
                                                  "dsl.WorkspaceConfig('1Gi')))\n"
                                                  "def inner():\n"
                                                  "    text()\n"
                                                  "@dsl.pipeline\n"
                                                  "def outer():\n"
                                                  "    inner()\n")}},
                                    o);
  ASSERT_EQ(out.diags, "");
  ASSERT_TRUE(out.a.ws.file(0).pipeline->platform_spec.has_value());
  EXPECT_EQ(*out.a.ws.file(0).pipeline->platform_spec, Json::parse(R"({"platforms": {"kubernetes": {}}})"));
}
