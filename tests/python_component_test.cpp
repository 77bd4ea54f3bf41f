// @dsl.component and @dsl.container_component in the Python front-end.
// Expected texts are KFP 2.15's, checked by hand against
// kfp/dsl/component_factory.py (the pip prelude, the launcher, the program
// header), docstring_parser's Google parser and placeholders.py.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/emit/ir.h"
#include "python_run.h"
#include "core/python/kfp_docstring.h"
#include "core/python/kfp_executor.h"
#include "core/yaml/load.h"

using namespace kfp;

namespace {

using Result = test_python::Run;

Result run(const std::string& py, const std::string& kfp_version = "") {
  AnalyzeOptions o;
  if (!kfp_version.empty()) o.kfp_version = kfp_version;
  return test_python::run_files({{"c.py", py}}, o);
}

const Json& executor(const Result& r, const std::string& label) {
  return r.ir["deploymentSpec"]["executors"][label]["container"];
}

}  // namespace

TEST(PythonDocstring, CleandocAndGoogleSections) {
  std::string raw =
      "Concatenate a and b.\n\n    Also returns it.\n\n    Args:\n        a (str): First.\n        b: Second,\n"
      "            on two lines.\n\n    Returns:\n        Output: The string.\n    ";
  std::string doc = py::clean_doc(raw);
  EXPECT_EQ(doc.substr(0, 32), "Concatenate a and b.\n\nAlso retur");
  py::ParsedDocstring d = py::parse_docstring(doc);
  EXPECT_FALSE(d.parse_error);
  EXPECT_EQ(py::docstring_description(d).value_or("?"), "Concatenate a and b.\nAlso returns it.");
  ASSERT_EQ(d.params.size(), 2u);
  EXPECT_EQ(d.params["a"], "First.");
  EXPECT_EQ(d.params["b"], "Second,\non two lines.");
  auto ret = py::docstring_return_params(doc);
  ASSERT_EQ(ret.size(), 1u);
  EXPECT_EQ(ret["Output"], "The string.");
}

TEST(PythonDocstring, UnreadableSectionFallsBackToWholeText) {
  // An empty `Returns:` section: the Google parser fails ("Can't infer
  // indent"), docstring_parser falls back to reST: no params, the whole text
  // is the description.
  py::ParsedDocstring d = py::parse_docstring("Short.\n\nArgs:\n    x: X.\n\nReturns:");
  EXPECT_TRUE(d.parse_error);
  EXPECT_TRUE(d.params.empty());
  EXPECT_EQ(py::docstring_description(d).value_or("?"), "Short.\nArgs:\n    x: X.\n\nReturns:");
}

TEST(PythonExecutor, PipPreludeExactText) {
  py::ExecutorOptions o;
  o.kfp_version = "2.15.2";
  auto c = py::packages_install_command(o);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "sh");
  EXPECT_EQ(c[1], "-c");
  EXPECT_EQ(c[2],
            "\nif ! [ -x \"$(command -v pip)\" ]; then\n    python3 -m ensurepip || python3 -m ensurepip --user || "
            "apt-get install python3-pip\nfi\n\nPIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --quiet "
            "--no-warn-script-location 'kfp==2.15.2' '--no-deps' 'typing-extensions>=3.7.4,<5; "
            "python_version<\"3.9\"' && \"$0\" \"$@\"\n");
  // User packages first, then ' && ' joined with spaces (two spaces each side), index URLs on both.
  // pip_trusted_hosts not given: KFP 2.15.2 (the release; master changed it
  // in #13780) trusts every index URL, as its goldens written by 2.14 show.
  o.packages_to_install = {"pandas==2.0", "it's"};
  o.pip_index_urls = {"https://a/simple", "https://b/simple"};
  c = py::packages_install_command(o);
  EXPECT_NE(c[2].find("python3 -m pip install --quiet --no-warn-script-location --index-url https://a/simple "
                      "--extra-index-url https://b/simple --trusted-host https://a/simple --trusted-host "
                      "https://b/simple 'pandas==2.0' \"it's\"  &&  python3 -m pip install"),
            std::string::npos)
      << c[2];
  o.pip_trusted_hosts = std::vector<std::string>{};  // pip_trusted_hosts=[]: none
  c = py::packages_install_command(o);
  EXPECT_NE(c[2].find("--extra-index-url https://b/simple 'pandas==2.0'"), std::string::npos) << c[2];
  o.pip_trusted_hosts = std::vector<std::string>{"a"};
  c = py::packages_install_command(o);
  EXPECT_NE(c[2].find("--extra-index-url https://b/simple --trusted-host a 'pandas==2.0'"), std::string::npos) << c[2];
  o.pip_trusted_hosts.reset();
  // kfp among the user's packages, or install_kfp_package=False: no kfp pin.
  o.packages_to_install = {"kfp==2.0.0"};
  EXPECT_EQ(py::packages_install_command(o)[2].find("kfp==2.15.2"), std::string::npos);
  o.packages_to_install.clear();
  o.install_kfp_package = false;
  EXPECT_TRUE(py::packages_install_command(o).empty());
}

