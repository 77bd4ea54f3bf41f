#include "core/read/v1_util.h"

namespace kfp::v1 {

// PyYAML keeps the last value of a repeated key, and here its key node too.
std::vector<Entry> entries(const yaml::Node& map) { return map.last_wins(true); }

IoNames IoNames::of(const Component& c) {
  IoNames n;
  for (const auto& i : c.inputs) n.inputs.insert(i.name.value);
  for (const auto& o : c.outputs) n.outputs.insert(o.name.value);
  return n;
}

const yaml::Node* get(const yaml::Node& map, std::string_view key) {
  if (!map.is_map()) return nullptr;
  const yaml::Node* v = nullptr;
  for (const auto& [k, val] : map.entries)
    if (k->is_scalar() && k->value == key) v = val;
  return v;
}

const yaml::Node* key_of(const yaml::Node& map, std::string_view key) {
  if (!map.is_map()) return nullptr;
  const yaml::Node* kn = nullptr;
  for (const auto& [k, val] : map.entries)
    if (k->is_scalar() && k->value == key) kn = k;
  return kn;
}

namespace {
bool wrong(const yaml::Node& n, std::string_view what, std::string_view want, Sink& sink) {
  sink.report(DiagId::err_v1_wrong_kind, n.span, {std::string(what), std::string(want), describe(n)});
  return false;
}
}  // namespace

bool want_map(const yaml::Node& n, std::string_view what, Sink& sink) {
  return n.is_map() || wrong(n, what, "a mapping", sink);
}
bool want_seq(const yaml::Node& n, std::string_view what, Sink& sink) {
  return n.is_seq() || wrong(n, what, "a list", sink);
}
bool want_str(const yaml::Node& n, std::string_view what, Sink& sink) {
  return is_str(n) || wrong(n, what, "a string", sink);
}

void check_keys(const yaml::Node& map, std::initializer_list<std::string_view> valid, std::string_view where,
                Sink& sink) {
  for (const auto& [k, v] : map.entries) {
    bool ok = false;
    if (k->is_scalar())
      for (auto s : valid) ok = ok || k->value == s;
    if (ok) continue;
    std::string list;
    for (auto s : valid) {
      if (!list.empty()) list += ", ";
      list += s;
    }
    sink.report(DiagId::warn_v1_unknown_key, k->span, {k->value, std::string(where), list});
  }
}

}  // namespace kfp::v1
