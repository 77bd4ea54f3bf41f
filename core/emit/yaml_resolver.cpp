// yaml_plain_resolves_to_non_string: PyYAML 6's implicit resolvers
// (resolver.py, YAML 1.1), written as scanners instead of std::regex (which is
// large in WebAssembly). Each scanner accepts exactly its resolver's regex,
// as ECMAScript full matches; tests/util_patterns_test.cpp compares them with
// those regexes. In every pattern a repetition stops where the next literal
// must start, so scanning greedily never needs to back up.
#include <array>
#include <cstdint>
#include <iterator>
#include <initializer_list>
#include <string_view>

#include "core/emit/yaml_writer.h"

namespace kfp {
namespace {

using sv = std::string_view;

bool digit(char c) { return c >= '0' && c <= '9'; }
bool at(sv s, size_t i, char c) { return i < s.size() && s[i] == c; }
bool at_digit(sv s, size_t i) { return i < s.size() && digit(s[i]); }
bool at_sign(sv s, size_t i) { return at(s, i, '-') || at(s, i, '+'); }

template <class Pred>
size_t run(sv s, size_t i, Pred pred) {
  while (i < s.size() && pred(s[i])) ++i;
  return i;
}
bool digit_(char c) { return digit(c) || c == '_'; }

bool one_of(sv s, std::initializer_list<sv> options) {
  for (sv o : options)
    if (s == o) return true;
  return false;
}

// (?::[0-5]?[0-9])+ from i: the end, or npos. A two-digit part is taken
// whenever it can be: one digit would leave a digit where ':' must follow.
size_t sexagesimal(sv s, size_t i) {
  size_t start = i;
  while (at(s, i, ':') && at_digit(s, i + 1)) {
    bool two = s[i + 1] <= '5' && at_digit(s, i + 2);
    i += two ? 3 : 2;
  }
  return i == start ? sv::npos : i;
}

// (?:[eE][-+][0-9]+)?$ from i.
bool exponent_to_end(sv s, size_t i) {
  if (i == s.size()) return true;
  if (!(at(s, i, 'e') || at(s, i, 'E')) || !at_sign(s, i + 1) || !at_digit(s, i + 2)) return false;
  return run(s, i + 2, digit) == s.size();
}

// ^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$
// Only the words of s's length are compared: keys such as "name" and "outputs"
// reach here for their first letter (one comparison, not eighteen).
bool is_bool(sv s) {
  switch (s.size()) {
    case 2: return one_of(s, {"no", "No", "NO", "on", "On", "ON"});
    case 3: return one_of(s, {"yes", "Yes", "YES", "off", "Off", "OFF"});
    case 4: return one_of(s, {"true", "True", "TRUE"});
    case 5: return one_of(s, {"false", "False", "FALSE"});
    default: return false;
  }
}

// ^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
//    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
//    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
//    |[-+]?\.(?:inf|Inf|INF)
//    |\.(?:nan|NaN|NAN))$
bool is_float(sv s) {
  size_t i = at_sign(s, 0) ? 1 : 0;
  if (at_digit(s, i)) {
    size_t j = run(s, i + 1, digit_);
    if (at(s, j, '.')) return exponent_to_end(s, run(s, j + 1, digit_));  // the first form
    j = sexagesimal(s, j);
    return j != sv::npos && at(s, j, '.') && run(s, j + 1, digit_) == s.size();  // the third form
  }
  if (i == 0 && at(s, 0, '.') && at_digit(s, 1)) return exponent_to_end(s, run(s, 2, digit_));
  if (one_of(s.substr(i), {".inf", ".Inf", ".INF"})) return true;
  return one_of(s, {".nan", ".NaN", ".NAN"});
}

// ^(?:[-+]?0b[0-1_]+
//    |[-+]?0[0-7_]+
//    |[-+]?(?:0|[1-9][0-9_]*)
//    |[-+]?0x[0-9a-fA-F_]+
//    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$
bool is_int(sv s) {
  size_t i = at_sign(s, 0) ? 1 : 0;
  const size_t n = s.size();
  auto rest_all = [&](size_t from, auto pred) { return from < n && run(s, from, pred) == n; };
  if (at(s, i, '0')) {
    if (i + 1 == n) return true;
    if (at(s, i + 1, 'b')) return rest_all(i + 2, [](char c) { return c == '0' || c == '1' || c == '_'; });
    if (at(s, i + 1, 'x'))
      return rest_all(i + 2, [](char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
      });
    return rest_all(i + 1, [](char c) { return (c >= '0' && c <= '7') || c == '_'; });
  }
  if (!at_digit(s, i)) return false;
  size_t j = run(s, i + 1, digit_);
  if (j == n) return true;
  return sexagesimal(s, j) == n;
}

// ^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
//    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
//     (?:[Tt]|[ \t]+)[0-9][0-9]?
//     :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
//     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$
bool is_timestamp(sv s) {
  auto digits = [&](size_t i, size_t count) {
    for (size_t k = 0; k < count; ++k)
      if (!at_digit(s, i + k)) return false;
    return true;
  };
  auto one_or_two = [&](size_t i) { return at_digit(s, i) ? (at_digit(s, i + 1) ? i + 2 : i + 1) : sv::npos; };
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  if (!digits(0, 4) || !at(s, 4, '-')) return false;
  if (s.size() == 10 && digits(5, 2) && at(s, 7, '-') && digits(8, 2)) return true;
  size_t i = one_or_two(5);
  if (i == sv::npos || !at(s, i, '-')) return false;
  i = one_or_two(i + 1);
  if (i == sv::npos) return false;
  if (at(s, i, 'T') || at(s, i, 't')) ++i;
  else if (at(s, i, ' ') || at(s, i, '\t')) i = run(s, i, blank);
  else return false;
  i = one_or_two(i);
  if (i == sv::npos || !at(s, i, ':') || !digits(i + 1, 2) || !at(s, i + 3, ':') || !digits(i + 4, 2)) return false;
  i += 6;
  if (at(s, i, '.')) i = run(s, i + 1, digit);
  if (i == s.size()) return true;
  i = run(s, i, blank);
  if (at(s, i, 'Z')) return i + 1 == s.size();
  if (!at_sign(s, i)) return false;
  i = one_or_two(i + 1);
  if (i == sv::npos) return false;
  if (at(s, i, ':') && digits(i + 1, 2)) i += 3;
  return i == s.size();
}

struct Implicit {
  const char* first;  // characters the resolver is registered for
  bool (*match)(sv);
};

const Implicit kResolvers[] = {
    {"yYnNtTfFoO", is_bool},
    {"-+0123456789.", is_float},
    {"-+0123456789", is_int},
    {"<", [](sv s) { return s == "<<"; }},                                    // merge
    {"~nN", [](sv s) { return s.size() <= 4 && one_of(s, {"~", "null", "Null", "NULL", ""}); }},  // null
    {"0123456789", is_timestamp},
    {"=", [](sv s) { return s == "="; }},                                   // value
    {"!&*", [](sv s) { return s == "!" || s == "&" || s == "*"; }},         // yaml
};

// Which resolvers are registered for each first character (bit i: kResolvers[i]).
// Most keys and values ("componentRef", "system.Dataset", "exec-train") start
// where none is and are decided by one lookup; the others try only theirs
// (scanning each resolver's character list per call was most of the cost).
const auto kByFirst = [] {  // not constexpr: clang will not read kResolvers at compile time
  static_assert(std::size(kResolvers) <= 8, "one bit per resolver");
  std::array<uint8_t, 256> t{};
  for (size_t i = 0; i < std::size(kResolvers); ++i)
    for (const char* p = kResolvers[i].first; *p; ++p) t[static_cast<unsigned char>(*p)] |= uint8_t(1u << i);
  return t;
}();

}  // namespace

bool yaml_plain_resolves_to_non_string(std::string_view s) {
  if (s.empty()) return true;  // the null resolver registered for ''
  unsigned mask = kByFirst[static_cast<unsigned char>(s[0])];
  if (!mask) return false;
  // Python's `$` also matches before one trailing newline.
  sv body = s;
  if (body.back() == '\n') body.remove_suffix(1);
  for (size_t i = 0; mask; ++i, mask >>= 1)
    if ((mask & 1) && kResolvers[i].match(body)) return true;
  return false;
}

}  // namespace kfp
