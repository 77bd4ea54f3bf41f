// Compile-time Python a pipeline file runs around KFP: helper functions,
// str methods and os.path over constants, __file__, os.getenv, NamedTuple
// outputs (core/python/kfp_helper_call.cpp, kfp_pystr.cpp, kfp_namedtuple.cpp).
// Expected values are what CPython and KFP 2.15 give for the same file.
#include <gtest/gtest.h>

#include "core/api.h"
#include "python_run.h"

using namespace kfp;

namespace {

const char* kHeader = R"(import os
from typing import NamedTuple
from kfp import dsl, components, kubernetes
def echo_op(word, n=1):
    """Makes a component, as pipeline files often do."""
    return components.load_component_from_text("""
name: Echo %s
outputs:
- {name: out, type: String}
- {name: n, type: Integer}
implementation:
  container: {image: alpine, command: [echo, '%s', {outputPath: out}, {outputPath: n}]}
""" % (word, n))
)";

test_python::Run run(const std::string& body, const std::string& path = "dir/my_file.py") {
  return test_python::run_files({{path, std::string(kHeader) + body}});
}

}  // namespace

TEST(PythonHelpers, HelperFunctionsRunAtCompileTime) {
  auto r = run(
      "def gpu(task, kind: str, limit: int = 1):\n"
      "    task.set_accelerator_type(accelerator=kind)\n"
      "    if limit > 0:\n"
      "        task.set_accelerator_limit(limit)\n"
      "        return task\n"
      "    task.set_cpu_limit('1')  # not reached: the return above ends the call\n"
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    t = gpu(echo_op('hi', n=2)(), 'nvidia.com/gpu', limit=2)\n"
      "    t.set_display_name('shown')\n");
  ASSERT_EQ(r.diags, "");
  const Json& task = r.ir["root"]["dag"]["tasks"]["echo-hi"];
  EXPECT_EQ(task["taskInfo"]["name"], "shown");  // the helper returned the task itself
  const Json& c = r.ir["deploymentSpec"]["executors"]["exec-echo-hi"]["container"];
  EXPECT_EQ(c["command"][1], "2");  // '%s' % n with n=2 from the keyword
  EXPECT_EQ(c["resources"]["accelerator"]["resourceType"], "nvidia.com/gpu");
  EXPECT_EQ(c["resources"]["accelerator"]["resourceCount"], "2");
  EXPECT_FALSE(c["resources"].contains("cpuLimit"));
}

TEST(PythonHelpers, HelperErrorsAreTypeErrorsAtTheCall) {
  auto r = run("@dsl.pipeline(name='p')\ndef p():\n    echo_op()()\n");
  EXPECT_NE(r.diags.find("16:5 [python-kfp] TypeError: echo_op() missing 1 required positional argument: 'word'"),
            std::string::npos)
      << r.diags;
  auto deep = run("def f(x):\n    return f(x)\n@dsl.pipeline(name='p')\ndef p():\n    f(1)\n");
  EXPECT_NE(deep.diags.find("RecursionError"), std::string::npos) << deep.diags;
}

TEST(PythonHelpers, NamesFromFileAndStringMethods) {
  auto r = run("@dsl.pipeline(name=os.path.basename(__file__).removesuffix('.py') + '-{}'.format('x'))\n"
               "def p():\n    echo_op('-'.join(['a', 'b']).upper().replace('A', 'z'))()\n");
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(r.ir["pipelineInfo"]["name"], "my-file-x");  // my_file-x, k8s-sanitized as KFP does
  EXPECT_TRUE(r.ir["root"]["dag"]["tasks"].contains("echo-z-b"));
  // posixpath: an absolute part restarts the path; dirname drops the last part.
  auto paths = run("@dsl.pipeline(name='p')\ndef p():\n"
                   "    echo_op('w', os.path.join('a/', 'b', '/c', 'd') + '|' + os.path.dirname('/a/b/c.py'))()\n");
  ASSERT_EQ(paths.diags, "");
  const Json& execs = paths.ir["deploymentSpec"]["executors"];
  ASSERT_EQ(execs.size(), 1u);
  EXPECT_EQ(execs.begin().value()["container"]["command"][1], "/c/d|/a/b");
}

