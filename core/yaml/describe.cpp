#include "core/yaml/describe.h"

#include "core/yaml/scalar.h"

namespace kfp::yaml {

std::string describe(const Node& n) {
  switch (n.kind) {
    case Kind::Null: return "null";
    case Kind::Sequence: return "a list";
    case Kind::Mapping: return "a mapping";
    case Kind::Scalar: break;
  }
  std::string v = n.value.size() > 40 ? n.value.substr(0, 37) + "..." : n.value;
  switch (resolve(n).type) {
    case ScalarType::Null: return "null";
    case ScalarType::Bool: return "the boolean " + v;
    case ScalarType::Int: return "the integer " + v;
    case ScalarType::Float: return "the number " + v;
    case ScalarType::String: break;
  }
  return "the string '" + v + "'";
}

bool is_str(const Node& n) { return n.is_scalar() && resolve(n).type == ScalarType::String; }

}  // namespace kfp::yaml
