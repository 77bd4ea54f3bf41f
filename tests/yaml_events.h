// The event stream of a YAML text as lines ("SCALAR 3:5(12) ! value"), from
// yaml-cpp and from core/yaml/fast_parse: the fast parser's contract is that
// whenever it accepts a text, the two lists are equal. Shared by
// tests/yaml_fast_parse_test.cpp and fuzz/fuzz_yaml_fast.cpp.
#pragma once
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/fast_parse.h"

namespace yaml_events {

class Recorder final : public YAML::EventHandler {
 public:
  std::vector<std::string> lines;
  void OnDocumentStart(const YAML::Mark& m) override { add("DOC", m); }
  void OnDocumentEnd() override { lines.push_back("ENDDOC"); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { add("NULL", m, "", a); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override { add("ALIAS", m, "", a); }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& v) override {
    add("SCALAR", m, tag, a, &v);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value s) override {
    add("SEQ" + std::to_string(s), m, tag, a);
  }
  void OnSequenceEnd() override { lines.push_back("ENDSEQ"); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value s) override {
    add("MAP" + std::to_string(s), m, tag, a);
  }
  void OnMapEnd() override { lines.push_back("ENDMAP"); }

 private:
  void add(const std::string& what, const YAML::Mark& m, const std::string& tag = "", YAML::anchor_t a = 0,
           const std::string* v = nullptr) {
    std::string s = what + " " + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) + "(" +
                    std::to_string(m.pos) + ") " + tag + " &" + std::to_string(a);
    if (v) s += " [" + *v + "]";
    lines.push_back(std::move(s));
  }
};

// yaml-cpp's events; `ok` false when it threw (the events are then a prefix).
inline std::vector<std::string> from_yaml_cpp(std::string_view text, bool* ok) {
  std::string owned(text);
  std::istringstream in(owned);
  Recorder r;
  *ok = true;
  try {
    YAML::Parser p(in);
    // yaml-cpp can loop on some broken inputs (see core/yaml/load.cpp): cap it.
    for (int docs = 0; p.HandleNextDocument(r); ++docs)
      if (docs > 10000) break;
  } catch (const std::exception&) {
    *ok = false;
  }
  return r.lines;
}

// The fast parser's events; `accepted` false when it declined the text.
inline std::vector<std::string> from_fast_parse(std::string_view text, bool* accepted) {
  Recorder r;
  *accepted = kfp::yaml::fast_parse(text, r);
  return r.lines;
}

}  // namespace yaml_events
