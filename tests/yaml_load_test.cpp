// The located-YAML layer: positions, duplicate keys, syntax errors, limits.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/yaml/load.h"
#include "core/yaml/scalar.h"

using namespace kfp;

namespace {

struct Loaded {
  Sink sink;
  yaml::Tree tree;
};

Loaded load(const std::string& text, const yaml::Limits& limits = {}) {
  Loaded l;
  l.tree = yaml::load(text, 0, l.sink, limits);
  return l;
}

// The single diagnostic, asserting there is exactly one.
const Diagnostic& only(const Loaded& l) {
  EXPECT_EQ(l.sink.all().size(), 1u);
  static Diagnostic none;
  return l.sink.all().empty() ? none : l.sink.all().front();
}

}  // namespace

TEST(YamlLoad, PositionsAreOneBased) {
  auto l = load("a: 1\nb:\n  - x\n  - 'y'\n");
  ASSERT_EQ(l.tree.docs.size(), 1u);
  const auto* b = l.tree.docs[0].root->get("b");
  ASSERT_TRUE(b && b->is_seq());
  EXPECT_EQ(b->items[1]->span.begin.line, 4u);
  EXPECT_EQ(b->items[1]->span.begin.col, 5u);
  EXPECT_EQ(b->items[1]->span.end.col, 8u);  // after the closing quote
  EXPECT_FALSE(b->items[1]->plain);
  EXPECT_TRUE(b->items[0]->plain);
  EXPECT_TRUE(l.sink.all().empty());
}

TEST(YamlLoad, KeySpansAndMappingOrder) {
  auto l = load("zeta: 1\nalpha:\n  inner: two\n");
  const auto* root = l.tree.docs.at(0).root;
  ASSERT_EQ(root->entries.size(), 2u);
  EXPECT_EQ(root->entries[0].first->value, "zeta");  // file order kept
  const auto* k = root->key_node("alpha");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->span.begin.line, 2u);
  EXPECT_EQ(k->span.begin.col, 1u);
  EXPECT_EQ(k->span.end.col, 6u);
  EXPECT_EQ(root->get("alpha")->get("inner")->span.begin.col, 10u);
}

TEST(YamlLoad, MultiDocument) {
  auto l = load("a: 1\n---\nb: 2\n---\n- c\n");
  ASSERT_EQ(l.tree.docs.size(), 3u);
  EXPECT_EQ(l.tree.docs[1].root->get("b")->span.begin.line, 3u);
  EXPECT_TRUE(l.tree.docs[2].root->is_seq());
  EXPECT_TRUE(l.sink.all().empty());
}

TEST(YamlLoad, DuplicateKeyHasNoteAtFirst) {
  auto l = load("name: a\nimplementation:\n  container: {}\n  container: {}\n");
  const auto& d = only(l);
  EXPECT_EQ(d.id, DiagId::err_yaml_duplicate_key);
  EXPECT_EQ(d.span.begin.line, 4u);
  EXPECT_EQ(d.span.begin.col, 3u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].span.begin.line, 3u);
  EXPECT_EQ(d.message(), "duplicate key 'container'");
  // The tree is still usable: the first entry wins.
  EXPECT_NE(l.tree.docs.at(0).root->get("implementation")->get("container"), nullptr);
}

TEST(YamlLoad, TabIndentation) {
  auto l = load("a:\n\t- b\n");
  const auto& d = only(l);
  EXPECT_EQ(d.id, DiagId::err_yaml_tab_indent);
  EXPECT_EQ(d.span.begin.line, 2u);
  EXPECT_EQ(d.span.begin.col, 1u);
}

TEST(YamlLoad, SyntaxErrorHasPosition) {
  auto l = load("a: [1, 2\nb: 3\n");
  const auto& d = only(l);
  EXPECT_EQ(d.id, DiagId::err_yaml_syntax);
  EXPECT_GE(d.span.begin.line, 1u);
  EXPECT_FALSE(d.message().empty());
}

TEST(YamlLoad, BadIndentation) {
  auto l = load("a:\n  b: 1\n c: 2\n");
  ASSERT_FALSE(l.sink.all().empty());
  EXPECT_EQ(l.sink.all()[0].span.begin.line, 3u);
}

TEST(YamlLoad, TrailingContentIsAnError) {
  // yaml-cpp alone reads this as two documents; YAML needs '---' between them.
  auto l = load("- a\nb: c\n");
  const auto& d = only(l);
  EXPECT_EQ(d.id, DiagId::err_yaml_trailing);
  EXPECT_EQ(d.span.begin.line, 2u);
  EXPECT_EQ(d.span.begin.col, 1u);
  EXPECT_EQ(l.tree.docs.size(), 1u);
}

