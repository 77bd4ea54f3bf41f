// The names the KFP SDK (2.15) exports, and what KFP v1 names became in v2.
#pragma once
#include <string>
#include <vector>

namespace kfp::py {

// A dotted path with SDK-internal module paths folded onto the public ones
// ("kfp.dsl.types.artifact_types.Dataset" -> "kfp.dsl.Dataset").
std::string canonical_module(const std::string& path);
// `from <mod> import *`: the names the module exports (kfp.dsl, typing).
std::vector<std::string> star_exports(const std::string& mod);
// For a KFP v1-only name, what to write in KFP v2 instead; "" otherwise.
std::string v1_only_hint(const std::string& path);
// How to show a path in a message ("dsl.ContainerOp").
std::string path_display(const std::string& path);
// Artifact class name -> schema title ("Dataset" -> "system.Dataset"); "" if not one.
std::string artifact_schema_title(const std::string& cls);

}  // namespace kfp::py
