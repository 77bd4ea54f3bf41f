#include "core/read/ir_placeholders.h"

#include <optional>

#include "core/util/py_json_quote.h"
#include "core/yaml/scalar.h"  // Json

namespace kfp {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Reads `['name']` at s[i...]; on success sets `out` and returns the index after it.
std::optional<size_t> read_key(std::string_view s, size_t i, std::string* out) {
  if (!starts_with(s.substr(i), "['")) return std::nullopt;
  size_t end = s.find("']", i + 2);
  if (end == std::string_view::npos) return std::nullopt;
  *out = std::string(s.substr(i + 2, end - i - 2));
  if (out->find("}}") != std::string::npos) return std::nullopt;  // ran past the placeholder
  return end + 2;
}

// A `{{$...}}` placeholder starting at s[pos] (which is "{{$"). Returns the
// Arg and the index after the closing "}}", or nothing for forms we leave as
// text.
std::optional<std::pair<Arg, size_t>> match_placeholder(std::string_view s, size_t pos) {
  std::string_view rest = s.substr(pos);
  Arg a;
  if (starts_with(rest, "{{$}}")) {
    a.kind = Arg::Kind::ExecutorInput;
    return std::make_pair(a, pos + 5);
  }
  struct Prefix {
    std::string_view text;
    bool input, parameter;
  };
  static constexpr Prefix kPrefixes[] = {
      {"{{$.inputs.parameters", true, true},
      {"{{$.inputs.artifacts", true, false},
      {"{{$.outputs.parameters", false, true},
      {"{{$.outputs.artifacts", false, false},
  };
  for (const auto& p : kPrefixes) {
    if (!starts_with(rest, p.text)) continue;
    size_t i = pos + p.text.size();
    std::string name;
    auto after = read_key(s, i, &name);
    if (!after) return std::nullopt;
    i = *after;
    std::string_view tail = s.substr(i);
    a.text = name;
    if (p.input && p.parameter) {
      if (!starts_with(tail, "}}")) return std::nullopt;
      a.kind = Arg::Kind::InputValue;
      return std::make_pair(a, i + 2);
    }
    if (!p.input && p.parameter) {
      if (!starts_with(tail, ".output_file}}")) return std::nullopt;
      a.kind = Arg::Kind::OutputPath;
      a.output_parameter = true;
      return std::make_pair(a, i + 14);
    }
    // Artifacts: .path, .uri, .metadata, .metadata['key'].
    if (starts_with(tail, ".path}}")) {
      a.kind = p.input ? Arg::Kind::InputPath : Arg::Kind::OutputPath;
      return std::make_pair(a, i + 7);
    }
    if (starts_with(tail, ".uri}}")) {
      a.kind = p.input ? Arg::Kind::InputUri : Arg::Kind::OutputUri;
      return std::make_pair(a, i + 6);
    }
    if (starts_with(tail, ".metadata")) {
      a.kind = p.input ? Arg::Kind::InputMetadata : Arg::Kind::OutputMetadata;
      size_t j = i + 9;
      if (starts_with(s.substr(j), "['")) {
        auto k = read_key(s, j, &a.key);
        if (!k) return std::nullopt;
        j = *k;
      }
      if (!starts_with(s.substr(j), "}}")) return std::nullopt;
      return std::make_pair(a, j + 2);
    }
    return std::nullopt;  // e.g. the list-of-artifacts form {{$.inputs.artifacts['x']}}
  }
  return std::nullopt;
}

// A string that is not a JSON placeholder: Literal, a single placeholder, or
// a Template of literal text and placeholders.
Arg parse_text(const std::string& s, Span span) {
  std::vector<Arg> parts;
  std::string lit;
  size_t i = 0;
  while (i < s.size()) {
    size_t at = s.find("{{$", i);
    if (at == std::string::npos) {
      lit.append(s, i, std::string::npos);
      break;
    }
    auto m = match_placeholder(s, at);
    if (!m) {
      lit.append(s, i, at + 3 - i);
      i = at + 3;
      continue;
    }
    lit.append(s, i, at - i);
    if (!lit.empty()) {
      Arg l;
      l.text = std::move(lit);
      l.span = span;
      parts.push_back(std::move(l));
      lit.clear();
    }
    m->first.span = span;
    parts.push_back(std::move(m->first));
    i = m->second;
  }
  if (!lit.empty() || parts.empty()) {
    Arg l;
    l.text = std::move(lit);
    l.span = span;
    parts.push_back(std::move(l));
  }
  if (parts.size() == 1) return std::move(parts[0]);
  Arg t;
  t.kind = Arg::Kind::Template;
  t.items = std::move(parts);
  t.span = span;
  return t;
}

// JSON structure -> Arg (inside a Concat/IfPresent string). Returns nothing
// with `why` set when the shape is not what KFP writes.
std::optional<Arg> from_json(const Json& j, Span span, int depth, std::string* why);

bool items_from_json(const Json& j, Span span, int depth, std::vector<Arg>* out, std::string* why) {
  if (j.is_array()) {
    for (const auto& e : j) {
      auto a = from_json(e, span, depth + 1, why);
      if (!a) return false;
      out->push_back(std::move(*a));
    }
    return true;
  }
  auto a = from_json(j, span, depth + 1, why);  // a single element (Then/Else inside Concat)
  if (!a) return false;
  out->push_back(std::move(*a));
  return true;
}

std::optional<Arg> from_json(const Json& j, Span span, int depth, std::string* why) {
  if (depth > 64) {
    *why = "nested too deeply";
    return std::nullopt;
  }
  if (j.is_string()) return parse_text(j.get<std::string>(), span);
  if (!j.is_object() || j.size() != 1) {
    *why = "expected a string, {\"Concat\": [...]} or {\"IfPresent\": {...}}, found " + j.dump();
    return std::nullopt;
  }
  Arg a;
  a.span = span;
  if (j.contains("Concat")) {
    const Json& items = j["Concat"];
    if (!items.is_array()) {
      *why = "\"Concat\" must be a list";
      return std::nullopt;
    }
    a.kind = Arg::Kind::Concat;
    if (!items_from_json(items, span, depth, &a.items, why)) return std::nullopt;
    return a;
  }
  if (j.contains("IfPresent")) {
    const Json& body = j["IfPresent"];
    if (!body.is_object() || !body.contains("InputName") || !body["InputName"].is_string() ||
        !body.contains("Then")) {
      *why = "\"IfPresent\" needs \"InputName\" (a string) and \"Then\"";
      return std::nullopt;
    }
    for (const auto& [k, v] : body.items()) {
      (void)v;
      if (k != "InputName" && k != "Then" && k != "Else") {
        *why = "unexpected key \"" + k + "\" in \"IfPresent\"";
        return std::nullopt;
      }
    }
    a.kind = Arg::Kind::IfPresent;
    a.text = body["InputName"].get<std::string>();
    if (!items_from_json(body["Then"], span, depth, &a.then_items, why)) return std::nullopt;
    if (body.contains("Else") && !body["Else"].is_null()) {
      a.has_else = true;
      if (!items_from_json(body["Else"], span, depth, &a.else_items, why)) return std::nullopt;
    }
    return a;
  }
  *why = "unexpected key \"" + j.begin().key() + "\"";
  return std::nullopt;
}

// Which JSON placeholder a string claims to be (the Go backend keys on the
// same prefix after trimming spaces).
std::string_view json_kind(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  s = s.substr(b);
  if (starts_with(s, "{\"Concat\"")) return "Concat";
  if (starts_with(s, "{\"IfPresent\"")) return "IfPresent";
  return {};
}

std::string print(const Arg& a, const Component* owner, bool canonical_only);

// An element inside a JSON placeholder: a nested Concat/IfPresent is a JSON
// object, anything else a JSON string (convert_command_line_element_to_string_or_struct).
std::string print_json_elem(const Arg& a, const Component* owner, bool in_concat);

std::string print_json_list(const std::vector<Arg>& items, const Component* owner, bool in_concat) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += print_json_elem(items[i], owner, in_concat);
  }
  return out + "]";
}

