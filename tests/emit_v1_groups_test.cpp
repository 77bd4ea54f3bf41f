// v1 graphs beyond plain tasks, compiled as KFP compiles the Python
// equivalent: isEnabled -> dsl.If condition groups, a graph task -> a nested
// pipeline, outputValues that KFP refuses; the CEL text KFP writes for each
// operand type mix; the same pipelines compiled to Argo (schema + lint clean,
// `when` on the group task); graph JSON showing the condition groups.
// Whole-file expected IR: tests/data/emit/ir/graph_is_enabled.ir.yaml and
// graph_nested.ir.yaml (EmitIrFixtures).
#include <gtest/gtest.h>

#include <filesystem>

#include "core/api.h"
#include "core/argo/schema_validate.h"
#include "core/diag/render.h"
#include "core/emit/argo.h"
#include "core/emit/graph_json.h"
#include "core/emit/ir.h"
#include "core/emit/lower_v1_cond.h"
#include "core/yaml/load.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;
using test_files::slurp;

namespace {

std::string fixture(const std::string& name) { return slurp(fs::path(KFP_TEST_DATA) / "emit" / "ir" / name); }

CompileResult compile(const std::string& text) {
  Analysis a = analyze({{"p.yaml", text}});
  CompileOptions o;
  o.sdk_version = "kfpc-test";
  return compile_to_ir(a, o);
}

Json ir_of(const CompileResult& r) {
  Sink sink;
  yaml::Tree t = yaml::load(r.text, 0, sink);
  return t.docs.empty() ? Json() : yaml::to_json(t.docs[0].root);
}

std::string errors(const CompileResult& r) {
  std::string s;
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::Error) s += std::string(d.code()) + ": " + d.message() + "\n";
  return s;
}

// A graph with a producer `p` (outputs n: Integer, s: String, d: JsonObject)
// and a consumer `c`; `c_extra` is spliced into c's task, `tail` after it.
std::string graph_text(const std::string& c_extra, const std::string& outputs = "", const std::string& tail = "") {
  return "name: G\n"
         "inputs:\n- {name: flag, type: Boolean, default: 'True'}\n- {name: cfg, type: JsonObject, default: '{}'}\n" +
         outputs +
         "implementation:\n  graph:\n    tasks:\n"
         "      p:\n        componentRef:\n          spec:\n            name: P\n"
         "            outputs: [{name: n, type: Integer}, {name: s, type: String}, {name: d, type: JsonObject}]\n"
         "            implementation: {container: {image: a, command: [x, {outputPath: n}, {outputPath: s}, "
         "{outputPath: d}]}}\n"
         "      c:\n        componentRef:\n          spec:\n            name: C\n"
         "            inputs: [{name: m, type: String}]\n"
         "            outputs: [{name: o, type: String}]\n"
         "            implementation: {container: {image: a, command: [x, {inputValue: m}, {outputPath: o}]}}\n"
         "        arguments: {m: {taskOutput: {taskId: p, outputName: s}}}\n" +
         c_extra + tail;
}

std::string cel(const std::string& op, const Json& l, const Json& r, v1_lower::CondError* err = nullptr) {
  auto operand = [](const Json& v) {
    v1_lower::Operand o;
    if (v.is_object()) {
      Type t;
      t.param = v["t"] == "int" ? ParamType::Integer : v["t"] == "float" ? ParamType::Double
                : v["t"] == "bool" ? ParamType::Boolean : v["t"] == "dict" ? ParamType::Struct : ParamType::String;
      o.channel = v1_lower::Channel{v.value("task", std::string()), v["name"].get<std::string>(), t};
    } else {
      o.value = v;
    }
    return o;
  };
  v1_lower::CondOp c{op, operand(l), operand(r)};
  std::string out;
  v1_lower::CondError e;
  if (!v1_lower::cel_condition(c, &out, &e)) {
    if (err) *err = e;
    return "ERROR " + (e.args.empty() ? std::string() : e.args[0]);
  }
  return out;
}

}  // namespace