TEST(PythonHelpers, GetenvIsReadAsUnsetWithAWarning) {
  auto r = run("@dsl.component(kfp_package_path=os.getenv('KFP_PATH'))\ndef c():\n    pass\n"
               "@dsl.pipeline(name=os.environ.get('NAME', 'fallback'))\ndef p():\n    c()\n");
  EXPECT_NE(r.diags.find("14:33 [python-env] os.getenv('KFP_PATH') is read as unset"), std::string::npos) << r.diags;
  EXPECT_NE(r.diags.find("[python-env] os.environ.get('NAME')"), std::string::npos) << r.diags;
  EXPECT_EQ(r.ir["pipelineInfo"]["name"], "fallback");
  // The default can be any constant, as in Python.
  auto n = run("N = os.getenv('N', 3)\n@dsl.pipeline(name='p')\ndef p():\n    echo_op(N)()\n");
  EXPECT_TRUE(n.ir["root"]["dag"]["tasks"].contains("echo-3")) << n.diags;
}

TEST(PythonHelpers, NamedTupleOutputsOfAPipeline) {
  // A NamedTuple class bound at module level, called with a positional and a
  // keyword field; the outer pipeline returns task.outputs (a dict in KFP).
  AnalyzeOptions o;
  o.python_function = "whole";
  auto w = test_python::run_files({{"p.py", std::string(kHeader) +
                                                "Outs = NamedTuple('Outs', [('a', str), ('b', int)])\n"
                                                "@dsl.pipeline(name='inner')\n"
                                                "def inner() -> Outs:\n"
                                                "    t = echo_op('x')()\n"
                                                "    return Outs(t.outputs['out'], b=t.outputs['n'])\n"
                                                "@dsl.pipeline(name='whole')\n"
                                                "def whole() -> NamedTuple('O', out=str, n=int):\n"
                                                "    t = echo_op('y')()\n"
                                                "    i = inner()\n"
                                                "    return t.outputs\n"}},
                                  o);
  ASSERT_EQ(w.diags, "");
  const Json& outs = w.ir["root"]["dag"]["outputs"]["parameters"];
  EXPECT_EQ(outs["out"]["valueFromParameter"]["producerSubtask"], "echo-y");
  EXPECT_EQ(outs["out"]["valueFromParameter"]["outputParameterKey"], "out");
  EXPECT_EQ(outs["n"]["valueFromParameter"]["outputParameterKey"], "n");
  EXPECT_EQ(w.ir["root"]["outputDefinitions"]["parameters"]["n"]["parameterType"], "NUMBER_INTEGER");
  const Json& inner = w.ir["components"]["comp-inner"];
  EXPECT_EQ(inner["dag"]["outputs"]["parameters"]["a"]["valueFromParameter"]["outputParameterKey"], "out");
  EXPECT_EQ(inner["dag"]["outputs"]["parameters"]["b"]["valueFromParameter"]["outputParameterKey"], "n");
  EXPECT_EQ(inner["outputDefinitions"]["parameters"]["b"]["parameterType"], "NUMBER_INTEGER");
  // A field missing from the call is Python's TypeError, at the call.
  o.python_function = "";
  auto bad = test_python::run_files({{"p.py", std::string(kHeader) +
                                                  "Outs = NamedTuple('Outs', [('a', str), ('b', int)])\n"
                                                  "@dsl.pipeline(name='inner')\n"
                                                  "def inner() -> Outs:\n"
                                                  "    t = echo_op('x')()\n"
                                                  "    return Outs(t.outputs['out'])\n"}},
                                    o);
  EXPECT_NE(bad.diags.find("18:12 [python-kfp] TypeError: the NamedTuple call is missing the field 'b'"),
            std::string::npos)
      << bad.diags;
}