TEST(PythonExecutor, FunctionSourceDropsDecoratorsAndDedents) {
  std::string text =
      "x = 1\n"
      "    @dsl.component(\n"
      "        base_image='python:3.9')\n"
      "    def f(a: int) -> int:\n"
      "        \n"
      "        return a  # done\n"
      "after = 2\n";
  size_t begin = text.find("    @dsl");
  size_t end = text.find("a  # done") + 1;  // the last token's end
  EXPECT_EQ(py::function_source(text, begin, end), "def f(a: int) -> int:\n\n    return a  # done\n");
}

TEST(PythonComponent, LightweightAloneCompilesLikeKfp) {
  auto r = run(
      "from kfp import dsl\n"
      "from kfp.dsl import Input, Output, Dataset, Model, OutputPath\n"
      "from typing import NamedTuple, List, Optional\n"
      "\n"
      "@dsl.component(base_image='python:3.10', packages_to_install=['pandas'])\n"
      "def train_model(data: Input[Dataset], model: Output[Model], stats: OutputPath(str),\n"
      "                epochs: int = 3, rate: float = 0.1, tags: List[str] = [], name: Optional[str] = None,\n"
      "                verbose: bool = False) -> NamedTuple('Outputs', [('loss', float), ('report', Dataset)]):\n"
      "    \"\"\"Trains a model.\n"
      "\n"
      "    Args:\n"
      "        data: The data.\n"
      "        epochs (int): How long.\n"
      "\n"
      "    Returns:\n"
      "        loss: The loss.\n"
      "    \"\"\"\n"
      "    return (0.5, None)\n",
      "9.9.9");
  ASSERT_EQ(r.diags, "") << r.diags;
  const Json& c = r.ir["components"]["comp-train-model"];
  EXPECT_EQ(c["executorLabel"], "exec-train-model");
  const Json& in = c["inputDefinitions"];
  EXPECT_EQ(in["artifacts"]["data"]["artifactType"]["schemaTitle"], "system.Dataset");
  EXPECT_EQ(in["artifacts"]["data"]["description"], "The data.");
  EXPECT_EQ(in["parameters"]["epochs"]["parameterType"], "NUMBER_INTEGER");
  EXPECT_EQ(in["parameters"]["epochs"]["defaultValue"], 3);
  EXPECT_EQ(in["parameters"]["epochs"]["isOptional"], true);
  EXPECT_EQ(in["parameters"]["epochs"]["description"], "How long.");
  EXPECT_EQ(in["parameters"]["rate"]["parameterType"], "NUMBER_DOUBLE");
  EXPECT_EQ(in["parameters"]["tags"]["parameterType"], "LIST");
  EXPECT_EQ(in["parameters"]["tags"]["defaultValue"], Json::array());
  EXPECT_EQ(in["parameters"]["name"]["parameterType"], "STRING");
  EXPECT_FALSE(in["parameters"]["name"].contains("defaultValue"));
  EXPECT_EQ(in["parameters"]["name"]["isOptional"], true);
  EXPECT_EQ(in["parameters"]["verbose"]["defaultValue"], false);
  const Json& out = c["outputDefinitions"];
  EXPECT_EQ(out["artifacts"]["model"]["artifactType"]["schemaTitle"], "system.Model");
  EXPECT_EQ(out["artifacts"]["report"]["artifactType"]["schemaTitle"], "system.Dataset");
  EXPECT_EQ(out["parameters"]["stats"]["parameterType"], "STRING");
  EXPECT_EQ(out["parameters"]["loss"]["parameterType"], "NUMBER_DOUBLE");
  EXPECT_EQ(out["parameters"]["loss"]["description"], "The loss.");
  const Json& k = executor(r, "exec-train-model");
  EXPECT_EQ(k["image"], "python:3.10");
  ASSERT_EQ(k["command"].size(), 7u);
  const std::string prelude = k["command"][2];
  EXPECT_NE(prelude.find("'pandas'  &&  python3 -m pip install --quiet --no-warn-script-location 'kfp==9.9.9'"),
            std::string::npos)
      << prelude;
  EXPECT_EQ(k["command"][4], "-ec");
  const std::string program = k["command"][6];
  const std::string head = "\nimport kfp\nfrom kfp import dsl\nfrom kfp.dsl import *\nfrom typing import *\n\ndef train_model(";
  const std::string tail = "    return (0.5, None)\n\n";
  EXPECT_EQ(program.substr(0, head.size()), head);
  EXPECT_EQ(program.substr(program.size() - tail.size()), tail);
  EXPECT_EQ(k["args"], Json::array({"--executor_input", "{{$}}", "--function_to_execute", "train_model"}));
  // The one-step pipeline: inputs passed through, outputs surfaced.
  const Json& t = r.ir["root"]["dag"]["tasks"]["train-model"];
  EXPECT_EQ(t["inputs"]["artifacts"]["data"]["componentInputArtifact"], "data");
  EXPECT_EQ(t["inputs"]["parameters"]["epochs"]["componentInputParameter"], "epochs");
  EXPECT_EQ(r.ir["root"]["dag"]["outputs"]["parameters"]["loss"]["valueFromParameter"]["producerSubtask"],
            "train-model");
  EXPECT_EQ(r.ir["pipelineInfo"]["name"], "train-model");
  EXPECT_FALSE(r.ir["pipelineInfo"].contains("description"));
}

