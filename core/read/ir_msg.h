// Walking protobuf messages written as YAML, the way KFP loads IR: protobuf's
// strict JSON parser (json_format.ParseDict / Go protojson) over PyYAML's
// dict. Internal to the IR reader (core/read/ir_*.cpp).
//
// A Msg wraps one mapping that stands for a proto message. Fields are looked
// up by their JSON name (lowerCamel, as KFP writes them) or the original
// snake_case proto name (protobuf's parser accepts both). Every key the reader
// does not `take` ends up in `rest()`, which the reader stores in the nearest
// model `extra` so the file can be written back unchanged; keys that are not
// fields of the message are reported (with a "did you mean" note).
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/yaml/describe.h"
#include "core/yaml/node.h"
#include "core/yaml/scalar.h"

namespace kfp::ir {

using Entry = std::pair<const yaml::Node*, const yaml::Node*>;

using yaml::describe;  // core/yaml/describe.h
using yaml::is_str;

// The closest of `candidates` to `word` when close enough to be a typo, else "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// "a_b_c" for "aBC"-style JSON names (protobuf's original field name).
std::string snake_case(std::string_view camel);
// Span from the start of `a` to the end of `b`.
Span join(const Span& a, const Span& b);
// A mapping's entries as PyYAML's dict sees them: a duplicate key keeps the
// position of its first occurrence and the value of its last (the YAML layer
// already reported the duplicate).
std::vector<Entry> entries(const yaml::Node& map);

class Msg {
 public:
  // `n` may be null (absent) or a YAML null (protobuf: unset); both read as an
  // empty message. Any other non-mapping is reported as a wrong kind.
  Msg(const yaml::Node* n, std::string what, std::initializer_list<std::string_view> fields, Sink& sink);

  bool present() const { return node_ && node_->is_map(); }
  const yaml::Node* node() const { return node_; }
  const std::string& what() const { return what_; }

  // The value of `field` (null when absent), marking it as modelled.
  const yaml::Node* take(std::string_view field);
  // The key node of `field` (for spans), or null.
  const yaml::Node* key(std::string_view field) const;
  // Value lookup without marking it modelled.
  const yaml::Node* peek(std::string_view field) const;

  // Typed getters: report a wrong kind and return nothing. A YAML null reads
  // as absent, as protobuf's parser treats null as "unset".
  std::optional<Located<std::string>> str(std::string_view field);
  std::optional<bool> boolean(std::string_view field);
  std::optional<int64_t> integer(std::string_view field);
  std::optional<double> number(std::string_view field);
  // A mapping / list value (nullptr when absent, null, or the wrong kind).
  const yaml::Node* map(std::string_view field);
  const yaml::Node* seq(std::string_view field);

  // Every entry not taken, as JSON (unknown keys included).
  Json rest() const;
  // Stores rest() under `key` of `extra` when non-empty (or when `keep_empty`:
  // the message was present but nothing in it was modelled).
  void keep_rest(Json& extra, const std::string& key, bool keep_empty = false) const;
  // Merges rest() into `extra` (for a message whose extra is the model object's own).
  void merge_rest(Json& extra) const;

  Sink& sink() { return sink_; }
  std::string path(std::string_view field) const;  // "what.field" for messages

 private:
  // Reports each unknown key, with a "did you mean" note; when that close
  // match is a field that is absent, the misspelt key is read as the field
  // (recovery: later lookups of `field` find it, so one typo is one error).
  void check_unknown();
  int find(std::string_view field) const;
  const yaml::Node* node_ = nullptr;
  std::string what_;
  std::vector<std::string> fields_;
  std::vector<Entry> entries_;
  std::vector<bool> taken_;
  std::vector<std::pair<std::string, int>> renamed_;  // field -> entry index (typo recovery)
  Sink& sink_;
};

// For map<string, Message> fields: the entries of a mapping (reporting a
// wrong kind); nullptr / YAML null give no entries.
std::vector<Entry> map_entries(const yaml::Node* n, std::string_view what, Sink& sink);

}  // namespace kfp::ir
