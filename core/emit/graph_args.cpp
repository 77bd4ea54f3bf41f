// Command/args items as text for the graph (docs/graph-json.md): each in the
// notation of the file it came from, so the page shows what the user wrote.
#include <cctype>

#include "core/emit/graph_json.h"
#include "core/read/ir_placeholders.h"

namespace kfp::graph {
namespace {

// A JSON string literal as Python's json.dumps writes it inside KFP's IR
// placeholders; never throws on bad UTF-8.
std::string quoted(const std::string& s) {
  return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string list_v1(const std::vector<Arg>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    const Arg& a = items[i];
    out += a.kind == Arg::Kind::Literal ? quoted(a.text) : render_arg(a, false);
  }
  return out + "]";
}

std::string render_v1(const Arg& a) {
  switch (a.kind) {
    case Arg::Kind::Literal: return a.text;
    case Arg::Kind::InputValue: return "{inputValue: " + a.text + "}";
    case Arg::Kind::InputPath: return "{inputPath: " + a.text + "}";
    case Arg::Kind::InputUri: return "{inputUri: " + a.text + "}";
    case Arg::Kind::InputMetadata: return "{inputMetadata: " + a.text + "}";
    case Arg::Kind::OutputPath: return "{outputPath: " + a.text + "}";
    case Arg::Kind::OutputUri: return "{outputUri: " + a.text + "}";
    case Arg::Kind::OutputMetadata: return "{outputMetadata: " + a.text + "}";
    case Arg::Kind::ExecutorInput: return "{executorInput}";
    case Arg::Kind::Concat: return "{concat: " + list_v1(a.items) + "}";
    case Arg::Kind::IfPresent: {
      std::string cond = a.cond_value ? a.cond_value->dump(-1, ' ', false, Json::error_handler_t::replace)
                                      : "{isPresent: " + a.text + "}";
      std::string out = "{if: {cond: " + cond + ", then: " + list_v1(a.then_items);
      if (a.has_else) out += ", else: " + list_v1(a.else_items);
      return out + "}}";
    }
    case Arg::Kind::Template: {
      std::string out;
      for (const auto& i : a.items) out += render_v1(i);
      return out;
    }
  }
  return a.text;
}

}  // namespace

std::string render_arg(const Arg& a, bool ir, const Component* c) {
  // IR: exactly the string KFP wrote (the reader's printer round-trips it).
  return ir ? ir_placeholder_string(a, c) : render_v1(a);
}

std::string sanitize_k8s_name(std::string_view name) {
  // re.sub('-+', '-', re.sub('[^-0-9a-z]+', '-', name.lower())).lstrip('-').rstrip('-')
  std::string out;
  for (unsigned char ch : name) {
    char c = static_cast<char>(std::tolower(ch));
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    char put = ok ? c : '-';
    if (put == '-' && !out.empty() && out.back() == '-') continue;
    out += put;
  }
  size_t b = out.find_first_not_of('-');
  if (b == std::string::npos) return "";
  size_t e = out.find_last_not_of('-');
  return out.substr(b, e - b + 1);
}

}  // namespace kfp::graph