TEST(PythonComponent, TargetImageRunsTheInstalledModule) {
  auto r = run(
      "from kfp import dsl\n"
      "@dsl.component(target_image='gcr.io/me/img:1', base_image='python:3.11')\n"
      "def add(a: int, b: int) -> int:\n"
      "    return a + b\n");
  ASSERT_EQ(r.diags, "") << r.diags;
  const Json& k = executor(r, "exec-add");
  EXPECT_EQ(k["image"], "gcr.io/me/img:1");
  EXPECT_EQ(k["command"], Json::array({"python3", "-m", "kfp.dsl.executor_main"}));
}

TEST(PythonComponent, UsedFromAPipeline) {
  auto r = run(
      "from kfp import dsl\n"
      "@dsl.component\n"
      "def make() -> str:\n"
      "    return 'x'\n"
      "@dsl.component()\n"
      "def show(text: str):\n"
      "    print(text)\n"
      "@dsl.pipeline(name='p')\n"
      "def p():\n"
      "    m = make()\n"
      "    show(text=m.output)\n");
  ASSERT_EQ(r.diags, "") << r.diags;
  const Json& t = r.ir["root"]["dag"]["tasks"]["show"];
  EXPECT_EQ(t["inputs"]["parameters"]["text"]["taskOutputParameter"]["producerTask"], "make");
  EXPECT_EQ(executor(r, "exec-make")["image"], "python:3.11");
}

TEST(PythonComponent, TaskFinalStatusIsAnOptionalInput) {
  auto r = run(
      "from kfp import dsl\n"
      "@dsl.component\n"
      "def report(status: dsl.PipelineTaskFinalStatus, user: str = 'me') -> None:\n"
      "    print(status.state)\n");
  ASSERT_EQ(r.diags, "") << r.diags;
  const Json& p = r.ir["components"]["comp-report"]["inputDefinitions"]["parameters"];
  EXPECT_EQ(p["status"]["parameterType"], "TASK_FINAL_STATUS");
  EXPECT_EQ(p["status"]["isOptional"], true);
  EXPECT_FALSE(p["status"].contains("defaultValue"));
  EXPECT_EQ(p["user"]["defaultValue"], "me");
  EXPECT_FALSE(r.ir["components"]["comp-report"].contains("outputDefinitions"));
}

TEST(PythonComponent, KfpRefusals) {
  auto r = run(
      "from kfp import dsl\n"
      "@dsl.component\n"
      "def f(x, Output: int, a: dsl.Input[dsl.Dataset] = 'no'):\n"
      "    pass\n");
  EXPECT_NE(r.diags.find("3:7 [python-kfp] TypeError: Missing type annotation for argument: x"), std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("3:10 [python-kfp] ValueError: \"Output\" is an invalid parameter name."), std::string::npos)
      << r.diags;
  EXPECT_NE(r.diags.find("3:51 [python-kfp] ValueError: Optional Input artifacts may only have default value None."),
            std::string::npos)
      << r.diags;
  r = run(
      "from kfp import dsl\n"
      "@dsl.component(bogus=1)\n"
      "def f(x: int):\n"
      "    pass\n");
  EXPECT_NE(r.diags.find("2:16 [python-call]"), std::string::npos) << r.diags;
}