TEST(V1Groups, IsEnabledBecomesConditionGroups) {
  CompileResult r = compile(fixture("graph_is_enabled.yaml"));
  ASSERT_TRUE(r.ok()) << errors(r);
  Json ir = ir_of(r);
  const Json& root = ir["root"]["dag"]["tasks"];
  // Root: the two unconditional tasks and three groups (an `and` nests the 2nd).
  std::set<std::string> names;
  for (auto it = root.begin(); it != root.end(); ++it) names.insert(it.key());
  EXPECT_EQ(names, (std::set<std::string>{"condition-1", "condition-2", "condition-4", "condition-5", "count",
                                          "flip-coin"}));
  EXPECT_EQ(root["condition-1"]["triggerPolicy"]["condition"],
            "inputs.parameter_values['pipelinechannel--flip-coin-side'] == 'heads'");
  EXPECT_EQ(root["condition-1"]["inputs"]["parameters"]["pipelinechannel--flip-coin-side"]["taskOutputParameter"],
            (Json{{"outputParameterKey", "side"}, {"producerTask", "flip-coin"}}));
  EXPECT_EQ(root["condition-1"]["dependentTasks"], Json::array({"flip-coin"}));
  EXPECT_FALSE(root["condition-1"].contains("cachingOptions"));
  // Two graph inputs compared: both int(); the group receives the pipeline inputs by name.
  EXPECT_EQ(root["condition-2"]["triggerPolicy"]["condition"],
            "int(inputs.parameter_values['pipelinechannel--count-n']) > "
            "int(inputs.parameter_values['pipelinechannel--threshold'])");
  EXPECT_EQ(root["condition-2"]["inputs"]["parameters"]["pipelinechannel--threshold"]["componentInputParameter"],
            "threshold");
  // The nested group: 'fast' != mode swapped to mode != 'fast', inputs forwarded as pipelinechannel--.
  const Json& c2 = ir["components"]["comp-condition-2"];
  EXPECT_EQ(c2["dag"]["tasks"]["condition-3"]["triggerPolicy"]["condition"],
            "inputs.parameter_values['pipelinechannel--mode'] != 'fast'");
  EXPECT_EQ(c2["dag"]["tasks"]["condition-3"]["inputs"]["parameters"]["pipelinechannel--mode"]
               ["componentInputParameter"],
            "pipelinechannel--mode");
  EXPECT_EQ(c2["inputDefinitions"]["parameters"]["pipelinechannel--count-n"]["parameterType"], "NUMBER_INTEGER");
  const Json& print2 = ir["components"]["comp-condition-3"]["dag"]["tasks"]["print-2"];
  EXPECT_EQ(print2["inputs"]["parameters"]["msg"]["componentInputParameter"], "pipelinechannel--mode");
  // not ==  ->  !=;  not >= 2.5 -> < 2.5 with the Integer promoted to double.
  EXPECT_EQ(root["condition-4"]["triggerPolicy"]["condition"],
            "inputs.parameter_values['pipelinechannel--flip-coin-side'] != 'heads'");
  EXPECT_EQ(root["condition-5"]["triggerPolicy"]["condition"],
            "double(int(inputs.parameter_values['pipelinechannel--count-n'])) < 2.5");
  // Inside a group a task reads the producer through the group's input.
  const Json& print = ir["components"]["comp-condition-1"]["dag"]["tasks"]["print"];
  EXPECT_EQ(print["inputs"]["parameters"]["msg"]["componentInputParameter"], "pipelinechannel--flip-coin-side");
  EXPECT_FALSE(print.contains("dependentTasks"));
}