TEST(PythonHelpers, CollectionsNamedtupleInsideThePipeline) {
  auto r = run(
      "import collections\n"
      "@dsl.pipeline(name='p')\n"
      "def p() -> NamedTuple('Outputs', [('a', str), ('b', int)]):\n"
      "    t = echo_op('x')()\n"
      "    out = collections.namedtuple('Outputs', 'a, b')\n"
      "    return out(t.outputs['out'], t.outputs['n'])\n");
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(r.ir["root"]["dag"]["outputs"]["parameters"]["b"]["valueFromParameter"]["outputParameterKey"], "n");
}

TEST(PythonHelpers, ArtifactClassesDefinedInTheFile) {
  auto r = run(
      "class VertexDataset(dsl.Artifact):\n"
      "    \"\"\"A GCPC-style type.\"\"\"\n"
      "    schema_title = 'google.VertexDataset'\n"
      "class Mine(VertexDataset):\n"
      "    schema_version = '1.2.3'\n"
      "@dsl.container_component\n"
      "def use(d: dsl.Input[Mine], out: dsl.Output[VertexDataset]):\n"
      "    return dsl.ContainerSpec(image='alpine', command=['cp', d.path, out.path])\n"
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    i = dsl.importer(artifact_uri='gs://b/x', artifact_class=Mine)\n"
      "    use(d=i.output)\n");
  ASSERT_EQ(r.diags, "");
  const Json& c = r.ir["components"]["comp-use"];
  EXPECT_EQ(c["inputDefinitions"]["artifacts"]["d"]["artifactType"],
            Json({{"schemaTitle", "google.VertexDataset"}, {"schemaVersion", "1.2.3"}}));
  EXPECT_EQ(c["outputDefinitions"]["artifacts"]["out"]["artifactType"]["schemaVersion"], "0.0.1");
  // A class that is not an artifact class stays something this reader cannot use.
  auto bad = run("class C:\n    pass\n@dsl.component\ndef use(d: dsl.Input[C]):\n    pass\n");
  EXPECT_NE(bad.diags.find("17:22 [python-type] unsupported type annotation 'C' for 'd'"), std::string::npos)
      << bad.diags;
}

TEST(PythonHelpers, ComponentCompiledToAFileAndLoadedBack) {
  // KFP's idiom: compile a component into a temporary directory at import
  // time and load it back. The loaded component keeps its container but, as
  // read from IR, its output is plain LIST: a loop over it has String items.
  auto r = run(
      "import tempfile\n"
      "from typing import List, Dict\n"
      "from kfp import compiler\n"
      "@dsl.component\n"
      "def maker() -> List[Dict[str, int]]:\n"
      "    return [{'a': 1}]\n"
      "with tempfile.TemporaryDirectory() as tmpdir:\n"
      "    path = os.path.join(tmpdir, 'maker.yaml')\n"
      "    compiler.Compiler().compile(pipeline_func=maker, package_path=path)\n"
      "    loaded = components.load_component_from_file(path)\n"
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    with dsl.ParallelFor(items=maker().output) as a:\n"
      "        echo_op(a.a)()\n"
      "    with dsl.ParallelFor(items=loaded().output) as b:\n"
      "        echo_op(b)()\n");
  ASSERT_EQ(r.diags, "");
  const Json& comps = r.ir["components"];
  EXPECT_EQ(comps["comp-maker"]["outputDefinitions"], comps["comp-maker-2"]["outputDefinitions"]);
  EXPECT_EQ(r.ir["deploymentSpec"]["executors"]["exec-maker"], r.ir["deploymentSpec"]["executors"]["exec-maker-2"]);
  EXPECT_EQ(comps["comp-for-loop-1"]["inputDefinitions"]["parameters"]["pipelinechannel--maker-Output-loop-item"]
                 ["parameterType"],
            "STRUCT");
  EXPECT_EQ(comps["comp-for-loop-2"]["inputDefinitions"]["parameters"]["pipelinechannel--maker-2-Output-loop-item"]
                 ["parameterType"],
            "STRING");
}