TEST(PythonContainerComponent, PlaceholdersFromTheSignature) {
  auto r = run(
      "from kfp import dsl\n"
      "from kfp.dsl import Output, Input, Dataset, OutputPath, ConcatPlaceholder, IfPresentPlaceholder\n"
      "IMAGE = 'alpine:3'\n"
      "@dsl.container_component\n"
      "def tool(text: str, data: Input[Dataset], out: Output[Dataset], path: OutputPath(str),\n"
      "         opt: str = 'd'):\n"
      "    \"\"\"Runs the tool.\"\"\"\n"
      "    cmd = ['tool', text]\n"
      "    return dsl.ContainerSpec(\n"
      "        image=IMAGE,\n"
      "        command=cmd,\n"
      "        args=[data.path, out.uri, path, f'--x={text}/{out.path}', ConcatPlaceholder(['a-', text]),\n"
      "              IfPresentPlaceholder(input_name='opt', then=['--opt', opt]),\n"
      "              IfPresentPlaceholder(input_name='opt', then=opt, else_='none'),\n"
      "              dsl.PIPELINE_JOB_NAME_PLACEHOLDER])\n");
  ASSERT_EQ(r.diags, "") << r.diags;
  const Json& k = executor(r, "exec-tool");
  EXPECT_EQ(k["image"], "alpine:3");
  EXPECT_EQ(k["command"], Json::array({"tool", "{{$.inputs.parameters['text']}}"}));
  EXPECT_EQ(k["args"],
            Json::array({"{{$.inputs.artifacts['data'].path}}", "{{$.outputs.artifacts['out'].uri}}",
                         "{{$.outputs.parameters['path'].output_file}}",
                         "--x={{$.inputs.parameters['text']}}/{{$.outputs.artifacts['out'].path}}",
                         "{\"Concat\": [\"a-\", \"{{$.inputs.parameters['text']}}\"]}",
                         "{\"IfPresent\": {\"InputName\": \"opt\", \"Then\": [\"--opt\", "
                         "\"{{$.inputs.parameters['opt']}}\"]}}",
                         "{\"IfPresent\": {\"InputName\": \"opt\", \"Then\": \"{{$.inputs.parameters['opt']}}\", "
                         "\"Else\": \"none\"}}",
                         "{{$.pipeline_job_name}}"}));
}

TEST(PythonContainerComponent, Refusals) {
  auto r = run(
      "from kfp import dsl\n"
      "@dsl.container_component\n"
      "def bad(d: dsl.Dataset):\n"
      "    return dsl.ContainerSpec(image='a')\n");
  EXPECT_NE(r.diags.find("3:12 [python-kfp] TypeError: Container Components must wrap"), std::string::npos)
      << r.diags;
  r = run(
      "from kfp import dsl\n"
      "@dsl.container_component\n"
      "def bad(d: dsl.Input[dsl.Dataset]):\n"
      "    return dsl.ContainerSpec(image='a', command=[d])\n");
  EXPECT_NE(r.diags.find("4:50 [python-kfp] ValueError: Cannot access artifact by itself"), std::string::npos)
      << r.diags;
  r = run(
      "from kfp import dsl\n"
      "@dsl.container_component\n"
      "def bad(x: str):\n"
      "    return dsl.ContainerSpec(image='a', command=[dsl.IfPresentPlaceholder(input_name='y', then=x)])\n");
  EXPECT_NE(r.diags.find("4:86 [python-kfp] ValueError: Argument \"IfPresentPlaceholder(input_name='y')\""),
            std::string::npos)
      << r.diags;
}

// tests/data/python/components/*.py: fixtures whose expected IR (the .yaml
// twin) was checked by hand against KFP's component_factory.py.
TEST(PythonComponent, Fixtures) {
  const std::string dir = std::string(KFP_TEST_DATA) + "/python/components/";
  int checked = 0;
  for (const char* name : {"lightweight", "container"}) {
    std::ifstream py(dir + name + ".py"), want(dir + name + ".yaml");
    ASSERT_TRUE(py && want) << name;
    std::stringstream a, b;
    a << py.rdbuf();
    b << want.rdbuf();
    Result r = run(a.str());
    ASSERT_EQ(r.diags, "") << name << "\n" << r.diags;
    CompileResult cr = compile_to_ir(r.a, CompileOptions{"kfp-2.15.2", ""});
    ASSERT_TRUE(cr.ok()) << name;
    EXPECT_EQ(cr.text, b.str()) << name;
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}
