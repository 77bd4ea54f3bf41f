// The IR reader over small hand-written fixtures (tests/data/ir/), each in
// the shape the KFP v2 compiler writes: fields, links and spans.
#include <gtest/gtest.h>

#include "read_ir_util.h"

using namespace kfp;
using namespace kfp::testing;
using SK = ArgumentSource::Kind;

namespace {

const TaskArgument* arg(const Task& t, std::string_view name) {
  for (const auto& a : t.arguments)
    if (a.input.value == name) return &a;
  return nullptr;
}

const DagOutput* dag_output(const Dag& d, std::string_view name) {
  for (const auto& o : d.outputs)
    if (o.name.value == name) return &o;
  return nullptr;
}

}  // namespace

TEST(ReadIrFixtures, ConditionsAndBranches) {
  auto l = load_ir_fixture("condition.yaml");
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const PipelineSpec& p = *l->spec;
  EXPECT_EQ(p.name.value, "condition-demo");
  EXPECT_EQ(p.display_name, "Condition demo");
  EXPECT_EQ(p.description, "Conditions and if/else branches.");
  EXPECT_EQ(p.schema_version, "2.1.0");
  EXPECT_EQ(p.sdk_version, "kfp-2.13.0");
  EXPECT_EQ(p.components.size(), 6u);

  ASSERT_TRUE(p.root && p.root->dag);
  const Dag& root = *p.root->dag;
  ASSERT_EQ(root.tasks.size(), 3u);
  const Task* cond = root.find("condition-1");
  ASSERT_TRUE(cond);
  EXPECT_EQ(cond->display_name, "my-condition");
  EXPECT_EQ(cond->name.span.begin.line, 174u);
  EXPECT_EQ(cond->name.span.begin.col, 7u);
  ASSERT_TRUE(cond->component);
  EXPECT_EQ(cond->component, p.components.at("comp-condition-1"));
  EXPECT_EQ(cond->component->group, GroupKind::Condition);
  ASSERT_TRUE(cond->condition);
  EXPECT_EQ(cond->condition->value, "inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'heads'");
  ASSERT_EQ(cond->after.size(), 1u);
  EXPECT_EQ(cond->after[0].value, "flip-coin");
  const TaskArgument* a = arg(*cond, "pipelinechannel--flip-coin-Output");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->source.kind, SK::TaskOutput);
  EXPECT_EQ(a->source.task, "flip-coin");
  EXPECT_EQ(a->source.output, "Output");
  EXPECT_EQ(a->source.task_span.begin.line, 184u);
  EXPECT_EQ(a->source.task_span.begin.col, 31u);
  EXPECT_FALSE(cond->enable_cache.has_value());

  // Inside the group, the value arrives as the group's input.
  const Task& print = p.components.at("comp-condition-1")->dag->tasks.at(0);
  EXPECT_EQ(print.component, p.components.at("comp-print-msg"));
  EXPECT_EQ(print.ref.name.span.begin.line, 11u);
  EXPECT_EQ(print.enable_cache, std::optional<bool>(true));
  EXPECT_EQ(print.arguments.at(0).source.kind, SK::PipelineInput);
  EXPECT_EQ(print.arguments.at(0).source.input, "pipelinechannel--flip-coin-Output");

  // `cachingOptions: {}` is caching off (proto3 default), not "unset".
  const Task& heads = p.components.at("comp-condition-2")->dag->tasks.at(0);
  EXPECT_EQ(heads.enable_cache, std::optional<bool>(false));
  EXPECT_EQ(heads.arguments.at(0).source.kind, SK::Constant);
  EXPECT_EQ(heads.arguments.at(0).source.constant, Json("heads"));

  // if/elif/else: a condition-branches group whose output is a oneof.
  const auto& branches = p.components.at("comp-condition-branches-1");
  EXPECT_EQ(branches->group, GroupKind::Condition);
  const DagOutput* oneof = dag_output(*branches->dag, "pipelinechannel--condition-branches-1-oneof-1");
  ASSERT_TRUE(oneof);
  EXPECT_TRUE(oneof->oneof);
  ASSERT_EQ(oneof->selectors.size(), 2u);
  EXPECT_EQ(oneof->selectors[0], std::make_pair(std::string("condition-2"), std::string("pipelinechannel--print-msg-2-Output")));
  EXPECT_EQ(oneof->selectors[1].first, "condition-3");
  EXPECT_EQ(branches->dag->find("condition-3")->condition->value,
            "!(inputs.parameter_values['pipelinechannel--flip-coin-Output'] == 'heads')");

  const DagOutput* out = dag_output(root, "Output");
  ASSERT_TRUE(out);
  EXPECT_FALSE(out->oneof);
  EXPECT_EQ(out->selectors.at(0).first, "condition-branches-1");
  ASSERT_EQ(p.root->outputs.size(), 1u);

  // Executors joined by executorLabel, placeholders parsed.
  const auto& pm = p.components.at("comp-print-msg");
  EXPECT_EQ(pm->executor_label, "exec-print-msg");
  EXPECT_EQ(pm->group, GroupKind::None);
  ASSERT_TRUE(pm->container);
  EXPECT_EQ(pm->container->image.value, "alpine");
  ASSERT_EQ(pm->container->args.size(), 2u);
  EXPECT_EQ(pm->container->args[0].kind, Arg::Kind::InputValue);
  EXPECT_EQ(pm->container->args[1].kind, Arg::Kind::OutputPath);
  EXPECT_TRUE(pm->container->args[1].output_parameter);
  EXPECT_EQ(p.components.at("comp-flip-coin")->container->args.at(1).kind, Arg::Kind::ExecutorInput);
}

