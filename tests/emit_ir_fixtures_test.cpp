// Hand-checked IR fixtures: each tests/data/emit/ir/<case>.yaml (a v1
// component or graph) is compiled and compared with <case>.ir.yaml byte for
// byte (sdkVersion fixed to kfpc-test). UPDATE_EXPECTED=1 rewrites the
// expected files; review the diff like code. Also unit checks of naming,
// typed defaults and refusals.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/emit/ir.h"
#include "core/emit/lower_v1.h"
#include "core/emit/names.h"
#include "test_files.h"

namespace fs = std::filesystem;
using kfp::Json;

using test_files::slurp;

namespace {

kfp::CompileResult compile_text(const std::string& path, const std::string& text) {
  kfp::Analysis a = kfp::analyze({{path, text}});
  kfp::CompileOptions o;
  o.sdk_version = "kfpc-test";
  return kfp::compile_to_ir(a, o);
}

}  // namespace

TEST(EmitIrFixtures, CompileToExpectedText) {
  fs::path dir = fs::path(KFP_TEST_DATA) / "emit" / "ir";
  bool update = std::getenv("UPDATE_EXPECTED") != nullptr;
  int n = 0;
  for (const auto& ent : fs::directory_iterator(dir)) {
    std::string name = ent.path().filename().string();
    if (ent.path().extension() != ".yaml" || name.find(".ir.yaml") != std::string::npos) continue;
    ++n;
    kfp::CompileResult r = compile_text(name, slurp(ent.path()));
    std::string errs;
    for (const auto& d : r.diagnostics) errs += std::string(d.code()) + ": " + d.message() + "\n";
    ASSERT_TRUE(r.ok()) << name << "\n" << errs;
    fs::path expected = dir / (ent.path().stem().string() + ".ir.yaml");
    if (update) {
      std::ofstream(expected, std::ios::binary) << r.text;
      continue;
    }
    EXPECT_EQ(r.text, slurp(expected)) << name;
  }
  EXPECT_GE(n, 2);
}

TEST(EmitIrFixtures, Names) {
  EXPECT_EQ(kfp::component_key("Train model (v2)"), "comp-train-model-v2");
  EXPECT_EQ(kfp::executor_label("--Hello__World--"), "exec-hello-world");
  EXPECT_EQ(kfp::sanitize_input_name("Input data-Path"), "input_data_path");
  EXPECT_EQ(kfp::unique_name("a", {"a", "a-2"}), "a-3");
  EXPECT_EQ(kfp::unique_name("b", {"a"}), "b");
  EXPECT_TRUE(kfp::valid_pipeline_name("0-ok"));
  EXPECT_FALSE(kfp::valid_pipeline_name("-no"));
  EXPECT_FALSE(kfp::valid_pipeline_name(""));
}

TEST(EmitIrFixtures, TypedDefaults) {
  Json out;
  std::string err;
  ASSERT_TRUE(kfp::v1_default_to_ir("Integer", "3", kfp::ParamType::Integer, &out, &err));
  EXPECT_TRUE(out.is_number_float());
  EXPECT_EQ(out.get<double>(), 3.0);
  ASSERT_TRUE(kfp::v1_default_to_ir("Boolean", "False", kfp::ParamType::Boolean, &out, &err));
  EXPECT_EQ(out, Json(false));
  ASSERT_TRUE(kfp::v1_default_to_ir("JsonObject", "{\"a\": [1]}", kfp::ParamType::Struct, &out, &err));
  EXPECT_EQ(out.dump(), "{\"a\":[1.0]}");
  ASSERT_TRUE(kfp::v1_default_to_ir("String", 5, kfp::ParamType::String, &out, &err));
  EXPECT_EQ(out, Json("5"));
  EXPECT_FALSE(kfp::v1_default_to_ir("Integer", "1.5", kfp::ParamType::Integer, &out, &err));
  EXPECT_EQ(err, "ValueError: invalid literal for int() with base 10: '1.5'");
  EXPECT_FALSE(kfp::v1_default_to_ir("Float", "abc", kfp::ParamType::Double, &out, &err));
  EXPECT_EQ(err, "ValueError: could not convert string to float: 'abc'");
  EXPECT_FALSE(kfp::v1_default_to_ir("Bool", "maybe", kfp::ParamType::Boolean, &out, &err));
  EXPECT_EQ(err, "ValueError: invalid truth value 'maybe'");
}

