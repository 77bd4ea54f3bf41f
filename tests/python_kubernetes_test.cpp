// kfp.kubernetes in the Python front-end (core/python/kfp_kubernetes.cpp,
// kfp_kubernetes_pvc.cpp). Expected fragments were checked by hand against
// kfp-kubernetes (kfp/kubernetes/volume.py, node_affinity.py,
// node_selector.py, toleration.py, common.py) and against KFP's compiled
// test_data/sdk_compiled_pipelines/valid/pipeline_with_volume.yaml and
// critical/missing_kubernetes_optional_inputs.yaml.
#include <gtest/gtest.h>

#include "core/api.h"
#include "core/emit/argo.h"
#include "core/emit/ir.h"
#include "python_run.h"

using namespace kfp;

namespace {

using test_python::Run;

Run run(const std::string& py) { return test_python::run_files({{"p.py", py}}); }

// The `platforms` document's config for one executor.
Json k8s_of(const Run& r, const std::string& exec) {
  const auto& p = r.a.ws.file(0).pipeline;
  if (!p || !p->platform_spec) return Json();
  return (*p->platform_spec)["platforms"]["kubernetes"]["deploymentSpec"]["executors"].value(exec, Json());
}

const char* kHeader = R"(from typing import Dict, List, Optional
from kfp import dsl, kubernetes

@dsl.container_component
def work():
    return dsl.ContainerSpec(image='alpine', command=['ls', '/data'])

)";

}  // namespace

TEST(PythonKubernetes, CreatePvcMountAndDeletePvc) {
  auto r = run(std::string(kHeader) +
               "@dsl.pipeline\n"
               "def p():\n"
               "    pvc = kubernetes.CreatePVC(pvc_name_suffix='-my-pvc', access_modes=['ReadWriteOnce'],\n"
               "                               size='5Mi', storage_class_name='standard')\n"
               "    t = work()\n"
               "    kubernetes.mount_pvc(t, pvc_name=pvc.outputs['name'], mount_path='/data')\n"
               "    kubernetes.DeletePVC(pvc_name=pvc.outputs['name']).after(t).set_caching_options(False)\n");
  ASSERT_EQ(r.diags, "");
  // CreatePVC is a container component: its interface from the signature.
  const Json& create = r.ir["components"]["comp-createpvc"];
  EXPECT_EQ(create["executorLabel"], "exec-createpvc");
  const Json& in = create["inputDefinitions"]["parameters"];
  EXPECT_EQ(in["access_modes"]["parameterType"], "LIST");
  EXPECT_FALSE(in["access_modes"].contains("isOptional"));
  EXPECT_EQ(in["access_modes"]["description"], "Values for ``PersistentVolumeClaim.spec.accessModes``.");
  EXPECT_EQ(in["size"]["parameterType"], "STRING");
  EXPECT_FALSE(in["size"].contains("isOptional"));
  EXPECT_EQ(in["storage_class_name"]["defaultValue"], "");
  EXPECT_EQ(in["storage_class_name"]["isOptional"], true);
  EXPECT_FALSE(in["pvc_name"].contains("defaultValue"));  // None: optional, no default
  EXPECT_EQ(in["annotations"]["parameterType"], "STRUCT");
  EXPECT_EQ(in["data_source"]["parameterType"], "STRUCT");
  EXPECT_EQ(in.size(), 8u);
  EXPECT_EQ(create["outputDefinitions"], Json::parse(R"({"parameters": {"name": {"parameterType": "STRING"}}})"));
  // The stub images KFP's backend replaces; no command or args.
  EXPECT_EQ(r.ir["deploymentSpec"]["executors"]["exec-createpvc"],
            Json::parse(R"({"container": {"image": "argostub/createpvc"}})"));
  EXPECT_EQ(r.ir["deploymentSpec"]["executors"]["exec-deletepvc"],
            Json::parse(R"({"container": {"image": "argostub/deletepvc"}})"));
  EXPECT_EQ(r.ir["components"]["comp-deletepvc"]["inputDefinitions"]["parameters"]["pvc_name"]["parameterType"],
            "STRING");

  const Json& tasks = r.ir["root"]["dag"]["tasks"];
  EXPECT_EQ(tasks["createpvc"]["inputs"]["parameters"], Json::parse(R"({
    "access_modes": {"runtimeValue": {"constant": ["ReadWriteOnce"]}},
    "pvc_name_suffix": {"runtimeValue": {"constant": "-my-pvc"}},
    "size": {"runtimeValue": {"constant": "5Mi"}},
    "storage_class_name": {"runtimeValue": {"constant": "standard"}}})"));
  // mount_pvc with a task output makes the task run after its producer.
  EXPECT_EQ(tasks["work"]["dependentTasks"], Json::array({"createpvc"}));
  EXPECT_EQ(tasks["deletepvc"]["dependentTasks"], Json::array({"createpvc", "work"}));
  EXPECT_EQ(tasks["deletepvc"]["inputs"]["parameters"]["pvc_name"]["taskOutputParameter"],
            Json::parse(R"({"outputParameterKey": "name", "producerTask": "createpvc"})"));
  EXPECT_EQ(tasks["deletepvc"]["cachingOptions"], Json::object());
  // The mount: the parameter form and the deprecated pvc_reference oneof.
  EXPECT_EQ(k8s_of(r, "exec-work"), Json::parse(R"({"pvcMount": [{
    "mountPath": "/data",
    "pvcNameParameter": {"taskOutputParameter": {"outputParameterKey": "name", "producerTask": "createpvc"}},
    "taskOutputParameter": {"outputParameterKey": "name", "producerTask": "createpvc"}}]})"));
  EXPECT_TRUE(k8s_of(r, "exec-createpvc").is_null());
}

