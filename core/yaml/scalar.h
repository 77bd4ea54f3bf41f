// YAML 1.1 scalar resolution as PyYAML does it (KFP loads YAML with PyYAML):
// `yes`/`on` are booleans, `012` is octal, `0x1F` hex, `1e5` a string (PyYAML
// wants a sign in the exponent), `.inf` infinity. Quoted scalars are strings.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/yaml/node.h"

namespace kfp {
using Json = nlohmann::json;  // std::map: keys sorted, as KFP writes them
}

namespace kfp::yaml {

enum class ScalarType { Null, Bool, Int, Float, String };

struct Resolved {
  ScalarType type = ScalarType::String;
  bool b = false;
  int64_t i = 0;
  double f = 0;
};

Resolved resolve(const Node& n);
Resolved resolve_plain(const std::string& s);

// The node as JSON with YAML 1.1 typing. Alias expansion is bounded by
// `budget` nodes; when exceeded, `*exceeded` is set and the result truncated.
Json to_json(const Node* n, size_t budget = 1u << 20, bool* exceeded = nullptr);

}  // namespace kfp::yaml