std::string print_json_struct(const Arg& a, const Component* owner, bool in_concat) {
  if (a.kind == Arg::Kind::Concat) return "{\"Concat\": " + print_json_list(a.items, owner, true) + "}";
  // IfPresent. Inside a Concat KFP allows only single-element Then/Else and
  // writes them without a list.
  auto branch = [&](const std::vector<Arg>& v) {
    if (in_concat && v.size() == 1) return print_json_elem(v[0], owner, in_concat);
    return print_json_list(v, owner, false);
  };
  std::string out = "{\"IfPresent\": {\"InputName\": " + py_json_quote(a.text) + ", \"Then\": " + branch(a.then_items);
  if (a.has_else && !a.else_items.empty()) out += ", \"Else\": " + branch(a.else_items);
  return out + "}}";
}

std::string print_json_elem(const Arg& a, const Component* owner, bool in_concat) {
  if (a.kind == Arg::Kind::Concat || a.kind == Arg::Kind::IfPresent) return print_json_struct(a, owner, in_concat);
  return py_json_quote(print(a, owner, true));
}

bool names_output_parameter(const Arg& a, const Component* owner) {
  if (a.output_parameter) return true;
  if (!owner) return false;
  const IoSpec* o = owner->output(a.text);
  return o && !o->type.is_artifact;
}

