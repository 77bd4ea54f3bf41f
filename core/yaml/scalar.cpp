#include "core/yaml/scalar.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>

namespace kfp::yaml {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string strip_underscores(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s)
    if (c != '_') o += c;
  return o;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(c) && c != '_') return false;
  return true;
}

bool octal(char c) { return c >= '0' && c <= '7'; }
bool binary(char c) { return c == '0' || c == '1'; }
bool hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool dec(char c) { return is_digit(c); }

// Base-60 "1:30" forms are in YAML 1.1; PyYAML resolves them. Parts after the
// first must be [0-5]?[0-9].
bool sexagesimal_tail(std::string_view s, std::string_view* head, std::string_view* frac) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  *head = s.substr(0, colon);
  std::string_view rest = s.substr(colon);
  *frac = {};
  while (!rest.empty() && rest[0] == ':') {
    rest.remove_prefix(1);
    size_t k = 0;
    while (k < rest.size() && is_digit(rest[k])) ++k;
    if (k == 0 || k > 2 || (k == 2 && rest[0] > '5')) return false;
    rest.remove_prefix(k);
  }
  if (!rest.empty()) {
    if (rest[0] != '.') return false;
    *frac = rest;
  }
  return true;
}

}  // namespace

Resolved resolve_plain(const std::string& s) {
  Resolved r;
  if (s.empty()) {
    r.type = ScalarType::Null;
    return r;
  }
  // Null and the booleans are at most 5 characters and start with one of
  // these: other words skip the 23 comparisons (names, images, paths).
  // By length, each word's three spellings (a word such as "train" or "false"
  // went through up to 23 comparisons).
  if (s.size() <= 5 && std::string_view("~nNyYtTfFoO").find(s[0]) != std::string_view::npos) {
    const std::string_view w = s;
    auto any = [&w](std::string_view a, std::string_view b, std::string_view c) { return w == a || w == b || w == c; };
    switch (w.size()) {
      case 1:
        if (w == "~") return Resolved{ScalarType::Null};
        break;
      case 2:
        if (any("on", "On", "ON")) return Resolved{ScalarType::Bool, true};
        if (any("no", "No", "NO")) return Resolved{ScalarType::Bool, false};
        break;
      case 3:
        if (any("yes", "Yes", "YES")) return Resolved{ScalarType::Bool, true};
        if (any("off", "Off", "OFF")) return Resolved{ScalarType::Bool, false};
        break;
      case 4:
        if (any("null", "Null", "NULL")) return Resolved{ScalarType::Null};
        if (any("true", "True", "TRUE")) return Resolved{ScalarType::Bool, true};
        break;
      case 5:
        if (any("false", "False", "FALSE")) return Resolved{ScalarType::Bool, false};
        break;
    }
  }

  std::string_view v = s;
  bool neg = false;
  if (v[0] == '+' || v[0] == '-') {
    neg = v[0] == '-';
    v.remove_prefix(1);
  }
  if (v.empty()) return r;
  auto make_int = [&](std::string digits, int base) {
    Resolved x;
    errno = 0;
    unsigned long long u = std::strtoull(digits.c_str(), nullptr, base);
    if (errno == ERANGE || u > static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
      // Out of int64 range: keep as float, as JSON consumers would.
      x.type = ScalarType::Float;
      x.f = std::strtod(digits.c_str(), nullptr) * (neg ? -1 : 1);
      return x;
    }
    x.type = ScalarType::Int;
    x.i = neg ? -static_cast<int64_t>(u) : static_cast<int64_t>(u);
    return x;
  };
  // Integers.
  if (v.size() > 2 && v[0] == '0' && v[1] == 'b' && all_of(v.substr(2), binary))
    return make_int(strip_underscores(v.substr(2)), 2);
  if (v.size() > 2 && v[0] == '0' && v[1] == 'x' && all_of(v.substr(2), hex))
    return make_int(strip_underscores(v.substr(2)), 16);
  if (v == "0") return make_int("0", 10);
  if (v.size() > 1 && v[0] == '0' && all_of(v.substr(1), octal))
    return make_int(strip_underscores(v.substr(1)), 8);
  if (v[0] >= '1' && v[0] <= '9' && all_of(v, dec)) return make_int(strip_underscores(v), 10);
  // Floats.
  if (v == ".inf" || v == ".Inf" || v == ".INF") {
    r.type = ScalarType::Float;
    r.f = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return r;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    r.type = ScalarType::Float;
    r.f = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  {
    // [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?  |  \.[0-9_]+([eE][-+][0-9]+)?
    size_t i = 0;
    bool lead = false;
    while (i < v.size() && (is_digit(v[i]) || (lead && v[i] == '_'))) {
      lead = true;
      ++i;
    }
    if (i < v.size() && v[i] == '.') {
      size_t dot = i++;
      size_t frac_start = i;
      while (i < v.size() && (is_digit(v[i]) || v[i] == '_')) ++i;
      bool ok = lead || i > frac_start;
      if (ok && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        size_t e = i + 1;
        if (e < v.size() && (v[e] == '+' || v[e] == '-')) {
          size_t d = e + 1;
          while (d < v.size() && is_digit(v[d])) ++d;
          i = (d > e + 1) ? d : std::string_view::npos;
        } else {
          i = std::string_view::npos;
        }
      }
      (void)dot;
      if (ok && i == v.size()) {
        r.type = ScalarType::Float;
        r.f = std::strtod(strip_underscores(v).c_str(), nullptr) * (neg ? -1 : 1);
        return r;
      }
    }
  }
  std::string_view head, frac;
  if (v[0] >= '0' && v[0] <= '9' && sexagesimal_tail(v, &head, &frac) && all_of(head, dec)) {
    double total = 0;
    std::string_view rest = v;
    // Re-walk the parts: a:b:c -> ((a*60)+b)*60+c
    size_t start = 0;
    std::string body(rest.substr(0, rest.size() - frac.size()));
    while (start <= body.size()) {
      size_t c = body.find(':', start);
      std::string part = strip_underscores(body.substr(start, c == std::string::npos ? std::string::npos : c - start));
      total = total * 60 + std::strtod(part.c_str(), nullptr);
      if (c == std::string::npos) break;
      start = c + 1;
    }
    if (frac.empty()) {
      r.type = ScalarType::Int;
      r.i = static_cast<int64_t>(total) * (neg ? -1 : 1);
    } else {
      r.type = ScalarType::Float;
      r.f = (total + std::strtod(("0" + strip_underscores(frac)).c_str(), nullptr)) * (neg ? -1 : 1);
    }
    return r;
  }
  return r;  // String
}

Resolved resolve(const Node& n) {
  if (n.kind == Kind::Null) return Resolved{ScalarType::Null};
  if (!n.tag.empty()) {
    const std::string& t = n.tag;
    auto ends = [&](const char* suf) {
      std::string_view sv(t), s(suf);
      return sv.size() >= s.size() && sv.substr(sv.size() - s.size()) == s;
    };
    if (ends(":str") || t == "!!str") return Resolved{ScalarType::String};
    Resolved r = resolve_plain(n.value);
    if ((ends(":int")) && r.type == ScalarType::Int) return r;
    if ((ends(":float")) && (r.type == ScalarType::Float || r.type == ScalarType::Int)) {
      if (r.type == ScalarType::Int) r.f = static_cast<double>(r.i);
      r.type = ScalarType::Float;
      return r;
    }
    if (ends(":bool") && r.type == ScalarType::Bool) return r;
    if (ends(":null") && r.type == ScalarType::Null) return r;
    return Resolved{ScalarType::String};
  }
  if (!n.plain) return Resolved{ScalarType::String};
  return resolve_plain(n.value);
}

namespace {
Json convert(const Node* n, size_t& budget, bool& exceeded) {
  if (budget == 0) {
    exceeded = true;
    return nullptr;
  }
  --budget;
  switch (n->kind) {
    case Kind::Null: return nullptr;
    case Kind::Scalar: {
      Resolved r = resolve(*n);
      switch (r.type) {
        case ScalarType::Null: return nullptr;
        case ScalarType::Bool: return r.b;
        case ScalarType::Int: return r.i;
        case ScalarType::Float: return r.f;
        case ScalarType::String: return n->value;
      }
      return n->value;
    }
    case Kind::Sequence: {
      Json a = Json::array();
      for (const Node* c : n->items) {
        a.push_back(convert(c, budget, exceeded));
        if (exceeded) break;
      }
      return a;
    }
    case Kind::Mapping: {
      Json o = Json::object();
      for (const auto& [k, v] : n->entries) {
        std::string key = k->kind == Kind::Scalar ? k->value : std::string("?");
        if (o.contains(key)) continue;  // first wins; duplicates were reported at load
        o[key] = convert(v, budget, exceeded);
        if (exceeded) break;
      }
      return o;
    }
  }
  return nullptr;
}
}  // namespace

Json to_json(const Node* n, size_t budget, bool* exceeded) {
  bool ex = false;
  if (!n) return nullptr;
  Json j = convert(n, budget, ex);
  if (exceeded) *exceeded = ex;
  return j;
}

}  // namespace kfp::yaml
