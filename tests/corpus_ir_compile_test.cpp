// Conformance of `kfpc compile --to ir` with the real KFP 2.15 compiler, over
// the corpus (../shared/corpus, skipped when absent):
//  - every v1 component KFP compiled: our IR parses to the same YAML data
//    (sdkVersion aside); how many are byte-identical is printed;
//  - every container component KFP refuses: we refuse, with KFP's reason;
//  - every graph pipeline KFP compiled: the same IR as KFP made from the
//    equivalent Python (gNNN.py); the type mutants KFP rejects: refused;
//  - every ir/valid file: written back unchanged except sdkVersion.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/api.h"
#include "core/emit/ir.h"
#include "core/yaml/load.h"
#include "test_files.h"

namespace fs = std::filesystem;
using kfp::Json;

using test_files::slurp;
using test_files::corpus_root_if_present;

namespace {

// The YAML documents as data (PyYAML typing), sdkVersion removed.
std::vector<Json> data_of(const std::string& text) {
  kfp::Sink sink;
  kfp::yaml::Tree tree = kfp::yaml::load(text, 0, sink);
  std::vector<Json> docs;
  for (const auto& d : tree.docs) docs.push_back(kfp::yaml::to_json(d.root));
  if (!docs.empty() && docs[0].is_object()) docs[0].erase("sdkVersion");
  return docs;
}

std::string replace_sdk_line(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("sdkVersion: ", 0) == 0) line = "sdkVersion: X";
    out += line + "\n";
  }
  return out;
}

kfp::CompileResult compile(const std::vector<fs::path>& paths) {
  std::vector<kfp::InputFile> files;
  for (const auto& p : paths) files.push_back({p.string(), slurp(p)});
  kfp::Analysis a = kfp::analyze(files);
  return kfp::compile_to_ir(a);
}

std::string first_error(const kfp::CompileResult& r) {
  for (const auto& d : r.diagnostics)
    if (d.severity == kfp::Severity::Error) return std::string(d.code()) + ": " + d.message();
  return "(no error)";
}

// A JSON pointer to the first difference, for messages.
std::string first_diff(const Json& a, const Json& b, const std::string& at = "") {
  if (a.type() != b.type()) return at + " (type)";
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return at + "/" + it.key() + " (only ours)";
      if (it.value() != b[it.key()]) return first_diff(it.value(), b[it.key()], at + "/" + it.key());
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key())) return at + "/" + it.key() + " (only KFP's)";
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return at + " (length)";
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return first_diff(a[i], b[i], at + "/" + std::to_string(i));
  }
  return at + ": " + a.dump().substr(0, 120) + " vs " + b.dump().substr(0, 120);
}

struct Row {
  std::string file, origin, kind, outcome, message;
};

std::vector<Row> read_tsv(const fs::path& p) {
  std::vector<Row> rows;
  std::istringstream in(slurp(p));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, '\t')) f.push_back(cell);
    while (f.size() < 5) f.emplace_back();
    rows.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  return rows;
}

}  // namespace

TEST(CorpusIrCompile, V1ComponentsCompileAsKfpDoes) {
  std::string corpus = corpus_root_if_present();
  if (corpus.empty()) GTEST_SKIP() << "KFP corpus not found (KFP_CORPUS)";
  fs::path dir = fs::path(corpus) / "v1-components";
  size_t compiled = 0, same = 0, bytes = 0, refused = 0, refused_ok = 0, refused_reason = 0;
  std::vector<std::string> failures;
  for (const Row& r : read_tsv(dir / "expected.tsv")) {
    kfp::CompileResult res = compile({dir / r.file});
    if (r.outcome == "compiled") {
      ++compiled;
      std::string ir = r.file.substr(0, r.file.size() - 5) + ".kfp-ir.yaml";
      std::string theirs = slurp(dir / ir);
      if (!res.ok()) {
        failures.push_back(r.file + ": refused: " + first_error(res));
        continue;
      }
      std::vector<Json> a = data_of(res.text), b = data_of(theirs);
      if (a == b) {
        ++same;
      } else {
        failures.push_back(r.file + ": differs at " + first_diff(a.empty() ? Json() : a[0], b.empty() ? Json() : b[0]));
        continue;
      }
      if (replace_sdk_line(res.text) == replace_sdk_line(theirs)) ++bytes;
    } else if (r.kind == "container") {
      ++refused;
      if (res.ok()) {
        failures.push_back(r.file + ": compiled, but KFP refuses: " + r.message);
        continue;
      }
      ++refused_ok;
      // KFP's reason without its exception class ("TypeError: ").
      std::string reason = r.message.substr(r.message.find(": ") == std::string::npos ? 0 : r.message.find(": ") + 2);
      for (const auto& d : res.diagnostics)
        if (d.message().find(reason) != std::string::npos) {
          ++refused_reason;
          break;
        }
    }
  }
  std::printf("[ir-compile] v1 components: %zu/%zu semantically identical to KFP's IR, %zu byte-identical\n", same,
              compiled, bytes);
  std::printf("[ir-compile] v1 components KFP refuses: %zu/%zu refused, %zu with KFP's exact reason\n", refused_ok,
              refused, refused_reason);
  for (size_t i = 0; i < failures.size() && i < 15; ++i) std::printf("  %s\n", failures[i].c_str());
  EXPECT_EQ(same, compiled);
  EXPECT_EQ(refused_ok, refused);
  EXPECT_GT(compiled, 150u);
}