TEST(PythonKubernetes, CreatePvcChecksItsArguments) {
  auto r = run(std::string(kHeader) +
               "@dsl.pipeline\n"
               "def p():\n"
               "    pvc = kubernetes.CreatePVC(access_modes=['ReadWriteOnce'])\n");
  // At the call, as for any component (size has no default).
  EXPECT_EQ(r.diags, "10:11 [python-call] TypeError: createpvc() missing 1 required argument: size.\n");
}

TEST(PythonKubernetes, JsonHelpersTakePipelineParameters) {
  auto r = run(std::string(kHeader) +
               "@dsl.pipeline\n"
               "def p(aff: Optional[Dict[str, str]] = None, sel: Optional[Dict[str, str]] = None,\n"
               "      tol: Optional[List[Dict[str, str]]] = None):\n"
               "    t = work()\n"
               "    kubernetes.add_node_affinity_json(task=t, node_affinity_json={'requiredDuringScheduling"
               "IgnoredDuringExecution': {}})\n"
               "    kubernetes.add_node_affinity_json(task=t, node_affinity_json=aff)\n"
               "    kubernetes.add_node_selector_json(task=t, node_selector_json=sel)\n"
               "    kubernetes.add_toleration_json(task=t, toleration_json=tol)\n");
  ASSERT_EQ(r.diags, "");
  // A second JSON affinity replaces the first (add_node_affinity_json drops earlier JSON terms).
  EXPECT_EQ(k8s_of(r, "exec-work"), Json::parse(R"({
    "nodeAffinity": [{"nodeAffinityJson": {"componentInputParameter": "aff"}}],
    "nodeSelector": {"nodeSelectorJson": {"componentInputParameter": "sel"}},
    "tolerations": [{"tolerationJson": {"componentInputParameter": "tol"}}]})"));
  EXPECT_EQ(r.ir["root"]["inputDefinitions"]["parameters"]["tol"]["parameterType"], "LIST");
}

TEST(PythonKubernetes, JsonHelpersTakeConstants) {
  auto r = run(std::string(kHeader) +
               "@dsl.pipeline\n"
               "def p():\n"
               "    t = work()\n"
               "    kubernetes.add_node_selector_json(t, {'disk': 'ssd'})\n"
               "    kubernetes.add_toleration_json(t, [{'key': 'k', 'operator': 'Equal', 'value': 'v',\n"
               "                                        'effect': 'NoSchedule', 'toleration_seconds': 30},\n"
               "                                       {'operator': 'Exists', 'value': ''}])\n"
               "    kubernetes.add_toleration_json(t, {'key': 'gpu', 'operator': 'Exists'})\n");
  ASSERT_EQ(r.diags, "");
  // A dict / list of dicts is unpacked into add_toleration calls (int64 as text,
  // empty strings are proto3 defaults and not written).
  EXPECT_EQ(k8s_of(r, "exec-work"), Json::parse(R"({
    "nodeSelector": {"nodeSelectorJson": {"runtimeValue": {"constant": {"disk": "ssd"}}}},
    "tolerations": [
      {"effect": "NoSchedule", "key": "k", "operator": "Equal", "tolerationSeconds": "30", "value": "v"},
      {"operator": "Exists"},
      {"key": "gpu", "operator": "Exists"}]})"));
}