TEST(YamlLoad, InvalidUtf8AndNul) {
  auto bad = load(std::string("a: b\nc: \xff\xfe\n"));
  EXPECT_EQ(only(bad).id, DiagId::err_yaml_invalid_utf8);
  EXPECT_EQ(only(bad).span.begin.line, 2u);
  EXPECT_EQ(only(bad).span.begin.col, 4u);
  auto nul = load(std::string("a: b\0c\n", 7));
  EXPECT_EQ(only(nul).id, DiagId::err_yaml_nul);
  EXPECT_EQ(only(nul).span.begin.col, 5u);
  // Valid multi-byte text is fine.
  EXPECT_TRUE(load("a: héllo ✓ 𝄞\n").sink.all().empty());
}

TEST(YamlLoad, SizeLimit) {
  yaml::Limits lim;
  lim.max_bytes = 100;
  auto l = load(std::string(200, '#'), lim);
  EXPECT_EQ(only(l).id, DiagId::err_yaml_too_large);
  EXPECT_EQ(only(l).message(), "input is 200 bytes; the limit is 100 bytes");
}

TEST(YamlLoad, DepthLimitFlowAndBlock) {
  std::string flow = std::string(10000, '[') + std::string(10000, ']');
  auto f = load(flow);
  ASSERT_FALSE(f.sink.all().empty());
  EXPECT_EQ(f.sink.all()[0].id, DiagId::err_yaml_too_deep);

  std::string block;
  for (int i = 0; i < 600; ++i) block += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  auto b = load(block);
  ASSERT_FALSE(b.sink.all().empty());
  EXPECT_EQ(b.sink.all()[0].id, DiagId::err_yaml_too_deep);
}

TEST(YamlLoad, AliasBombIsBoundedAndFast) {
  // "Billion laughs": 9 levels of 9 aliases each = 9^9 nodes when expanded.
  std::string s = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
    s += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  auto l = load(s);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(only(l).id, DiagId::err_yaml_alias_bomb);
  EXPECT_TRUE(l.tree.docs.empty());
  EXPECT_LT(ms, 2000);  // a bound on pathological input, not a speed goal
}

TEST(YamlLoad, AliasesWithinBudgetResolve) {
  auto l = load("base: &b {image: python}\nuse: *b\n");
  EXPECT_TRUE(l.sink.all().empty());
  EXPECT_EQ(l.tree.docs[0].root->get("use")->get("image")->value, "python");
}

TEST(YamlLoad, UnknownAliasIsAnError) {
  auto l = load("a: *nope\n");
  ASSERT_FALSE(l.sink.all().empty());
}