TEST(V1Groups, CelTextAsKfpWritesIt) {
  Json ch_int = {{"task", "t"}, {"name", "n"}, {"t", "int"}};
  Json ch_str = {{"task", "t"}, {"name", "s"}, {"t", "str"}};
  Json ch_bool = {{"name", "flag"}, {"t", "bool"}};
  Json ch_dict = {{"name", "cfg"}, {"t", "dict"}};
  EXPECT_EQ(cel("==", ch_str, "x"), "inputs.parameter_values['pipelinechannel--t-s'] == 'x'");
  EXPECT_EQ(cel(">", ch_int, 5), "int(inputs.parameter_values['pipelinechannel--t-n']) > 5");
  EXPECT_EQ(cel("==", ch_bool, true), "inputs.parameter_values['pipelinechannel--flag'] == true");
  // String wins: the other side is quoted, int() and all.
  EXPECT_EQ(cel("==", ch_int, "5"), "'int(inputs.parameter_values['pipelinechannel--t-n'])' == '5'");
  // Boolean wins over an int constant: KFP's inverted 'true' if int(x) == 0.
  EXPECT_EQ(cel("==", ch_bool, 0), "inputs.parameter_values['pipelinechannel--flag'] == true");
  EXPECT_EQ(cel("==", ch_bool, 3), "inputs.parameter_values['pipelinechannel--flag'] == false");
  // ... and fails on anything int() cannot read.
  EXPECT_EQ(cel("==", ch_bool, 1.5), "ERROR ValueError: invalid literal for int() with base 10: '1.5'");
  EXPECT_EQ(cel("==", ch_bool, ch_int),
            "ERROR ValueError: invalid literal for int() with base 10: "
            "\"int(inputs.parameter_values['pipelinechannel--t-n'])\"");
  EXPECT_EQ(cel("<", ch_dict, 1),
            "ERROR ValueError: Conditional requires primitive parameter values for comparison. Found input "
            "\"pipelinechannel--cfg\" of type Dict in pipeline definition instead.");
}

TEST(V1Groups, RefusalsWithKfpsReasons) {
  auto refused = [](const std::string& text, const std::string& code, const std::string& needle) {
    CompileResult r = compile(text);
    EXPECT_FALSE(r.ok()) << text;
    std::string e = errors(r);
    EXPECT_NE(e.find(code + ": "), std::string::npos) << e;
    EXPECT_NE(e.find(needle), std::string::npos) << "want '" << needle << "' in\n" << e;
  };
  // Two constants: Python evaluates the comparison before dsl.If sees it.
  refused(graph_text("        isEnabled: {==: {op1: a, op2: a}}\n"), "compile-ir",
          "ValueError: Got constant boolean True as a condition.");
  refused(graph_text("        isEnabled: {'<': {op1: 1, op2: b}}\n"), "compile-ir",
          "TypeError: '<' not supported between instances of 'int' and 'str'");
  // No dsl.If form.
  refused(graph_text("        isEnabled: {or: {op1: {==: {op1: {graphInput: {inputName: flag}}, op2: true}}, "
                "op2: {==: {op1: {graphInput: {inputName: flag}}, op2: false}}}}\n"),
          "compile-ir", "isEnabled 'or' has no KFP v2 equivalent");
  refused(graph_text("        isEnabled: {graphInput: {inputName: flag}}\n"), "compile-ir", "dsl.If needs a comparison");
  refused(graph_text("        isEnabled: {==: {op1: {graphInput: {inputName: cfg}}, op2: x}}\n"), "compile-ir",
          "Found input \"pipelinechannel--cfg\" of type Dict");
  // A task outside the group reading a conditional task's output.
  refused(graph_text("        isEnabled: {==: {op1: {graphInput: {inputName: flag}}, op2: true}}\n", "",
                "      d:\n        componentRef:\n          spec:\n            name: D\n"
                "            inputs: [{name: m, type: String}]\n"
                "            implementation: {container: {image: a, command: [x, {inputValue: m}]}}\n"
                "        arguments: {m: {taskOutput: {taskId: c, outputName: o}}}\n"),
          "compile-ir",
          "InvalidTopologyException: Illegal task dependency across DSL context managers. A downstream task cannot "
          "depend on an upstream task within a dsl.If context unless the downstream is within that context too. "
          "Found task d which depends on upstream task c within an uncommon dsl.If context.");
  // outputValues KFP cannot return.
  std::string out_decl = "outputs:\n- {name: r, type: String}\n";
  refused(graph_text("", out_decl, "    outputValues:\n      r: {graphInput: {inputName: flag}}\n"), "compile-ir",
          "AttributeError: 'NoneType' object has no attribute 'parent_task_group'");
  refused(graph_text("", out_decl, "    outputValues:\n      r: hello\n"), "compile-ir",
          "ValueError: Got unknown pipeline output, hello, of type <class 'str'>.");
  refused(graph_text("        isEnabled: {==: {op1: {graphInput: {inputName: flag}}, op2: true}}\n", out_decl,
                "    outputValues:\n      r: {taskOutput: {taskId: c, outputName: o}}\n"),
          "compile-ir", "Pipeline outputs may only be returned from the top level of the pipeline function scope.");
}

