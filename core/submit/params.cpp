#include "core/submit/params.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace kfp::submit {

std::vector<ParamField> param_fields(const Component& root) {
  std::vector<ParamField> out;
  for (const auto& in : root.inputs) {
    if (in.type.is_artifact) continue;
    ParamField f;
    f.name = in.name.value;
    f.type = std::string(ir_name(in.type.param));
    f.required = !in.optional && !in.default_value;
    f.default_value = in.default_value;
    f.description = in.description;
    out.push_back(std::move(f));
  }
  return out;
}

namespace {

bool parse_value(ParamType t, const std::string& s, Json* out) {
  switch (t) {
    case ParamType::Integer: {
      if (s.empty()) return false;
      char* end = nullptr;
      errno = 0;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (errno || *end) return false;
      *out = v;
      return true;
    }
    case ParamType::Double: {
      if (s.empty()) return false;
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (*end || !std::isfinite(v)) return false;
      *out = v;
      return true;
    }
    case ParamType::Boolean:
      if (s == "true" || s == "True") *out = true;
      else if (s == "false" || s == "False") *out = false;
      else return false;
      return true;
    case ParamType::List:
    case ParamType::Struct: {
      Json j = Json::parse(s, nullptr, false);
      if (j.is_discarded()) return false;
      if (t == ParamType::List && !j.is_array()) return false;
      if (t == ParamType::Struct && !j.is_object()) return false;
      *out = j;
      return true;
    }
    case ParamType::String:
    case ParamType::Unspecified:
    case ParamType::TaskFinalStatus:
      *out = s;
      return true;
  }
  return false;
}

}  // namespace

Json parse_parameters(const Component& root, const std::map<std::string, std::string>& raw, Sink& sink) {
  Json params = Json::object();
  for (const auto& [name, value] : raw) {
    const IoSpec* in = root.input(name);
    if (!in) {
      sink.report(DiagId::err_param_unknown, root.name.span, {name, root.name.value});
      continue;
    }
    if (in->type.is_artifact) {
      sink.report(DiagId::err_param_artifact, in->name.span, {name});
      continue;
    }
    Json v;
    if (!parse_value(in->type.param, value, &v)) {
      sink.report(DiagId::err_param_type, in->name.span, {name, value, std::string(ir_name(in->type.param))});
      continue;
    }
    params[name] = v;
  }
  for (const auto& in : root.inputs) {
    if (in.type.is_artifact || in.optional || in.default_value) continue;
    if (!raw.count(in.name.value)) sink.report(DiagId::err_param_missing, in.name.span, {in.name.value});
  }
  return params;
}

}  // namespace kfp::submit
