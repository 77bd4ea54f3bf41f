#include "core/yaml/node.h"

namespace kfp::yaml {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const auto& [k, v] : entries)
    if (k->kind == Kind::Scalar && k->value == key) return v;
  return nullptr;
}

const Node* Node::key_node(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const auto& [k, v] : entries)
    if (k->kind == Kind::Scalar && k->value == key) return k;
  return nullptr;
}

std::string_view Node::kind_name() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Scalar: return "a scalar";
    case Kind::Sequence: return "a list";
    case Kind::Mapping: return "a mapping";
  }
  return "?";
}

}  // namespace kfp::yaml
