// Shared by the IR reader tests: load YAML text and read it as IR.
#pragma once
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/read/readers.h"
#include "core/yaml/load.h"

namespace kfp::testing {

struct IrLoaded {
  yaml::Tree tree;
  Sink sink;
  std::shared_ptr<PipelineSpec> spec;

  size_t count(DiagId id) const {
    size_t n = 0;
    for (const auto& d : sink.all())
      if (d.id == id) ++n;
    return n;
  }
  const Diagnostic* first(DiagId id) const {
    for (const auto& d : sink.all())
      if (d.id == id) return &d;
    return nullptr;
  }
  std::string dump() const {
    std::string out;
    for (const auto& d : sink.all())
      out += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + ": " +
             std::string(d.code()) + ": " + d.message() + "\n";
    return out;
  }
};

inline std::unique_ptr<IrLoaded> load_ir_text(const std::string& text) {
  auto l = std::make_unique<IrLoaded>();
  l->tree = yaml::load(text, 0, l->sink);
  l->spec = read_ir(l->tree, l->sink);
  return l;
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::unique_ptr<IrLoaded> load_ir_fixture(const std::string& name) {
  return load_ir_text(read_text_file(std::string(KFP_TEST_DATA) + "/ir/" + name));
}

}  // namespace kfp::testing