TEST(PythonKubernetes, JsonHelpersRefuseWhatKfpRefuses) {
  auto r = run(std::string(kHeader) +
               "@dsl.pipeline\n"
               "def p(s: str = 'x'):\n"
               "    t = work()\n"
               "    kubernetes.add_toleration_json(t, 'key=v')\n"
               "    kubernetes.add_node_affinity_json(t, {'nodeSelectorTerms': []})\n"
               "    kubernetes.add_node_selector_json(t, None)\n"
               "    kubernetes.add_toleration_json(t, [{'key': 1}])\n");
  EXPECT_NE(r.diags.find("11:39 [python-kfp] ValueError: toleration_json must be a dict, list, or input parameter"),
            std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("12:42 [python-kfp] ValueError: Invalid V1NodeAffinity JSON: __init__() got an unexpected "
                         "keyword argument 'node_selector_terms'"),
            std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("13:42 "), std::string::npos) << r.diags;
  EXPECT_NE(r.diags.find("must be an instance of str, dict, or PipelineChannel"), std::string::npos) << r.diags;
  EXPECT_NE(r.diags.find("14:39 "), std::string::npos) << r.diags;
  EXPECT_NE(r.diags.find("'key' must be a string"), std::string::npos) << r.diags;
}

TEST(PythonKubernetes, NodeAffinityTerms) {
  auto r = run(std::string(kHeader) +
               "@dsl.pipeline\n"
               "def p():\n"
               "    t = work()\n"
               "    kubernetes.add_node_affinity(t, match_expressions=[{'key': 'zone', 'operator': 'In',\n"
               "                                                      'values': ['a', 'b']}], weight=10)\n"
               "    kubernetes.add_node_affinity(t, match_fields=[{'key': 'metadata.name', 'operator': 'Exists'}])\n");
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(k8s_of(r, "exec-work"), Json::parse(R"({"nodeAffinity": [
    {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}], "weight": 10},
    {"matchFields": [{"key": "metadata.name", "operator": "Exists"}]}]})"));
  auto bad = run(std::string(kHeader) +
                 "@dsl.pipeline\n"
                 "def p():\n"
                 "    kubernetes.add_node_affinity(work(), match_expressions=[{'key': 'z', 'operator': 'Is'}])\n");
  EXPECT_EQ(bad.diags,
            "10:60 [python-kfp] ValueError: Invalid operator 'Is' for key 'z' in match_expression. Must be one of "
            "['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'].\n");
}

TEST(PythonKubernetes, CreatePvcImportedByName) {
  auto r = run("from kfp import dsl\n"
               "from kfp.kubernetes import CreatePVC, DeletePVC\n"
               "@dsl.pipeline\n"
               "def p():\n"
               "    pvc = CreatePVC(pvc_name='fixed', access_modes=['ReadWriteMany'], size='1Gi')\n"
               "    DeletePVC(pvc_name=pvc.outputs['name'])\n");
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(r.ir["root"]["dag"]["tasks"]["createpvc"]["inputs"]["parameters"]["pvc_name"]["runtimeValue"]["constant"],
            "fixed");
  EXPECT_EQ(r.ir["root"]["dag"]["tasks"]["deletepvc"]["dependentTasks"], Json::array({"createpvc"}));
  // Argo output keeps the stub images, and says plain Argo cannot run them.
  ArgoResult argo = compile_to_argo(r.a);
  std::string warnings;
  for (const auto& d : argo.diagnostics) warnings += std::to_string(d.span.begin.line) + " " + d.message() + "\n";
  EXPECT_NE(warnings.find("5 the KFP backend stub image 'argostub/createpvc' in task 'createpvc' is not supported"),
            std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("6 the KFP backend stub image 'argostub/deletepvc'"), std::string::npos) << warnings;
}