TEST(ReadIrFixtures, ParallelForRawItemsTaskOutputItemsAndParallelism) {
  auto l = load_ir_fixture("parallel_for.yaml");
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const PipelineSpec& p = *l->spec;
  const Dag& root = *p.root->dag;

  const Task* raw = root.find("for-loop-2");
  ASSERT_TRUE(raw && raw->iterator);
  EXPECT_FALSE(raw->iterator->artifact);
  EXPECT_EQ(raw->iterator->raw, std::optional<std::string>("[1, 2, 3]"));
  EXPECT_EQ(raw->iterator->item_input, "pipelinechannel--loop-item-param-1");
  EXPECT_EQ(raw->iterator->span.begin.line, 130u);
  EXPECT_EQ(raw->parallelism, std::optional<int64_t>(2));
  EXPECT_EQ(raw->component->group, GroupKind::ParallelFor);
  const Task& body = raw->component->dag->tasks.at(0);
  EXPECT_EQ(arg(body, "item")->source.kind, SK::LoopItem);
  EXPECT_EQ(arg(body, "item")->source.input, "pipelinechannel--loop-item-param-1");
  EXPECT_EQ(arg(body, "item")->source.span.begin.line, 35u);
  EXPECT_EQ(arg(body, "prefix")->source.kind, SK::PipelineInput);

  const Task* over = root.find("for-loop-4");
  ASSERT_TRUE(over && over->iterator);
  EXPECT_FALSE(over->iterator->raw);
  EXPECT_EQ(over->iterator->input, "pipelinechannel--make-list-Output");
  EXPECT_FALSE(over->parallelism);
  const Dag& loop = *over->component->dag;
  const TaskArgument* field = arg(*loop.find("print-field"), "item");
  EXPECT_EQ(field->source.kind, SK::LoopItem);
  EXPECT_EQ(field->source.expression, "parseJson(string_value)[\"a\"]");
  // The loop item passed on into a condition nested in the loop body is
  // still the loop item there.
  EXPECT_EQ(arg(*loop.find("condition-3"), "pipelinechannel--make-list-Output-loop-item")->source.kind, SK::LoopItem);
  const auto& cond = p.components.at("comp-condition-3");
  EXPECT_EQ(cond->group, GroupKind::Condition);
  EXPECT_EQ(arg(cond->dag->tasks.at(0), "item")->source.kind, SK::LoopItem);
  EXPECT_EQ(arg(cond->dag->tasks.at(0), "item")->source.span.begin.line, 15u);
  EXPECT_EQ(arg(cond->dag->tasks.at(0), "prefix")->source.kind, SK::PipelineInput);

  // Typed defaults and optional inputs.
  const IoSpec* greeting = p.root->input("greeting");
  ASSERT_TRUE(greeting);
  EXPECT_EQ(greeting->default_value, std::optional<Json>(Json("hi")));
  EXPECT_TRUE(greeting->optional);
  EXPECT_EQ(greeting->type.param, ParamType::String);
  const IoSpec* item = p.components.at("comp-for-loop-2")->input("pipelinechannel--loop-item-param-1");
  EXPECT_EQ(item->type.param, ParamType::Integer);

  // A Template arg: two placeholders, no literal text between them.
  const Arg& t = p.components.at("comp-print-item")->container->args.at(0);
  ASSERT_EQ(t.kind, Arg::Kind::Template);
  ASSERT_EQ(t.items.size(), 2u);
  EXPECT_EQ(t.items[0].text, "prefix");
  EXPECT_EQ(t.items[1].text, "item");
  const Arg& sh = p.components.at("comp-make-list")->container->command.at(2);
  ASSERT_EQ(sh.kind, Arg::Kind::Template);
  EXPECT_EQ(sh.items.at(1).kind, Arg::Kind::OutputPath);
}

