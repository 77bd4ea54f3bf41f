// Bounds that keep hostile input (huge files, deep nesting, alias bombs) from
// crashing or hanging the tool. Each limit has its own diagnostic.
#pragma once
#include <cstddef>

namespace kfp::yaml {

struct Limits {
  size_t max_bytes = 32u << 20;        // 32 MiB per file: the KFP API server's own upload limit
  size_t max_depth = 512;              // nested collections
  size_t max_expanded_nodes = 1u << 20;  // nodes visited when aliases are expanded
};

}  // namespace kfp::yaml
