// KFP types: the v2 parameter/artifact type system (pipeline_spec.proto), with
// the v1 type text kept for messages and for v1-only rules.
#pragma once
#include <string>
#include <string_view>

#include "core/yaml/scalar.h"  // Json

namespace kfp {

// pipeline_spec.proto ParameterType.ParameterTypeEnum
enum class ParamType { Unspecified, Double, Integer, String, Boolean, List, Struct, TaskFinalStatus };

std::string_view ir_name(ParamType t);                 // "NUMBER_INTEGER"
bool parse_ir_param_type(std::string_view s, ParamType* out);

struct Type {
  bool is_artifact = false;
  ParamType param = ParamType::String;  // when !is_artifact
  std::string schema_title;             // when is_artifact: "system.Dataset"
  std::string schema_version;           // "0.0.1"
  bool is_list = false;                 // isArtifactList / List[Artifact]
  // As written in a v1 component: null when untyped, a string ("GCSPath"), or
  // a mapping ({GCSPath: {...}}). Empty (discarded) for IR inputs.
  Json v1_type;
  bool from_v1 = false;

  // How KFP names the type in its messages: "NUMBER_INTEGER", "system.Model@0.0.1".
  std::string display() const;
  // The v1 type name as a user wrote it ("Integer", "GCSPath", "" if untyped).
  std::string v1_name() const;
};

// KFP's v1 -> v2 type mapping (kfp/dsl/types/type_utils.py). `v1` is the
// YAML-resolved type: null (untyped), string, or a one-key mapping.
Type type_from_v1(const Json& v1);

}  // namespace kfp
