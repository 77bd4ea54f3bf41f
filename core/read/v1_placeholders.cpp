#include "core/read/v1_placeholders.h"

#include <string>

#include "core/read/v1_util.h"

namespace kfp {
namespace {

struct Simple {
  const char* key;
  Arg::Kind kind;
  bool output;  // names an output rather than an input
};
constexpr Simple kSimple[] = {
    {"inputValue", Arg::Kind::InputValue, false}, {"inputPath", Arg::Kind::InputPath, false},
    {"inputUri", Arg::Kind::InputUri, false},     {"outputPath", Arg::Kind::OutputPath, true},
    {"outputUri", Arg::Kind::OutputUri, true},
};

// A hint after "unknown placeholder 'x'" for names people actually write.
std::string hint_for(std::string_view key) {
  if (key == "inputMetadata" || key == "outputMetadata" || key == "inputOutputPortName")
    return " (a KFP v1 preview placeholder that KFP v2 no longer loads)";
  if (key == "outputValue") return " (outputs are written to files: did you mean 'outputPath'?)";
  if (key == "isPresent") return " ('isPresent' is only valid inside 'if: {cond: ...}')";
  if (key == "ifPresent") return " (in a v1 component this is 'if: {cond: {isPresent: ...}, then: ...}')";
  if (key == "outputMetadataPath" || key == "outputFile") return " (did you mean 'outputPath'?)";
  return "";
}

// Checks that a placeholder's name refers to a declared input/output.
void check_ref(const v1::IoNames& c, bool output, std::string_view placeholder, const yaml::Node& name_node,
               Sink& sink) {
  const std::string& name = name_node.value;
  if (output ? c.output(name) : c.input(name)) return;
  sink.report(output ? DiagId::err_v1_placeholder_output : DiagId::err_v1_placeholder_input, name_node.span,
              {std::string(placeholder), name});
}

// `then` / `else`: one item or a list of items.
std::vector<Arg> read_branch(const yaml::Node& n, const v1::IoNames& c, Sink& sink) {
  std::vector<Arg> out;
  if (n.is_seq()) {
    for (const yaml::Node* it : n.items)
      if (auto a = read_v1_arg(*it, c, sink)) out.push_back(std::move(*a));
  } else if (auto a = read_v1_arg(n, c, sink)) {
    out.push_back(std::move(*a));
  }
  return out;
}

void read_if(const yaml::Node& body, Arg& arg, const v1::IoNames& c, Sink& sink) {
  if (!v1::want_map(body, "if", sink)) return;
  v1::check_keys(body, {"cond", "then", "else"}, "an 'if' placeholder", sink);
  const yaml::Node* cond = v1::get(body, "cond");
  if (!cond) {
    sink.report(DiagId::err_v1_missing_key, body.span, {"the 'if' placeholder", "cond"});
  } else if (cond->is_map()) {
    // IfConditionArgumentType: {isPresent: x} or {inputValue: x}.
    auto es = v1::entries(*cond);
    std::string_view key = es.size() == 1 && es[0].first->is_scalar() ? std::string_view(es[0].first->value) : "";
    if (key == "isPresent" || key == "inputValue") {
      const yaml::Node& name = *es[0].second;
      if (v1::want_str(name, key, sink)) {
        check_ref(c, false, key, name, sink);
        if (key == "isPresent") arg.text = name.value;
        else arg.cond_value = yaml::to_json(cond);
      }
    } else {
      sink.report(DiagId::err_v1_wrong_kind, cond->span,
                  {"cond", "{isPresent: input}, {inputValue: input}, a string or a boolean", v1::describe(*cond)});
    }
  } else if (cond->is_scalar()) {
    arg.cond_value = yaml::to_json(cond);  // a constant condition
  } else {
    sink.report(DiagId::err_v1_wrong_kind, cond->span,
                {"cond", "{isPresent: input}, {inputValue: input}, a string or a boolean", v1::describe(*cond)});
  }
  if (const yaml::Node* then = v1::get(body, "then")) arg.then_items = read_branch(*then, c, sink);
  else sink.report(DiagId::err_v1_missing_key, body.span, {"the 'if' placeholder", "then"});
  if (const yaml::Node* els = v1::get(body, "else"); els && !els->is_null()) {
    arg.has_else = true;
    arg.else_items = read_branch(*els, c, sink);
  }
}

}  // namespace

std::optional<Arg> read_v1_arg(const yaml::Node& n, const v1::IoNames& c, Sink& sink) {
  Arg arg;
  arg.span = n.span;
  if (n.is_scalar()) {
    arg.kind = Arg::Kind::Literal;
    arg.text = n.value;
    // KFP's loader accepts only str here: PyYAML turns `- 8080` into an int.
    if (!v1::is_str(n)) {
      if (yaml::resolve(n).type == yaml::ScalarType::Null) {
        sink.report(DiagId::err_v1_arg_kind, n.span, {"null", n.value});
        return std::nullopt;
      }
      sink.report(DiagId::err_v1_arg_kind, n.span, {v1::describe(n), n.value});
    }
    return arg;
  }
  if (n.is_null()) {
    sink.report(DiagId::err_v1_arg_kind, n.span, {"null", ""});
    return std::nullopt;
  }
  if (n.is_seq()) {
    sink.report(DiagId::err_v1_arg_kind, n.span, {"a list", "..."});
    return std::nullopt;
  }
  auto es = v1::entries(n);
  if (es.size() != 1 || !es[0].first->is_scalar()) {
    std::string keys;
    for (const auto& [k, v] : es) keys += (keys.empty() ? "" : ", ") + k->value;
    sink.report(DiagId::err_v1_placeholder_shape, n.span, {std::to_string(es.size()), keys});
    return std::nullopt;
  }
  const yaml::Node& key = *es[0].first;
  const yaml::Node& val = *es[0].second;
  for (const auto& s : kSimple) {
    if (key.value != s.key) continue;
    arg.kind = s.kind;
    if (v1::want_str(val, s.key, sink)) {
      arg.text = val.value;
      check_ref(c, s.output, s.key, val, sink);
    }
    return arg;
  }
  if (key.value == "executorInput") {
    arg.kind = Arg::Kind::ExecutorInput;
    bool is_null = val.is_null() || (val.is_scalar() && yaml::resolve(val).type == yaml::ScalarType::Null);
    if (!is_null) sink.report(DiagId::err_v1_wrong_kind, val.span, {"executorInput", "null", v1::describe(val)});
    return arg;
  }
  if (key.value == "concat") {
    arg.kind = Arg::Kind::Concat;
    if (v1::want_seq(val, "concat", sink))
      for (const yaml::Node* it : val.items)
        if (auto a = read_v1_arg(*it, c, sink)) arg.items.push_back(std::move(*a));
    return arg;
  }
  if (key.value == "if") {
    arg.kind = Arg::Kind::IfPresent;
    read_if(val, arg, c, sink);
    return arg;
  }
  sink.report(DiagId::err_v1_unknown_placeholder, key.span, {key.value, hint_for(key.value)});
  return std::nullopt;
}

std::vector<Arg> read_v1_arg_list(const yaml::Node& list, std::string_view what, const v1::IoNames& c, Sink& sink) {
  std::vector<Arg> out;
  if (list.is_null() || (list.is_scalar() && yaml::resolve(list).type == yaml::ScalarType::Null)) return out;
  if (!v1::want_seq(list, what, sink)) return out;
  for (const yaml::Node* it : list.items)
    if (auto a = read_v1_arg(*it, c, sink)) out.push_back(std::move(*a));
  return out;
}

}  // namespace kfp
