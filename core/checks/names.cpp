#include "core/checks/names.h"

#include <algorithm>

namespace kfp {
namespace {

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// re.sub('[^<keep>0-9a-z]+', sep, name.lower()), then strip `sep` both ends.
std::string replace_runs(std::string_view name, char sep) {
  std::string out;
  bool in_run = false;
  for (char raw : name) {
    char c = lower_ascii(raw);
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == sep;
    if (keep) {
      out += c;
      in_run = false;
    } else if (!in_run) {
      out += sep;
      in_run = true;
    }
  }
  return out;
}

std::string strip(std::string s, char c) {
  size_t b = s.find_first_not_of(c);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(c);
  return s.substr(b, e - b + 1);
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (lower_ascii(a[i - 1]) == lower_ascii(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string sanitize_input_name(std::string_view name) { return strip(replace_runs(name, '_'), '_'); }

std::string k8s_name(std::string_view name) {
  std::string s = replace_runs(name, '-');
  std::string squeezed;
  for (char c : s)
    if (!(c == '-' && !squeezed.empty() && squeezed.back() == '-')) squeezed += c;
  return strip(squeezed, '-');
}

std::string kfp_component_name(const Component& c) {
  std::string n = c.name.value;
  if (n.empty()) n = c.ir_key;
  bool ir = c.format == Component::Format::IrPipeline || c.format == Component::Format::IrComponent;
  if ((ir || n == c.ir_key) && n.rfind("comp-", 0) == 0) n = n.substr(5);
  if (n.empty()) n = "name";  // ComponentSpec default: component_dict.get('name', 'name')
  return k8s_name(n);
}

std::string kfp_input_name(const Component& c, std::string_view input) {
  bool v1 = c.format == Component::Format::V1Component || c.format == Component::Format::V1Graph;
  return v1 ? sanitize_input_name(input) : std::string(input);
}

const std::string* closest_name(std::string_view wrong, const std::vector<const std::string*>& candidates) {
  const std::string* best = nullptr;
  size_t best_d = 0;
  std::string wrong_s = sanitize_input_name(wrong);
  for (const std::string* c : candidates) {
    size_t d = sanitize_input_name(*c) == wrong_s ? 0 : edit_distance(wrong, *c);
    if (!best || d < best_d) {
      best = c;
      best_d = d;
    }
  }
  if (!best) return nullptr;
  size_t limit = std::max<size_t>(2, std::max(wrong.size(), best->size()) / 3);
  return best_d <= limit ? best : nullptr;
}

}  // namespace kfp
