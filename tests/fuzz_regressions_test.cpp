// Every input a fuzzer ever failed on, replayed through the very entry that
// fuzz target uses (fuzz/entries.h): tests/data/fuzz/<target>/<case>. Each
// must finish within bounds and give an answer (JSON out, or for the raw YAML
// loader at least not a crash). Cases that need a specific diagnostic say so
// below, next to the fix they guard.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/api.h"
#include "fuzz/entries.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(KFP_TEST_DATA) / "fuzz";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(FuzzRegressions, EveryRecordedInputFinishesWithAnAnswer) {
  ASSERT_TRUE(fs::is_directory(kRoot)) << kRoot;
  const auto& targets = kfp::fuzz::targets();
  size_t cases = 0;
  for (const auto& dir : fs::directory_iterator(kRoot)) {
    std::string target = dir.path().filename().string();
    // A folder must be named after a target, or its cases would never run.
    ASSERT_NE(std::find(targets.begin(), targets.end(), target), targets.end()) << "no fuzz target " << target;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      std::string bytes = slurp(file.path());
      auto t0 = std::chrono::steady_clock::now();
      size_t out = kfp::fuzz::run(target, bytes);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      EXPECT_LT(s, 20.0) << file.path();  // libFuzzer's own limit is 10 s; ASan CI is slower
      if (target != "yaml") {
        EXPECT_GT(out, 0u) << file.path();
      }
      ++cases;
    }
  }
  EXPECT_GT(cases, 0u);
}

// yaml-cpp 0.7 loops forever emitting nulls on a "," that starts a block
// document (found by fuzz_yaml as a timeout). The loader stops it with a
// positioned yaml-syntax error.
TEST(FuzzRegressions, CommaAtDocumentStartIsASyntaxErrorNotAHang) {
  for (std::string text : {std::string(",\n"), std::string("# c\n,#x\ncomponents:\n  a: 1\n"),
                           slurp(kRoot / "yaml" / "comma-before-ir-document-hang.yaml")}) {
    auto t0 = std::chrono::steady_clock::now();
    kfp::Analysis a = kfp::analyze({{"p.yaml", text}});
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(s, 5.0);
    bool found = false;
    for (const auto& d : a.diagnostics)
      if (d.code() == "yaml-syntax" && d.message().find("','") != std::string::npos) found = true;
    EXPECT_TRUE(found) << text.substr(0, 40);
  }
}
