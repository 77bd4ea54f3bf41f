#include "core/model/types.h"

#include <algorithm>
#include <cctype>

namespace kfp {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

struct ParamName {
  const char* v1;
  ParamType t;
};
// kfp/dsl/types/type_utils.py PARAMETER_TYPES_MAPPING (keys compared lower-case).
constexpr ParamName kParamNames[] = {
    {"integer", ParamType::Integer}, {"int", ParamType::Integer},
    {"double", ParamType::Double},   {"float", ParamType::Double},
    {"string", ParamType::String},   {"str", ParamType::String},
    {"text", ParamType::String},     {"bool", ParamType::Boolean},
    {"boolean", ParamType::Boolean}, {"dict", ParamType::Struct},
    {"list", ParamType::List},       {"jsonobject", ParamType::Struct},
    {"jsonarray", ParamType::List},
};

// Artifact classes KFP knows by name (kfp/dsl/types/artifact_types.py and
// the google types registered in type_utils); others become system.Artifact.
struct ArtifactName {
  const char* v1;
  const char* title;
};
constexpr ArtifactName kArtifactNames[] = {
    {"artifact", "system.Artifact"},
    {"model", "system.Model"},
    {"dataset", "system.Dataset"},
    {"metrics", "system.Metrics"},
    {"classificationmetrics", "system.ClassificationMetrics"},
    {"slicedclassificationmetrics", "system.SlicedClassificationMetrics"},
    {"html", "system.HTML"},
    {"markdown", "system.Markdown"},
};

}  // namespace

std::string_view ir_name(ParamType t) {
  switch (t) {
    case ParamType::Unspecified: return "PARAMETER_TYPE_ENUM_UNSPECIFIED";
    case ParamType::Double: return "NUMBER_DOUBLE";
    case ParamType::Integer: return "NUMBER_INTEGER";
    case ParamType::String: return "STRING";
    case ParamType::Boolean: return "BOOLEAN";
    case ParamType::List: return "LIST";
    case ParamType::Struct: return "STRUCT";
    case ParamType::TaskFinalStatus: return "TASK_FINAL_STATUS";
  }
  return "STRING";
}

bool parse_ir_param_type(std::string_view s, ParamType* out) {
  for (ParamType t : {ParamType::Unspecified, ParamType::Double, ParamType::Integer, ParamType::String,
                      ParamType::Boolean, ParamType::List, ParamType::Struct, ParamType::TaskFinalStatus}) {
    if (ir_name(t) == s) {
      *out = t;
      return true;
    }
  }
  return false;
}

std::string Type::display() const {
  if (!is_artifact) return std::string(ir_name(param));
  return schema_title + "@" + (schema_version.empty() ? "0.0.1" : schema_version);
}

std::string Type::v1_name() const {
  if (v1_type.is_string()) return v1_type.get<std::string>();
  if (v1_type.is_object() && !v1_type.empty()) return v1_type.begin().key();
  return "";
}

// kfp/dsl/types/type_utils.py get_canonical_name_for_outer_generic:
// "typing.List[str]" -> "List", "Dict[str, int]" -> "Dict".
static std::string canonical_outer_generic(std::string name) {
  if (name.rfind("typing.", 0) == 0) name = name.substr(7);
  std::string l = lower(name);
  if (l.rfind("list", 0) == 0 || l.rfind("dict", 0) == 0) name = name.substr(0, name.find('['));
  return name;
}

// type_utils._GOOGLE_TYPES_PATTERN r'^google.[A-Za-z]+$' (the '.' is any character).
static bool is_google_type(const std::string& s) {
  if (s.size() < 8 || s.compare(0, 6, "google") != 0) return false;
  for (size_t i = 7; i < s.size(); ++i)
    if (!std::isalpha(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// Mirrors kfp/dsl/structures.py ComponentSpec.from_v1_component_spec: only a
// *string* type can name a parameter; null and mapping types such as
// {JsonObject: {data_type: ...}} or {GCSPath: {...}} become system.Artifact.
Type type_from_v1(const Json& v1) {
  Type t;
  t.v1_type = v1;
  t.from_v1 = true;
  t.is_artifact = true;
  t.schema_title = "system.Artifact";
  t.schema_version = "0.0.1";
  if (!v1.is_string()) return t;
  std::string name = canonical_outer_generic(v1.get<std::string>());
  if (name == "PipelineTaskFinalStatus") {
    t.is_artifact = false;
    t.param = ParamType::TaskFinalStatus;
    t.schema_title.clear();
    t.schema_version.clear();
    return t;
  }
  std::string l = lower(name);
  for (const auto& p : kParamNames) {
    if (l == p.v1) {
      t.is_artifact = false;
      t.param = p.t;
      t.schema_title.clear();
      t.schema_version.clear();
      return t;
    }
  }
  if (is_google_type(name)) {
    t.schema_title = name;
    return t;
  }
  for (const auto& a : kArtifactNames)
    if (l == a.v1) t.schema_title = a.title;
  return t;
}

}  // namespace kfp
