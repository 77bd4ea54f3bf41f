// KFP semantics of the Python front-end, one construct per test. Expected IR
// fragments and messages are KFP 2.15's (checked by hand against
// kfp/dsl/pipeline_task.py, base_component.py and the compiler).
#include <gtest/gtest.h>

#include "core/api.h"
#include "core/emit/ir.h"
#include "python_run.h"
#include "test_files.h"

using namespace kfp;

namespace {

const char* kEcho = R"(name: Echo
inputs:
- {name: msg, type: String}
- {name: n, type: Integer, default: '1'}
outputs:
- {name: out, type: String}
implementation:
  container:
    image: alpine
    command: [echo, {inputValue: msg}, {outputPath: out}]
)";

using test_python::Run;

Run run(const std::string& py, std::vector<InputFile> more = {}, std::string function = "") {
  std::vector<InputFile> files = {{"p.py", py}};
  for (auto& m : more) files.push_back(m);
  AnalyzeOptions o;
  o.python_function = function;
  return test_python::run_files(files, o);
}

std::string header() {
  return std::string("from kfp import dsl, components\necho = components.load_component_from_text('''") + kEcho +
         "''')\n";
}

}  // namespace

TEST(PythonKfp, TaskOptionsReachTheIr) {
  auto r = run(header() +
               "@dsl.pipeline(name='opts', description='D.')\n"
               "def p(m: str = 'hi'):\n"
               "    a = echo(msg=m)\n"
               "    a.set_display_name('first').set_caching_options(False)\n"
               "    b = echo(msg=a.output, n=3).after(a)\n"
               "    b.set_retry(2).set_cpu_limit('500m').set_memory_limit('1Gi')\n"
               "    b.set_accelerator_type('nvidia.com/gpu').set_accelerator_limit(2)\n"
               "    b.set_env_variable('K', 'v')\n");
  ASSERT_EQ(r.diags, "");
  const Json& tasks = r.ir["root"]["dag"]["tasks"];
  EXPECT_EQ(tasks["echo"]["taskInfo"]["name"], "first");
  EXPECT_EQ(tasks["echo"]["cachingOptions"], Json::object());
  EXPECT_EQ(tasks["echo-2"]["cachingOptions"]["enableCache"], true);
  EXPECT_EQ(tasks["echo-2"]["dependentTasks"], Json::array({"echo"}));
  EXPECT_EQ(tasks["echo-2"]["inputs"]["parameters"]["msg"]["taskOutputParameter"]["producerTask"], "echo");
  EXPECT_EQ(tasks["echo-2"]["inputs"]["parameters"]["n"]["runtimeValue"]["constant"], 3);
  EXPECT_EQ(tasks["echo-2"]["retryPolicy"]["maxRetryCount"], 2);
  EXPECT_EQ(tasks["echo-2"]["retryPolicy"]["backoffDuration"], "0s");
  EXPECT_EQ(tasks["echo"]["inputs"]["parameters"]["msg"]["componentInputParameter"], "m");
  const Json& k = r.ir["deploymentSpec"]["executors"]["exec-echo-2"]["container"];
  EXPECT_EQ(k["resources"]["resourceCpuLimit"], "500m");
  EXPECT_DOUBLE_EQ(k["resources"]["cpuLimit"].get<double>(), 0.5);
  EXPECT_EQ(k["resources"]["resourceMemoryLimit"], "1Gi");
  EXPECT_DOUBLE_EQ(k["resources"]["memoryLimit"].get<double>(), 1.073741824);
  EXPECT_EQ(k["resources"]["accelerator"]["resourceType"], "nvidia.com/gpu");
  EXPECT_EQ(k["resources"]["accelerator"]["resourceCount"], "2");
  EXPECT_EQ(k["resources"]["accelerator"]["count"], "2");
  EXPECT_EQ(k["env"], Json::parse(R"([{"name": "K", "value": "v"}])"));
  EXPECT_EQ(r.ir["pipelineInfo"]["name"], "opts");
  EXPECT_EQ(r.ir["root"]["inputDefinitions"]["parameters"]["m"]["defaultValue"], "hi");
  // The first task's executor is untouched by the second task's setters.
  EXPECT_FALSE(r.ir["deploymentSpec"]["executors"]["exec-echo"]["container"].contains("resources"));
}

