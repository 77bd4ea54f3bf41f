// Run parameters from user text (`--param k=v`, the page's form) to typed JSON
// for runtime_config.parameters, validated against the pipeline's inputs.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"

namespace kfp::submit {

// What the form shows for one pipeline input.
struct ParamField {
  std::string name;
  std::string type;        // NUMBER_INTEGER, STRING, ... (artifacts are not run parameters)
  bool required = false;   // no default, not optional
  std::optional<Json> default_value;
  std::string description;
};
std::vector<ParamField> param_fields(const Component& root);

// Converts each raw value to the input's type, as the KFP SDK's client does:
// integers must be integral, booleans true/false, LIST/STRUCT valid JSON of
// that shape. Unknown names and missing required inputs are errors. Errors
// point at the input's definition (its span) and name the value.
Json parse_parameters(const Component& root, const std::map<std::string, std::string>& raw, Sink& sink);

}  // namespace kfp::submit
