// KFP's naming rules (kfp/dsl/utils.py), applied when compiling v1 inputs so
// that component keys, executor labels, task names and input/output names
// come out exactly as the KFP SDK names them.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/checks/names.h"

namespace kfp {

// k8s_name (maybe_rename_for_k8s) and sanitize_input_name live in
// core/checks/names.h; the checks report names the way the compiler makes them.

// "comp-" + k8s_name / "exec-" + k8s_name.
std::string component_key(std::string_view name);
std::string executor_label(std::string_view name);

// make_name_unique_by_adding_index: `name` if unused, else name-2, name-3...
std::string unique_name(const std::string& name, const std::set<std::string>& used,
                        std::string_view delimiter = "-");

// A set of taken names that only grows, and remembers per base name where the
// last search for a free suffix ended. unique_name() over it gives the same
// answer as over the plain set, but n tasks of one component cost O(n log n)
// instead of O(n^2) (10,000 "combine" tasks: name-2 ... name-10000).
class NameSet {
 public:
  size_t count(const std::string& n) const { return names_.count(n); }
  void insert(const std::string& n) { names_.insert(n); }
  // The names, in no particular order.
  auto begin() const { return names_.begin(); }
  auto end() const { return names_.end(); }

 private:
  friend std::string unique_name(const std::string&, NameSet&, std::string_view);
  // Hashed: the keys of 1,000 tasks share long prefixes ("comp-train-12"),
  // and a tree compared them byte by byte at every level.
  std::unordered_set<std::string> names_;
  // base + delimiter -> h: every base<delim>j for 2 <= j < h is in names_
  // (true when set, and names are never removed).
  std::unordered_map<std::string, int> next_;
};
std::string unique_name(const std::string& name, NameSet& used, std::string_view delimiter = "-");

// validate_pipeline_name: ^[a-z0-9][a-z0-9-]{0,127}$
bool valid_pipeline_name(std::string_view name);

}  // namespace kfp
