// A port of PyYAML 6's Emitter state machine, specialised to what
// yaml.dump(data, sort_keys=True) feeds it: block collections, empty ones in
// flow style, scalars with implicit tags. Variable names follow emitter.py so
// the two can be read side by side.
#include "core/emit/yaml_writer.h"

#include <array>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/emit/pyfmt.h"

namespace kfp {

// yaml_plain_resolves_to_non_string (resolver.py) is in yaml_resolver.cpp.

namespace {

bool is_break(char32_t c) { return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029; }
bool is_ws_or_break(char32_t c) {
  return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}
bool in(char32_t c, const char* set) {
  for (const char* p = set; *p; ++p)
    if (static_cast<char32_t>(static_cast<unsigned char>(*p)) == c) return true;
  return false;
}

// The scalar writers run over either UTF-32 text or, for pure-ASCII text
// (nearly every key and value in IR and Argo YAML), the UTF-8 bytes as they
// are: ASCII is the same code points either way, so the output is identical
// and the conversions to and from UTF-32 are skipped.
bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
char32_t at(const std::u32string& s, size_t i) { return s[i]; }
char32_t at(std::string_view s, size_t i) { return static_cast<unsigned char>(s[i]); }

struct Analysis {
  bool printable = false;  // printable ASCII without a space (analyze_printable_ascii): written as it is when plain
  bool empty = false, multiline = false;
  bool allow_flow_plain = true, allow_block_plain = true, allow_single_quoted = true,
       allow_double_quoted = true, allow_block = true;
};

// The fast path of analyze_scalar below, for text made only of printable
// ASCII (0x20-0x7E): nearly every key and value of IR and Argo YAML, command
// lines included. Such text has no line breaks or special characters, so only
// the indicator and space rules can fire, and they simplify: without spaces a
// character is "followed by whitespace" only at the end of the text and never
// "preceded by whitespace" after the first (so '#' there is harmless); with
// them, ": " and " #" are the indicators to look for, and a leading or trailing
// space rules out plain style. Returns false, leaving `a` alone, for any other text.
bool analyze_printable_ascii(std::string_view s, Analysis& a) {
  // Bits per byte: kFlow = one of ",?[]{}:", a flow indicator wherever it
  // stands (first or not); kSpace = ' '; kOther = outside 0x20-0x7E: not for this path.
  enum : unsigned char { kFlow = 1, kOther = 2, kSpace = 4 };
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c)
      if (c < 0x20 || c >= 0x7F) t[c] = kOther;
    t[' '] = kSpace;
    for (unsigned char c : std::string_view(",?[]{}:")) t[c] = kFlow;
    return t;
  }();
  if (s.empty()) return false;
  unsigned seen = 0;
  for (unsigned char c : s) seen |= kClass[c];
  if (seen & kOther) return false;
  bool flow = seen & kFlow, block = false;
  const char first = s[0];
  const bool spaces = seen & kSpace;
  if (std::string_view("#,[]{}&*!|>'\"%@`").find(first) != std::string_view::npos) flow = block = true;
  // '-', '?' and ':' are indicators when followed by whitespace: alone, or before a space.
  if ((first == '-' || first == '?' || first == ':') && (s.size() == 1 || s[1] == ' ')) flow = block = true;
  if (s.size() > 1 && s.back() == ':') block = true;  // "key:" ends in a mapping indicator
  if (s.starts_with("---") || s.starts_with("...")) flow = block = true;
  if (spaces) {
    if (s.find(": ", 1) != std::string_view::npos) block = true;
    if (s.find(" #") != std::string_view::npos) flow = block = true;
  }
  a.allow_flow_plain = !flow;
  a.allow_block_plain = !block;
  if (spaces && (first == ' ' || s.back() == ' ')) {
    a.allow_flow_plain = a.allow_block_plain = false;
    if (s.back() == ' ') a.allow_block = false;
  }
  a.printable = !spaces;
  return true;
}

