// Located YAML: the tree every reader walks. Built from yaml-cpp's event
// parser (not YAML::Node) so that we keep a position on every node, see
// duplicate keys, bound depth and alias expansion, and know whether a scalar
// was quoted (quoted scalars are never type-resolved).
#pragma once
#include <algorithm>
#include <cstddef>
#include <memory>
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
  bool repeated_key = false;  // Mapping: a scalar key appears twice (the loader reported it)
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
  // The entries as PyYAML's dict sees them: one per scalar key, where it
  // first appears, holding the last value (and with `last_key` the last key
  // node too); other keys as they are. The loader marks the mappings with a
  // repeated key, so the others are their entries as written.
  std::vector<std::pair<const Node*, const Node*>> last_wins(bool last_key) const;
  // A short description of the kind for messages: "a mapping", "a list", ...
  std::string_view kind_name() const;
};

struct Document {
  const Node* root = nullptr;  // never null after a successful load: Null node for empty docs
  Span span;
};

// Nodes in blocks that never move (pointers into them are the tree's edges).
// std::deque's 512-byte blocks held three nodes each: a malloc and a free per
// three nodes; these grow to 512 nodes a block (~80 KB: blocks past glibc's
// 128 KB mmap threshold came as fresh pages, faulted in on every call).
class NodePool {
 public:
  Node* make() {
    if (used_ == capacity_) {
      capacity_ = capacity_ ? std::min<size_t>(capacity_ * 2, 512) : 16;
      blocks_.push_back(std::make_unique<Node[]>(capacity_));
      used_ = 0;
    }
    ++size_;
    return &blocks_.back()[used_++];
  }
  size_t size() const { return size_; }

 private:
  std::vector<std::unique_ptr<Node[]>> blocks_;
  size_t used_ = 0, capacity_ = 0, size_ = 0;
};

// Owns all nodes; aliases point at the anchored node (no copies), so an alias
// bomb costs nothing until something expands it (see to_json's budget).
struct Tree {
  NodePool arena;
  std::vector<Document> docs;
  FileId file = kNoFile;
  Node* make() { return arena.make(); }
};

}  // namespace kfp::yaml
