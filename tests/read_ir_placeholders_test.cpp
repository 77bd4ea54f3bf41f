// IR command/args strings -> Arg trees and back (core/read/ir_placeholders.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/read/ir_placeholders.h"
#include "core/util/py_json_quote.h"
#include "read_ir_util.h"

using namespace kfp;
using namespace kfp::testing;
using K = Arg::Kind;

namespace {

Arg parse(const std::string& s) { return parse_ir_arg(s, Span{}); }

}  // namespace

TEST(ReadIrPlaceholders, PrimitivePlaceholders) {
  struct Case {
    const char* text;
    K kind;
    const char* name;
  } cases[] = {
      {"{{$.inputs.parameters['x']}}", K::InputValue, "x"},
      {"{{$.inputs.artifacts['ds'].path}}", K::InputPath, "ds"},
      {"{{$.inputs.artifacts['ds'].uri}}", K::InputUri, "ds"},
      {"{{$.inputs.artifacts['ds'].metadata}}", K::InputMetadata, "ds"},
      {"{{$.outputs.parameters['y'].output_file}}", K::OutputPath, "y"},
      {"{{$.outputs.artifacts['m'].path}}", K::OutputPath, "m"},
      {"{{$.outputs.artifacts['m'].uri}}", K::OutputUri, "m"},
      {"{{$.outputs.artifacts['m'].metadata}}", K::OutputMetadata, "m"},
      {"{{$}}", K::ExecutorInput, ""},
  };
  for (const auto& c : cases) {
    Arg a = parse(c.text);
    EXPECT_EQ(a.kind, c.kind) << c.text;
    EXPECT_EQ(a.text, c.name) << c.text;
    EXPECT_TRUE(a.ir_text.empty()) << c.text;
    EXPECT_EQ(ir_placeholder_string(a), c.text);
  }
  EXPECT_TRUE(parse("{{$.outputs.parameters['y'].output_file}}").output_parameter);
  EXPECT_FALSE(parse("{{$.outputs.artifacts['y'].path}}").output_parameter);
}

TEST(ReadIrPlaceholders, MetadataKey) {
  Arg a = parse("{{$.inputs.artifacts['model'].metadata['resourceName']}}");
  EXPECT_EQ(a.kind, K::InputMetadata);
  EXPECT_EQ(a.text, "model");
  EXPECT_EQ(a.key, "resourceName");
  EXPECT_EQ(ir_placeholder_string(a), "{{$.inputs.artifacts['model'].metadata['resourceName']}}");
}

TEST(ReadIrPlaceholders, OtherFormsStayLiteral) {
  for (const char* s : {"{{$.pipeline_job_name}}", "{{$.inputs.artifacts['xs']}}", "{{workflow.uid}}", "plain",
                        "{{$.inputs.parameters['x'", "", "{\"display_name\": 1}"}) {
    Arg a = parse(s);
    EXPECT_EQ(a.kind, K::Literal) << s;
    EXPECT_EQ(a.text, s);
    EXPECT_EQ(ir_placeholder_string(a), s);
  }
}

TEST(ReadIrPlaceholders, TemplateWithEmbeddedPlaceholders) {
  Arg a = parse("echo {{$.inputs.parameters['a']}}-{{$.pipeline_job_name}}/{{$.outputs.artifacts['o'].uri}}");
  ASSERT_EQ(a.kind, K::Template);
  ASSERT_EQ(a.items.size(), 4u);
  EXPECT_EQ(a.items[0].kind, K::Literal);
  EXPECT_EQ(a.items[0].text, "echo ");
  EXPECT_EQ(a.items[1].kind, K::InputValue);
  EXPECT_EQ(a.items[1].text, "a");
  EXPECT_EQ(a.items[2].kind, K::Literal);
  EXPECT_EQ(a.items[2].text, "-{{$.pipeline_job_name}}/");
  EXPECT_EQ(a.items[3].kind, K::OutputUri);
  EXPECT_TRUE(a.ir_text.empty());
  EXPECT_EQ(ir_placeholder_string(a),
            "echo {{$.inputs.parameters['a']}}-{{$.pipeline_job_name}}/{{$.outputs.artifacts['o'].uri}}");
}

