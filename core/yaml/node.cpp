#include "core/yaml/node.h"

#include <unordered_map>

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

std::vector<std::pair<const Node*, const Node*>> Node::last_wins(bool last_key) const {
  if (kind != Kind::Mapping) return {};
  if (!repeated_key) return entries;
  std::vector<std::pair<const Node*, const Node*>> out;
  std::unordered_map<std::string_view, size_t> at;  // key -> index in out
  for (const auto& e : entries) {
    if (e.first->kind == Kind::Scalar) {
      if (auto [it, fresh] = at.emplace(e.first->value, out.size()); !fresh) {
        if (last_key) out[it->second].first = e.first;
        out[it->second].second = e.second;
        continue;
      }
    }
    out.push_back(e);
  }
  return out;
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
