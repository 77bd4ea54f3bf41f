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
  std::vector<std::pair<const Node*, const Node*>> out;
  if (kind != Kind::Mapping) return out;
  out.reserve(entries.size());
  constexpr size_t kScan = 16;
  std::unordered_map<std::string_view, size_t> at;  // past kScan: key -> index in out
  for (const auto& e : entries) {
    if (e.first->kind == Kind::Scalar) {
      const std::string& key = e.first->value;
      size_t found = out.size();
      if (entries.size() <= kScan) {
        for (size_t i = 0; i < out.size(); ++i)
          if (out[i].first->kind == Kind::Scalar && out[i].first->value == key) {
            found = i;
            break;
          }
      } else if (auto [it, fresh] = at.emplace(key, out.size()); !fresh) {
        found = it->second;
      }
      if (found < out.size()) {
        if (last_key) out[found].first = e.first;
        out[found].second = e.second;
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
