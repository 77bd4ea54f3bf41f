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

Type type_from_v1(const Json& v1) {
  Type t;
  t.v1_type = v1;
  t.from_v1 = true;
  std::string name;
  if (v1.is_string()) name = v1.get<std::string>();
  else if (v1.is_object() && v1.size() == 1) name = v1.begin().key();
  if (!name.empty()) {
    std::string l = lower(name);
    for (const auto& p : kParamNames) {
      if (l == p.v1) {
        t.is_artifact = false;
        t.param = p.t;
        return t;
      }
    }
    t.is_artifact = true;
    t.schema_version = "0.0.1";
    t.schema_title = "system.Artifact";
    for (const auto& a : kArtifactNames)
      if (l == a.v1) t.schema_title = a.title;
    return t;
  }
  // Untyped (or an unrecognisable type): KFP v2 treats it as a generic artifact.
  t.is_artifact = true;
  t.schema_title = "system.Artifact";
  t.schema_version = "0.0.1";
  return t;
}

}  // namespace kfp