TEST(V1Groups, ConsumersInsideTheSameGroupAndPipelineInputsCompile) {
  // A boolean graph input compared with true; the task reads p's output from
  // outside the group: punched through as pipelinechannel--p-s.
  CompileResult r = compile(graph_text("        isEnabled: {==: {op1: {graphInput: {inputName: flag}}, op2: true}}\n"));
  ASSERT_TRUE(r.ok()) << errors(r);
  Json ir = ir_of(r);
  const Json& g = ir["root"]["dag"]["tasks"]["condition-1"];
  EXPECT_EQ(g["triggerPolicy"]["condition"], "inputs.parameter_values['pipelinechannel--flag'] == true");
  EXPECT_EQ(g["inputs"]["parameters"]["pipelinechannel--flag"]["componentInputParameter"], "flag");
  EXPECT_EQ(g["inputs"]["parameters"]["pipelinechannel--p-s"]["taskOutputParameter"]["producerTask"], "p");
  EXPECT_EQ(g["dependentTasks"], Json::array({"p"}));
  EXPECT_EQ(ir["components"]["comp-condition-1"]["inputDefinitions"]["parameters"]["pipelinechannel--flag"]
               ["parameterType"],
            "BOOLEAN");
}

TEST(V1Groups, NestedGraphIsANestedPipeline) {
  CompileResult r = compile(fixture("graph_nested.yaml"));
  ASSERT_TRUE(r.ok()) << errors(r);
  Json ir = ir_of(r);
  const Json& comps = ir["components"];
  // The inner pipeline's echo collided with the outer one: comp/exec -2; the
  // outer task after it, echo-2, then finds comp-echo-2 taken and gets
  // comp-echo-2-2 (make_name_unique_by_adding_index on "comp-echo-2"), as in KFP.
  ASSERT_TRUE(comps.contains("comp-inner-pipeline"));
  EXPECT_EQ(comps["comp-inner-pipeline"]["dag"]["tasks"]["echo"]["componentRef"]["name"], "comp-echo-2");
  EXPECT_EQ(comps["comp-echo-2"]["executorLabel"], "exec-echo-2");
  EXPECT_EQ(ir["root"]["dag"]["tasks"]["echo-2"]["componentRef"]["name"], "comp-echo-2-2");
  EXPECT_EQ(comps["comp-echo-2-2"]["executorLabel"], "exec-echo-2-2");
  EXPECT_EQ(comps["comp-inner-pipeline"]["dag"]["outputs"]["parameters"]["out"]["valueFromParameter"],
            (Json{{"outputParameterKey", "out"}, {"producerSubtask", "echo"}}));
  EXPECT_EQ(ir["root"]["dag"]["tasks"]["echo-2"]["inputs"]["parameters"]["text"]["taskOutputParameter"],
            (Json{{"outputParameterKey", "out"}, {"producerTask", "inner-pipeline"}}));
  EXPECT_EQ(ir["root"]["dag"]["tasks"]["inner-pipeline"]["cachingOptions"]["enableCache"], true);
  EXPECT_EQ(ir["deploymentSpec"]["executors"].size(), 3u);
}

