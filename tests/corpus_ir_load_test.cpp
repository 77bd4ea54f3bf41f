// Conformance: every IR file the real KFP SDK compiled (the shared corpus)
// reads without an error, and every file KFP's test data calls invalid gets a
// clear diagnostic at a line:col.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/api.h"
#include "read_ir_util.h"

using namespace kfp;
using namespace kfp::testing;
namespace fs = std::filesystem;

namespace {

std::string corpus_dir() {
  if (const char* env = std::getenv("KFP_CORPUS"); env && *env) return env;
  return KFP_CORPUS;
}

std::vector<std::string> files_under(const std::string& dir, std::string_view suffix, bool recursive) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  auto add = [&](const fs::directory_entry& e) {
    std::string p = e.path().string();
    if (e.is_regular_file() && p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(p);
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) add(e);
  } else {
    for (const auto& e : fs::directory_iterator(dir, ec)) add(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Loads each file and returns how many read with no error; failures are
// reported with their diagnostics.
size_t load_all_clean(const std::vector<std::string>& files) {
  size_t clean = 0;
  for (const auto& f : files) {
    auto l = load_ir_text(read_text_file(f));
    bool ok = l->spec && l->spec->root && !l->sink.has_errors();
    if (ok) {
      ++clean;
    } else {
      ADD_FAILURE() << f << " does not load clean:\n" << l->dump();
    }
  }
  return clean;
}

}  // namespace

TEST(CorpusIrLoad, ValidPipelinesLoadWithoutErrors) {
  std::string dir = corpus_dir() + "/ir";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not found at " << dir << " (set KFP_CORPUS)";
  auto files = files_under(dir + "/valid", ".yaml", true);
  for (const auto& f : files_under(dir + "/argo_compatibility", ".yaml", true)) files.push_back(f);
  ASSERT_GT(files.size(), 100u);
  size_t clean = load_all_clean(files);
  std::cout << "[ corpus ir ] " << clean << "/" << files.size() << " ir/valid files load clean\n";
  EXPECT_EQ(clean, files.size());
}

// The IR the real KFP SDK produced from the v1 components and the generated
// graph pipelines is IR too: the same reader must take all of it.
TEST(CorpusIrLoad, SdkCompiledComponentsLoadWithoutErrors) {
  std::string dir = corpus_dir();
  if (!fs::is_directory(dir + "/v1-components")) GTEST_SKIP() << "corpus not found at " << dir << " (set KFP_CORPUS)";
  auto files = files_under(dir + "/v1-components", ".kfp-ir.yaml", false);
  for (const auto& f : files_under(dir + "/graph-pipelines", ".kfp-ir.yaml", false)) files.push_back(f);
  ASSERT_GT(files.size(), 100u);
  size_t clean = load_all_clean(files);
  std::cout << "[ corpus ir ] " << clean << "/" << files.size() << " SDK-compiled *.kfp-ir.yaml files load clean\n";
  EXPECT_EQ(clean, files.size());
}

TEST(CorpusIrLoad, InvalidFilesGetPositionedDiagnostics) {
  std::string dir = corpus_dir() + "/ir/invalid";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not found at " << dir << " (set KFP_CORPUS)";
  auto files = files_under(dir, "", false);
  ASSERT_GE(files.size(), 3u);
  for (const auto& f : files) {
    AnalyzeOptions opts;
    opts.run_checks = false;
    Analysis a = analyze({InputFile{f, read_text_file(f)}}, opts);
    const Diagnostic* err = nullptr;
    for (const auto& d : a.diagnostics)
      if (d.severity == Severity::Error) {
        err = &d;
        break;
      }
    ASSERT_NE(err, nullptr) << f << ": no error reported";
    EXPECT_TRUE(err->span.begin.valid()) << f << ": error without a position: " << err->message();
    std::cout << "[ corpus ir ] " << fs::path(f).filename().string() << ":" << err->span.begin.line << ":"
              << err->span.begin.col << ": " << err->code() << ": " << err->message() << "\n";

    std::string name = fs::path(f).filename().string();
    if (name == "empty_file.yaml") {
      EXPECT_EQ(err->id, DiagId::err_yaml_empty);
    } else if (name == "invalid_yaml.yaml") {
      // `components_1:` instead of `components:` (line 3): one error, with a
      // "did you mean" note and a fix-it; the rest reads as if spelt right.
      EXPECT_EQ(err->id, DiagId::err_ir_unknown_key);
      EXPECT_EQ(err->span.begin.line, 3u);
      EXPECT_EQ(err->span.begin.col, 1u);
      ASSERT_EQ(err->notes.size(), 1u);
      EXPECT_EQ(err->notes[0].id, DiagId::note_ir_did_you_mean);
      EXPECT_EQ(err->notes[0].args.at(0), "components");
      ASSERT_EQ(err->fixits.size(), 1u);
      EXPECT_EQ(err->fixits[0].replacement, "components");
      EXPECT_EQ(a.diagnostics.size(), 1u) << "the typo should not cascade";
    } else if (name == "no_name.yaml") {
      // `pipelineInfo:\n  name:` with no value (line 16).
      EXPECT_EQ(err->id, DiagId::err_ir_empty_value);
      EXPECT_EQ(err->span.begin.line, 16u);
      EXPECT_EQ(err->span.begin.col, 3u);
    }
  }
}