std::string print(const Arg& a, const Component* owner, bool canonical_only) {
  if (!canonical_only && !a.ir_text.empty()) return a.ir_text;
  auto key = [&a] { return a.key.empty() ? std::string() : "['" + a.key + "']"; };
  switch (a.kind) {
    case Arg::Kind::Literal: return a.text;
    case Arg::Kind::InputValue: return "{{$.inputs.parameters['" + a.text + "']}}";
    case Arg::Kind::InputPath: return "{{$.inputs.artifacts['" + a.text + "'].path}}";
    case Arg::Kind::InputUri: return "{{$.inputs.artifacts['" + a.text + "'].uri}}";
    case Arg::Kind::InputMetadata: return "{{$.inputs.artifacts['" + a.text + "'].metadata" + key() + "}}";
    case Arg::Kind::OutputPath:
      if (names_output_parameter(a, owner)) return "{{$.outputs.parameters['" + a.text + "'].output_file}}";
      return "{{$.outputs.artifacts['" + a.text + "'].path}}";
    case Arg::Kind::OutputUri: return "{{$.outputs.artifacts['" + a.text + "'].uri}}";
    case Arg::Kind::OutputMetadata: return "{{$.outputs.artifacts['" + a.text + "'].metadata" + key() + "}}";
    case Arg::Kind::ExecutorInput: return "{{$}}";
    case Arg::Kind::Concat:
    case Arg::Kind::IfPresent: return print_json_struct(a, owner, false);
    case Arg::Kind::Template: {
      std::string out;
      for (const auto& p : a.items) out += print(p, owner, true);
      return out;
    }
  }
  return a.text;
}

}  // namespace


Arg parse_ir_arg(const std::string& s, Span span, const Component* owner, Sink* sink) {
  Arg a;
  std::string_view kind = json_kind(s);
  if (!kind.empty()) {
    Json j = Json::parse(s, nullptr, /*allow_exceptions=*/false);
    std::string why;
    std::optional<Arg> parsed;
    if (j.is_discarded()) why = "not valid JSON";
    else parsed = from_json(j, span, 0, &why);
    if (parsed) {
      a = std::move(*parsed);
    } else {
      if (sink) sink->report(DiagId::warn_ir_placeholder_json, span, {std::string(kind), why});
      a.kind = Arg::Kind::Literal;
      a.text = s;
      a.span = span;
      return a;
    }
  } else {
    a = parse_text(s, span);
  }
  if (print(a, owner, true) != s) a.ir_text = s;
  return a;
}

std::string ir_placeholder_string(const Arg& a, const Component* owner) { return print(a, owner, false); }

std::string ir_placeholder_canonical(const Arg& a, const Component* owner) { return print(a, owner, true); }

}  // namespace kfp