TEST(CorpusIrCompile, GraphPipelinesCompileAsTheirPythonEquivalent) {
  std::string corpus = corpus_root_if_present();
  if (corpus.empty()) GTEST_SKIP() << "KFP corpus not found (KFP_CORPUS)";
  fs::path dir = fs::path(corpus) / "graph-pipelines";
  size_t compiled = 0, same = 0, bytes = 0, mutants = 0, refused = 0;
  std::vector<std::string> failures;
  for (const Row& r : read_tsv(dir / "expected.tsv")) {
    // expected.tsv here: name, outcome, mutation, message (read_tsv's columns 0 and 1).
    std::string name = r.file, outcome = r.origin;
    kfp::CompileResult res = compile({dir / (name + ".pipeline.yaml")});
    if (outcome == "compiled") {
      ++compiled;
      if (!res.ok()) {
        failures.push_back(name + ": refused: " + first_error(res));
        continue;
      }
      std::string theirs = slurp(dir / (name + ".kfp-ir.yaml"));
      std::vector<Json> a = data_of(res.text), b = data_of(theirs);
      if (a == b) ++same;
      else failures.push_back(name + ": differs at " + first_diff(a[0], b[0]));
      // gNNN.py has no description; ours carries the graph's into the header.
      std::string ours = replace_sdk_line(res.text);
      size_t d = ours.find("# Description: ");
      if (d != std::string::npos) ours.erase(d, ours.find('\n', d) + 1 - d);
      if (ours == replace_sdk_line(theirs)) ++bytes;
    } else {
      ++mutants;
      if (!res.ok()) ++refused;
      else failures.push_back(name + ": compiled, but KFP refuses");
    }
  }
  std::printf("[ir-compile] graph pipelines: %zu/%zu identical to KFP's IR of the Python equivalent (%zu "
              "byte-identical but for the Description line); %zu/%zu type mutants refused\n",
              same, compiled, bytes, refused, mutants);
  for (const auto& f : failures) std::printf("  %s\n", f.c_str());
  EXPECT_EQ(same, compiled);
  EXPECT_EQ(refused, mutants);
}

TEST(CorpusIrCompile, IrFilesRoundTrip) {
  std::string corpus = corpus_root_if_present();
  if (corpus.empty()) GTEST_SKIP() << "KFP corpus not found (KFP_CORPUS)";
  size_t total = 0, same = 0, bytes = 0;
  std::vector<std::string> failures;
  for (const auto& ent : fs::recursive_directory_iterator(fs::path(corpus) / "ir" / "valid")) {
    if (ent.path().extension() != ".yaml") continue;
    ++total;
    kfp::CompileResult res = compile({ent.path()});
    std::string theirs = slurp(ent.path());
    if (!res.ok()) {
      failures.push_back(ent.path().filename().string() + ": refused: " + first_error(res));
      continue;
    }
    std::vector<Json> a = data_of(res.text), b = data_of(theirs);
    if (a == b) ++same;
    else failures.push_back(ent.path().filename().string() + ": differs at " + first_diff(a[0], b[0]));
    if (replace_sdk_line(res.text) == replace_sdk_line(theirs)) ++bytes;
  }
  std::printf("[ir-compile] ir/valid: %zu/%zu round-trip semantically unchanged, %zu byte-identical\n", same, total,
              bytes);
  for (size_t i = 0; i < failures.size() && i < 15; ++i) std::printf("  %s\n", failures[i].c_str());
  EXPECT_EQ(same, total);
  EXPECT_GT(total, 100u);
}
