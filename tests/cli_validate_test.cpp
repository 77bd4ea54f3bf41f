// `kfpc validate` end to end: the built binary (KFPC_PATH) on the pair files
// tests/data/checks/<case>.yaml, whose exact text output (and exit status) is
// <case>.expected; `UPDATE_EXPECTED=1` rewrites them. Plus JSON, SARIF and
// the exit statuses.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/yaml/scalar.h"
#include "test_files.h"

namespace fs = std::filesystem;

namespace kfp {
using test_files::slurp;

namespace {

const fs::path kData = fs::path(KFP_TEST_DATA) / "checks";

struct KfpcRun {
  std::string out;
  int status = -1;
};

// Runs kfpc in the data folder (so that file names print relative).
KfpcRun kfpc(const std::string& args, bool with_stderr = false) {
  std::string cmd = "cd '" + kData.string() + "' && '" + std::string(KFPC_PATH) + "' " + args +
                    (with_stderr ? " 2>&1" : " 2>/dev/null");
  KfpcRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  if (!fs::exists(kData)) return out;
  for (const auto& e : fs::directory_iterator(kData))
    if (e.path().extension() == ".yaml") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

class ValidatePairs : public testing::TestWithParam<std::string> {};

TEST_P(ValidatePairs, TextOutputMatchesExpected) {
  const std::string& name = GetParam();
  KfpcRun r = kfpc("validate " + name + ".yaml");
  std::string actual = r.out + "[exit " + std::to_string(r.status) + "]\n";
  fs::path expected_path = kData / (name + ".expected");
  const char* update = std::getenv("UPDATE_EXPECTED");
  if (update && std::string(update) == "1") {
    std::ofstream(expected_path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path << " (run with UPDATE_EXPECTED=1)";
  EXPECT_EQ(actual, slurp(expected_path));
  // ok_* cases expect nothing at all.
  if (name.rfind("ok_", 0) == 0) {
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Checks, ValidatePairs, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<std::string>& i) { return i.param; });

// The acceptance case, spelled out: the mismatch at the argument's line:col,
// the source line with a caret under the argument, a note at the output.
TEST(CliValidate, MismatchedEdgeIsReportedAtTheArgumentWithANoteAtTheOutput) {
  KfpcRun r = kfpc("validate mismatch.yaml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("mismatch.yaml:34:11: error[type-mismatch]: Incompatible argument passed to the input 'seed' "
                       "of component 'gen-text': Argument type 'STRING' is incompatible with the input type "
                       "'NUMBER_INTEGER'\n"
                       "   34 |           seed: {taskOutput: {taskId: gen-text, outputName: text}}\n"
                       "      |           ^~~~\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("mismatch.yaml:14:22: note: output 'text' of task 'gen-text' is declared here with type "
                       "'STRING'"),
            std::string::npos)
      << r.out;
}

TEST(CliValidate, JsonCarriesCodePositionAndNotes) {
  KfpcRun r = kfpc("validate --format json mismatch.yaml");
  EXPECT_EQ(r.status, 1);
  Json j = Json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["schema"], 1);
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  const Json& d = j["diagnostics"][0];
  EXPECT_EQ(d["code"], "type-mismatch");
  EXPECT_EQ(d["id"], "err_type_mismatch");
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["line"], 34);
  EXPECT_EQ(d["column"], 11);
  EXPECT_EQ(d["notes"][0]["line"], 14);
  EXPECT_EQ(j["summary"]["errors"], 1);
}

TEST(CliValidate, SarifHasRuleLevelAndRelatedLocation) {
  KfpcRun r = kfpc("validate --format sarif mismatch.yaml");
  EXPECT_EQ(r.status, 1);
  Json j = Json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  const Json& res = j["runs"][0]["results"][0];
  EXPECT_EQ(res["ruleId"], "type-mismatch");
  EXPECT_EQ(res["level"], "error");
  EXPECT_EQ(res["locations"][0]["physicalLocation"]["region"]["startLine"], 34);
  EXPECT_EQ(res["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 14);
}

// A componentRef by name resolves to another open file: the edge is checked
// across files, the note points into the component's file; alone, the
// pipeline's connections are reported as unchecked instead.
TEST(CliValidate, ReferencesResolveAcrossOpenFiles) {
  KfpcRun both = kfpc("validate multi/pipeline.yaml multi/echo.yaml");
  EXPECT_EQ(both.status, 1);
  EXPECT_NE(both.out.find("multi/pipeline.yaml:10:11: error[type-mismatch]: Incompatible argument passed to the input "
                          "'msg' of component 'echo': Argument type 'NUMBER_INTEGER' is incompatible with the input "
                          "type 'STRING'"),
            std::string::npos)
      << both.out;
  EXPECT_NE(both.out.find("multi/echo.yaml:3:10: note: input 'msg' is declared here with type 'STRING'"),
            std::string::npos)
      << both.out;
  KfpcRun alone = kfpc("validate multi/pipeline.yaml");
  EXPECT_EQ(alone.status, 0);
  EXPECT_NE(alone.out.find("multi/pipeline.yaml:10:11: note: not checked: input 'msg' <- pipeline input 'count'"),
            std::string::npos)
      << alone.out;
}

TEST(CliValidate, ExitStatuses) {
  EXPECT_EQ(kfpc("validate ok_pipeline.yaml").status, 0);
  EXPECT_EQ(kfpc("validate v2_compat.yaml").status, 0);  // warnings only
  EXPECT_EQ(kfpc("validate refs.yaml").status, 1);
  EXPECT_EQ(kfpc("validate no-such-file.yaml").status, 2);
  EXPECT_EQ(kfpc("validate").status, 2);
  EXPECT_EQ(kfpc("validate --format xml mismatch.yaml").status, 2);
}

}  // namespace
}  // namespace kfp
