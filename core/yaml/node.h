// Located YAML: the tree every reader walks. Built from yaml-cpp's event
// parser (not YAML::Node) so that we keep a position on every node, see
// duplicate keys, bound depth and alias expansion, and know whether a scalar
// was quoted (quoted scalars are never type-resolved).
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diag/span.h"

namespace kfp::yaml {

enum class Kind { Null, Scalar, Sequence, Mapping };

struct Node {
  Kind kind = Kind::Null;
  std::string value;       // scalar text (after unescaping)
  bool plain = true;       // plain scalar: subject to YAML 1.1 resolution
  std::string tag;         // explicit tag ("!!str", "tag:yaml.org,2002:int"), or ""
  Span span;
  std::vector<const Node*> items;                           // Sequence
  std::vector<std::pair<const Node*, const Node*>> entries;  // Mapping, in file order

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_seq() const { return kind == Kind::Sequence; }
  bool is_map() const { return kind == Kind::Mapping; }

  // Mapping lookup by scalar key; nullptr when absent or not a mapping.
  const Node* get(std::string_view key) const;
  // The key node of an entry (for "first defined here" notes).
  const Node* key_node(std::string_view key) const;
  // A short description of the kind for messages: "a mapping", "a list", ...
  std::string_view kind_name() const;
};

struct Document {
  const Node* root = nullptr;  // never null after a successful load: Null node for empty docs
  Span span;
};

// Owns all nodes; aliases point at the anchored node (no copies), so an alias
// bomb costs nothing until something expands it (see to_json's budget).
struct Tree {
  std::deque<Node> arena;
  std::vector<Document> docs;
  FileId file = kNoFile;
  Node* make() { return &arena.emplace_back(); }
};

}  // namespace kfp::yaml
