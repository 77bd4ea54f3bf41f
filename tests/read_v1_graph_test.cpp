// The v1 graph reader: tasks, arguments, options, outputValues, inline specs,
// and the load-time reference errors KFP's GraphSpec/ComponentSpec raise.
#include <gtest/gtest.h>

#include "read_v1_util.h"

using namespace kfp;

using kfp::testing::expect_at;
using kfp::testing::load_v1_fixture;
using kfp::testing::where;

TEST(ReadV1Graph, TasksArgumentsOptionsOutputs) {
  auto l = load_v1_fixture("graph_ok.yaml");
  EXPECT_TRUE(l->sink.all().empty()) << ::testing::PrintToString(where(l->sink));
  const Component& c = *l->c;
  EXPECT_EQ(c.format, Component::Format::V1Graph);
  EXPECT_FALSE(c.container.has_value());
  ASSERT_TRUE(c.dag.has_value());
  const Dag& dag = *c.dag;
  ASSERT_EQ(dag.tasks.size(), 3u);
  EXPECT_EQ(dag.tasks[0].name.value, "prep");  // file order
  EXPECT_EQ(dag.tasks[1].name.value, "train");
  EXPECT_EQ(dag.tasks[2].name.value, "fetch");
  expect_at(dag.tasks[0].name.span, 11, 7);

  const Task& prep = dag.tasks[0];
  EXPECT_TRUE(prep.ref.inline_spec);
  ASSERT_TRUE(prep.component);
  EXPECT_EQ(prep.component->name.value, "Prep");
  expect_at(prep.component->name.span, 14, 19);
  EXPECT_EQ(prep.component->container->args.size(), 3u);
  ASSERT_EQ(prep.arguments.size(), 2u);
  EXPECT_EQ(prep.arguments[0].input.value, "data");
  EXPECT_EQ(prep.arguments[0].source.kind, ArgumentSource::Kind::PipelineInput);
  EXPECT_EQ(prep.arguments[0].source.input, "source");
  EXPECT_TRUE(prep.arguments[0].is_artifact);  // untyped input: an artifact, as KFP v2 sees it
  EXPECT_FALSE(prep.arguments[1].is_artifact);  // Integer
  EXPECT_EQ(prep.arguments[1].extra["type"], "Integer");

  const Task& train = dag.tasks[1];
  ASSERT_EQ(train.arguments.size(), 3u);
  const TaskArgument& table = train.arguments[0];
  EXPECT_EQ(table.source.kind, ArgumentSource::Kind::TaskOutput);
  EXPECT_EQ(table.source.task, "prep");
  EXPECT_EQ(table.source.output, "table");
  expect_at(table.source.task_span, 43, 40);
  expect_at(table.source.output_span, 43, 58);
  expect_at(table.span, 43, 11);
  EXPECT_TRUE(table.is_artifact);
  EXPECT_EQ(train.arguments[1].source.kind, ArgumentSource::Kind::Constant);
  EXPECT_EQ(train.arguments[1].source.constant, Json(10));
  EXPECT_FALSE(train.arguments[1].is_artifact);
  EXPECT_EQ(train.arguments[2].source.constant, Json("0.1"));
  ASSERT_TRUE(train.v1_is_enabled.has_value());
  EXPECT_EQ(Json::parse(train.v1_is_enabled->value),
            Json::parse(R"({"==": {"op1": {"graphInput": {"inputName": "rows"}}, "op2": "5"}})"));
  expect_at(train.v1_is_enabled->span, 47, 11);
  ASSERT_TRUE(train.retry.has_value());
  EXPECT_EQ(train.retry->max_retry_count, 3);
  ASSERT_TRUE(train.enable_cache.has_value());
  EXPECT_FALSE(*train.enable_cache);

  const Task& fetch = dag.tasks[2];
  EXPECT_FALSE(fetch.ref.inline_spec);
  EXPECT_FALSE(fetch.component);  // left for resolve_refs
  EXPECT_EQ(fetch.ref.url.value, "https://example.com/components/fetch/component.yaml");
  expect_at(fetch.ref.url.span, 53, 16);
  EXPECT_EQ(fetch.ref.digest.value.size(), 64u);
  EXPECT_FALSE(fetch.enable_cache.has_value());
  EXPECT_EQ(fetch.extra["maxCacheStaleness"], "P30D");

  ASSERT_EQ(dag.outputs.size(), 2u);
  EXPECT_EQ(dag.outputs[0].name.value, "model");
  EXPECT_TRUE(dag.outputs[0].is_artifact);
  ASSERT_EQ(dag.outputs[0].selectors.size(), 1u);
  EXPECT_EQ(dag.outputs[0].selectors[0], (std::pair<std::string, std::string>{"train", "model"}));
  EXPECT_FALSE(dag.outputs[1].is_artifact);  // Float
}

TEST(ReadV1Graph, LoadTimeErrors) {
  auto l = load_v1_fixture("graph_errors.yaml");
  EXPECT_EQ(where(l->sink),
            (std::vector<std::string>{"err_v1_ref_empty@10:23", "err_v1_graph_input_unknown@13:39",
                                      "err_v1_argument_shape@14:14", "err_v1_missing_key@15:27",
                                      "err_v1_missing_key@16:7", "err_v1_wrong_kind@21:39",
                                      "err_v1_output_value_unknown@24:7", "err_v1_task_output_unknown@12:36"}));
  EXPECT_EQ(l->sink.all()[3].message(), "taskOutput is missing the required key 'outputName'");
  EXPECT_EQ(l->sink.all()[4].message(), "task 'b' is missing the required key 'componentRef'");
  EXPECT_EQ(l->sink.all()[7].message(), "taskOutput refers to task 'nobody', which is not in this graph");
  // Still modelled: every task, and the arguments that could be read.
  ASSERT_EQ(l->c->dag->tasks.size(), 3u);
  EXPECT_EQ(l->c->dag->tasks[0].arguments.size(), 2u);
  EXPECT_EQ(l->c->dag->tasks[2].ref.name.value, "c");
}

TEST(ReadV1Graph, TasksAreRequired) {
  auto l = load_v1_fixture("graph_no_tasks.yaml");
  EXPECT_EQ(where(l->sink), (std::vector<std::string>{"err_v1_missing_key@4:5"}));
  EXPECT_EQ(l->c->format, Component::Format::V1Graph);
  ASSERT_TRUE(l->c->dag.has_value());
  EXPECT_TRUE(l->c->dag->tasks.empty());
}