TEST(PythonKfp, LoadComponentFromFileUsesTheOtherOpenFiles) {
  auto r = run(
      "from kfp import dsl\nfrom kfp import components as comp\n"
      "echo = comp.load_component_from_file('components/echo.yaml')\n"
      "@dsl.pipeline\n"
      "def my_pipeline(text: str):\n"
      "    echo(msg=text)\n",
      {{"/abs/components/echo.yaml", kEcho}});
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(r.ir["pipelineInfo"]["name"], "my-pipeline");  // the function name, k8s-sanitized
  EXPECT_EQ(r.ir["root"]["inputDefinitions"]["parameters"]["text"]["parameterType"], "STRING");
  auto missing = run("from kfp import components\nc = components.load_component_from_file('nope.yaml')\n");
  EXPECT_NE(missing.diags.find("2:41 [python-component] component file 'nope.yaml' is not among the open files"),
            std::string::npos)
      << missing.diags;
}

// A compiled component (what KFP 2 compiles a component to, and how it shares
// them) loads as a container component (ComponentSpec.from_pipeline_spec_dict:
// deploymentSpec has exec-<pipelineInfo.name>); a task of it compiles to the
// same component spec and executor as the file holds. A compiled pipeline,
// which KFP loads as a graph component, is refused with a message that says so.
TEST(PythonKfp, LoadComponentFromFileReadsACompiledComponent) {
  Analysis lone = analyze({{"echo.yaml", kEcho}});
  CompileResult compiled = compile_to_ir(lone);
  ASSERT_FALSE(compiled.text.empty());
  Analysis back = analyze({{"echo.ir.yaml", compiled.text}});
  ASSERT_TRUE(back.ws.file(0).pipeline);
  const Json file = ir_json(*back.ws.file(0).pipeline);
  auto r = run(
      "from kfp import dsl\nfrom kfp import components\n"
      "echo = components.load_component_from_file('echo.ir.yaml')\n"
      "@dsl.pipeline\n"
      "def outer(text: str = 'hi'):\n"
      "    a = echo(msg=text)\n"
      "    echo(msg=a.outputs['out'], n=3)\n",
      {{"echo.ir.yaml", compiled.text}});
  ASSERT_EQ(r.diags, "");
  EXPECT_EQ(r.ir["components"]["comp-echo"], file["components"]["comp-echo"]);
  EXPECT_EQ(r.ir["deploymentSpec"]["executors"]["exec-echo"], file["deploymentSpec"]["executors"]["exec-echo"]);
  EXPECT_EQ(r.ir["root"]["dag"]["tasks"]["echo-2"]["inputs"]["parameters"]["n"]["runtimeValue"]["constant"], 3);
  // The same text given to load_component_from_text.
  auto text = run("from kfp import dsl\nfrom kfp import components\n"
                  "echo = components.load_component_from_text(r\"\"\"" + compiled.text + "\"\"\")\n"
                  "@dsl.pipeline\n"
                  "def outer(text: str = 'hi'):\n"
                  "    echo(msg=text)\n");
  ASSERT_EQ(text.diags, "");
  EXPECT_EQ(text.ir["components"]["comp-echo"], file["components"]["comp-echo"]);
  EXPECT_EQ(text.ir["deploymentSpec"]["executors"]["exec-echo"], file["deploymentSpec"]["executors"]["exec-echo"]);
  // The required input is still required.
  auto missing = run("from kfp import dsl, components\nc = components.load_component_from_file('echo.ir.yaml')\n"
                     "@dsl.pipeline\ndef p():\n    c()\n",
                     {{"echo.ir.yaml", compiled.text}});
  EXPECT_NE(missing.diags.find("missing 1 required argument: msg"), std::string::npos) << missing.diags;

}