TEST(ReadIrPlaceholders, Concat) {
  std::string s = R"({"Concat": ["prefix-", "{{$.inputs.parameters['text1']}}", "{{$.outputs.artifacts['text2'].uri}}"]})";
  Arg a = parse(s);
  ASSERT_EQ(a.kind, K::Concat);
  ASSERT_EQ(a.items.size(), 3u);
  EXPECT_EQ(a.items[0].kind, K::Literal);
  EXPECT_EQ(a.items[1].kind, K::InputValue);
  EXPECT_EQ(a.items[2].kind, K::OutputUri);
  EXPECT_TRUE(a.ir_text.empty());
  EXPECT_EQ(ir_placeholder_string(a), s);
}

TEST(ReadIrPlaceholders, IfPresentWithElseAndNesting) {
  std::string s = R"({"IfPresent": {"InputName": "x", "Then": ["--x", "{{$.inputs.parameters['x']}}"], "Else": ["none"]}})";
  Arg a = parse(s);
  ASSERT_EQ(a.kind, K::IfPresent);
  EXPECT_EQ(a.text, "x");
  ASSERT_EQ(a.then_items.size(), 2u);
  EXPECT_EQ(a.then_items[1].kind, K::InputValue);
  EXPECT_TRUE(a.has_else);
  ASSERT_EQ(a.else_items.size(), 1u);
  EXPECT_EQ(ir_placeholder_string(a), s);
  EXPECT_TRUE(a.ir_text.empty());

  // Inside a Concat KFP writes single-element Then/Else without a list.
  std::string nested =
      R"({"Concat": ["a", {"IfPresent": {"InputName": "x", "Then": "{{$.inputs.parameters['x']}}", "Else": "b"}}]})";
  Arg n = parse(nested);
  ASSERT_EQ(n.kind, K::Concat);
  ASSERT_EQ(n.items.size(), 2u);
  EXPECT_EQ(n.items[1].kind, K::IfPresent);
  EXPECT_EQ(n.items[1].then_items.at(0).kind, K::InputValue);
  EXPECT_EQ(ir_placeholder_canonical(n), nested);
}

TEST(ReadIrPlaceholders, NonCanonicalJsonKeepsItsSpelling) {
  // A scalar Else at the top level (KFP writes lists there) and compact JSON:
  // modelled, and printed back exactly as written.
  for (std::string s : {std::string(R"({"IfPresent": {"InputName": "p", "Then": ["{{$.inputs.parameters['p']}}"], "Else": "{}"}})"),
                        std::string(R"({"Concat":["a","{{$.inputs.parameters['b']}}"]})")}) {
    Arg a = parse(s);
    EXPECT_NE(a.kind, K::Literal) << s;
    EXPECT_EQ(a.ir_text, s);
    EXPECT_EQ(ir_placeholder_string(a), s);
  }
}

TEST(ReadIrPlaceholders, BrokenJsonPlaceholderWarnsAndStaysLiteral) {
  Sink sink;
  Span span{0, Pos{3, 7, 20}, Pos{3, 30, 43}};
  std::string s = R"({"Concat": ["a", )";
  Arg a = parse_ir_arg(s, span, nullptr, &sink);
  EXPECT_EQ(a.kind, K::Literal);
  EXPECT_EQ(ir_placeholder_string(a), s);
  ASSERT_EQ(sink.all().size(), 1u);
  EXPECT_EQ(sink.all()[0].id, DiagId::warn_ir_placeholder_json);
  EXPECT_EQ(sink.all()[0].span.begin.line, 3u);
  EXPECT_EQ(sink.all()[0].span.begin.col, 7u);
}

