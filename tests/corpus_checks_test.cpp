// Conformance of the checks with what the real KFP SDK did (corpus README):
//  - graph-pipelines: every gNNN.pipeline.yaml validates without errors
//    exactly when KFP v2 compiled gNNN.py; each type mutant is reported with
//    KFP's message at the mutated argument (`consumer.input<-producer.output`);
//  - v1-components: the v2-compat verdict of every container component equals
//    KFP's (compiled / compile-error), naming the same input, with KFP's text.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/checks/v2_compat.h"
#include "test_files.h"

namespace fs = std::filesystem;

namespace kfp {
using test_files::slurp;
using test_files::corpus_root;

namespace {

std::vector<std::vector<std::string>> read_tsv(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(slurp(p));
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      cols.push_back(line.substr(start, tab - start));
    cols.push_back(line.substr(start));
    rows.push_back(std::move(cols));
  }
  return rows;
}

std::string errors_text(const Analysis& a) {
  std::string s;
  for (const auto& d : a.diagnostics)
    if (d.severity == Severity::Error)
      s += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " [" +
           std::string(d.code()) + "] " + d.message() + "\n";
  return s;
}

TEST(CorpusChecks, GraphPipelinesMatchKfpVerdictsAndMutantPositions) {
  fs::path dir = fs::path(corpus_root()) / "graph-pipelines";
  if (!fs::exists(dir / "expected.tsv")) GTEST_SKIP() << "corpus not found at " << dir;
  size_t files = 0, verdicts = 0, mutants = 0, located = 0;
  for (const auto& row : read_tsv(dir / "expected.tsv")) {
    ASSERT_GE(row.size(), 2u);
    const std::string& name = row[0];
    bool kfp_ok = row[1] == "compiled";
    fs::path file = dir / (name + ".pipeline.yaml");
    Analysis a = analyze({{file.filename().string(), slurp(file)}});
    ++files;
    bool ours_ok = !a.has_errors();
    EXPECT_EQ(ours_ok, kfp_ok) << name << ": KFP " << row[1] << "; ours:\n" << errors_text(a);
    if (ours_ok == kfp_ok) ++verdicts;
    if (kfp_ok || row.size() < 4) continue;

    // The mutation: consumer.input<-producer.output; KFP's message after "Exception: ".
    ++mutants;
    const std::string& m = row[2];
    std::string consumer = m.substr(0, m.find('.'));
    std::string input = m.substr(m.find('.') + 1, m.find("<-") - m.find('.') - 1);
    std::string kfp_msg = row[3].substr(row[3].find(": ") + 2);
    // Where the argument is written: tasks.<consumer>.arguments.<input> (its key).
    const yaml::Node* root = a.ws.file(0).tree.docs.at(0).root;
    const yaml::Node* args = root->get("implementation")->get("graph")->get("tasks")->get(consumer)->get("arguments");
    ASSERT_NE(args, nullptr) << name;
    const yaml::Node* key = args->key_node(input);
    ASSERT_NE(key, nullptr) << name << ": no argument " << input;
    bool found = false;
    for (const auto& d : a.diagnostics) {
      if (d.code() != "type-mismatch") continue;
      EXPECT_EQ(d.message(), kfp_msg) << name;
      EXPECT_EQ(d.span.begin.line, key->span.begin.line) << name;
      EXPECT_EQ(d.span.begin.col, key->span.begin.col) << name;
      EXPECT_FALSE(d.notes.empty()) << name << ": no note at the producing output";
      found = d.message() == kfp_msg && d.span.begin.line == key->span.begin.line &&
              d.span.begin.col == key->span.begin.col;
    }
    EXPECT_TRUE(found) << name << ": mutant not reported at " << key->span.begin.line << ":"
                       << key->span.begin.col << "; ours:\n"
                       << errors_text(a);
    if (found) ++located;
  }
  std::printf("[ corpus  ] graph-pipelines: %zu/%zu verdicts equal KFP's, %zu/%zu mutants at the argument\n",
              verdicts, files, located, mutants);
  EXPECT_EQ(files, 24u);
}

TEST(CorpusChecks, V2CompatVerdictEqualsKfpForEveryContainerComponent) {
  fs::path dir = fs::path(corpus_root()) / "v1-components";
  if (!fs::exists(dir / "expected.tsv")) GTEST_SKIP() << "corpus not found at " << dir;
  size_t total = 0, same = 0, compile_errors = 0, load_errors = 0;
  for (const auto& row : read_tsv(dir / "expected.tsv")) {
    ASSERT_GE(row.size(), 4u);
    if (row[2] != "container") continue;
    const std::string& outcome = row[3];
    std::string kfp_msg = row.size() > 4 ? row[4] : "";
    Analysis a = analyze({{row[0], slurp(dir / row[0])}});
    const Component* c = a.ws.file(0).component.get();
    if (outcome == "load-error") {
      // KFP could not even load these; our reader must say something is wrong.
      ++load_errors;
      EXPECT_TRUE(a.has_errors()) << row[0] << " (KFP: " << kfp_msg << ")";
      continue;
    }
    ++total;
    ASSERT_NE(c, nullptr) << row[0];
    std::vector<Diagnostic> v = v2_incompatibilities(*c);
    bool kfp_rejects = outcome == "compile-error";
    if (kfp_rejects) ++compile_errors;
    bool ok = v.empty() != kfp_rejects;
    EXPECT_TRUE(ok) << row[0] << ": KFP " << outcome << " " << kfp_msg << "; ours: "
                    << (v.empty() ? "none" : v[0].message());
    if (ok && kfp_rejects) {
      // KFP raises the first one it meets: the same text.
      std::string expected = kfp_msg.substr(kfp_msg.find(": ") + 2);
      EXPECT_EQ(v[0].message(), expected) << row[0];
      ok = v[0].message() == expected;
    }
    if (ok) ++same;
  }
  std::printf("[ corpus  ] v1-components: v2-compat verdict equals KFP's for %zu/%zu container components "
              "(%zu rejected by KFP); %zu load errors\n",
              same, total, compile_errors, load_errors);
}

// The same pipelines through the Python front end (gNNN.py, what KFP itself
// compiled): the same verdicts and KFP's message at the mutated keyword.
TEST(CorpusChecks, GraphPipelinesFromPythonMatchKfp) {
  fs::path dir = fs::path(corpus_root()) / "graph-pipelines";
  if (!fs::exists(dir / "expected.tsv")) GTEST_SKIP() << "corpus not found at " << dir;
  size_t files = 0, verdicts = 0, mutants = 0, located = 0;
  for (const auto& row : read_tsv(dir / "expected.tsv")) {
    fs::path file = dir / (row[0] + ".py");
    if (!fs::exists(file)) continue;
    bool kfp_ok = row[1] == "compiled";
    Analysis a = analyze({{file.filename().string(), slurp(file)}});
    ++files;
    EXPECT_EQ(!a.has_errors(), kfp_ok) << row[0] << "; ours:\n" << errors_text(a);
    if (!a.has_errors() == kfp_ok) ++verdicts;
    if (kfp_ok || row.size() < 4) continue;
    ++mutants;
    std::string input = row[2].substr(row[2].find('.') + 1, row[2].find("<-") - row[2].find('.') - 1);
    std::string kfp_msg = row[3].substr(row[3].find(": ") + 2);
    for (const auto& d : a.diagnostics) {
      if (d.code() != "type-mismatch") continue;
      EXPECT_EQ(d.message(), kfp_msg) << row[0];
      // At the keyword argument `input=` of the consumer's call.
      std::string_view line = a.ws.file(0).line(d.span.begin.line);
      bool at_keyword = d.span.begin.col >= 1 && line.substr(d.span.begin.col - 1, input.size() + 1) == input + "=";
      EXPECT_TRUE(at_keyword) << row[0] << ": " << line;
      if (d.message() == kfp_msg && at_keyword) ++located;
    }
  }
  std::printf("[ corpus  ] graph-pipelines (.py): %zu/%zu verdicts equal KFP's, %zu/%zu mutants at the keyword\n",
              verdicts, files, located, mutants);
}

// No false alarms: IR that KFP itself compiled passes every check.
TEST(CorpusChecks, CompiledIrHasNoCheckFindings) {
  fs::path dir = fs::path(corpus_root()) / "ir" / "valid";
  if (!fs::exists(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  const std::vector<std::string_view> ours = {"type-mismatch", "v2-compat",      "unknown-task",
                                              "unknown-output", "unknown-input", "missing-input",
                                              "unresolved-component", "cycle", "duplicate-name",
                                              "name-collision"};
  size_t files = 0, clean = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    Analysis a = analyze({{e.path().filename().string(), slurp(e.path())}});
    std::string found;
    for (const auto& d : a.diagnostics)
      if (std::find(ours.begin(), ours.end(), d.code()) != ours.end())
        found += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " [" +
                 std::string(d.code()) + "] " + d.message() + "\n";
    EXPECT_EQ(found, "") << e.path();
    if (found.empty()) ++clean;
  }
  std::printf("[ corpus  ] ir/valid: %zu/%zu compiled pipelines pass every check\n", clean, files);
}

}  // namespace
}  // namespace kfp
