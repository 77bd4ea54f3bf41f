// The v1 component reader: every construct of a container component and
// every diagnostic it reports, with positions (tests/data/v1/*.yaml).
#include <gtest/gtest.h>

#include "read_v1_util.h"

using namespace kfp;

using kfp::testing::expect_at;
using kfp::testing::load_v1_fixture;
using kfp::testing::load_v1_text;
using kfp::testing::where;

namespace {

const Diagnostic* find(const Sink& s, DiagId id, size_t nth = 0) {
  for (const auto& d : s.all())
    if (d.id == id && nth-- == 0) return &d;
  return nullptr;
}

}  // namespace

TEST(ReadV1Component, EveryConstruct) {
  auto l = load_v1_fixture("container_all.yaml");
  EXPECT_TRUE(l->sink.all().empty()) << ::testing::PrintToString(where(l->sink));
  const Component& c = *l->c;
  EXPECT_EQ(c.format, Component::Format::V1Component);
  EXPECT_EQ(c.name.value, "All placeholders");
  expect_at(c.name.span, 1, 7);
  EXPECT_EQ(c.description, "Uses every v1 placeholder");
  EXPECT_EQ(c.metadata["annotations"]["author"], "me");
  EXPECT_EQ(c.metadata["labels"]["team"], "ml");

  ASSERT_EQ(c.inputs.size(), 5u);
  const IoSpec& text = c.inputs[0];
  EXPECT_EQ(text.name.value, "text");
  expect_at(text.name.span, 9, 10);
  expect_at(text.span, 9, 3);
  EXPECT_FALSE(text.type.is_artifact);
  EXPECT_EQ(text.type.param, ParamType::String);
  expect_at(text.type_span, 9, 22);
  EXPECT_EQ(*text.default_value, Json("hello"));
  expect_at(text.default_span, 9, 39);
  EXPECT_EQ(text.description, "A text");
  const IoSpec& count = c.inputs[1];
  EXPECT_EQ(*count.default_value, Json(3));  // resolved as PyYAML does
  EXPECT_TRUE(count.optional);
  EXPECT_EQ(count.type.param, ParamType::Integer);
  const IoSpec& data = c.inputs[2];
  EXPECT_TRUE(data.type.is_artifact);
  EXPECT_EQ(data.type.v1_type, Json::parse(R"({"GCSPath": {"data_type": "CSV"}})"));
  EXPECT_EQ(data.type.v1_name(), "GCSPath");
  EXPECT_FALSE(data.optional);
  EXPECT_FALSE(data.default_value.has_value());
  EXPECT_TRUE(c.inputs[4].type.is_artifact);  // untyped
  EXPECT_TRUE(c.inputs[4].type.v1_type.is_null());
  ASSERT_EQ(c.outputs.size(), 2u);
  EXPECT_EQ(c.outputs[0].type.schema_title, "system.Model");

  ASSERT_TRUE(c.container.has_value());
  const Container& ct = *c.container;
  EXPECT_EQ(ct.image.value, "python:3.9");
  expect_at(ct.image.span, 19, 12);
  EXPECT_TRUE(ct.has_command);
  EXPECT_TRUE(ct.has_args);
  ASSERT_EQ(ct.command.size(), 3u);
  EXPECT_EQ(ct.command[2].text, "print(1)");
  expect_at(ct.command[2].span, 20, 27);

  ASSERT_EQ(ct.args.size(), 11u);
  using K = Arg::Kind;
  EXPECT_EQ(ct.args[0].kind, K::Literal);
  EXPECT_EQ(ct.args[1].kind, K::InputValue);
  EXPECT_EQ(ct.args[1].text, "text");
  expect_at(ct.args[1].span, 23, 7);  // the placeholder node
  EXPECT_EQ(ct.args[2].kind, K::InputPath);
  EXPECT_EQ(ct.args[3].kind, K::InputUri);
  EXPECT_EQ(ct.args[3].text, "untyped");
  EXPECT_EQ(ct.args[4].kind, K::OutputPath);
  EXPECT_EQ(ct.args[5].kind, K::OutputUri);
  EXPECT_EQ(ct.args[6].kind, K::ExecutorInput);
  const Arg& concat = ct.args[7];
  EXPECT_EQ(concat.kind, K::Concat);
  expect_at(concat.span, 29, 7);
  ASSERT_EQ(concat.items.size(), 2u);
  EXPECT_EQ(concat.items[0].text, "--count=");
  EXPECT_EQ(concat.items[1].kind, K::InputValue);
  expect_at(concat.items[1].span, 29, 26);
  const Arg& if1 = ct.args[8];
  EXPECT_EQ(if1.kind, K::IfPresent);
  EXPECT_EQ(if1.text, "flag");
  EXPECT_FALSE(if1.cond_value.has_value());
  ASSERT_EQ(if1.then_items.size(), 2u);
  EXPECT_EQ(if1.then_items[1].kind, K::InputValue);
  EXPECT_TRUE(if1.has_else);
  ASSERT_EQ(if1.else_items.size(), 1u);
  EXPECT_EQ(if1.else_items[0].text, "--no-flag");
  const Arg& if2 = ct.args[9];
  ASSERT_TRUE(if2.cond_value.has_value());
  EXPECT_EQ(*if2.cond_value, Json::parse(R"({"inputValue": "flag"})"));
  ASSERT_EQ(if2.then_items.size(), 1u);  // a single `then` item
  EXPECT_FALSE(if2.has_else);
  const Arg& if3 = ct.args[10];
  EXPECT_EQ(*if3.cond_value, Json(true));

  ASSERT_EQ(ct.env.size(), 1u);
  EXPECT_EQ(ct.env[0].name.value, "MODE");
  EXPECT_EQ(ct.env[0].value, "fast");
  expect_at(ct.env[0].span, 41, 7);
  ASSERT_EQ(ct.file_outputs.count("model"), 1u);
  EXPECT_EQ(ct.file_outputs.at("model").value, "/tmp/model");
}

