// Shared by the v1 reader tests (component and graph): load a fixture from
// tests/data/v1 or YAML text and read it as a v1 component, and describe
// where its diagnostics point.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/read/readers.h"
#include "core/yaml/load.h"

namespace kfp::testing {

struct V1Loaded {
  std::string text;
  yaml::Tree tree;
  Sink sink;
  std::shared_ptr<Component> c;
};

inline std::unique_ptr<V1Loaded> load_v1_text(const std::string& text) {
  auto l = std::make_unique<V1Loaded>();
  l->text = text;
  l->tree = yaml::load(l->text, 0, l->sink);
  if (!l->tree.docs.empty()) l->c = read_v1_component(*l->tree.docs[0].root, 0, l->sink);
  return l;
}

inline std::unique_ptr<V1Loaded> load_v1_fixture(const std::string& name) {
  std::ifstream in(std::string(KFP_TEST_DATA) + "/v1/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_FALSE(ss.str().empty()) << name;
  return load_v1_text(ss.str());
}

// "id@line:col" for every diagnostic, in report order.
inline std::vector<std::string> where(const Sink& s) {
  std::vector<std::string> out;
  for (const auto& d : s.all())
    out.push_back(std::string(d.id_name()) + "@" + std::to_string(d.span.begin.line) + ":" +
                  std::to_string(d.span.begin.col));
  return out;
}

inline void expect_at(const Span& s, uint32_t line, uint32_t col) {
  EXPECT_EQ(s.begin.line, line);
  EXPECT_EQ(s.begin.col, col);
}

}  // namespace kfp::testing