TEST(ReadIrFixtures, ExitHandlerTaskFinalStatusAndRetry) {
  auto l = load_ir_fixture("exit_handler.yaml");
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const PipelineSpec& p = *l->spec;
  const Task* handler = p.root->dag->find("exit-handler-1");
  ASSERT_TRUE(handler);
  EXPECT_EQ(handler->component->group, GroupKind::ExitHandler);
  EXPECT_EQ(handler->display_name, "my-exit-handler");
  const Task* report = p.root->dag->find("report");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->trigger_strategy, std::optional<std::string>("ALL_UPSTREAM_TASKS_COMPLETED"));
  EXPECT_FALSE(report->condition);
  const TaskArgument* status = arg(*report, "status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->source.kind, SK::TaskFinalStatus);
  EXPECT_EQ(status->source.task, "exit-handler-1");
  EXPECT_EQ(status->source.task_span.begin.line, 68u);
  EXPECT_EQ(p.components.at("comp-report")->input("status")->type.param, ParamType::TaskFinalStatus);

  const Task& fail = handler->component->dag->tasks.at(0);
  ASSERT_TRUE(fail.retry);
  EXPECT_EQ(fail.retry->max_retry_count, 3);
  EXPECT_EQ(fail.retry->backoff_duration, std::optional<std::string>("0s"));
  EXPECT_EQ(fail.retry->backoff_factor, std::optional<double>(2.0));
  EXPECT_EQ(fail.retry->backoff_max_duration, std::optional<std::string>("3600s"));
  EXPECT_TRUE(fail.extra.empty()) << fail.extra.dump();
}