// YAML 1.1's null and booleans as PyYAML resolves them: each word in three
// spellings (lower, capitalised, upper) and no others.
TEST(YamlScalar, EveryNullAndBooleanSpellingAndNoOther) {
  using yaml::ScalarType;
  for (const char* s : {"~", "null", "Null", "NULL"}) EXPECT_EQ(yaml::resolve_plain(s).type, ScalarType::Null) << s;
  for (const char* s : {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
    const auto r = yaml::resolve_plain(s);
    EXPECT_EQ(r.type, ScalarType::Bool) << s;
    EXPECT_TRUE(r.b) << s;
  }
  for (const char* s : {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    const auto r = yaml::resolve_plain(s);
    EXPECT_EQ(r.type, ScalarType::Bool) << s;
    EXPECT_FALSE(r.b) << s;
  }
  for (const char* s : {"y", "n", "Y", "N", "o", "t", "f", "ye", "nO", "oN", "yEs", "tRUE", "NuLL", "fALSE", "offf",
                        "nul", "tru", "~~", "onn", "train", "fast", "never"})
    EXPECT_EQ(yaml::resolve_plain(s).type, ScalarType::String) << s;
}

TEST(YamlScalar, PyYamlResolution) {
  using yaml::ScalarType;
  auto type = [](const char* s) { return yaml::resolve_plain(s).type; };
  EXPECT_EQ(type("yes"), ScalarType::Bool);
  EXPECT_EQ(type("Off"), ScalarType::Bool);
  EXPECT_EQ(type("~"), ScalarType::Null);
  EXPECT_EQ(type(""), ScalarType::Null);
  EXPECT_EQ(yaml::resolve_plain("012").i, 10);
  EXPECT_EQ(yaml::resolve_plain("0x1F").i, 31);
  EXPECT_EQ(yaml::resolve_plain("0b101").i, 5);
  EXPECT_EQ(yaml::resolve_plain("-1_000").i, -1000);
  EXPECT_EQ(yaml::resolve_plain("1:30").i, 90);
  EXPECT_EQ(type("1e5"), ScalarType::String);  // PyYAML wants a signed exponent
  EXPECT_EQ(type("1.0e+5"), ScalarType::Float);
  EXPECT_DOUBLE_EQ(yaml::resolve_plain("1.0e+5").f, 100000.0);
  EXPECT_EQ(type(".5"), ScalarType::Float);
  EXPECT_EQ(type("3."), ScalarType::Float);
  EXPECT_TRUE(std::isinf(yaml::resolve_plain("-.inf").f));
  EXPECT_EQ(type(".nan"), ScalarType::Float);
  EXPECT_EQ(type("0.0.1"), ScalarType::String);
  EXPECT_EQ(type("python:3.11"), ScalarType::String);
  EXPECT_EQ(type("09"), ScalarType::String);  // not octal, not decimal in YAML 1.1
  // Every YAML 1.1 null and boolean spelling, and words that only look alike.
  for (const char* n : {"~", "null", "Null", "NULL"}) EXPECT_EQ(type(n), ScalarType::Null) << n;
  for (const char* t : {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
    EXPECT_EQ(type(t), ScalarType::Bool) << t;
    EXPECT_TRUE(yaml::resolve_plain(t).b) << t;
  }
  for (const char* f : {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    EXPECT_EQ(type(f), ScalarType::Bool) << f;
    EXPECT_FALSE(yaml::resolve_plain(f).b) << f;
  }
  for (const char* w :
       {"nULL", "nulls", "~~", "y", "n", "yES", "truee", "falsey", "oN", "ofF", "none", "t", "f", "Noo"})
    EXPECT_EQ(type(w), ScalarType::String) << w;
}

TEST(YamlScalar, QuotedAndTaggedScalars) {
  auto l = load("a: '12'\nb: 12\nc: !!str 12\nd: \"yes\"\ne: !!float 3\n");
  Json j = yaml::to_json(l.tree.docs.at(0).root);
  EXPECT_EQ(j["a"], "12");
  EXPECT_EQ(j["b"], 12);
  EXPECT_EQ(j["c"], "12");
  EXPECT_EQ(j["d"], "yes");
  EXPECT_TRUE(j["e"].is_number_float());
}

// Children wait on the builder's stacks until their collection ends: nested
// and sibling collections must each get exactly their own, in order.
TEST(YamlLoad, NestedCollectionsKeepTheirOwnChildren) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "k" + std::to_string(i) + ":\n";
    text += "  - [" + std::to_string(i) + ", {x: " + std::to_string(i) + "}]\n";
    text += "  - {a: " + std::to_string(i) + ", b: [p, q]}\n";
  }
  text += "flow: {s: [1, [2, [3]]], t: {}}\n";
  auto l = load(text);
  ASSERT_TRUE(l.sink.all().empty());
  const yaml::Node* root = l.tree.docs[0].root;
  ASSERT_EQ(root->entries.size(), 41u);
  for (int i = 0; i < 40; ++i) {
    const yaml::Node* v = root->get("k" + std::to_string(i));
    ASSERT_TRUE(v && v->is_seq());
    ASSERT_EQ(v->items.size(), 2u);
    ASSERT_EQ(v->items[0]->items.size(), 2u);
    EXPECT_EQ(v->items[0]->items[0]->value, std::to_string(i));
    EXPECT_EQ(v->items[0]->items[1]->get("x")->value, std::to_string(i));
    ASSERT_EQ(v->items[1]->entries.size(), 2u);
    EXPECT_EQ(v->items[1]->get("b")->items.size(), 2u);
    EXPECT_EQ(v->items[1]->get("b")->items[1]->value, "q");
    // A collection ends where its last child ends.
    EXPECT_EQ(v->span.end.offset, v->items[1]->span.end.offset);
  }
  const yaml::Node* s = root->get("flow")->get("s");
  ASSERT_EQ(s->items.size(), 2u);
  ASSERT_EQ(s->items[1]->items.size(), 2u);
  EXPECT_EQ(s->items[1]->items[1]->items[0]->value, "3");
  EXPECT_TRUE(root->get("flow")->get("t")->entries.empty());
}

// PyYAML's dict: a repeated key keeps its first place and takes the last
// value; `last_key` also takes the last key node. The loader marks the
// mapping with the repeat, and only that one; small and large mappings.
TEST(YamlLoad, LastWinsKeepsTheFirstPlaceAndTheLastValue) {
  for (int filler : {0, 30}) {
    std::string text = "a: 1\nb: 2\n";
    for (int i = 0; i < filler; ++i) text += "f" + std::to_string(i) + ": x\n";
    text += "a: 3\nc: 4\na: 5\n";
    auto l = load(text);
    const yaml::Node* root = l.tree.docs[0].root;
    EXPECT_TRUE(root->repeated_key);
    for (bool last_key : {false, true}) {
      auto e = root->last_wins(last_key);
      ASSERT_EQ(e.size(), static_cast<size_t>(3 + filler)) << filler;
      EXPECT_EQ(e[0].first->value, "a");
      EXPECT_EQ(e[0].second->value, "5");
      EXPECT_EQ(e[0].first->span.begin.line, last_key ? static_cast<uint32_t>(5 + filler) : 1u);
      EXPECT_EQ(e[1].second->value, "2");
      EXPECT_EQ(e.back().first->value, "c");
    }
  }
  // Without a repeat: the entries as written.
  auto l = load("a: {x: 1, y: 2}\nb: 3\n");
  const yaml::Node* root = l.tree.docs[0].root;
  EXPECT_FALSE(root->repeated_key);
  EXPECT_EQ(root->last_wins(true), root->entries);
  EXPECT_EQ(root->get("a")->last_wins(false), root->get("a")->entries);
}
