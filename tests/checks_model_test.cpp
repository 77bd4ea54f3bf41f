// Every check on models built here by hand (independent of the readers):
// what is reported, where, and with which notes.
#include <gtest/gtest.h>

#include "core/checks/registry.h"
#include "core/checks/v2_compat.h"
#include "core/read/workspace.h"

namespace kfp {
namespace {

Span at(uint32_t line, uint32_t col, uint32_t len = 1) {
  return Span{0, Pos{line, col, 0}, Pos{line, col + len, 0}};
}

IoSpec io(const std::string& name, const Json& v1_type, uint32_t line, bool optional = false) {
  IoSpec s;
  s.name = {name, at(line, 9, static_cast<uint32_t>(name.size()))};
  s.type = type_from_v1(v1_type);
  s.optional = optional;
  s.span = at(line, 3);
  return s;
}

std::shared_ptr<Component> container(const std::string& name, std::vector<IoSpec> in, std::vector<IoSpec> out) {
  auto c = std::make_shared<Component>();
  c->name.value = name;
  c->inputs = std::move(in);
  c->outputs = std::move(out);
  c->container = Container{};
  return c;
}

Task task(const std::string& name, std::shared_ptr<Component> c, uint32_t line) {
  Task t;
  t.name = {name, at(line, 7, static_cast<uint32_t>(name.size()))};
  t.component = std::move(c);
  t.span = t.name.span;
  return t;
}

TaskArgument from_task(const std::string& input, const std::string& producer, const std::string& output,
                       uint32_t line) {
  TaskArgument a;
  a.input = {input, at(line, 11, static_cast<uint32_t>(input.size()))};
  a.source.kind = ArgumentSource::Kind::TaskOutput;
  a.source.task = producer;
  a.source.output = output;
  a.source.task_span = at(line, 40, static_cast<uint32_t>(producer.size()));
  a.source.output_span = at(line, 60, static_cast<uint32_t>(output.size()));
  a.source.span = at(line, 20);
  a.span = a.input.span;
  return a;
}

TaskArgument from_input(const std::string& input, const std::string& graph_input, uint32_t line) {
  TaskArgument a;
  a.input = {input, at(line, 11, static_cast<uint32_t>(input.size()))};
  a.source.kind = ArgumentSource::Kind::PipelineInput;
  a.source.input = graph_input;
  a.source.span = at(line, 30, static_cast<uint32_t>(graph_input.size()));
  a.span = a.input.span;
  return a;
}

TaskArgument constant(const std::string& input, const Json& v, uint32_t line) {
  TaskArgument a;
  a.input = {input, at(line, 11, static_cast<uint32_t>(input.size()))};
  a.source.kind = ArgumentSource::Kind::Constant;
  a.source.constant = v;
  a.source.span = at(line, 20);
  a.span = a.input.span;
  return a;
}

// Format Argo stands for "a front end whose reader does not check references".
std::shared_ptr<Component> graph(std::vector<IoSpec> inputs, std::vector<Task> tasks,
                                 Component::Format format = Component::Format::V1Graph) {
  auto g = std::make_shared<Component>();
  g->format = format;
  g->name.value = "my pipeline";
  g->inputs = std::move(inputs);
  g->dag = Dag{};
  g->dag->tasks = std::move(tasks);
  return g;
}

std::vector<Diagnostic> check(std::shared_ptr<Component> root) {
  Workspace ws;
  ws.add("p.yaml", "");
  ws.file(0).component = std::move(root);
  Sink sink;
  run_checks(ws, sink);
  auto d = sink.all();
  sort_diagnostics(d);
  return d;
}

std::shared_ptr<Component> gen_text() {
  return container("Gen text", {io("seed", "Integer", 1)}, {io("text", "String", 2)});
}

TEST(ChecksModel, MismatchedTaskOutputIsReportedAtTheArgument) {
  auto gen = gen_text();
  Task a = task("gen-text", gen, 10);
  a.arguments.push_back(constant("seed", "7", 11));
  Task b = task("gen-text-2", gen, 12);
  b.arguments.push_back(from_task("seed", "gen-text", "text", 13));
  auto d = check(graph({}, {a, b}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code(), "type-mismatch");
  EXPECT_EQ(d[0].severity, Severity::Error);
  EXPECT_EQ(d[0].message(),
            "Incompatible argument passed to the input 'seed' of component 'gen-text': Argument type 'STRING' is "
            "incompatible with the input type 'NUMBER_INTEGER'");
  EXPECT_EQ(d[0].span.begin.line, 13u);
  EXPECT_EQ(d[0].span.begin.col, 11u);
  ASSERT_EQ(d[0].notes.size(), 2u);
  EXPECT_EQ(d[0].notes[0].span.begin.line, 2u);  // the producing output
  EXPECT_EQ(d[0].notes[0].message(), "output 'text' of task 'gen-text' is declared here with type 'STRING'");
  EXPECT_EQ(d[0].notes[1].span.begin.line, 1u);  // the consuming input
}

TEST(ChecksModel, PipelineInputTypeIsTheEnclosingGraphInput) {
  auto echo = container("Echo", {io("msg", "String", 1)}, {});
  Task t = task("echo", echo, 10);
  t.arguments.push_back(from_input("msg", "n", 11));
  auto d = check(graph({io("n", "Integer", 5)}, {t}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message(),
            "Incompatible argument passed to the input 'msg' of component 'echo': Argument type 'NUMBER_INTEGER' is "
            "incompatible with the input type 'STRING'");
  EXPECT_EQ(d[0].notes[0].span.begin.line, 5u);
}

TEST(ChecksModel, UntypedV1InputIsAnArtifactInV2) {
  auto stats = container("Blob stats", {io("blob", nullptr, 1)}, {});
  auto train = container("Train model", {}, {io("accuracy", "Float", 2)});
  Task p = task("train-model", train, 10);
  Task c = task("blob-stats", stats, 12);
  c.arguments.push_back(from_task("blob", "train-model", "accuracy", 13));
  auto d = check(graph({}, {p, c}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message(),
            "Incompatible argument passed to the input 'blob' of component 'blob-stats': Argument type "
            "'NUMBER_DOUBLE' is incompatible with the input type 'system.Artifact@0.0.1'");
}

TEST(ChecksModel, CompatibleArtifactsAndConstantsAreClean) {
  auto make = container("Make", {}, {io("data", "Dataset", 1)});
  auto use = container("Use", {io("any", nullptr, 2), io("ds", "Dataset", 3), io("n", "Integer", 4)}, {});
  Task p = task("make", make, 10);
  Task c = task("use", use, 12);
  c.arguments.push_back(from_task("any", "make", "data", 13));
  c.arguments.push_back(from_task("ds", "make", "data", 14));
  c.arguments.push_back(constant("n", "42", 15));
  EXPECT_TRUE(check(graph({}, {p, c})).empty());
}

TEST(ChecksModel, BadV1ConstantIsAMismatch) {
  auto gen = gen_text();
  Task a = task("gen", gen, 10);
  a.arguments.push_back(constant("seed", "seven", 11));
  auto d = check(graph({}, {a}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code(), "type-mismatch");
  EXPECT_NE(d[0].message().find("Argument type 'STRING' is incompatible with the input type 'NUMBER_INTEGER'"),
            std::string::npos);
}

TEST(ChecksModel, UnknownTaskAndOutputSuggestNames) {
  auto gen = gen_text();
  Task a = task("gen-text", gen, 10);
  a.arguments.push_back(constant("seed", "1", 11));
  Task b = task("b", gen, 12);
  b.arguments.push_back(from_task("seed", "gen-txt", "text", 13));
  Task c = task("c", gen, 14);
  c.arguments.push_back(from_task("seed", "gen-text", "texts", 15));
  // The v1 reader reports unknown tasks itself; only the unknown output here.
  auto v1 = check(graph({}, {a, b, c}));
  ASSERT_EQ(v1.size(), 1u);
  EXPECT_EQ(v1[0].code(), "unknown-output");
  auto d = check(graph({}, {a, b, c}, Component::Format::Argo));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].code(), "unknown-task");
  EXPECT_EQ(d[0].message(), "argument 'seed' of task 'b' refers to unknown task 'gen-txt'");
  EXPECT_EQ(d[0].span.begin.col, 40u);
  ASSERT_EQ(d[0].notes.size(), 1u);
  EXPECT_EQ(d[0].notes[0].message(), "did you mean 'gen-text'?");
  EXPECT_EQ(d[0].notes[0].span.begin.line, 10u);
  EXPECT_EQ(d[1].code(), "unknown-output");
  EXPECT_EQ(d[1].message(), "task 'gen-text' (component 'Gen text') has no output 'texts'");
  EXPECT_EQ(d[1].notes.at(0).message(), "did you mean 'text'?");
}

TEST(ChecksModel, UnexpectedAndMissingInputs) {
  auto gen = gen_text();
  Task a = task("gen", gen, 10);
  a.arguments.push_back(constant("sead", "1", 11));
  auto d = check(graph({}, {a}));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].code(), "missing-input");
  EXPECT_EQ(d[0].message(), "gen-text() missing 1 required argument: seed.");
  EXPECT_EQ(d[0].span.begin.line, 10u);
  EXPECT_EQ(d[1].code(), "unknown-input");
  EXPECT_EQ(d[1].message(), "Component 'gen-text' got an unexpected input: 'sead'.");
  EXPECT_EQ(d[1].notes.at(0).message(), "did you mean 'seed'?");
}

TEST(ChecksModel, OptionalAndDefaultedInputsAreNotRequired) {
  IoSpec with_default = io("b", "String", 2);
  with_default.default_value = Json("x");
  auto c = container("C", {io("a", "String", 1, /*optional=*/true), with_default}, {});
  EXPECT_TRUE(check(graph({}, {task("c", c, 10)})).empty());
}

TEST(ChecksModel, AfterUnknownTask) {
  auto c = container("C", {}, {});
  Task a = task("first", c, 10);
  Task b = task("second", c, 12);
  b.after.push_back({"frist", at(13, 9, 5)});
  auto d = check(graph({}, {a, b}, Component::Format::Argo));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message(), "task 'second' runs after unknown task 'frist'");
  EXPECT_EQ(d[0].notes.at(0).message(), "did you mean 'first'?");
}

TEST(ChecksModel, CycleStartsAtTheTaskNearestTheTop) {
  auto c = container("C", {io("x", "String", 1, true)}, {io("y", "String", 2)});
  Task a = task("a", c, 20);
  a.arguments.push_back(from_task("x", "c", "y", 21));
  Task b = task("b", c, 10);  // nearest the top
  b.arguments.push_back(from_task("x", "a", "y", 11));
  Task cc = task("c", c, 30);
  cc.after.push_back({"b", at(31, 9, 1)});
  Task lone = task("lone", c, 40);
  lone.after.push_back({"lone", at(41, 9, 4)});
  auto d = check(graph({}, {a, b, cc, lone}));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].code(), "cycle");
  EXPECT_EQ(d[0].message(), "tasks form a cycle: b -> c -> a -> b");
  EXPECT_EQ(d[0].span.begin.line, 10u);
  ASSERT_EQ(d[0].notes.size(), 3u);
  EXPECT_EQ(d[0].notes[0].message(), "'c' depends on 'b' here");
  EXPECT_EQ(d[0].notes[0].span.begin.line, 31u);
  EXPECT_EQ(d[1].message(), "tasks form a cycle: lone -> lone");
}

