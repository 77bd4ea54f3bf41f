// Conformance on the corpus's Python pipelines (graph-pipelines/gNNN.py):
// every file KFP compiled must compile to the same IR (compared as data,
// sdkVersion aside); every type mutant KFP rejected must be rejected with a
// type-mismatch at the mutated argument's line:col (hand-checked positions
// in tests/data/python/mutants.tsv).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/api.h"
#include "core/emit/ir.h"
#include "core/yaml/load.h"
#include "core/yaml/scalar.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;

using test_files::slurp;

namespace {

// The first place two JSON values differ ("" when equal); numbers compare by
// value (KFP writes 7.0 where a reader may hold 7).
std::string first_diff(const Json& a, const Json& b, const std::string& path) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>() ? "" : path + ": " + a.dump() + " vs " + b.dump();
  if (a.type() != b.type()) return path + ": " + a.dump().substr(0, 200) + " vs " + b.dump().substr(0, 200);
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return path + "/" + it.key() + ": only in ours";
      std::string d = first_diff(it.value(), b.at(it.key()), path + "/" + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key())) return path + "/" + it.key() + ": only in KFP's";
    return "";
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return path + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " items";
    for (size_t i = 0; i < a.size(); ++i) {
      std::string d = first_diff(a[i], b[i], path + "/" + std::to_string(i));
      if (!d.empty()) return d;
    }
    return "";
  }
  return a == b ? "" : path + ": " + a.dump() + " vs " + b.dump();
}

std::map<std::string, std::string> read_tsv_col(const fs::path& p, size_t col) {
  std::map<std::string, std::string> out;
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cells.push_back(c);
    if (cells.size() > col) out[cells[0]] = cells[col];
  }
  return out;
}

}  // namespace

TEST(CorpusPython, GraphPipelinesCompileLikeKfp) {
  fs::path dir = fs::path(KFP_CORPUS) / "graph-pipelines";
  if (!fs::exists(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  auto outcome = read_tsv_col(dir / "expected.tsv", 1);
  // name -> "line:col" of the mutated argument, checked by hand.
  auto mutant_pos = read_tsv_col(fs::path(KFP_TEST_DATA) / "python" / "mutants.tsv", 1);
  int compiled = 0, matched = 0, mutants = 0, rejected = 0;
  for (const auto& [name, result] : outcome) {
    fs::path py = dir / (name + ".py");
    SCOPED_TRACE(name);
    Analysis a = analyze({{py.string(), slurp(py)}});
    if (result == "compiled") {
      ++compiled;
      for (const auto& d : a.diagnostics)
        ADD_FAILURE() << d.span.begin.line << ":" << d.span.begin.col << " " << d.message();
      const auto& f = a.ws.file(0);
      ASSERT_TRUE(f.pipeline) << "no pipeline";
      Json ours = ir_json(*f.pipeline);
      Sink s;
      yaml::Tree t = yaml::load(slurp(dir / (name + ".kfp-ir.yaml")), 0, s);
      ASSERT_FALSE(t.docs.empty());
      Json theirs = yaml::to_json(t.docs[0].root);
      ours.erase("sdkVersion");
      theirs.erase("sdkVersion");
      std::string d = first_diff(ours, theirs, "");
      EXPECT_EQ(d, "");
      matched += d.empty();
    } else {
      ++mutants;
      ASSERT_TRUE(mutant_pos.count(name)) << "no hand-checked position for " << name;
      bool found = false;
      for (const auto& d : a.diagnostics) {
        if (d.code() != "type-mismatch") continue;
        std::string at = std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col);
        EXPECT_EQ(at, mutant_pos[name]) << d.message();
        found = true;
      }
      EXPECT_TRUE(found) << "KFP rejects this file; we did not";
      rejected += found;
    }
  }
  EXPECT_EQ(compiled, 18);
  EXPECT_EQ(mutants, 6);
  std::cout << "[corpus-python] " << matched << "/" << compiled << " compile to KFP's IR; " << rejected << "/" << mutants
            << " mutants rejected\n";
}
