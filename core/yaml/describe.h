// How a YAML node reads in a message ("must be a mapping, not the string
// 'x'"), as the readers and the Argo schema check all phrase it.
#pragma once
#include <string>

#include "core/yaml/node.h"

namespace kfp::yaml {

// "a mapping", "a list", "null", "the integer 5", "the string 'x'" (long
// values shortened).
std::string describe(const Node& n);
// True when `n` is a scalar PyYAML loads as a str (quoted, or plain text that
// is not null/bool/int/float).
bool is_str(const Node& n);

}  // namespace kfp::yaml
