// Control flow of the Python front-end (core/python/kfp_groups.cpp,
// kfp_build.cpp, kfp_importer.cpp): dsl.If/Elif/Else/Condition,
// dsl.ParallelFor, dsl.Collected, dsl.ExitHandler, dsl.importer, pipelines
// inside pipelines, f-strings with channels.
//
// Fixtures: tests/data/python/control_flow/<case>.py mirror pipelines of
// kubeflow/pipelines test_data/sdk_compiled_pipelines/valid with their
// components loaded from YAML text; <case>.ir.yaml is what they compile to
// (sdkVersion kfpc-test). The `components`, `root` and `pipelineInfo`
// sections (and the `platforms` document) of each expected file were compared,
// as data, with KFP's own compiled YAML of the mirrored pipeline: equal but
// for the executors and for `Output` being `output` (KFP lower-cases a v1
// component's output names when it loads YAML). UPDATE_EXPECTED=1 rewrites
// them; review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/api.h"
#include "core/emit/ir.h"
#include "python_run.h"
#include "test_files.h"

namespace fs = std::filesystem;
using namespace kfp;

namespace {

const char* kComponents = R"(from kfp import dsl, components
flip = components.load_component_from_text('''
name: flip-coin-op
outputs:
- {name: Output, type: String}
implementation:
  container: {image: alpine, command: [sh, -c, 'echo heads > "$0"', {outputPath: Output}]}
''')
show = components.load_component_from_text('''
name: print-op
inputs:
- {name: msg, type: String}
implementation:
  container: {image: alpine, command: [echo, {inputValue: msg}]}
''')
num = components.load_component_from_text('''
name: num
inputs:
- {name: x, type: Integer}
outputs:
- {name: Output, type: Integer}
implementation:
  container: {image: alpine, command: [sh, -c, 'echo "$0" > "$1"', {inputValue: x}, {outputPath: Output}]}
''')
gen = components.load_component_from_text('''
name: gen
outputs:
- {name: Output, type: JsonArray}
implementation:
  container: {image: alpine, command: [sh, -c, 'echo [1] > "$0"', {outputPath: Output}]}
''')
total = components.load_component_from_text('''
name: total
inputs:
- {name: nums, type: JsonArray}
implementation:
  container: {image: alpine, command: [echo, {inputValue: nums}]}
''')
)";

using test_python::Run;

Run run(const std::string& body) { return test_python::run_files({{"p.py", std::string(kComponents) + body}}); }

}  // namespace

TEST(PythonControlFlow, FixturesCompileToExpectedIr) {
  fs::path dir = fs::path(KFP_TEST_DATA) / "python" / "control_flow";
  bool update = std::getenv("UPDATE_EXPECTED") != nullptr;
  int n = 0;
  for (const auto& ent : fs::directory_iterator(dir)) {
    if (ent.path().extension() != ".py") continue;
    ++n;
    std::string name = ent.path().filename().string();
    Analysis a = analyze({{name, test_files::slurp(ent.path())}});
    CompileOptions o;
    o.sdk_version = "kfpc-test";
    CompileResult r = compile_to_ir(a, o);
    std::string errs;
    for (const auto& d : r.diagnostics)
      errs += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " " + d.message() + "\n";
    ASSERT_TRUE(r.ok()) << name << "\n" << errs;
    fs::path expected = dir / (ent.path().stem().string() + ".ir.yaml");
    if (update) {
      std::ofstream(expected, std::ios::binary) << r.text;
      continue;
    }
    EXPECT_EQ(r.text, test_files::slurp(expected)) << name;
  }
  EXPECT_GE(n, 4);
}

TEST(PythonControlFlow, IfElifElseNumbersAndConditionsAsKfp) {
  // KFP: the If takes id 1; Elif wraps the chain in condition-branches,
  // swapping ids (wrapper 1, If 2); Elif 3, Else 4. Conditions carry the
  // negations of the earlier branches; an int channel is read as int(...).
  auto r = run(
      "@dsl.pipeline(name='p')\n"
      "def p(n: int = 1):\n"
      "    f = flip()\n"
      "    with dsl.If(f.output == 'heads'):\n"
      "        show(msg='a')\n"
      "    with dsl.Elif(n > 2):\n"
      "        show(msg='b')\n"
      "    with dsl.Else():\n"
      "        show(msg='c')\n");
  ASSERT_EQ(r.diags, "");
  const Json& root = r.ir["root"]["dag"]["tasks"];
  ASSERT_TRUE(root.contains("condition-branches-1")) << root.dump();
  EXPECT_EQ(root["condition-branches-1"]["dependentTasks"], Json::array({"flip-coin-op"}));
  const Json& br = r.ir["components"]["comp-condition-branches-1"]["dag"]["tasks"];
  EXPECT_EQ(br["condition-2"]["triggerPolicy"]["condition"],
            "inputs.parameter_values['pipelinechannel--flip-coin-op-output'] == 'heads'");
  EXPECT_EQ(br["condition-3"]["triggerPolicy"]["condition"],
            "!(inputs.parameter_values['pipelinechannel--flip-coin-op-output'] == 'heads') && "
            "int(inputs.parameter_values['pipelinechannel--n']) > 2");
  EXPECT_EQ(br["condition-4"]["triggerPolicy"]["condition"],
            "!(inputs.parameter_values['pipelinechannel--flip-coin-op-output'] == 'heads') && "
            "!(int(inputs.parameter_values['pipelinechannel--n']) > 2)");
  EXPECT_EQ(br["condition-3"]["inputs"]["parameters"]["pipelinechannel--n"]["componentInputParameter"],
            "pipelinechannel--n");
  EXPECT_EQ(root["condition-branches-1"]["inputs"]["parameters"]["pipelinechannel--n"]["componentInputParameter"], "n");
  EXPECT_EQ(r.ir["components"]["comp-condition-3"]["inputDefinitions"]["parameters"]["pipelinechannel--n"]
                ["parameterType"],
            "NUMBER_INTEGER");
}