// KFP loads a compiled pipeline as a graph component (from_pipeline_spec_dict)
// and a task of it is a nested pipeline, merged as one defined in Python is:
// an outer pipeline that calls the loaded file compiles to the IR of the same
// outer pipeline calling the inner one defined in Python, byte for byte.
TEST(PythonKfp, LoadComponentFromFileNestsACompiledPipeline) {
  const std::string inner_py =
      "@dsl.pipeline\n"
      "def inner(x: str, n: int = 2) -> str:\n"
      "    a = echo(msg=x, n=n)\n"
      "    b = echo(msg=a.outputs['out'])\n"
      "    return b.outputs['out']\n";
  const std::string outer_py =
      "@dsl.pipeline(name='outer')\n"
      "def outer(text: str = 'hi'):\n"
      "    first = inner(x=text)\n"
      "    echo(msg=first.output)\n"
      "    inner(x='again', n=5)\n";
  auto alone = run(header() + inner_py);
  ASSERT_EQ(alone.diags, "");
  const std::string compiled = compile_to_ir(alone.a).text;
  ASSERT_FALSE(compiled.empty());

  auto in_python = run(header() + inner_py + outer_py, {}, "outer");
  ASSERT_EQ(in_python.diags, "");
  // No --function: the script's own pipeline is the one compiled (the loaded one counts with loaded components).
  auto loaded = run(header() + "inner = components.load_component_from_file('inner.yaml')\n" + outer_py,
                    {{"inner.yaml", compiled}});
  ASSERT_EQ(loaded.diags, "");
  EXPECT_EQ(loaded.ir.dump(1), in_python.ir.dump(1));
  EXPECT_TRUE(loaded.ir["components"].contains("comp-inner-2")) << loaded.ir["components"].dump();
  EXPECT_EQ(loaded.ir["root"]["dag"]["tasks"]["inner-2"]["inputs"]["parameters"]["n"]["runtimeValue"]["constant"], 5);

  // A required input of the loaded pipeline is still required.
  auto missing = run(header() + "inner = components.load_component_from_file('inner.yaml')\n"
                                "@dsl.pipeline\ndef p():\n    inner(n=1)\n",
                     {{"inner.yaml", compiled}});
  EXPECT_NE(missing.diags.find("missing 1 required argument: x"), std::string::npos) << missing.diags;

  // A platforms document of another shape than KFP writes is left out, not followed off its end.
  auto odd = run(header() + "inner = components.load_component_from_file('inner.yaml')\n" + outer_py,
                 {{"inner.yaml", compiled + "---\nplatforms:\n  kubernetes:\n    deploymentSpec:\n"
                                            "      executors: {exec-echo: 7, exec-echo-2: [1]}\n"}});
  EXPECT_EQ(odd.ir["root"], in_python.ir["root"]);
  for (const char* other : {"---\nplatforms: [1, 2]\n", "---\nplatforms: {kubernetes: x}\n",
                            "---\nplatforms: {kubernetes: {deploymentSpec: 3}}\n"})
    EXPECT_EQ(run(header() + "inner = components.load_component_from_file('inner.yaml')\n" + outer_py,
                  {{"inner.yaml", compiled + other}}).ir["root"],
              in_python.ir["root"]) << other;

  // From text, a compiled pipeline is still refused, saying so.
  const std::string pipeline = test_files::slurp(std::string(KFP_TEST_DATA) + "/graph/ir_control.yaml");
  auto refused_text = run("from kfp import components\nc = components.load_component_from_text(r\"\"\"" + pipeline +
                          "\"\"\")\n");
  EXPECT_NE(refused_text.diags.find("the text is a compiled pipeline, which this front-end loads from a file"),
            std::string::npos)
      << refused_text.diags;
}

TEST(PythonKfp, ErrorsInEmbeddedYamlPointIntoThePythonFile) {
  // The component text starts on line 2; the bad `inputs` item is on its line 3.
  auto r = run("from kfp import components\nc = components.load_component_from_text('''name: X\ninputs:\n- 5\n"
               "implementation: {container: {image: a}}\n''')\n");
  ASSERT_NE(r.diags, "");
  EXPECT_EQ(r.diags.substr(0, 4), "4:3 ") << r.diags;
}

TEST(PythonKfp, CallsAreCheckedAsKfpChecksThem) {
  auto r = run(header() +
               "@dsl.pipeline(name='x')\n"
               "def p():\n"
               "    echo('a')\n"
               "    echo(msg='a', mgs='b')\n"
               "    echo(n=2)\n"
               "    t = echo(msg='a')\n"
               "    echo(msg=t.outputs['nope'])\n");
  EXPECT_NE(r.diags.find("15:10 [python-call] TypeError: Components must be instantiated using keyword arguments. "
                         "Positional parameters are not allowed (found 1 such parameters for component \"echo\")."),
            std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("16:19 [python-call] TypeError: echo() got an unexpected keyword argument \"mgs\"."),
            std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("17:5 [python-call] TypeError: echo() missing 1 required argument: msg."),
            std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("19:24 [python-output] task 'echo' has no output 'nope' (outputs: 'out')"),
            std::string::npos)
      << r.diags;
}

TEST(PythonKfp, TypeMismatchIsAtTheArgument) {
  auto r = run(header() +
               "@dsl.pipeline(name='x')\n"
               "def p(k: float = 1.5):\n"
               "    echo(msg='a', n=k)\n");
  EXPECT_NE(r.diags.find("15:19 [type-mismatch]"), std::string::npos) << r.diags;
}

TEST(PythonKfp, V1OnlyNamesSayWhatToWriteInstead) {
  auto r = run("import kfp\nfrom kfp import dsl\nfrom kfp.components import create_component_from_func\n"
               "def add(a: int) -> int:\n    return a\n"
               "add_op = create_component_from_func(add)\n"
               "op = dsl.ContainerOp(name='x', image='y')\n");
  EXPECT_NE(r.diags.find("6:10 [python-v1-only] 'components.create_component_from_func' is KFP v1 only"),
            std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("7:6 [python-v1-only] 'dsl.ContainerOp' is KFP v1 only"), std::string::npos) << r.diags;
}

