// Small file helpers shared by the GoogleTest files: read a file whole, and
// find the KFP corpus (../shared/corpus beside the checkout, or $KFP_CORPUS).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace test_files {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Where the corpus should be; tests that need it skip when it is absent.
inline std::string corpus_root() {
  const char* env = std::getenv("KFP_CORPUS");
  return env && *env ? env : KFP_CORPUS;
}

// corpus_root(), or "" when that folder does not exist.
inline std::string corpus_root_if_present() {
  std::string d = corpus_root();
  return std::filesystem::exists(d) ? d : "";
}

}  // namespace test_files