// emitter.py analyze_scalar, with allow_unicode=False. `printable_tried`:
// the caller has already seen analyze_printable_ascii decline the text.
template <class S>
Analysis analyze_scalar(const S& s, bool printable_tried = false) {
  Analysis a;
  if constexpr (std::is_same_v<S, std::string_view>)
    if (!printable_tried && analyze_printable_ascii(s, a)) return a;
  if (s.empty()) {
    a.empty = true;
    a.allow_flow_plain = false;
    a.allow_block = false;
    return a;
  }
  bool block_indicators = false, flow_indicators = false, line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false;
  auto starts = [&](const char* p) {
    for (size_t i = 0; p[i]; ++i)
      if (i >= s.size() || at(s, i) != static_cast<char32_t>(p[i])) return false;
    return true;
  };
  if (starts("---") || starts("...")) block_indicators = flow_indicators = true;
  bool preceded_by_whitespace = true;
  bool followed_by_whitespace = s.size() == 1 || is_ws_or_break(at(s, 1));
  bool previous_space = false, previous_break = false;
  size_t index = 0;
  while (index < s.size()) {
    char32_t ch = at(s, index);
    if (index == 0) {
      if (in(ch, "#,[]{}&*!|>'\"%@`")) flow_indicators = block_indicators = true;
      if (ch == '?' || ch == ':') {
        flow_indicators = true;
        if (followed_by_whitespace) block_indicators = true;
      }
      if (ch == '-' && followed_by_whitespace) flow_indicators = block_indicators = true;
    } else {
      if (ch == ',' || ch == '?' || ch == '[' || ch == ']' || ch == '{' || ch == '}') flow_indicators = true;
      if (ch == ':') {
        flow_indicators = true;
        if (followed_by_whitespace) block_indicators = true;
      }
      if (ch == '#' && preceded_by_whitespace) flow_indicators = block_indicators = true;
    }
    if (is_break(ch)) line_breaks = true;
    if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) {
      // Unicode (printable or not) is special without allow_unicode.
      special = true;
    }
    if (ch == ' ') {
      if (index == 0) leading_space = true;
      if (index == s.size() - 1) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (is_break(ch)) {
      if (index == 0) leading_break = true;
      if (index == s.size() - 1) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    ++index;
    preceded_by_whitespace = is_ws_or_break(ch);
    followed_by_whitespace = index + 1 >= s.size() || is_ws_or_break(at(s, index + 1));
  }
  if (leading_space || leading_break || trailing_space || trailing_break)
    a.allow_flow_plain = a.allow_block_plain = false;
  if (trailing_space) a.allow_block = false;
  if (break_space) a.allow_flow_plain = a.allow_block_plain = a.allow_single_quoted = false;
  if (space_break || special)
    a.allow_flow_plain = a.allow_block_plain = a.allow_single_quoted = a.allow_block = false;
  if (line_breaks) a.allow_flow_plain = a.allow_block_plain = false;
  if (flow_indicators) a.allow_flow_plain = false;
  if (block_indicators) a.allow_block_plain = false;
  a.multiline = line_breaks;
  return a;
}

class Emitter {
 public:
  explicit Emitter(const YamlWriteOptions& o) : best_indent_(o.indent), best_width_(o.width) {}

  void document(const jt::Value& doc, bool first) {
    if (!first) {
      write_indent();
      write_indicator("---", true);
    }
    node(doc, Ctx{});
    // expect_document_end
    write_indent();
  }
  std::string take() { return std::move(out_); }
  void reserve(size_t n) { out_.reserve(n); }
  void prefix(std::string_view lines) { out_ += lines; }  // whole lines: the column stays 0

 private:
  struct Ctx {
    bool sequence = false, mapping = false, simple_key = false;
  };

  // --- low-level writers (emitter.py write_*) ---
  void write_raw(const std::u32string& data) {
    for (char32_t c : data) append_utf8(out_, c);
    column_ += static_cast<int>(data.size());
  }
  void write_raw(std::string_view data) {  // ASCII only (see is_ascii)
    out_ += data;
    column_ += static_cast<int>(data.size());
  }
  void write_raw(const char* data) {
    out_ += data;
    column_ += static_cast<int>(std::char_traits<char>::length(data));
  }
  void write_indicator(std::string_view ind, bool need_whitespace, bool whitespace = false,
                       bool indention = false) {
    if (!(whitespace_ || !need_whitespace)) write_raw(" ");
    write_raw(ind);
    whitespace_ = whitespace;
    indention_ = indention_ && indention;
  }
  void write_indent() {
    int indent = indent_ < 0 ? 0 : indent_;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) write_line_break();
    if (column_ < indent) {
      whitespace_ = true;
      out_.append(static_cast<size_t>(indent - column_), ' ');
      column_ = indent;
    }
  }
  void write_line_break(char32_t br = '\n') {
    whitespace_ = true;
    indention_ = true;
    column_ = 0;
    append_utf8(out_, br);
  }
  void increase_indent(bool flow, bool indentless = false) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? best_indent_ : 0;
    } else if (!indentless) {
      indent_ += best_indent_;
    }
  }
  void pop_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  // --- nodes ---
  void node(const jt::Value& v, Ctx ctx) {
    if (v.is_array()) {
      if (flow_level_ || v.empty()) {
        write_indicator("[", true, true);
        ++flow_level_;
        increase_indent(true);
        for (size_t i = 0; i < v.size(); ++i) {  // only empty lists reach here
          if (i) write_indicator(",", false);
          if (column_ > best_width_) write_indent();
          node(v.at(i), Ctx{true, false, false});
        }
        pop_indent();
        --flow_level_;
        write_indicator("]", false);
        return;
      }
      bool indentless = ctx.mapping && !indention_;
      increase_indent(false, indentless);
      for (const auto& item : v) {
        write_indent();
        write_indicator("-", true, false, true);
        node(item, Ctx{true, false, false});
      }
      pop_indent();
      return;
    }
    if (v.is_object()) {
      // The members in key order, in a list whose buffer is kept per depth
      // (one allocation per level, not per object). Taken out while in use:
      // deeper levels may grow sorted_.
      if (depth_ == sorted_.size()) sorted_.emplace_back();
      std::vector<const jt::Member*> members = std::move(sorted_[depth_]);
      v.sorted_members(members);
      ++depth_;
      if (flow_level_ || members.empty()) {
        write_indicator("{", true, true);
        ++flow_level_;
        increase_indent(true);
        bool first = true;
        for (const jt::Member* m : members) {
          if (!first) write_indicator(",", false);
          first = false;
          if (column_ > best_width_) write_indent();
          scalar_node(m->first, !yaml_plain_resolves_to_non_string(m->first), Ctx{false, true, true});
          write_indicator(":", false);
          node(m->second, Ctx{false, true, false});
        }
        pop_indent();
        --flow_level_;
        write_indicator("}", false);
      } else {
        increase_indent(false);
        for (const jt::Member* m : members) {
          write_indent();
          std::string_view key = m->first;
          if (const KeyFacts* k = key_facts(key)) {
            block_mapping_entry(key, k->implicit_plain, m->second, &k->analysis);
            continue;
          }
          bool implicit_plain = !yaml_plain_resolves_to_non_string(key);
          if (is_ascii(key))
            block_mapping_entry(key, implicit_plain, m->second);
          else
            block_mapping_entry(utf8_to_u32(key), implicit_plain, m->second);
        }
        pop_indent();
      }
      --depth_;
      sorted_[depth_] = std::move(members);
      return;
    }
    // Scalars: the representer's text and whether it reads back implicitly.
    if (v.is_string()) {  // by reference: no copy of the text
      // Short values repeat as keys do (a command's "-c", an image, "true"
      // in every template): their facts come from the same cache.
      if (const KeyFacts* k = key_facts(v.str())) {
        scalar_text(v.str(), k->analysis, k->implicit_plain, ctx);
        return;
      }
      scalar_node(v.str(), !yaml_plain_resolves_to_non_string(v.str()), ctx);
      return;
    }
    std::string text;
    switch (v.type()) {
      case jt::Value::Type::Null: text = "null"; break;
      case jt::Value::Type::Bool: text = v.as_bool() ? "true" : "false"; break;
      case jt::Value::Type::Int: text = std::to_string(v.as_int()); break;
      case jt::Value::Type::Uint: text = std::to_string(v.as_uint()); break;
      case jt::Value::Type::Double: {
        double d = v.as_double();
        if (d != d) {
          text = ".nan";
        } else if (d == std::numeric_limits<double>::infinity()) {
          text = ".inf";
        } else if (d == -std::numeric_limits<double>::infinity()) {
          text = "-.inf";
        } else {
          text = python_float_repr(d);
          for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (text.find('.') == std::string::npos && text.find('e') != std::string::npos)
            text.replace(text.find('e'), 1, ".0e");
        }
        break;
      }
      default: text = "null"; break;
    }
    // Non-string scalars always resolve to their own tag as plain text.
    scalar_node(text, true, ctx);
  }

  // What a short block-mapping key decides (its resolution and analysis),
  // cached by its text: a 1,000-task Argo file has ~30,000 keys but a few
  // dozen distinct ones ("name", "value", "parameters", ...). Keys of up to 16
  // bytes are two words, zero-padded: hashed and compared as such.
  struct KeyFacts {
    uint64_t w[2] = {0, 0};
    size_t size = 0;  // 0: an empty slot (the empty key is never cached)
    bool implicit_plain = false;
    Analysis analysis;
  };
  const KeyFacts* key_facts(std::string_view key) {
    if (key.empty() || key.size() > 16) return nullptr;
    uint64_t w[2] = {0, 0};
    std::memcpy(w, key.data(), key.size());
    const uint64_t h = (w[0] * 0x9E3779B97F4A7C15ull) ^ (w[1] * 0xC2B2AE3D27D4EB4Full) ^ key.size();
    KeyFacts& slot = keys_[(h >> 54) % keys_.size()];
    if (slot.size == key.size() && slot.w[0] == w[0] && slot.w[1] == w[1]) return &slot;
    Analysis a;
    if (!analyze_printable_ascii(key, a)) return nullptr;  // the rare others take the long way
    slot = KeyFacts{{w[0], w[1]}, key.size(), !yaml_plain_resolves_to_non_string(key), a};
    return &slot;
  }

  // A key and its value in a block mapping (expect_block_mapping_key). The
  // key is analysed once, for check_simple_key and for its style, as PyYAML
  // keeps self.analysis between the two (`known`: key_facts had it).
  template <class S>
  void block_mapping_entry(const S& key, bool implicit_plain, const jt::Value& value,
                           const Analysis* known = nullptr) {
    Analysis a = known ? *known : analyze_scalar(key);
    // check_simple_key: PyYAML counts the key's "!!str" tag (5 characters)
    // toward its 128 limit, so keys of 123 characters or more take "? ".
    if (key.size() + 5 < 128 && !a.empty && !a.multiline) {
      scalar_text(key, a, implicit_plain, Ctx{false, true, true});
      write_indicator(":", false);
    } else {
      write_indicator("?", true, false, true);
      scalar_text(key, a, implicit_plain, Ctx{false, true, false});
      write_indent();
      write_indicator(":", true, false, true);
    }
    node(value, Ctx{false, true, false});
  }

  // expect_scalar + process_scalar; `implicit_plain` is event.implicit[0].
  void scalar_node(std::string_view value, bool implicit_plain, Ctx ctx) {
    // Most values are printable ASCII without spaces: one scan decides it.
    Analysis printable;
    if (analyze_printable_ascii(value, printable)) {
      scalar_text(value, printable, implicit_plain, ctx);
    } else if (is_ascii(value)) {
      scalar_text(value, analyze_scalar(value, true), implicit_plain, ctx);
    } else {
      std::u32string text = utf8_to_u32(value);
      scalar_text(text, analyze_scalar(text), implicit_plain, ctx);
    }
  }
  template <class S>
  void scalar_text(const S& text, const Analysis& a, bool implicit_plain, Ctx ctx) {
    increase_indent(true);
    char style = '"';
    bool chosen = false;
    if (implicit_plain) {
      if (!(ctx.simple_key && (a.empty || a.multiline)) &&
          ((flow_level_ && a.allow_flow_plain) || (!flow_level_ && a.allow_block_plain))) {
        style = 0;
        chosen = true;
      }
    }
    if (!chosen && a.allow_single_quoted && !(ctx.simple_key && a.multiline)) {
      style = '\'';
      chosen = true;
    }
    bool split = !ctx.simple_key;
    if (style == 0) {
      write_plain(text, split, a.printable);
    } else if (style == '\'') {
      write_single_quoted(text, split);
    } else {
      write_double_quoted(text, split);
    }
    pop_indent();
  }

  template <class S>
  void write_plain(const S& text, bool split, bool printable) {
    if (text.empty()) return;
    if (!whitespace_) write_raw(" ");
    whitespace_ = false;
    indention_ = false;
    // The loop below writes text without spaces or breaks as one run. (In
    // ASCII text the only break is '\n'.)
    if constexpr (std::is_same_v<S, std::string_view>) {
      if (printable || (text.find(' ') == S::npos && text.find('\n') == S::npos)) {
        write_raw(text);
        return;
      }
    }
    bool spaces = false, breaks = false;
    size_t start = 0, end = 0;
    while (end <= text.size()) {
      char32_t ch = end < text.size() ? at(text, end) : 0;
      bool none = end >= text.size();
      if (spaces) {
        if (none || ch != ' ') {
          if (start + 1 == end && column_ > best_width_ && split) {
            write_indent();
            whitespace_ = false;
            indention_ = false;
          } else {
            write_raw(text.substr(start, end - start));
          }
          start = end;
        }
      } else if (breaks) {
        if (none || !is_break(ch)) {
          if (at(text, start) == '\n') write_line_break();
          for (size_t i = start; i < end; ++i) write_line_break(at(text, i));
          write_indent();
          whitespace_ = false;
          indention_ = false;
          start = end;
        }
      } else {
        if (none || ch == ' ' || is_break(ch)) {
          write_raw(text.substr(start, end - start));
          start = end;
        }
      }
      if (!none) {
        spaces = ch == ' ';
        breaks = is_break(ch);
      }
      ++end;
    }
  }

  template <class S>
  void write_single_quoted(const S& text, bool split) {
    write_indicator("'", true);
    // Likewise, ASCII text without breaks comes out run by run: each ' doubled,
    // and a single space past the width (not first or last) made a line break,
    // as the loop below does character by character.
    if constexpr (std::is_same_v<S, std::string_view>) {
      if (text.find('\n') == S::npos) {
        const size_t n = text.size();
        for (size_t i = 0; i < n;) {
          size_t j = i;
          while (j < n && text[j] != ' ' && text[j] != '\'') ++j;
          if (j > i) write_raw(text.substr(i, j - i));
          if (j == n) break;
          if (text[j] == '\'') {
            write_raw("''");
            i = j + 1;
            continue;
          }
          size_t k = j;
          while (k < n && text[k] == ' ') ++k;
          if (k - j == 1 && column_ > best_width_ && split && j != 0 && k != n)
            write_indent();
          else
            write_raw(text.substr(j, k - j));
          i = k;
        }
        write_indicator("'", false);
        return;
      }
    }
    bool spaces = false, breaks = false;
    size_t start = 0, end = 0;
    while (end <= text.size()) {
      bool none = end >= text.size();
      char32_t ch = none ? 0 : at(text, end);
      if (spaces) {
        if (none || ch != ' ') {
          if (start + 1 == end && column_ > best_width_ && split && start != 0 && end != text.size()) {
            write_indent();
          } else {
            write_raw(text.substr(start, end - start));
          }
          start = end;
        }
      } else if (breaks) {
        if (none || !is_break(ch)) {
          if (at(text, start) == '\n') write_line_break();
          for (size_t i = start; i < end; ++i) write_line_break(at(text, i));
          write_indent();
          start = end;
        }
      } else {
        if (none || ch == ' ' || is_break(ch) || ch == '\'') {
          if (start < end) {
            write_raw(text.substr(start, end - start));
            start = end;
          }
        }
      }
      if (!none && ch == '\'') {
        write_raw("''");
        start = end + 1;
      }
      if (!none) {
        spaces = ch == ' ';
        breaks = is_break(ch);
      }
      ++end;
    }
    write_indicator("'", false);
  }

  static const char* escape_for(char32_t c) {
    switch (c) {
      case 0: return "0";
      case 0x07: return "a";
      case 0x08: return "b";
      case 0x09: return "t";
      case 0x0A: return "n";
      case 0x0B: return "v";
      case 0x0C: return "f";
      case 0x0D: return "r";
      case 0x1B: return "e";
      case '"': return "\"";
      case '\\': return "\\";
      case 0x85: return "N";
      case 0xA0: return "_";
      case 0x2028: return "L";
      case 0x2029: return "P";
      default: return nullptr;
    }
  }

  template <class S>
  void write_double_quoted(const S& text, bool split) {
    write_indicator("\"", true);
    size_t start = 0, end = 0;
    while (end <= text.size()) {
      bool none = end >= text.size();
      char32_t ch = none ? 0 : at(text, end);
      if (none || ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF ||
          !(ch >= 0x20 && ch <= 0x7E)) {
        if (start < end) {
          write_raw(text.substr(start, end - start));
          start = end;
        }
        if (!none) {
          std::string data = "\\";
          if (const char* e = escape_for(ch)) {
            data += e;
          } else {
            char b[16];
            if (ch <= 0xFF)
              std::snprintf(b, sizeof b, "x%02X", static_cast<unsigned>(ch));
            else if (ch <= 0xFFFF)
              std::snprintf(b, sizeof b, "u%04X", static_cast<unsigned>(ch));
            else
              std::snprintf(b, sizeof b, "U%08X", static_cast<unsigned>(ch));
            data += b;
          }
          write_raw(data.c_str());
          start = end + 1;
        }
      }
      if (end > 0 && end + 1 < text.size() && (ch == ' ' || start >= end) &&
          column_ + static_cast<int>(end - start) > best_width_ && split) {
        write_raw(text.substr(start, end > start ? end - start : 0));
        write_raw("\\");
        if (start < end) start = end;
        write_indent();
        whitespace_ = false;
        indention_ = false;
        if (at(text, start) == ' ') write_raw("\\");
      }
      ++end;
    }
    write_indicator("\"", false);
  }

  std::string out_;
  int best_indent_, best_width_;
  int indent_ = -1;  // None
  std::vector<int> indents_;
  int flow_level_ = 0;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  std::vector<std::vector<const jt::Member*>> sorted_;  // a buffer per depth (node)
  std::array<KeyFacts, 1024> keys_{};                   // key_facts' cache (keys, short values), direct-mapped
  size_t depth_ = 0;
};

}  // namespace

