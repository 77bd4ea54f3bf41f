#include "core/emit/names.h"

namespace kfp {
std::string component_key(std::string_view name) { return "comp-" + k8s_name(name); }
std::string executor_label(std::string_view name) { return "exec-" + k8s_name(name); }

std::string unique_name(const std::string& name, const std::set<std::string>& used, std::string_view delimiter) {
  if (!used.count(name)) return name;
  for (int i = 2;; ++i) {
    std::string n = name + std::string(delimiter) + std::to_string(i);
    if (!used.count(n)) return n;
  }
}

std::string unique_name(const std::string& name, NameSet& used, std::string_view delimiter) {
  if (!used.count(name)) return name;
  std::string stem = name + std::string(delimiter);
  auto it = used.next_.try_emplace(stem, 2).first;
  for (int i = it->second;; ++i) {
    std::string n = stem + std::to_string(i);
    if (!used.count(n)) {
      it->second = i;  // the caller may not take n: the next search starts at it again
      return n;
    }
  }
}

bool valid_pipeline_name(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name[0])) return false;
  for (char c : name.substr(1))
    if (!alnum(c) && c != '-') return false;
  return true;
}

}  // namespace kfp