TEST(ReadV1Component, UnknownPlaceholders) {
  auto l = load_v1_fixture("unknown_placeholder.yaml");
  auto w = where(l->sink);
  EXPECT_EQ(w, (std::vector<std::string>{"err_v1_unknown_placeholder@10:8", "err_v1_unknown_placeholder@11:20",
                                         "err_v1_placeholder_shape@12:7", "err_v1_arg_kind@13:7"}));
  const Diagnostic* d = find(l->sink, DiagId::err_v1_unknown_placeholder);
  ASSERT_TRUE(d);
  EXPECT_NE(d->message().find("'outputValue'"), std::string::npos);
  EXPECT_NE(d->message().find("outputPath"), std::string::npos);  // lists the valid ones
  EXPECT_EQ(d->code(), "v1-placeholder");
  // The good items are still modelled; the bad ones are dropped.
  ASSERT_TRUE(l->c && l->c->container);
  EXPECT_EQ(l->c->container->args.size(), 2u);
  EXPECT_EQ(l->c->container->args[0].kind, Arg::Kind::Concat);
  EXPECT_EQ(l->c->container->args[1].text, "8080");
}

TEST(ReadV1Component, UnknownKeysWarn) {
  auto l = load_v1_fixture("unknown_keys.yaml");
  EXPECT_EQ(where(l->sink), (std::vector<std::string>{"warn_v1_unknown_key@2:1", "warn_v1_unknown_key@8:3",
                                                      "warn_v1_unknown_key@7:5"}));
  for (const auto& d : l->sink.all()) EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_NE(l->sink.all()[0].message().find("'metrics'"), std::string::npos);
  EXPECT_NE(l->sink.all()[2].message().find("fileOutputs"), std::string::npos);
  EXPECT_EQ(l->c->container->image.value, "alpine");
}

TEST(ReadV1Component, WrongKinds) {
  auto l = load_v1_fixture("wrong_kinds.yaml");
  EXPECT_EQ(where(l->sink),
            (std::vector<std::string>{"err_v1_wrong_kind@1:7", "err_v1_wrong_kind@3:3", "err_v1_wrong_kind@5:3",
                                      "warn_v1_unknown_key@6:13", "err_v1_wrong_kind@10:11",
                                      "err_v1_wrong_kind@12:13"}));
  EXPECT_EQ(l->sink.all()[0].message(), "'name' must be a string, not a list");
  EXPECT_EQ(l->sink.all()[1].message(), "'inputs' must be a list, not a mapping");
  EXPECT_EQ(l->sink.all()[5].message(), "'env.PORT' must be a string, not the integer 8080");
  ASSERT_EQ(l->c->outputs.size(), 1u);
  EXPECT_EQ(l->c->outputs[0].name.value, "o");
}