TEST(PythonControlFlow, ReflectedComparisonAndTypePromotion) {
  // 'x' == ch is ch.__eq__('x'); 3 < ch is ch > 3; a double against an int
  // channel promotes the int (double(...)).
  auto r = run(
      "@dsl.pipeline(name='p')\n"
      "def p(n: int = 1):\n"
      "    with dsl.If(3 < n):\n"
      "        show(msg='a')\n"
      "    with dsl.If(n == 1.5):\n"
      "        show(msg='b')\n");
  ASSERT_EQ(r.diags, "");
  const Json& root = r.ir["root"]["dag"]["tasks"];
  EXPECT_EQ(root["condition-1"]["triggerPolicy"]["condition"], "int(inputs.parameter_values['pipelinechannel--n']) > 3");
  EXPECT_EQ(root["condition-2"]["triggerPolicy"]["condition"],
            "double(int(inputs.parameter_values['pipelinechannel--n'])) == 1.5");
}

TEST(PythonControlFlow, ControlFlowRefusalsAreKfps) {
  auto r = run(
      "@dsl.pipeline(name='p')\n"
      "def p(n: int = 1):\n"
      "    with dsl.Elif(n == 1):\n"
      "        show(msg='a')\n");
  EXPECT_NE(r.diags.find(":10 [python-kfp] InvalidControlFlowException: dsl.Elif can only be used following an "
                         "upstream dsl.If or dsl.Elif."),
            std::string::npos)
      << r.diags;
  r = run(
      "@dsl.pipeline(name='p')\n"
      "def p(n: int = 1):\n"
      "    with dsl.If(1 == 1):\n"
      "        show(msg='a')\n");
  EXPECT_NE(r.diags.find("ValueError: Got constant boolean True as a condition."), std::string::npos) << r.diags;
  r = run(
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    f = flip()\n"
      "    with dsl.If(f.output == 'a'):\n"
      "        g = flip()\n"
      "    show(msg=g.output)\n");
  EXPECT_NE(r.diags.find("Illegal task dependency across DSL context managers. A downstream task cannot depend on an "
                         "upstream task within a dsl.If context"),
            std::string::npos)
      << r.diags;
  r = run(
      "@dsl.pipeline(name='p')\n"
      "def p(n: int = 1):\n"
      "    with dsl.ParallelFor(n) as i:\n"
      "        show(msg='a')\n");
  EXPECT_NE(r.diags.find("Cannot iterate over a single parameter using `dsl.ParallelFor`"), std::string::npos)
      << r.diags;
  r = run(
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    f = flip()\n"
      "    with dsl.ExitHandler(show(msg=f.output)):\n"
      "        flip()\n");
  EXPECT_NE(r.diags.find("ValueError: exit_task cannot depend on any other tasks."), std::string::npos) << r.diags;
}

TEST(PythonControlFlow, LoopsOverRawItemsAndFields) {
  // Raw items take a group id for their name before the loop takes its own:
  // loop-item-param-1 in for-loop-2. item.a of {'a': 1} items is an int.
  auto r = run(
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    with dsl.ParallelFor([{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'y'}], parallelism=2) as item:\n"
      "        num(x=item.a)\n"
      "        show(msg=f'b is {item.b}')\n");
  ASSERT_EQ(r.diags, "");
  const Json& loop = r.ir["root"]["dag"]["tasks"]["for-loop-2"];
  EXPECT_EQ(loop["parameterIterator"]["items"]["raw"], "[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\": \"y\"}]");
  EXPECT_EQ(loop["parameterIterator"]["itemInput"], "pipelinechannel--loop-item-param-1");
  EXPECT_EQ(loop["iteratorPolicy"]["parallelismLimit"], 2);
  const Json& body = r.ir["components"]["comp-for-loop-2"];
  EXPECT_EQ(body["inputDefinitions"]["parameters"]["pipelinechannel--loop-item-param-1"]["parameterType"], "STRUCT");
  const Json& x = body["dag"]["tasks"]["num"]["inputs"]["parameters"]["x"];
  EXPECT_EQ(x["componentInputParameter"], "pipelinechannel--loop-item-param-1");
  EXPECT_EQ(x["parameterExpressionSelector"], "parseJson(string_value)[\"a\"]");
  // The f-string becomes a placeholder plus an injected input.
  const Json& msg = body["dag"]["tasks"]["print-op"]["inputs"]["parameters"];
  EXPECT_EQ(msg["msg"]["runtimeValue"]["constant"],
            "b is {{$.inputs.parameters['pipelinechannel--loop-item-param-1-subvar-b']}}");
  EXPECT_EQ(msg["pipelinechannel--loop-item-param-1-subvar-b"]["componentInputParameter"],
            "pipelinechannel--loop-item-param-1-subvar-b");
}

