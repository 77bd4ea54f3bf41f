// resolve_refs: componentRef by digest, url (path suffix, flattened names)
// and name across open files; digest mismatches, unresolved refs, ambiguity
// and self-reference.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/util/sha256.h"

using namespace kfp;

namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(KFP_TEST_DATA) + "/v1/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_FALSE(ss.str().empty()) << rel;
  return ss.str();
}

Analysis run(std::vector<InputFile> files) {
  AnalyzeOptions o;
  o.run_checks = false;  // only the readers and resolve_refs
  return analyze(files, o);
}

const Task* task(const Analysis& a, FileId f, std::string_view name) {
  const auto& c = a.ws.file(f).component;
  return c && c->dag ? c->dag->find(name) : nullptr;
}

std::vector<std::string> where(const Analysis& a) {
  std::vector<std::string> out;
  for (const auto& d : a.diagnostics)
    out.push_back(std::string(d.id_name()) + "@" + std::to_string(d.span.file) + ":" +
                  std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col));
  return out;
}

}  // namespace

TEST(ReadV1Refs, DigestUrlNameAcrossFiles) {
  auto a = run({{"refs/components__train__component.yaml", read("refs/components__train__component.yaml")},
                {"refs/pipeline.yaml", read("refs/pipeline.yaml")}});
  const auto& train = a.ws.file(0).component;
  ASSERT_TRUE(train);
  EXPECT_EQ(train->digest, "b65705cad0dd5481c836ecf8373d2714d22eba8ee476b20133533a31cec4e05b");
  EXPECT_EQ(a.ws.file(1).component->digest, kfp_component_digest(a.ws.file(1).text));

  EXPECT_EQ(where(a), (std::vector<std::string>{"err_v1_ref_digest_mismatch@1:17:19", "warn_v1_ref_unresolved@1:20:16",
                                                "warn_v1_ref_cycle@1:28:29"}));
  const Diagnostic& mism = a.diagnostics[0];
  EXPECT_EQ(mism.message(),
            "componentRef digest deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef does not match "
            "'refs/components__train__component.yaml' (matched by url), whose sha256 is "
            "b65705cad0dd5481c836ecf8373d2714d22eba8ee476b20133533a31cec4e05b");
  ASSERT_EQ(mism.notes.size(), 1u);
  EXPECT_EQ(mism.notes[0].span.file, 0);
  EXPECT_NE(a.diagnostics[1].message().find("components/predict/component.yaml"), std::string::npos);
  EXPECT_EQ(a.diagnostics[1].severity, Severity::Warning);

  for (const char* name : {"by digest", "stale", "by name", "digest only"}) {
    const Task* t = task(a, 1, name);
    ASSERT_TRUE(t) << name;
    EXPECT_EQ(t->component, train) << name;
  }
  EXPECT_FALSE(task(a, 1, "missing")->component);
  EXPECT_FALSE(task(a, 1, "itself")->component);
  // Arguments are classified once the component is known.
  const Task* t = task(a, 1, "by digest");
  ASSERT_EQ(t->arguments.size(), 2u);
  EXPECT_TRUE(t->arguments[0].is_artifact);   // table: CSV
  EXPECT_FALSE(t->arguments[1].is_artifact);  // epochs: Integer
}

TEST(ReadV1Refs, UrlMatchesUnflattenedPathsAndLongestSuffix) {
  const std::string comp = "name: C\nimplementation: {container: {image: a}}\n";
  const std::string other = "name: D\nimplementation: {container: {image: b}}\n";
  const std::string pipe =
      "implementation:\n  graph:\n    tasks:\n      t:\n        componentRef: {url: "
      "'https://github.com/o/r/blob/main/components/x/train/component.yaml?raw=true'}\n";
  auto a = run({{"/tmp/w/contrib/x/train/component.yaml", other},
                {"/tmp/w/components/x/train/component.yaml", comp},
                {"p.yaml", pipe}});
  EXPECT_TRUE(a.diagnostics.empty()) << ::testing::PrintToString(where(a));
  EXPECT_EQ(task(a, 2, "t")->component, a.ws.file(1).component);
}

TEST(ReadV1Refs, AmbiguousAndGenericNames) {
  const std::string pipe =
      "implementation:\n  graph:\n    tasks:\n      t:\n        componentRef: {url: "
      "'https://h/r/x/component.yaml'}\n      u:\n        componentRef: {url: 'https://h/r/y/component.yaml'}\n";
  auto a = run({{"a/x/component.yaml", "name: A\nimplementation: {container: {image: a}}\n"},
                {"b/x/component.yaml", "name: B\nimplementation: {container: {image: b}}\n"},
                {"component.yaml", "name: C\nimplementation: {container: {image: c}}\n"},
                {"p.yaml", pipe}});
  // x: two equally good matches with different text; y: only the generic
  // file name matches, which is not evidence enough.
  EXPECT_EQ(where(a), (std::vector<std::string>{"warn_v1_ref_ambiguous@3:5:29", "warn_v1_ref_unresolved@3:7:29"}));
  EXPECT_FALSE(task(a, 3, "t")->component);
  EXPECT_FALSE(task(a, 3, "u")->component);
}

