#include "core/checks/type_rules.h"

#include <cctype>
#include <cmath>

namespace kfp {
namespace {

std::string major(const std::string& version) {
  std::string v = version.empty() ? "0.0.1" : version;  // create_bundled_artifact_type default
  return v.substr(0, v.find('.'));
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Digits with single '_' between digits (Python numeric literal grammar).
size_t scan_digits(const std::string& s, size_t i) {
  size_t start = i;
  while (i < s.size()) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s[i] == '_' && i > start && i + 1 < s.size() &&
               std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// Python int(str).
bool python_int(const std::string& raw) {
  std::string s = trim(raw);
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  size_t e = scan_digits(s, i);
  return e > i && e == s.size();
}

// Python float(str).
bool python_float(const std::string& raw) {
  std::string s = trim(raw);
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  std::string rest = lower(s.substr(i));
  if (rest == "inf" || rest == "infinity" || rest == "nan") return true;
  size_t e = scan_digits(s, i);
  bool digits = e > i;
  if (e < s.size() && s[e] == '.') {
    size_t f = scan_digits(s, e + 1);
    digits = digits || f > e + 1;
    e = f;
  }
  if (!digits) return false;
  if (e < s.size() && (s[e] == 'e' || s[e] == 'E')) {
    size_t x = e + 1;
    if (x < s.size() && (s[x] == '+' || s[x] == '-')) ++x;
    size_t y = scan_digits(s, x);
    if (y == x) return false;
    e = y;
  }
  return e == s.size();
}

// type_utils.strtobool.
bool python_strtobool(const std::string& s) {
  std::string l = lower(s);
  for (const char* v : {"y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"})
    if (l == v) return true;
  return false;
}

// The text a v1 constant stands for (the reader may keep YAML-typed scalars).
std::string constant_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  return v.dump();
}

bool integral(const Json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  double d = v.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

// KFP's name for the type of a Python value of this JSON kind.
std::string json_kind_text(const Json& v) {
  if (v.is_boolean()) return "BOOLEAN";
  if (v.is_number()) return integral(v) && !v.is_number_float() ? "NUMBER_INTEGER" : "NUMBER_DOUBLE";
  if (v.is_array()) return "LIST";
  if (v.is_object()) return "STRUCT";
  return "STRING";
}

// type_utils.get_parameter_type: PipelineTaskFinalStatus is treated as a dict.
ParamType normalized(ParamType p) { return p == ParamType::TaskFinalStatus ? ParamType::Struct : p; }

}  // namespace

std::string kfp_type_text(const Type& t) {
  if (!t.is_artifact) return std::string(ir_name(normalized(t.param)));
  std::string s = t.display();
  return t.is_artifact && t.is_list ? "List[" + s + "]" : s;
}

bool channel_compatible(const Type& given, const Type& expected) {
  if (given.is_artifact != expected.is_artifact) return false;
  if (!given.is_artifact) {
    if (given.param == ParamType::Unspecified || expected.param == ParamType::Unspecified) return true;
    return normalized(given.param) == normalized(expected.param);
  }
  if (given.is_list != expected.is_list) return false;
  if (given.schema_title == "system.Artifact" || expected.schema_title == "system.Artifact") return true;
  return given.schema_title == expected.schema_title &&
         major(given.schema_version) == major(expected.schema_version);
}

bool loop_item_compatible(const Type& item, const Type& expected) {
  if (!item.is_artifact && (item.param == ParamType::String || item.param == ParamType::Unspecified))
    return true;
  return channel_compatible(item, expected);
}

bool constant_compatible(const Json& value, bool v1_text, const Type& expected, std::string* given) {
  if (value.is_null()) return true;
  if (!v1_text) {
    if (expected.is_artifact) {
      *given = json_kind_text(value);
      return false;
    }
    bool ok = true;
    switch (expected.param) {
      case ParamType::Unspecified:
      case ParamType::TaskFinalStatus: ok = true; break;
      case ParamType::String: ok = value.is_string(); break;
      case ParamType::Integer: ok = integral(value) && !value.is_boolean(); break;
      case ParamType::Double: ok = value.is_number() && !value.is_boolean(); break;
      case ParamType::Boolean: ok = value.is_boolean(); break;
      case ParamType::List: ok = value.is_array(); break;
      case ParamType::Struct: ok = value.is_object(); break;
    }
    if (!ok) *given = json_kind_text(value);
    return ok;
  }
  std::string text = constant_text(value);
  if (expected.is_artifact) {
    *given = "STRING";
    return false;
  }
  switch (expected.param) {
    case ParamType::Unspecified:
    case ParamType::TaskFinalStatus:
    case ParamType::String: return true;
    case ParamType::Integer:
      if (python_int(text)) return true;
      break;
    case ParamType::Double:
      if (python_float(text)) return true;
      break;
    case ParamType::Boolean:
      if (python_strtobool(text)) return true;
      break;
    case ParamType::List:
    case ParamType::Struct: {
      // type_utils.try_loading_json: the text if it is not JSON.
      Json parsed = Json::parse(text, nullptr, false);
      if (parsed.is_discarded()) {
        *given = "STRING";
        return false;
      }
      bool ok = expected.param == ParamType::List ? parsed.is_array() : parsed.is_object();
      if (!ok) *given = json_kind_text(parsed);
      return ok;
    }
  }
  *given = "STRING";
  return false;
}

}  // namespace kfp