TEST(ReadIrFixtures, NestedPipelineResourcesAndJsonPlaceholders) {
  auto l = load_ir_fixture("nested_pipeline.yaml");
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const PipelineSpec& p = *l->spec;
  const auto& inner = p.components.at("comp-inner");
  EXPECT_EQ(inner->group, GroupKind::Pipeline);
  EXPECT_EQ(inner->format, Component::Format::IrPipeline);
  ASSERT_TRUE(inner->dag);
  const DagOutput* model = dag_output(*inner->dag, "model");
  ASSERT_TRUE(model);
  EXPECT_TRUE(model->is_artifact);
  EXPECT_EQ(model->selectors.at(0), std::make_pair(std::string("train"), std::string("model")));
  const IoSpec* out = inner->output("model");
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->type.is_artifact);
  EXPECT_EQ(out->type.schema_title, "system.Model");
  EXPECT_EQ(out->type.schema_version, "0.0.1");

  const Task* serve = p.root->dag->find("serve");
  const TaskArgument* m = arg(*serve, "model");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->is_artifact);
  EXPECT_EQ(m->source.kind, SK::TaskOutput);
  EXPECT_EQ(m->source.task, "inner");
  EXPECT_EQ(arg(*p.root->dag->find("inner"), "lr")->source.constant, Json(0.01));
  EXPECT_EQ(p.components.at("comp-serve")->input("model")->description, "The model to serve.");
  EXPECT_EQ(p.components.at("comp-train")->input("lr")->default_value, std::optional<Json>(Json(0.1)));

  const Container& c = *p.components.at("comp-train")->container;
  EXPECT_EQ(c.resources.cpu_limit, std::optional<std::string>("2"));
  EXPECT_EQ(c.resources.memory_limit, std::optional<std::string>("4G"));
  EXPECT_EQ(c.resources.accelerator_type, std::optional<std::string>("nvidia.com/gpu"));
  EXPECT_EQ(c.resources.accelerator_count, std::optional<std::string>("1"));
  // The deprecated spellings are kept for the round trip, not modelled.
  EXPECT_EQ(c.resources.extra, Json::parse(R"({"accelerator": {"count": "1", "type": "nvidia.com/gpu"}, "cpuLimit": 2.0})"));
  ASSERT_EQ(c.env.size(), 1u);
  EXPECT_EQ(c.env[0].name.value, "MODE");
  EXPECT_EQ(c.env[0].value, "fast");
  const Arg& concat = c.args.at(4);
  ASSERT_EQ(concat.kind, Arg::Kind::Concat);
  EXPECT_EQ(concat.items.at(1).kind, Arg::Kind::OutputPath);
  EXPECT_TRUE(concat.items.at(1).output_parameter);
  const Arg& ifp = p.components.at("comp-serve")->container->args.at(0);
  ASSERT_EQ(ifp.kind, Arg::Kind::IfPresent);
  EXPECT_EQ(ifp.text, "model");
  EXPECT_EQ(ifp.then_items.at(1).kind, Arg::Kind::InputUri);
  EXPECT_FALSE(ifp.has_else);
}

TEST(ReadIrFixtures, ImporterLifecycleAndPlatformSpec) {
  auto l = load_ir_fixture("importer.yaml");
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const PipelineSpec& p = *l->spec;
  const auto& imp = p.components.at("comp-importer");
  ASSERT_TRUE(imp->importer);
  EXPECT_FALSE(imp->container);
  EXPECT_EQ((*imp->importer)["artifactUri"]["runtimeParameter"], "uri");
  EXPECT_EQ((*imp->importer)["typeSchema"]["schemaTitle"], "system.Dataset");
  const auto& show = p.components.at("comp-show");
  EXPECT_TRUE(show->input("data")->optional);
  EXPECT_EQ(show->container->extra, Json::parse(R"({"lifecycle": {"preCacheCheck": {"command": ["check"]}}})"));
  EXPECT_EQ(show->container->command.at(1).kind, Arg::Kind::InputPath);
  ASSERT_TRUE(p.platform_spec);
  EXPECT_EQ((*p.platform_spec)["platforms"]["kubernetes"]["deploymentSpec"]["executors"]["exec-show"]["nodeSelector"]
                              ["labels"]["disk"],
            "ssd");
  EXPECT_EQ(arg(*p.root->dag->find("show"), "data")->source.output, "artifact");
  EXPECT_TRUE(p.extra.empty()) << p.extra.dump();
}

TEST(ReadIrFixtures, OldSchema200) {
  auto l = load_ir_fixture("old_2_0_0.yaml");
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const PipelineSpec& p = *l->spec;
  EXPECT_EQ(p.schema_version, "2.0.0");
  const auto& c = p.components.at("comp-hello-world");
  EXPECT_EQ(c->input("count")->type.param, ParamType::Integer);
  EXPECT_EQ(c->input("text")->type.param, ParamType::String);
  EXPECT_EQ(c->input("count")->type_span.begin.line, 7u);
  // Kept so that the legacy spelling is written back.
  EXPECT_EQ(c->input("count")->extra, Json::parse(R"({"type": "INT", "parameterType": null})"));
  const TaskArgument* count = arg(*p.root->dag->find("hello-world"), "count");
  ASSERT_TRUE(count);
  EXPECT_EQ(count->source.kind, SK::Constant);
  EXPECT_EQ(count->source.constant, Json(3));
  EXPECT_EQ(count->extra["runtimeValue"]["constantValue"]["intValue"], "3");
  EXPECT_TRUE(count->extra["runtimeValue"]["constant"].is_null());
  EXPECT_EQ(p.root->input("text")->type.param, ParamType::String);
}

