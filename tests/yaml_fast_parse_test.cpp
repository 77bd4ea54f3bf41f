// core/yaml/fast_parse against yaml-cpp: whenever the fast parser accepts a
// text, its events (kinds, values, tags, marks) equal yaml-cpp's exactly —
// on hand-written edge cases, on every YAML file of the project and of
// ../shared/corpus, and on mutants of those files. It must also accept the
// YAML pipelines are made of (else it would be correct and useless).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "test_files.h"
#include "yaml_events.h"

namespace fs = std::filesystem;

namespace {

// Returns whether the fast parser accepted `text`; fails the test when it
// accepted and disagrees with yaml-cpp.
bool agrees(const std::string& text, const std::string& what) {
  bool accepted = false, ok = false;
  auto fast = yaml_events::from_fast_parse(text, &accepted);
  if (!accepted) return false;
  auto ref = yaml_events::from_yaml_cpp(text, &ok);
  EXPECT_TRUE(ok) << what << ": fast parser accepted what yaml-cpp rejects:\n" << text;
  if (fast != ref) {
    size_t i = 0;
    while (i < fast.size() && i < ref.size() && fast[i] == ref[i]) ++i;
    ADD_FAILURE() << what << ": event " << i << " differs\n  fast:     " << (i < fast.size() ? fast[i] : "(end)")
                  << "\n  yaml-cpp: " << (i < ref.size() ? ref[i] : "(end)") << "\ntext:\n" << text;
  }
  return true;
}

const char* const kAccepted[] = {
    "a: 1\n",
    "a: 1",
    "a:\n  b: c\n  d: [1, 2, \"x\"]\ne: {}\n",
    "# lead\n\nname: x  # trailing\ninputs:\n- {name: a, type: String}\n- name: b\n  default: '1'\n",
    "a:\n- x\n- y\nb: 2\n",
    "- a: 1\n  b: 2\n- - x\n  - y\n-\n  c: 3\n- \n",
    "a:\n  b:\nc: 1\n",
    "a:   # c\n\n# x\nb: 1",
    "a: |\n  line one\n    indented\n\n  three\nb: >-\n  folded\n  text\n\n  para\n",
    "a: |+\n  x\n\n\nb: |-\n  y\n",
    "a: |\n  x",
    "s: \"esc \\\" \\\\ \\n \\t \\x41 \\u00e9 \\U0001F600\"\nq: 'it''s'\n",
    "s: \"folded\n  across\n\n  lines\\\n  joined\"\n",
    "\"quoted key\": v\n'single': w\n",
    "url: http://x.y/z?a=b#frag\nt: a#b\nu: a # comment\nk: a:b\n",
    "cmd: [sh, -c, 'echo hi',\n  --flag]\n",
    "m: {a: b, \"c\": 'd', e: [f, {g: h}]}\n",
    "- -1\n- -x\n- 1.5\n- ~\n- null\n- true\n",
    "deep:\n  deeper:\n    deepest:\n      - a\n      - b: c\n        d: e\nback: 1\n",
    "plain scalar at the root\n",
    "description: a long text that\n  goes on\n\n  after an empty line # and a comment\nnext: 1\n",
    "- {name: url, description: The URL to use when communicating\n    with the service., default: ''}\n",
    "- a\n-   b: 1\n    c: 2\n",
};

const char* const kEdgeCases[] = {
    "", "# only\n", "\n\n", "a", "a:", ":", "- ", "-", "--", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.2\n---\na\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "? a\n: b\n", "a:\tb\n", "a: b\r\n", "a: \xc3\xa9\n",
    "a: 1\n  b: 2\n", "x: - a\n", "a: b: c\n", "a: b\n c\n", "a:\n  b\n  c\n", "a:\n  - b\n c: d\n",
    "- a\nb: c\n", "a: 1\n- b\n", "a: [1, 2\n", "a: {b: }\n", "a: {b}\n", "a: [b: c]\n", "a: [\"b\": c]\n",
    "a: \"unterminated\n", "a: 'x\nb: 1\n", "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: \"\\ud800\"\n",
    "a: |\n", "a: |\nb: 1\n", "a: |2\n   x\n", "a: >\n  x\n   more\n  y\n", "a: |\n\n\n  x\n", "a: |\n   \n  x\n",
    "a: |\n  x\n   \n", "a: >+\n  x\n\n", "- |\n  x\n- >\n  y\n", "a: 'x'y\n", "a: \"x\" # c\n", "a: \"x\"#c\n",
    "a: [x] y\n", "[a]: b\n", "{a: b}\n", "[a, b]\n", "a#b: c\n", "a #b: c\n", "a : b\n", "a  :  b  \n",
    "a: 'multi\n\n  line'\n", "a:\n  \"b\nc\": d\n", "a: \"x\n y\"\n", "a:\n  - \"x\ny\"\n", "a: -\n", "a: - \n",
    "- - - x\n", "- a:\n  - x\n  b: 1\n", "a:\n    b: 1\n  c: 2\n", "a: [\n  1,\n  2,\n]\n", "a: [\n1]\n",
    "a: [x, # c\n y]\n", "a: [,]\n", "a: [x,,y]\n", "a: {b: c, d: [e]}\n", "a: {\"b\": c}\n", "a: {b:c}\n",
    "a: \"\\\n\n  x\"\n", "a: \"x \\\n  y\"\n", "a: \"x\\ \n  y\"\n", "a: 'x  \n  y'\n", "a: \"x\n\n\n  y\"\n",
    "key with spaces: v\n", "- key: v\n  other:\n    - 1\n", "a: |-\n\n  x\n\n", "a: >\n\n  x\n  y\n\n\n",
    "a: 'it''s' # c\n", "- 'a'\n- \"b\"\n", "a:\n\n  b: 1\n", "  a: 1\n  b: 2\n", "  a: 1\n b: 2\n", "a: b\n  # c\nd: e\n",
    "a: x #\n", "- #c\n  a\n", "- a #c\n  b\n", "a: @x\n", "a: `x\n", "a: %x\n", "a: ,x\n", "a: x,\n", "a: x]\n",
    "a: {x: [1, 2], y: {z: w}}\n", "name: x\nimpl:\n  cont:\n ", "a:\n    b:\n #c", "a:\n  b:", "- a\n-", "- [a, [b, [c]]]\n", "a: [\"\\u00e9\"]\n", "a: '\\n'\n", "\"a\": \"b\": c\n",
};

TEST(YamlFastParse, AcceptsTheYamlPipelinesAreMadeOf) {
  for (const char* text : kAccepted) EXPECT_TRUE(agrees(text, "case")) << "declined:\n" << text;
}

TEST(YamlFastParse, EdgeCasesAgreeWithYamlCpp) {
  int accepted = 0;
  for (const char* text : kEdgeCases) accepted += agrees(text, "edge case");
  std::printf("[fast-yaml] edge cases: %d of %zu accepted, all equal to yaml-cpp\n", accepted,
              sizeof kEdgeCases / sizeof *kEdgeCases);
}

std::vector<fs::path> yaml_files(const std::string& root) {
  std::vector<fs::path> out;
  if (root.empty() || !fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml")) out.push_back(e.path());
  }
  return out;
}

std::vector<fs::path> project_files() {
  std::vector<fs::path> all;
  for (const char* dir : {"/tests/data", "/web/samples", "/e2e/fixtures"}) {
    auto more = yaml_files(std::string(KFP_SOURCE_DIR) + dir);
    all.insert(all.end(), more.begin(), more.end());
  }
  return all;
}

TEST(YamlFastParse, ProjectFilesAgreeWithYamlCpp) {
  auto files = project_files();
  ASSERT_GT(files.size(), 50u);
  size_t accepted = 0;
  for (const auto& f : files) accepted += agrees(test_files::slurp(f), f.string());
  std::printf("[fast-yaml] project files: %zu of %zu accepted, all equal to yaml-cpp\n", accepted, files.size());
  // Most of the project's YAML is the plain block style the fast path is for.
  EXPECT_GT(accepted * 10, files.size() * 6);
}

TEST(YamlFastParse, CorpusAgreesWithYamlCpp) {
  std::string root = test_files::corpus_root_if_present();
  if (root.empty()) GTEST_SKIP() << "../shared/corpus is absent: corpus comparison skipped";
  auto files = yaml_files(root);
  size_t accepted = 0;
  for (const auto& f : files) accepted += agrees(test_files::slurp(f), f.string());
  std::printf("[fast-yaml] corpus: %zu of %zu accepted, all equal to yaml-cpp\n", accepted, files.size());
  EXPECT_GT(accepted * 10, files.size() * 8);
}

// Single-byte edits of real files at pseudo-random places: the fast parser
// must decline or agree, never accept something yaml-cpp reads otherwise.
TEST(YamlFastParse, MutantsAgreeWithYamlCpp) {
  auto files = project_files();
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::string alphabet = " \n-:#'\"[]{},|>\\x0\t&*!?";
  size_t tried = 0, accepted = 0;
  for (const auto& f : files) {
    std::string text = test_files::slurp(f);
    if (text.empty() || text.size() > 20000) continue;
    for (int i = 0; i < 40; ++i) {
      std::string m = text;
      size_t at = next() % m.size();
      char c = alphabet[next() % alphabet.size()];
      switch (next() % 3) {
        case 0: m.insert(m.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 1: m[at] = c; break;
        default: m.erase(at, 1); break;
      }
      ++tried;
      accepted += agrees(m, f.string() + " (mutant)");
    }
  }
  std::printf("[fast-yaml] mutants: %zu of %zu accepted, all equal to yaml-cpp\n", accepted, tried);
  EXPECT_GT(accepted, tried / 4);
}

}  // namespace