TEST(EmitIrFixtures, V2Types) {
  EXPECT_EQ(kfp::v2_type_from_v1("typing.List[int]", true).param, kfp::ParamType::List);
  EXPECT_EQ(kfp::v2_type_from_v1("google.VertexModel", true).schema_title, "google.VertexModel");
  EXPECT_EQ(kfp::v2_type_from_v1("Dataset", false).schema_title, "system.Dataset");
  EXPECT_EQ(kfp::v2_type_from_v1(Json::parse("{\"Integer\": {}}"), true).schema_title, "system.Artifact");
  EXPECT_TRUE(kfp::v2_type_from_v1(Json(), true).is_artifact);
}

TEST(EmitIrFixtures, RefusesWithKfpReason) {
  // An inputValue on an untyped (artifact) input: KFP's TypeError.
  kfp::CompileResult r = compile_text("c.yaml",
                                      "name: c\ninputs:\n- {name: x}\nimplementation:\n  container:\n"
                                      "    image: alpine\n    args: [{inputValue: x}]\n");
  EXPECT_FALSE(r.ok());
  bool found = false;
  for (const auto& d : r.diagnostics)
    if (d.severity == kfp::Severity::Error &&
        d.message().find("Input \"x\" with type \"system.Artifact@0.0.1\" cannot be paired with "
                         "InputValuePlaceholder.") != std::string::npos) {
      found = true;
      EXPECT_EQ(d.span.begin.line, 7u);
    }
  EXPECT_TRUE(found);
  // A bad Integer default.
  r = compile_text("d.yaml",
                   "name: d\ninputs:\n- {name: n, type: Integer, default: 'x1'}\nimplementation:\n  container:\n"
                   "    image: alpine\n    args: [{inputValue: n}]\n");
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  bool bad_default = false;
  for (const auto& d : r.diagnostics)
    if (d.message().find("invalid literal for int() with base 10: 'x1'") != std::string::npos) {
      bad_default = true;
      EXPECT_EQ(d.span.begin.line, 3u);
      EXPECT_EQ(d.span.begin.col, 37u);
    }
  EXPECT_TRUE(bad_default);
}

// Executors render a container once for the components sharing it (each
// task's copy, model.h) — but an {outputPath} reads the owner's outputs, so
// a copy whose output is a parameter rather than an artifact gets its own.
TEST(EmitIrFixtures, SharedContainerRenderedPerOutputKind) {
  kfp::Container k;
  k.image.value = "python:3.11";
  kfp::Arg out;
  out.kind = kfp::Arg::Kind::OutputPath;
  out.text = "o";
  k.args.push_back(out);
  auto make = [&](const std::string& label, bool artifact) {
    auto c = std::make_shared<kfp::Component>();
    c->format = kfp::Component::Format::IrComponent;
    c->container = k;
    kfp::IoSpec o;
    o.name.value = "o";
    o.type.is_artifact = artifact;
    c->outputs.push_back(o);
    c->executor_label = label;
    return c;
  };
  kfp::PipelineSpec spec;
  spec.root = std::make_shared<kfp::Component>();
  spec.root->dag = kfp::Dag{};
  auto a = make("exec-a", true);
  auto b = std::make_shared<kfp::Component>(*a);  // shares a's container
  b->executor_label = "exec-b";
  b->outputs[0].type.is_artifact = false;
  auto c = std::make_shared<kfp::Component>(*a);
  c->executor_label = "exec-c";
  spec.components = {{"comp-a", a}, {"comp-b", b}, {"comp-c", c}};
  kfp::jt::Arena arena;
  Json ir = kfp::ir_tree(spec).to_json();
  const Json& ex = ir["deploymentSpec"]["executors"];
  EXPECT_EQ(ex["exec-a"]["container"]["args"][0], "{{$.outputs.artifacts['o'].path}}");
  EXPECT_EQ(ex["exec-b"]["container"]["args"][0], "{{$.outputs.parameters['o'].output_file}}");
  EXPECT_EQ(ex["exec-c"]["container"], ex["exec-a"]["container"]);
}