// A consumer that depends on one producer several times (two arguments and
// an `after`) is one edge of the cycle, noted once, at its first argument.
TEST(ChecksModel, RepeatedDependencyIsOneCycleEdge) {
  auto c = container("C", {io("x", "String", 1, true), io("z", "String", 3, true)}, {io("y", "String", 2)});
  Task a = task("a", c, 10);
  a.arguments.push_back(from_task("x", "b", "y", 11));
  Task b = task("b", c, 20);
  b.arguments.push_back(from_task("x", "a", "y", 21));
  b.arguments.push_back(from_task("z", "a", "y", 22));
  b.after.push_back({"a", at(23, 9, 1)});
  auto d = check(graph({}, {a, b}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message(), "tasks form a cycle: a -> b -> a");
  ASSERT_EQ(d[0].notes.size(), 2u);
  EXPECT_EQ(d[0].notes[0].message(), "'b' depends on 'a' here");
  EXPECT_EQ(d[0].notes[0].span.begin.line, 21u);
  EXPECT_EQ(d[0].notes[1].message(), "'a' depends on 'b' here");
}

TEST(ChecksModel, DuplicateAndCollidingNames) {
  auto c = container("C", {io("Model path", "String", 1, true), io("model_path", "String", 2, true)}, {});
  auto other = container("D", {io("x", "String", 3, true), io("x", "String", 4, true)}, {});
  other->format = Component::Format::Argo;  // the v1 reader reports exact duplicates itself
  auto d = check(graph({}, {task("Train model", c, 10), task("train-model", c, 11), task("d", other, 12)}));
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].message(), "inputs 'Model path' and 'model_path' both become 'model_path' in KFP");
  EXPECT_EQ(d[0].severity, Severity::Warning);
  EXPECT_EQ(d[1].message(), "duplicate input name 'x'");
  EXPECT_EQ(d[1].notes.at(0).span.begin.line, 3u);
  EXPECT_EQ(d[2].message(), "tasks 'Train model' and 'train-model' both become 'train-model' in KFP");
}