TEST(ReadIrFixtures, BrokenReferencesAreReportedWhereWritten) {
  auto l = load_ir_fixture("bad_refs.yaml");
  ASSERT_TRUE(l->spec);
  std::string all = l->dump();

  const Diagnostic* d = l->first(DiagId::err_ir_unknown_param_type);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 7u);
  EXPECT_EQ(d->span.begin.col, 26u);
  EXPECT_EQ(d->args.at(0), "STRNG");

  d = l->first(DiagId::err_ir_unknown_executor);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 9u);
  EXPECT_EQ(d->span.begin.col, 20u);
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(d->notes[0].args.at(0), "exec-produce");

  d = l->first(DiagId::err_ir_unknown_task);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 31u);
  EXPECT_EQ(d->span.begin.col, 11u);
  EXPECT_EQ(d->args.at(1), "prodcue");
  ASSERT_FALSE(d->notes.empty());
  EXPECT_EQ(d->notes[0].args.at(0), "produce");

  d = l->first(DiagId::err_ir_unknown_output);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 36u);
  EXPECT_EQ(d->span.begin.col, 37u);
  EXPECT_EQ(d->message(), "task 'produce' (component 'comp-produce') has no output parameter 'output'");

  d = l->first(DiagId::err_ir_unknown_component);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 42u);
  EXPECT_EQ(d->span.begin.col, 17u);
  EXPECT_EQ(d->message(), "task 'consume-2' refers to unknown component 'comp-consumer'");
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(d->notes[0].args.at(0), "comp-consume");
  EXPECT_FALSE(l->spec->root->dag->find("consume-2")->component);

  d = l->first(DiagId::err_ir_unknown_dag_input);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 46u);
  EXPECT_EQ(d->args.at(2), "missing");

  // The unused executor (its component misspelt the label) is a warning.
  EXPECT_EQ(l->count(DiagId::warn_ir_unused_executor), 1u);
  EXPECT_EQ(l->sink.error_count(), 6u) << all;
}

TEST(ReadIrFixtures, WrongShapesAndUnknownKeys) {
  auto l = load_ir_fixture("bad_shapes.yaml");
  ASSERT_TRUE(l->spec);
  std::string all = l->dump();
  const Diagnostic* d = l->first(DiagId::err_ir_oneof);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 4u);
  d = l->first(DiagId::err_ir_unknown_key);
  ASSERT_TRUE(d) << all;
  EXPECT_EQ(d->span.begin.line, 14u);
  EXPECT_EQ(d->span.begin.col, 3u);
  EXPECT_EQ(d->message(), "unknown field 'nmae' in pipelineInfo");
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(d->notes[0].message(), "did you mean 'name'?");
  EXPECT_EQ(l->spec->name.value, "shapes");  // the real `name` wins over the typo
  // args: [1, ...]: the integer is reported, the placeholder still parsed.
  bool arg_kind = false, tasks_kind = false;
  for (const auto& x : l->sink.all()) {
    if (x.id != DiagId::err_ir_wrong_kind) continue;
    if (x.span.begin.line == 11u && x.span.begin.col == 16u) arg_kind = true;
    if (x.span.begin.line == 18u) tasks_kind = true;
  }
  EXPECT_TRUE(arg_kind) << all;
  EXPECT_TRUE(tasks_kind) << all;
  ASSERT_TRUE(l->spec->components.at("comp-a")->container);
  EXPECT_EQ(l->spec->components.at("comp-a")->container->args.size(), 1u);
  // No sdkVersion is fine; a missing root/components is not.
  auto none = load_ir_text("pipelineInfo:\n  name: x\nschemaVersion: 2.1.0\n");
  ASSERT_TRUE(none->spec);
  EXPECT_EQ(none->count(DiagId::err_ir_missing_key), 2u) << none->dump();
  EXPECT_EQ(none->sink.all().at(0).span.begin.line, 1u);
}