namespace {

// The documents' text after opts.prefix, with room for what the last text
// took (one session compiles much the same pipeline again): grown by
// doubling instead, a 1,000-task compiled text (1.2-1.4 MB) was copied
// twenty times over as it grew.
std::string write_documents(const jt::Value* docs, size_t n, const YamlWriteOptions& opts) {
  static std::atomic<size_t> last_size{0};
  Emitter e(opts);
  e.reserve(last_size.load(std::memory_order_relaxed));
  e.prefix(opts.prefix);
  for (size_t i = 0; i < n; ++i) e.document(docs[i], i == 0);
  std::string text = e.take();
  last_size.store(text.size(), std::memory_order_relaxed);
  return text;
}

}  // namespace

std::string write_yaml(const jt::Value& doc, const YamlWriteOptions& opts) { return write_documents(&doc, 1, opts); }

std::string write_yaml_all(const std::vector<jt::Value>& docs, const YamlWriteOptions& opts) {
  return write_documents(docs.data(), docs.size(), opts);
}

std::string write_yaml(const Json& doc, const YamlWriteOptions& opts) {
  jt::Arena arena;
  return write_yaml(jt::Value(doc), opts);
}

std::string write_yaml_all(const std::vector<Json>& docs, const YamlWriteOptions& opts) {
  jt::Arena arena;
  std::vector<jt::Value> trees;
  trees.reserve(docs.size());
  for (const auto& d : docs) trees.emplace_back(d);
  return write_yaml_all(trees, opts);
}

}  // namespace kfp