TEST(ChecksModel, UnresolvedComponentListsItsConnectionsAsUnchecked) {
  auto gen = gen_text();
  Task a = task("a", nullptr, 10);
  a.ref.span = at(11, 9, 12);
  a.arguments.push_back(constant("seed", "x", 12));
  Task b = task("b", gen, 20);
  b.arguments.push_back(from_task("seed", "a", "out", 21));
  auto d = check(graph({}, {a, b}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code(), "unresolved-component");
  EXPECT_EQ(d[0].severity, Severity::Warning);
  EXPECT_EQ(d[0].message(), "the component of task 'a' is not resolved; its 2 connection(s) are not checked");
  ASSERT_EQ(d[0].notes.size(), 2u);
  EXPECT_EQ(d[0].notes[1].span.begin.line, 21u);
}

TEST(ChecksModel, NestedGraphComponentsAreChecked) {
  auto gen = gen_text();
  Task inner = task("inner", gen, 30);
  inner.arguments.push_back(constant("seed", "oops", 31));
  auto sub = graph({}, {inner});
  Task outer = task("sub", sub, 10);
  auto d = check(graph({}, {outer}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].span.begin.line, 31u);
}

Arg placeholder(Arg::Kind k, const std::string& name, uint32_t line) {
  Arg a;
  a.kind = k;
  a.text = name;
  a.span = at(line, 9);
  return a;
}

TEST(ChecksV2Compat, PlaceholdersThatDoNotFitTheirInputKind) {
  auto c = container("C", {io("Data", nullptr, 1), io("Object", "Dict", 2), io("n", "Integer", 3)},
                     {io("Out", "String", 4)});
  c->format = Component::Format::V1Component;
  Arg concat;
  concat.kind = Arg::Kind::Concat;
  concat.items = {Arg{}, placeholder(Arg::Kind::InputPath, "Object", 11)};
  Arg cond;
  cond.kind = Arg::Kind::IfPresent;
  cond.then_items = {placeholder(Arg::Kind::OutputUri, "Out", 12)};
  c->container->command = {placeholder(Arg::Kind::InputValue, "n", 9), placeholder(Arg::Kind::InputValue, "Data", 10)};
  c->container->args = {concat, cond};
  auto v = v2_incompatibilities(*c);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].message(), "Input \"data\" with type \"system.Artifact@0.0.1\" cannot be paired with InputValuePlaceholder.");
  EXPECT_EQ(v[0].severity, Severity::Warning);
  EXPECT_EQ(v[0].span.begin.line, 10u);
  EXPECT_EQ(v[0].notes.at(0).message(), "'Data' is declared here without a type, which KFP v2 reads as an artifact");
  EXPECT_EQ(v[1].message(), "Input \"object\" with type \"Dict\" cannot be paired with InputPathPlaceholder.");
  EXPECT_EQ(v[2].message(), "Output \"out\" with type \"String\" cannot be paired with OutputUriPlaceholder.");
  // And the same through run_checks, as warnings of the component file.
  auto d = check(c);
  EXPECT_EQ(d.size(), 3u);
}

}  // namespace
}  // namespace kfp