TEST(V1Groups, ArgoOfConditionsAndNestedPipelinesIsClean) {
  for (const char* name : {"graph_is_enabled.yaml", "graph_nested.yaml"}) {
    Analysis a = analyze({{name, fixture(name)}});
    ArgoResult r = compile_to_argo(a);
    ASSERT_TRUE(r.ok) << name << render_text(r.diagnostics, a.ws);
    for (const auto& d : r.diagnostics) ADD_FAILURE() << name << ": " << d.message();
    Analysis back = analyze({{"back.yaml", r.text}});
    EXPECT_EQ(render_text(back.diagnostics, back.ws), "") << name;
    if (std::string(name) == "graph_is_enabled.yaml") {
      const Json* root = nullptr;
      for (const auto& t : r.workflow["spec"]["templates"])
        if (t["name"] == r.workflow["spec"]["entrypoint"]) root = &t;
      ASSERT_NE(root, nullptr);
      size_t whens = 0;
      for (const auto& t : (*root)["dag"]["tasks"])
        if (t.contains("when")) ++whens;
      EXPECT_EQ(whens, 4u);  // condition-1, -2, -4, -5 (condition-3 is inside condition-2)
    }
  }
}

TEST(V1Groups, GraphJsonShowsConditionGroups) {
  Analysis a = analyze({{"g.yaml", fixture("graph_is_enabled.yaml")}});
  Json g = graph_json(a.ws, a.diagnostics);
  std::map<std::string, Json> by_id;
  for (const auto& n : g["pipelines"][0]["nodes"]) by_id[n["id"].get<std::string>()] = n;
  ASSERT_TRUE(by_id.count("task:condition-2"));
  ASSERT_TRUE(by_id.count("task:condition-2/condition-3"));
  EXPECT_EQ(by_id["task:condition-2"]["kind"], "group");
  EXPECT_EQ(by_id["task:condition-2"]["group"], "condition");
  EXPECT_EQ(by_id["task:condition-2/condition-3"]["parent"], "task:condition-2");
  EXPECT_EQ(by_id["task:condition-2/condition-3"]["condition"],
            "inputs.parameter_values['pipelinechannel--mode'] != 'fast'");
  EXPECT_EQ(by_id["task:big"]["parent"], "task:condition-2/condition-3");
  EXPECT_EQ(by_id["task:flip"]["parent"], nullptr);
}

TEST(V1Groups, NestedGraphsThatDoubleAtEachLevelStopAtALimit) {
  // g0 uses g1 twice, g1 uses g2 twice, ...: compiling copies each use (as
  // KFP does), 2^30 tasks. The lowering stops at its limits with one error.
  std::vector<InputFile> files;
  const int levels = 30;
  for (int i = 0; i < levels; ++i) {
    std::string me = "G" + std::to_string(i), next = "G" + std::to_string(i + 1);
    files.push_back({me + ".yaml", "name: " + me +
                                       "\nimplementation:\n  graph:\n    tasks:\n"
                                       "      a: {componentRef: {name: " + next + "}}\n"
                                       "      b: {componentRef: {name: " + next + "}}\n"});
  }
  files.push_back({"leaf.yaml", "name: G" + std::to_string(levels) +
                                    "\nimplementation: {container: {image: alpine, command: [echo]}}\n"});
  Analysis a = analyze(files);
  CompileOptions o;
  o.target = "G0.yaml";
  CompileResult r = compile_to_ir(a, o);
  EXPECT_FALSE(r.ok());
  size_t limit_errors = 0;
  for (const auto& d : r.diagnostics)
    if (d.id == DiagId::err_compile_no_equivalent) ++limit_errors;
  EXPECT_EQ(limit_errors, 1u) << errors(r);
}