TEST(PythonKfp, TwoArgumentNodeSelectorIsRefusedAsKfp2Does) {
  auto r = run(header() +
               "@dsl.pipeline(name='x')\n"
               "def p():\n"
               "    t = echo(msg='a')\n"
               "    t.add_node_selector_constraint('kubernetes.io/hostname', 'node4')\n");
  EXPECT_NE(r.diags.find("16:62 [python-kfp] TypeError: PipelineTask.add_node_selector_constraint() takes 2 "
                         "positional arguments but 3 were given; KFP 2 has no node-selector labels on tasks: write "
                         "kubernetes.add_node_selector(task, label_key=..., label_value=...)"),
            std::string::npos)
      << r.diags;
}

TEST(PythonKfp, CompileTimeLoopsAndConstantsAreFollowed) {
  auto r = run(header() +
               "RATES = [1, 2]\n"
               "@dsl.pipeline(name='x')\n"
               "def p(flag: bool = True):\n"
               "    for n in RATES:\n"
               "        echo(msg=f'rate {n}', n=n * 10)\n"
               "    if flag:\n"
               "        echo(msg='no')\n");
  EXPECT_NE(r.diags.find("18:8 [python-dynamic] cannot follow statically: a Python 'if' on a value known only at run "
                         "time"),
            std::string::npos)
      << r.diags;
  auto ok = run(header() +
                "RATES = [1, 2]\n"
                "@dsl.pipeline(name='x')\n"
                "def p():\n"
                "    for n in RATES:\n"
                "        echo(msg=f'rate {n}', n=n * 10)\n");
  ASSERT_EQ(ok.diags, "");
  EXPECT_EQ(ok.ir["root"]["dag"]["tasks"]["echo-2"]["inputs"]["parameters"]["msg"]["runtimeValue"]["constant"],
            "rate 2");
  EXPECT_EQ(ok.ir["root"]["dag"]["tasks"]["echo-2"]["inputs"]["parameters"]["n"]["runtimeValue"]["constant"], 20);
}

TEST(PythonKfp, ChoosingThePipeline) {
  std::string two = header() +
                    "@dsl.pipeline(name='one')\ndef one():\n    echo(msg='1')\n"
                    "@dsl.pipeline(name='two')\ndef two():\n    echo(msg='2')\n";
  auto r = run(two);
  EXPECT_NE(r.diags.find("1:1 [python-pipeline] this file defines several pipelines (one, two)"), std::string::npos)
      << r.diags;
  auto chosen = run(two, {}, "two");
  ASSERT_EQ(chosen.diags, "");
  EXPECT_EQ(chosen.ir["pipelineInfo"]["name"], "two");
  // The script's own compile call chooses, and overrides defaults as KFP's
  // Compiler.compile(pipeline_parameters=...) does.
  auto scripted = run(two + "@dsl.pipeline(name='three')\ndef three(m: str = 'a'):\n    echo(msg=m)\n" +
                      "if __name__ == '__main__':\n"
                      "    from kfp import compiler\n"
                      "    compiler.Compiler().compile(pipeline_func=three, package_path='x.yaml',\n"
                      "                                pipeline_parameters={'m': 'b'})\n");
  ASSERT_EQ(scripted.diags, "");
  EXPECT_EQ(scripted.ir["pipelineInfo"]["name"], "three");
  EXPECT_EQ(scripted.ir["root"]["inputDefinitions"]["parameters"]["m"]["defaultValue"], "b");
  auto none = run(two, {}, "three");
  EXPECT_NE(none.diags.find("no pipeline or component named 'three'"), std::string::npos) << none.diags;
}

TEST(PythonKfp, UnfollowableValuesAreDiagnosedAtTheUse) {
  auto r = run(header() +
               "import os\n"
               "IMAGE_TAG = os.environ['TAG']\n"
               "@dsl.pipeline(name='x')\n"
               "def p():\n"
               "    echo(msg=IMAGE_TAG)\n");
  EXPECT_NE(r.diags.find("17:14 [python-dynamic] cannot follow statically: the value for 'msg'"), std::string::npos)
      << r.diags;
  auto undefined = run(header() + "@dsl.pipeline(name='x')\ndef p():\n    echo(msg=nothing)\n");
  EXPECT_NE(undefined.diags.find("15:14 [python-name] name 'nothing' is not defined"), std::string::npos)
      << undefined.diags;
}