TEST(PythonControlFlow, CollectedFansInThroughTheLoop) {
  auto r = run(
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    with dsl.ParallelFor([1, 2, 3]) as x:\n"
      "        t = num(x=x)\n"
      "    total(nums=dsl.Collected(t.output))\n");
  ASSERT_EQ(r.diags, "");
  const Json& tot = r.ir["root"]["dag"]["tasks"]["total"];
  EXPECT_EQ(tot["dependentTasks"], Json::array({"for-loop-2"}));
  EXPECT_EQ(tot["inputs"]["parameters"]["nums"]["taskOutputParameter"]["producerTask"], "for-loop-2");
  EXPECT_EQ(tot["inputs"]["parameters"]["nums"]["taskOutputParameter"]["outputParameterKey"],
            "pipelinechannel--num-output");
  const Json& loop = r.ir["components"]["comp-for-loop-2"];
  EXPECT_EQ(loop["outputDefinitions"]["parameters"]["pipelinechannel--num-output"]["parameterType"], "LIST");
  EXPECT_EQ(loop["dag"]["outputs"]["parameters"]["pipelinechannel--num-output"]["valueFromParameter"]
                ["producerSubtask"],
            "num");
}

TEST(PythonControlFlow, ExitHandlerAndImporter) {
  auto r = run(
      "@dsl.pipeline(name='p')\n"
      "def p(uri: str = 'gs://b/x'):\n"
      "    done = show(msg='bye')\n"
      "    with dsl.ExitHandler(done, name='my-handler'):\n"
      "        imp = dsl.importer(artifact_uri=uri, artifact_class=dsl.Dataset, reimport=True,\n"
      "                           metadata={'k': uri})\n"
      "        flip()\n");
  ASSERT_EQ(r.diags, "");
  const Json& root = r.ir["root"]["dag"]["tasks"];
  EXPECT_EQ(root["exit-handler-1"]["taskInfo"]["name"], "my-handler");
  EXPECT_EQ(root["print-op"]["dependentTasks"], Json::array({"exit-handler-1"}));
  EXPECT_EQ(root["print-op"]["triggerPolicy"]["strategy"], "ALL_UPSTREAM_TASKS_COMPLETED");
  const Json& imp = r.ir["components"]["comp-exit-handler-1"]["dag"]["tasks"]["importer"];
  EXPECT_EQ(imp["inputs"]["parameters"]["uri"]["componentInputParameter"], "pipelinechannel--uri");
  EXPECT_EQ(imp["inputs"]["parameters"]["metadata"]["componentInputParameter"], "pipelinechannel--uri");
  const Json& ex = r.ir["deploymentSpec"]["executors"]["exec-importer"]["importer"];
  EXPECT_EQ(ex["artifactUri"]["runtimeParameter"], "uri");
  EXPECT_EQ(ex["reimport"], true);
  EXPECT_EQ(ex["metadata"]["k"], "{{$.inputs.parameters['metadata']}}");
  EXPECT_EQ(ex["typeSchema"]["schemaTitle"], "system.Dataset");
}

TEST(PythonControlFlow, PipelineInPipelineWithReturn) {
  auto r = run(
      "@dsl.pipeline\n"
      "def inner(x: int) -> int:\n"
      "    return num(x=x).output\n"
      "@dsl.pipeline(name='outer')\n"
      "def outer():\n"
      "    a = num(x=1)\n"
      "    i = inner(x=a.output)\n"
      "    num(x=i.output)\n"
      "from kfp import compiler\n"
      "if __name__ == '__main__':\n"
      "    compiler.Compiler().compile(outer, 'outer.yaml')\n");
  ASSERT_EQ(r.diags, "");
  const Json& c = r.ir["components"];
  ASSERT_TRUE(c.contains("comp-inner")) << c.dump();
  EXPECT_EQ(c["comp-inner"]["dag"]["outputs"]["parameters"]["Output"]["valueFromParameter"]["producerSubtask"], "num");
  EXPECT_EQ(c["comp-inner"]["outputDefinitions"]["parameters"]["Output"]["parameterType"], "NUMBER_INTEGER");
  // The inner pipeline's component and executor were renamed to stay unique.
  EXPECT_EQ(c["comp-inner"]["dag"]["tasks"]["num"]["componentRef"]["name"], "comp-num-2");
  EXPECT_TRUE(r.ir["deploymentSpec"]["executors"].contains("exec-num-2"));
  EXPECT_EQ(r.ir["root"]["dag"]["tasks"]["num-2"]["inputs"]["parameters"]["x"]["taskOutputParameter"]["producerTask"],
            "inner");
}
