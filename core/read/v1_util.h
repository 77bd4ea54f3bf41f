// Small helpers shared by the v1 readers (component, placeholders, graph):
// kind checks with positioned diagnostics, PyYAML's last-wins view of a
// mapping, and unknown-key warnings. Internal to core/read.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/yaml/node.h"
#include "core/yaml/describe.h"
#include "core/yaml/scalar.h"

namespace kfp::v1 {

using Entry = std::pair<const yaml::Node*, const yaml::Node*>;

// A mapping's entries as PyYAML's dict sees them: a duplicate key keeps the
// position of its first occurrence and the value of its last (the YAML layer
// has already reported the duplicate). KFP reads this dict, so do we.
std::vector<Entry> entries(const yaml::Node& map);

// The value of `key` as PyYAML would see it (the last occurrence), or null.
const yaml::Node* get(const yaml::Node& map, std::string_view key);
// The key node of that last occurrence, for spans.
const yaml::Node* key_of(const yaml::Node& map, std::string_view key);

using yaml::describe;  // core/yaml/describe.h
using yaml::is_str;

// Report err_v1_wrong_kind unless `n` has the wanted kind; returns whether it does.
bool want_map(const yaml::Node& n, std::string_view what, Sink& sink);
bool want_seq(const yaml::Node& n, std::string_view what, Sink& sink);
bool want_str(const yaml::Node& n, std::string_view what, Sink& sink);

// A component's input and output names as sets: placeholders and graph
// wiring look names up once each, and inputs can number in the thousands.
struct IoNames {
  std::unordered_set<std::string> inputs, outputs;
  static IoNames of(const Component& c);
  bool input(const std::string& n) const { return inputs.count(n) != 0; }
  bool output(const std::string& n) const { return outputs.count(n) != 0; }
};

// Warn about keys of `map` not in `valid` (names `where` in the message).
void check_keys(const yaml::Node& map, std::initializer_list<std::string_view> valid, std::string_view where,
                Sink& sink);

}  // namespace kfp::v1