TEST(ReadIrPlaceholders, PythonJsonEscapes) {
  EXPECT_EQ(py_json_quote("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
  EXPECT_EQ(py_json_quote("caf\xc3\xa9 \xf0\x9f\x98\x80"), R"("caf\u00e9 \ud83d\ude00")");
  // DEL is escaped as Python does; a stray continuation byte or a cut-off
  // sequence stays valid JSON (readers reject such text before this point).
  EXPECT_EQ(py_json_quote("\x7f\r\b\f"), R"("\u007f\r\b\f")");
  EXPECT_EQ(py_json_quote("a\x80" "b\xe2\x82"), R"("a\u0080b\u00e2\u0082")");
  std::string s = R"({"Concat": ["caf\u00e9", "{{$.inputs.parameters['x']}}"]})";
  Arg a = parse(s);
  EXPECT_EQ(a.items.at(0).text, "caf\xc3\xa9");
  EXPECT_TRUE(a.ir_text.empty());
  EXPECT_EQ(ir_placeholder_string(a), s);
}

// The output kind comes from the owner when the Arg does not say (an Arg
// lowered from a v1 outputPath).
TEST(ReadIrPlaceholders, OutputPathUsesOwnerOutputs) {
  Component c;
  IoSpec p;
  p.name.value = "n";
  c.outputs.push_back(p);
  IoSpec m;
  m.name.value = "m";
  m.type.is_artifact = true;
  c.outputs.push_back(m);
  Arg a;
  a.kind = K::OutputPath;
  a.text = "n";
  EXPECT_EQ(ir_placeholder_string(a, &c), "{{$.outputs.parameters['n'].output_file}}");
  a.text = "m";
  EXPECT_EQ(ir_placeholder_string(a, &c), "{{$.outputs.artifacts['m'].path}}");
}

// parse -> print is the identity on every command/args string of every IR
// file in the corpus, and KFP's canonical spelling reproduces all but the
// few strings KFP itself wrote non-canonically.
TEST(ReadIrPlaceholders, CorpusRoundTrip) {
  namespace fs = std::filesystem;
  std::string dir = std::getenv("KFP_CORPUS") ? std::getenv("KFP_CORPUS") : KFP_CORPUS;
  if (!fs::is_directory(dir + "/ir")) GTEST_SKIP() << "corpus not found at " << dir << " (set KFP_CORPUS)";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/ir"))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path().string());
  for (const auto& e : fs::directory_iterator(dir + "/v1-components"))
    if (e.path().string().find(".kfp-ir.yaml") != std::string::npos) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  // parse -> print against the YAML text itself, string by string.
  size_t checked = 0, structured = 0;
  std::vector<std::string> non_canonical;
  for (const auto& f : files) {
    Sink sink;
    yaml::Tree tree = yaml::load(read_text_file(f), 0, sink);
    if (tree.docs.empty() || !tree.docs[0].root) continue;
    const yaml::Node* ex = tree.docs[0].root->get("deploymentSpec");
    ex = ex ? ex->get("executors") : nullptr;
    if (!ex) continue;
    for (const auto& [k, v] : ex->entries) {
      const yaml::Node* cont = v->get("container");
      if (!cont) continue;
      for (const char* field : {"command", "args"}) {
        const yaml::Node* list = cont->get(field);
        if (!list) continue;
        for (const yaml::Node* item : list->items) {
          Arg a = parse_ir_arg(item->value, item->span);
          EXPECT_EQ(ir_placeholder_string(a), item->value) << f;
          if (a.kind != K::Literal) ++structured;
          if (!a.ir_text.empty()) non_canonical.push_back(a.ir_text);
          else EXPECT_EQ(ir_placeholder_canonical(a), item->value) << f;
          ++checked;
        }
      }
    }
  }
  std::cout << "[ placeholders ] " << checked << " corpus strings round-trip; " << structured << "/" << checked
            << " parse to placeholders; " << non_canonical.size() << " kept as written (non-canonical)\n";
  for (const auto& s : non_canonical) std::cout << "    non-canonical: " << s.substr(0, 120) << "\n";
  EXPECT_GT(checked, 1000u);
  EXPECT_LE(non_canonical.size(), 5u);
}
