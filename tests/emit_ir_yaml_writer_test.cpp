// The YAML writer against PyYAML itself: (1) hand-picked tricky values whose
// expected text PyYAML produced (tests/data/emit/yaml/gen_cases.py), and
// (2) every IR file KFP 2.15 wrote in the corpus: loading it and writing it
// back must give the same bytes (after the `#` header).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/emit/pyfmt.h"
#include "core/emit/yaml_writer.h"
#include "core/yaml/load.h"
#include "test_files.h"

namespace fs = std::filesystem;
using kfp::Json;

using test_files::slurp;
using test_files::corpus_root_if_present;

namespace {

// The text after KFP's leading `# ...` comment block.
std::string strip_header(const std::string& text) {
  size_t p = 0;
  while (p < text.size() && text[p] == '#') {
    size_t nl = text.find('\n', p);
    if (nl == std::string::npos) return "";
    p = nl + 1;
  }
  return text.substr(p);
}

}  // namespace

TEST(EmitYamlWriter, MatchesPyYamlOnTrickyValues) {
  std::string dir = std::string(KFP_TEST_DATA) + "/emit/yaml/";
  Json cases = Json::parse(slurp(dir + "cases.json"));
  std::string expected = slurp(dir + "cases.expected");
  std::string got;
  for (size_t i = 0; i < cases.size(); ++i) {
    got += "=== case " + std::to_string(i) + "\n";
    got += kfp::write_yaml(cases[i]);
  }
  // Compare case by case for a readable failure.
  std::istringstream g(got), e(expected);
  std::string gl, el;
  int line = 0;
  while (true) {
    bool gok = static_cast<bool>(std::getline(g, gl)), eok = static_cast<bool>(std::getline(e, el));
    ++line;
    if (!gok && !eok) break;
    ASSERT_EQ(gl, el) << "line " << line;
  }
}

// The writer remembers what short keys decide (yaml_writer.cpp key_facts):
// a key met again, at any depth, must come out as it did the first time, and
// keys that share their first bytes or differ only in length stay apart.
TEST(EmitYamlWriter, RepeatedKeysWriteAsTheFirstTime) {
  Json inner = Json::object();
  for (const char* k : {"on", "null", "yes", "a b", "x:", "-", "1", "name", "abcdefghijklmnop", "abcdefghijklmnopq",
                        "~", "'", "a"})
    inner[k] = 1;
  inner[std::string("a\0", 2)] = 2;  // "a" and a NUL: the same zero-padded words as "a", a length of its own
  const std::string alone = kfp::write_yaml(inner);
  EXPECT_NE(alone.find("'on': 1\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("'null': 1\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("'1': 1\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("a b: 1\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("'x:': 1\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("\na: 1\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("\"a\\0\": 2\n"), std::string::npos) << alone;
  EXPECT_NE(alone.find("abcdefghijklmnopq: 1\n"), std::string::npos) << alone;
  Json outer = {{"first", inner}, {"second", {{"deeper", inner}}}};
  std::string indented1, indented2;
  for (size_t p = 0, nl; p < alone.size(); p = nl + 1) {
    nl = alone.find('\n', p);
    indented1 += "  " + alone.substr(p, nl - p + 1);
    indented2 += "    " + alone.substr(p, nl - p + 1);
  }
  EXPECT_EQ(kfp::write_yaml(outer), "first:\n" + indented1 + "second:\n  deeper:\n" + indented2);
}

TEST(EmitYamlWriter, PythonFloatRepr) {
  EXPECT_EQ(kfp::python_float_repr(7.0), "7.0");
  EXPECT_EQ(kfp::python_float_repr(0.5), "0.5");
  EXPECT_EQ(kfp::python_float_repr(1e-05), "1e-05");
  EXPECT_EQ(kfp::python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(kfp::python_float_repr(1e16), "1e+16");
  EXPECT_EQ(kfp::python_float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(kfp::python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(kfp::python_float_repr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(kfp::python_float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(kfp::write_yaml(Json{{"x", 1e17}}), "x: 1.0e+17\n");
}

TEST(EmitYamlWriter, PythonReprAndJsonDumps) {
  EXPECT_EQ(kfp::python_str(Json::parse(R"({"k": 1.0, "s": "it's"})")), "{'k': 1.0, 's': \"it's\"}");
  EXPECT_EQ(kfp::python_str(Json::parse("[1.0, 2.0]")), "[1.0, 2.0]");
  EXPECT_EQ(kfp::python_str(Json(true)), "True");
  EXPECT_EQ(kfp::python_str(Json("hello")), "hello");
  EXPECT_EQ(kfp::json_dumps(Json::parse(R"({"k\u00e9": ["a\"b", "\ud83d\ude00"]})")),
            R"({"k\u00e9": ["a\"b", "\ud83d\ude00"]})");
}

TEST(EmitYamlWriter, RewritesKfpCorpusIrByteForByte) {
  std::string corpus = corpus_root_if_present();
  if (corpus.empty()) GTEST_SKIP() << "KFP corpus not found (KFP_CORPUS)";
  size_t total = 0, same = 0;
  std::vector<std::string> differ;
  for (const char* sub : {"v1-components", "graph-pipelines", "ir"}) {
    for (const auto& ent : fs::recursive_directory_iterator(fs::path(corpus) / sub)) {
      std::string name = ent.path().filename().string();
      bool kfp_written = name.size() > 12 && name.substr(name.size() - 12) == ".kfp-ir.yaml";
      bool ir_valid = std::string(sub) == "ir" && ent.path().string().find("/valid/") != std::string::npos &&
                      ent.path().extension() == ".yaml";
      if (!kfp_written && !ir_valid) continue;
      std::string text = slurp(ent.path());
      kfp::Sink sink;
      kfp::yaml::Tree tree = kfp::yaml::load(text, 0, sink);
      if (sink.has_errors()) continue;
      std::vector<Json> docs;
      for (const auto& d : tree.docs) docs.push_back(kfp::yaml::to_json(d.root));
      ++total;
      std::string out = kfp::write_yaml_all(docs);
      if (out == strip_header(text)) {
        ++same;
      } else if (kfp_written) {
        differ.push_back(ent.path().string());
      }
    }
  }
  std::printf("[yaml-writer] %zu/%zu corpus IR files rewritten byte-identical\n", same, total);
  // Every file KFP 2.15 wrote must come back identical; older SDKs' files may differ.
  EXPECT_TRUE(differ.empty()) << differ.size() << " differ, first: " << (differ.empty() ? "" : differ[0]);
  EXPECT_GT(total, 300u);
}