TEST(ReadV1Component, MissingImplementationAndImage) {
  auto a = load_v1_fixture("missing_impl.yaml");
  EXPECT_EQ(where(a->sink), (std::vector<std::string>{"err_v1_no_implementation@1:1"}));
  EXPECT_FALSE(a->c->container.has_value());
  EXPECT_EQ(a->c->inputs.size(), 1u);
  auto b = load_v1_fixture("missing_image.yaml");
  EXPECT_EQ(where(b->sink), (std::vector<std::string>{"err_v1_missing_key@3:3"}));
  ASSERT_TRUE(b->c->container.has_value());
  EXPECT_EQ(b->c->container->command.size(), 1u);
  auto c = load_v1_text("name: x\nimplementation:\n  other: {}\n");
  EXPECT_EQ(where(c->sink),
            (std::vector<std::string>{"warn_v1_unknown_key@3:3", "err_v1_implementation_kind@2:1"}));
}

TEST(ReadV1Component, DuplicateNames) {
  auto l = load_v1_fixture("duplicates.yaml");
  EXPECT_EQ(where(l->sink),
            (std::vector<std::string>{"err_v1_duplicate_input@4:10", "err_v1_duplicate_output@7:10"}));
  const Diagnostic& d = l->sink.all()[0];
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].id, DiagId::note_v1_first_defined);
  expect_at(d.notes[0].span, 3, 10);
  ASSERT_EQ(l->c->inputs.size(), 1u);  // the first one is kept
  EXPECT_EQ(l->c->inputs[0].type.param, ParamType::String);
}

TEST(ReadV1Component, PlaceholdersNameDeclaredInputsAndOutputs) {
  auto l = load_v1_fixture("unknown_names.yaml");
  EXPECT_EQ(where(l->sink),
            (std::vector<std::string>{"err_v1_placeholder_input@10:20", "err_v1_placeholder_output@11:20",
                                      "err_v1_placeholder_input@13:27", "err_v1_file_output_unknown@16:7"}));
  EXPECT_EQ(l->sink.all()[0].message(), "'inputValue' refers to input 'nope', which is not declared in 'inputs'");
  EXPECT_EQ(l->sink.all()[2].message(), "'isPresent' refers to input 'ghost', which is not declared in 'inputs'");
}

TEST(ReadV1Component, DuplicateKeyLastWinsLikePyYaml) {
  auto l = load_v1_fixture("duplicate_container.yaml");
  // The YAML layer reports the duplicate; the reader reads what KFP reads.
  EXPECT_EQ(where(l->sink),
            (std::vector<std::string>{"err_yaml_duplicate_key@8:3", "err_v1_unknown_placeholder@10:13"}));
  EXPECT_EQ(l->c->container->image.value, "second");
}

TEST(ReadV1Component, IfNeedsCondAndThen) {
  auto l = load_v1_fixture("bad_if.yaml");
  EXPECT_EQ(where(l->sink), (std::vector<std::string>{"err_v1_missing_key@9:9", "warn_v1_unknown_key@13:9",
                                                      "err_v1_wrong_kind@11:15"}));
  ASSERT_EQ(l->c->container->args.size(), 2u);
  EXPECT_EQ(l->c->container->args[0].then_items.size(), 1u);
}

TEST(ReadV1Component, NeverCrashesOnOddShapes) {
  for (const char* text : {"[1, 2]", "implementation: 5", "implementation: {container: [a]}",
                           "inputs: [[a]]\nimplementation: {container: {image: a, args: [{}, [x], ~]}}",
                           "implementation: {container: {image: {a: b}, command: {x: y}, env: [a], fileOutputs: 3}}",
                           "implementation: {graph: {tasks: [a]}}",
                           "implementation: {graph: {tasks: {a: {componentRef: {spec: [x]}, arguments: [1]}}}}"}) {
    auto l = load_v1_text(text);
    ASSERT_TRUE(l->c) << text;
    EXPECT_TRUE(l->sink.has_errors()) << text;
  }
}
