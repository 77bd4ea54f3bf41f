// A JSON value as protobuf's google.protobuf.Value / Struct holds it (and
// MessageToDict gives it back): every number a double, so `5` is written 5.0.
// KFP stores defaults, constants and pvcSpecPatch this way.
#pragma once
#include "core/yaml/scalar.h"  // kfp::Json

namespace kfp {

inline Json proto_value(const Json& j) {
  if (j.is_number()) return Json(j.get<double>());
  if (j.is_array()) {
    Json a = Json::array();
    for (const auto& x : j) a.push_back(proto_value(x));
    return a;
  }
  if (j.is_object()) {
    Json o = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) o[it.key()] = proto_value(it.value());
    return o;
  }
  return j;
}

}  // namespace kfp