TEST(ReadIrFixtures, BadInputNeverCrashes) {
  for (const char* text : {"[]", "pipelineInfo: 3\nroot: []\ncomponents: x\n", "root:\n  dag:\n    tasks:\n      t: 5\n",
                           "root:\n  dag:\n    tasks:\n      t:\n        componentRef: {name: [1]}\n",
                           "deploymentSpec: {executors: {e: {container: 7}}}\ncomponents: {c: {executorLabel: e}}\n",
                           "root: {dag: {tasks: {a: {componentRef: {name: root}}}}}\ncomponents: {root: {dag: "
                           "{tasks: {b: {componentRef: {name: root}}}}}}\npipelineInfo: {name: x}\n"}) {
    auto l = load_ir_text(text);
    EXPECT_TRUE(l->sink.has_errors()) << text;
    for (const auto& d : l->sink.all()) EXPECT_TRUE(d.span.begin.valid()) << text << ": " << d.message();
  }
}

// A PipelineSpec whose root is itself an executor-backed component (no DAG,
// no `components`): read as such, with the executor joined to the root.
TEST(ReadIrFixtures, RootExecutorWithoutComponents) {
  auto l = load_ir_text(
      "deploymentSpec:\n"
      "  executors:\n"
      "    exec-echo:\n"
      "      container:\n"
      "        command: [echo, '{{$.inputs.parameters[''msg'']}}']\n"
      "        image: alpine\n"
      "pipelineInfo:\n"
      "  name: echo\n"
      "root:\n"
      "  executorLabel: exec-echo\n"
      "  inputDefinitions:\n"
      "    parameters:\n"
      "      msg: {parameterType: STRING, defaultValue: hi, isOptional: true}\n"
      "schemaVersion: 2.1.0\n");
  ASSERT_TRUE(l->spec && l->spec->root);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump();
  const Component& root = *l->spec->root;
  EXPECT_EQ(root.name.value, "echo");
  EXPECT_EQ(root.executor_label, "exec-echo");
  ASSERT_TRUE(root.container);
  EXPECT_EQ(root.container->command.at(1).kind, Arg::Kind::InputValue);
  EXPECT_EQ(root.input("msg")->default_value, std::optional<Json>(Json("hi")));
  EXPECT_EQ(root.input("msg")->name.span.begin.line, 13u);
  EXPECT_EQ(root.input("msg")->name.span.begin.col, 7u);
  EXPECT_TRUE(l->spec->components.empty());
}

// Thousands of nested pipelines, each used by the one before: read without
// recursion trouble (the group walk is iterative) and without errors.
TEST(ReadIrFixtures, LongChainOfNestedPipelines) {
  const int n = 3000;
  std::string y = "components:\n";
  for (int i = 0; i < n; ++i) {
    y += "  comp-p" + std::to_string(i) + ":\n";
    if (i + 1 < n)
      y += "    dag:\n      tasks:\n        t:\n          componentRef:\n            name: comp-p" + std::to_string(i + 1) +
           "\n          taskInfo:\n            name: t\n";
    else
      y += "    executorLabel: exec-x\n";
  }
  y += "deploymentSpec:\n  executors:\n    exec-x:\n      container:\n        image: alpine\n";
  y += "pipelineInfo:\n  name: chain\nroot:\n  dag:\n    tasks:\n      t:\n        componentRef:\n          name: comp-p0\n"
       "        taskInfo:\n          name: t\nschemaVersion: 2.1.0\n";
  auto l = load_ir_text(y);
  ASSERT_TRUE(l->spec);
  EXPECT_FALSE(l->sink.has_errors()) << l->dump().substr(0, 2000);
  EXPECT_EQ(l->spec->components.size(), static_cast<size_t>(n));
  EXPECT_EQ(l->spec->components.at("comp-p5")->group, GroupKind::Pipeline);
  EXPECT_EQ(l->spec->components.at("comp-p5")->dag->tasks.at(0).component, l->spec->components.at("comp-p6"));
}