TEST(ReadV1Refs, IdenticalCopiesAreNotAmbiguousAndCyclesAreRefused) {
  const std::string comp = "name: C\nimplementation: {container: {image: a}}\n";
  auto a = run({{"a/x/component.yaml", comp},
                {"b/x/component.yaml", comp},
                {"p.yaml",
                 "name: P\nimplementation:\n  graph:\n    tasks:\n      t: {componentRef: {url: 'https://h/x/component.yaml'}}\n"
                 "      q: {componentRef: {name: Q}}\n"},
                {"q.yaml", "name: Q\nimplementation:\n  graph:\n    tasks:\n      back: {componentRef: {name: P}}\n"}});
  EXPECT_EQ(where(a), (std::vector<std::string>{"warn_v1_ref_cycle@3:5:35"}));
  EXPECT_EQ(task(a, 2, "t")->component, a.ws.file(0).component);
  EXPECT_EQ(task(a, 2, "q")->component, a.ws.file(3).component);  // p -> q linked first
  EXPECT_FALSE(task(a, 3, "back")->component);                    // q -> p would close a cycle
}

TEST(ReadV1Refs, FlattenedNamesMustMatchWhole) {
  // a__from_CSV__component.yaml spells a/from_CSV/component.yaml: it is not
  // .../b/from_CSV/component.yaml, though the last two segments agree.
  const std::string pipe =
      "implementation:\n  graph:\n    tasks:\n      t: {componentRef: {url: 'https://h/r/b/from_CSV/component.yaml'}}\n"
      "      u: {componentRef: {url: 'https://h/r/a/from_CSV/component.yaml'}}\n";
  auto a = run({{"corpus/a__from_CSV__component.yaml", "name: A\nimplementation: {container: {image: a}}\n"},
                {"p.yaml", pipe}});
  EXPECT_EQ(where(a), (std::vector<std::string>{"warn_v1_ref_unresolved@1:4:31"}));
  EXPECT_FALSE(task(a, 1, "t")->component);
  EXPECT_EQ(task(a, 1, "u")->component, a.ws.file(0).component);
}

TEST(ReadV1Refs, GraphsAreDigestedWhenARefNeedsIt) {
  // A component's digest is computed up front (Argo templates carry it); a
  // graph's when a componentRef names it by digest or two graphs tie as best
  // matches, and not otherwise.
  const std::string inner = "name: Inner\nimplementation:\n  graph:\n    tasks:\n      c: {componentRef: {name: C}}\n";
  const std::string outer = "name: Outer\nimplementation:\n  graph:\n    tasks:\n      i: {componentRef: {digest: " +
                            kfp_component_digest(inner) + "}}\n";
  auto a = run({{"c.yaml", "name: C\nimplementation: {container: {image: c}}\n"},
                {"inner.yaml", inner},
                {"outer.yaml", outer}});
  EXPECT_TRUE(where(a).empty()) << ::testing::PrintToString(where(a));
  EXPECT_EQ(task(a, 2, "i")->component, a.ws.file(1).component);
  EXPECT_EQ(a.ws.file(0).component->digest, kfp_component_digest(a.ws.file(0).text));
  EXPECT_EQ(a.ws.file(1).component->digest, kfp_component_digest(inner));
  // A search by name alone needs no graph's digest.
  auto b = run({{"c.yaml", "name: C\nimplementation: {container: {image: c}}\n"}, {"inner.yaml", inner}});
  EXPECT_EQ(task(b, 1, "c")->component, b.ws.file(0).component);
  EXPECT_TRUE(b.ws.file(1).component->digest.empty());

  // Two graph files of the same text and name: equal digests, so not ambiguous.
  const std::string named_twice =
      "name: G\nimplementation:\n  graph:\n    tasks:\n      c: {componentRef: {name: C}}\n";
  auto c = run({{"c.yaml", "name: C\nimplementation: {container: {image: c}}\n"},
                {"g1.yaml", named_twice},
                {"g2.yaml", named_twice},
                {"p.yaml", "name: P\nimplementation:\n  graph:\n    tasks:\n      g: {componentRef: {name: G}}\n"}});
  EXPECT_TRUE(where(c).empty()) << ::testing::PrintToString(where(c));
  EXPECT_EQ(task(c, 3, "g")->component, c.ws.file(1).component);
}
