// See patterns.h. Every pattern here is unambiguous once read left to right
// (each repetition stops where the next literal must start), so greedy scans
// give the same matches, and the same groups, as the backtracking std::regex.
// The one exception, `\s*(.+)` in typing_value_type, retries like a regex.
#include "core/util/patterns.h"

#include <initializer_list>

namespace kfp::pat {
namespace {

bool is_newline(char c) { return c == '\n' || c == '\r'; }  // what ECMAScript `.` refuses
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// End of the run of chars satisfying `pred` starting at i.
template <class Pred>
size_t run(std::string_view s, size_t i, Pred pred) {
  while (i < s.size() && pred(s[i])) ++i;
  return i;
}

bool one_of(std::string_view s, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options)
    if (s == o) return true;
  return false;
}

// `(.+)\]` starting at k, greedy: the last ']' before the first newline, with
// at least one char before it. Returns the position of that ']' or npos.
size_t greedy_dot_plus_bracket(std::string_view s, size_t k) {
  size_t e = k;
  while (e < s.size() && !is_newline(s[e])) ++e;
  for (size_t j = e; j-- > k + 1;)
    if (s[j] == ']') return j;
  return std::string_view::npos;
}

// `^(typing\.)?\w+\[`: the position after '[', or npos. Taking "typing." when
// present is the only way to match: without it \w+ stops at the '.'.
size_t typing_head(std::string_view s) {
  size_t p = s.substr(0, 7) == "typing." ? 7 : 0;
  size_t q = run(s, p, is_word_char);
  if (q == p || q >= s.size() || s[q] != '[') return std::string_view::npos;
  return q + 1;
}

bool is_channel_name_char(char c) { return is_word_char(c) || is_space_char(c) || c == '-'; }
bool is_kfp_type_char(char c) {
  if (is_word_char(c) || is_space_char(c)) return true;
  switch (c) {
    case '{': case '}': case '"': case ':': case '@': case '.': case '[': case ']': case ',': case '-':
      return true;
    default:
      return false;
  }
}

// The placeholder anchored at b, or false.
bool channel_at(std::string_view s, size_t b, ChannelTypeChars type_chars, ChannelMatch* out) {
  auto literal = [&](size_t i, std::string_view lit) { return s.substr(i, lit.size()) == lit; };
  size_t i = b + std::string_view("{{channel:task=").size();
  size_t t = run(s, i, is_channel_name_char);
  if (!literal(t, ";name=")) return false;
  size_t n0 = t + 6, n1 = run(s, n0, is_channel_name_char);
  if (n1 == n0 || !literal(n1, ";type=")) return false;
  size_t y0 = n1 + 6;
  size_t y1 = type_chars == ChannelTypeChars::NotSemicolon ? run(s, y0, [](char c) { return c != ';'; })
                                                           : run(s, y0, is_kfp_type_char);
  if (!literal(y1, ";}}")) return false;
  out->begin = b;
  out->end = y1 + 3;
  out->task = s.substr(i, t - i);
  out->name = s.substr(n0, n1 - n0);
  out->type = s.substr(y0, y1 - y0);
  return true;
}

}  // namespace

bool is_word_char(char c) { return is_alpha(c) || is_digit_char(c) || c == '_'; }
bool is_space_char(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool is_digit_char(char c) { return c >= '0' && c <= '9'; }

bool is_digits(std::string_view s) { return !s.empty() && run(s, 0, is_digit_char) == s.size(); }

bool is_cpu_quantity(std::string_view s) {
  if (!s.empty() && s.back() == 'm') s.remove_suffix(1);
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return is_digits(s);
  return run(s, 0, is_digit_char) == dot && is_digits(s.substr(dot + 1));
}

bool is_memory_quantity(std::string_view s) {
  size_t i = run(s, 0, is_digit_char);
  return i > 0 && one_of(s.substr(i), {"", "E", "Ei", "P", "Pi", "T", "Ti", "G", "Gi", "M", "Mi", "K", "Ki"});
}

bool is_workspace_size(std::string_view s) {
  size_t i;
  if (s.empty() || !is_digit_char(s[0])) return false;
  i = s[0] == '0' ? 1 : run(s, 0, is_digit_char);
  if (i < s.size() && s[i] == '.') {
    size_t f = run(s, i + 1, is_digit_char);
    if (f > i + 1) i = f;  // otherwise the optional fraction is absent and ".": fails below
  }
  return one_of(s.substr(i), {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "K", "M", "G", "T", "P", "E"});
}

bool is_legal_subvar_name(std::string_view s) {
  return !s.empty() && (is_alpha(s[0]) || s[0] == '_') && run(s, 0, is_word_char) == s.size();
}

bool is_google_type_name(std::string_view s) {
  return s.size() >= 8 && s.substr(0, 6) == "google" && !is_newline(s[6]) && run(s, 7, is_alpha) == s.size();
}

bool is_float_literal_shape(std::string_view s) {
  // (\d(_?\d)*)?: greedy is exact, as a '_' not followed by a digit fails anyway.
  auto digits = [&](size_t i) {
    if (i >= s.size() || !is_digit_char(s[i])) return i;
    ++i;
    for (;;) {
      if (i < s.size() && is_digit_char(s[i])) ++i;
      else if (i + 1 < s.size() && s[i] == '_' && is_digit_char(s[i + 1])) i += 2;
      else return i;
    }
  };
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  i = digits(i);
  if (i < s.size() && s[i] == '.') ++i;
  i = digits(i);
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t e = digits(i);
    if (e == i) return false;
    i = e;
  }
  return i == s.size();
}

bool typing_short_name(std::string_view s, std::string* name) {
  size_t p = s.substr(0, 7) == "typing." ? 7 : 0;
  size_t q = run(s, p, is_word_char);
  if (q == p) return false;
  // (?:\[.+\])?$: nothing, or '[' ... ']' ending the string with no newline inside.
  if (q != s.size() && (s[q] != '[' || greedy_dot_plus_bracket(s, q + 1) != s.size() - 1)) return false;
  *name = std::string(s.substr(p, q - p));
  return true;
}

bool typing_item_type(std::string_view s, std::string* inner) {
  size_t k = typing_head(s);
  if (k == std::string_view::npos) return false;
  size_t j = greedy_dot_plus_bracket(s, k);
  if (j == std::string_view::npos) return false;
  *inner = std::string(s.substr(k, j - k));
  return true;
}

bool typing_value_type(std::string_view s, std::string* inner) {
  size_t i = typing_head(s);
  if (i == std::string_view::npos) return false;
  i = run(s, i, is_space_char);
  size_t w = run(s, i, is_word_char);
  if (w == i) return false;
  i = run(s, w, is_space_char);
  if (i >= s.size() || s[i] != ',') return false;
  size_t r = i + 1, ws = run(s, r, is_space_char);
  // \s*(.+)\]: \s* gives chars back, longest first, until (.+)\] matches.
  for (size_t k = ws + 1; k-- > r;) {
    size_t j = greedy_dot_plus_bracket(s, k);
    if (j != std::string_view::npos) {
      *inner = std::string(s.substr(k, j - k));
      return true;
    }
  }
  return false;
}

bool find_channel_placeholder(std::string_view s, size_t from, ChannelTypeChars type_chars, ChannelMatch* out) {
  for (size_t b = s.find("{{channel:task=", from); b != std::string_view::npos; b = s.find("{{channel:task=", b + 1))
    if (channel_at(s, b, type_chars, out)) return true;
  return false;
}

}  // namespace kfp::pat
