// See fast_parse.h. A recursive-descent reader of block YAML by indentation.
// Every check below that ends in unsupported() is a place where yaml-cpp
// either reports an error or reads the text in a way this parser does not
// reproduce; giving up there is always safe (yaml-cpp then reads the file).
#include "core/yaml/fast_parse.h"

#include "core/util/hex.h"
#include "core/util/utf8.h"

#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace kfp::yaml {
namespace {

struct Unsupported {};

// yaml-cpp's tags for untagged nodes: "?" plain scalars and collections, "!"
// quoted and block scalars (load.cpp reads them back the same way).
const std::string kPlainTag = "?";
const std::string kQuotedTag = "!";

// Longest key yaml-cpp reads as a simple key (its limit is 1024 characters).
constexpr size_t kMaxKey = 1000;

class Parser {
 public:
  Parser(std::string_view text, YAML::EventHandler& h) : t_(text), n_(text.size()), h_(h) {}

  void document() {
    precheck();
    skip_to_content();
    if (eof()) return;  // yaml-cpp sends no document for blank or comment-only text
    h_.OnDocumentStart(mark(p_));
    block_node(-1);
    skip_to_content();
    if (!eof()) unsupported();
    h_.OnDocumentEnd();
  }

 private:
  [[noreturn]] static void unsupported() { throw Unsupported{}; }

  // Bytes and line shapes this parser never handles, checked once up front.
  void precheck() {
    line_starts_.push_back(0);
    for (size_t i = 0; i < n_; ++i) {
      unsigned char c = static_cast<unsigned char>(t_[i]);
      if (c == '\n') {
        line_starts_.push_back(static_cast<uint32_t>(i + 1));
        continue;
      }
      if (c >= 0x80) {
        i += utf8_char_len(i) - 1;
        continue;
      }
      if (c == 0x7F || c < 0x20) unsupported();  // tabs, CR, control bytes
    }
    // A last line of spaces with no newline after it: yaml-cpp keeps one of
    // those spaces at the end of a folded block scalar that ends there
    // (found by fuzz_yaml_fast). Nobody writes it; leave it to yaml-cpp.
    if (n_ && t_[n_ - 1] != '\n') {
      std::string_view last = t_.substr(line_starts_.back());
      if (last.find_first_not_of(' ') == std::string_view::npos) unsupported();
    }
    // Document markers and directives start a line.
    for (uint32_t s : line_starts_) {
      std::string_view line = t_.substr(s, 3);
      if (line == "---" || line == "..." || (!line.empty() && line[0] == '%')) unsupported();
    }
  }

  // The length of the UTF-8 character at i, for characters yaml-cpp reads
  // as ordinary text: it reads UTF-8 byte by byte (its marks count bytes, as
  // ours do) and none of its rules looks at bytes above 0x7F, except for
  // what is declined here: byte-order marks (it skips them between tokens),
  // C1 controls and NEL (not printable, or a line break in YAML 1.1), the
  // line and paragraph separators, U+FFFE/U+FFFF, and malformed sequences
  // (load.cpp rejects those first; mutated test inputs need not).
  size_t utf8_char_len(size_t i) const {
    char32_t cp;
    size_t len = utf8_decode(t_, i, &cp);
    if (len == 0 || cp <= 0x9F || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
      unsupported();
    return len;
  }

  // --- positions -----------------------------------------------------------
  size_t line_of(size_t pos) {
    // Positions mostly move forward: try the last line found, then the next.
    size_t h = hint_;
    if (line_starts_[h] <= pos && (h + 1 == line_starts_.size() || pos < line_starts_[h + 1])) return h;
    if (h + 1 < line_starts_.size() && line_starts_[h + 1] <= pos &&
        (h + 2 == line_starts_.size() || pos < line_starts_[h + 2]))
      return hint_ = h + 1;
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<uint32_t>(pos));
    return hint_ = static_cast<size_t>(it - line_starts_.begin()) - 1;
  }
  int col(size_t pos) { return static_cast<int>(pos - line_starts_[line_of(pos)]); }
  YAML::Mark mark(size_t pos) {
    YAML::Mark m;
    m.pos = static_cast<int>(pos);
    m.line = static_cast<int>(line_of(pos));
    // At the end of the text (a null value there), yaml-cpp's mark is at
    // column 0 of the last line, or where an indented block closes when the
    // last line is unfinished ("  " or "# c" without a line break): only the
    // first is reproduced here.
    if (pos >= n_ && t_[n_ - 1] != '\n') unsupported();
    m.column = pos >= n_ ? 0 : col(pos);
    return m;
  }

  // --- characters ----------------------------------------------------------
  bool eof() const { return p_ >= n_; }
  char at(size_t i) const { return i < n_ ? t_[i] : '\0'; }
  bool blank_or_end(size_t i) const { return i >= n_ || t_[i] == ' ' || t_[i] == '\n'; }
  bool seq_entry(size_t i) const { return at(i) == '-' && blank_or_end(i + 1); }
  void skip_spaces() {
    while (p_ < n_ && t_[p_] == ' ') ++p_;
  }
  // A comment needs a blank before it; "a#b" is text, and text glued to a
  // token is something this parser leaves to yaml-cpp.
  void skip_comment() {
    if (at(p_) != '#') return;
    if (p_ > 0 && t_[p_ - 1] != ' ' && t_[p_ - 1] != '\n') unsupported();
    while (p_ < n_ && t_[p_] != '\n') ++p_;
  }
  // Past blanks, comments and line breaks, to the next token (or the end).
  void skip_to_content() {
    for (;;) {
      skip_spaces();
      skip_comment();
      if (at(p_) != '\n') return;
      ++p_;
    }
  }
  // After a value on its line: only blanks and a comment may follow.
  void end_of_line() {
    skip_spaces();
    skip_comment();
    if (!eof() && t_[p_] != '\n') unsupported();
  }

  // --- events --------------------------------------------------------------
  void scalar(size_t at_pos, bool plain, const std::string& value) {
    // yaml-cpp's parser turns the plain null spellings into null events.
    if (plain && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL"))
      return h_.OnNull(mark(at_pos), YAML::NullAnchor);
    h_.OnScalar(mark(at_pos), plain ? kPlainTag : kQuotedTag, YAML::NullAnchor, value);
  }

  // --- block structure -----------------------------------------------------
  // A node whose first token is at p_ (on a line of its own or after "- "),
  // indented more than `parent`.
  void block_node(int parent) {
    Nested guard(*this);
    char c = t_[p_];
    if (seq_entry(p_)) return block_seq(col(p_));
    // Flow collections and block scalars first: "{a: b}" is not a key.
    bool scalar_or_flow = c == '|' || c == '>' || c == '[' || c == '{';
    if (!scalar_or_flow && starts_key()) return block_map(col(p_));
    inline_value(parent);
  }

  // Whether the token at p_ is the key of a block mapping entry.
  bool starts_key() {
    char c = t_[p_];
    if (c == '"' || c == '\'') {
      size_t save = p_;
      (void)quoted(-1);
      bool multi_line = t_.substr(save, p_ - save).find('\n') != std::string_view::npos;
      skip_spaces();
      bool key = at(p_) == ':' && blank_or_end(p_ + 1);
      if (key && multi_line) unsupported();
      p_ = save;
      return key;
    }
    for (size_t i = p_; i < n_ && t_[i] != '\n'; ++i) {
      if (t_[i] == ':' && blank_or_end(i + 1)) return true;
      if (t_[i] == '#' && t_[i - 1] == ' ') return false;
    }
    return false;
  }

  void block_map(int m) {
    h_.OnMapStart(mark(p_), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Block);
    for (;;) {
      key();
      skip_spaces();
      if (eof() || t_[p_] == '\n' || t_[p_] == '#') {
        // The value, if any, starts on a later line.
        skip_to_content();
        if (eof()) {
          h_.OnNull(mark(p_), YAML::NullAnchor);
        } else if (col(p_) > m) {
          block_node(m);
        } else if (col(p_) == m && seq_entry(p_)) {
          block_seq(m);  // "key:\n- item": a list may sit at its key's indent
        } else {
          h_.OnNull(mark(p_), YAML::NullAnchor);  // yaml-cpp marks it at the next token
        }
      } else {
        inline_value(m);
      }
      skip_to_content();
      if (eof() || col(p_) < m) break;
      if (col(p_) > m || seq_entry(p_)) unsupported();
    }
    h_.OnMapEnd();
  }

  // A mapping key and its ':' (p_ ends just after the ':').
  void key() {
    size_t at_pos = p_;
    char c = t_[p_];
    std::string k;
    bool plain = !(c == '"' || c == '\'');
    if (!plain) {
      k = quoted(-1);
      if (t_.substr(at_pos, p_ - at_pos).find('\n') != std::string_view::npos) unsupported();
      skip_spaces();
    } else {
      if (starts_with_indicator(c) && !(c == '-' && !blank_or_end(p_ + 1))) unsupported();
      size_t i = p_;
      while (i < n_ && t_[i] != '\n' && !(t_[i] == ':' && blank_or_end(i + 1))) {
        if (t_[i] == '#' && t_[i - 1] == ' ') unsupported();
        ++i;
      }
      size_t end = i;
      while (end > p_ && t_[end - 1] == ' ') --end;
      k.assign(t_.substr(p_, end - p_));
      p_ = i;
    }
    if (p_ - at_pos > kMaxKey || at(p_) != ':' || !blank_or_end(p_ + 1)) unsupported();
    ++p_;
    scalar(at_pos, plain, k);
  }

  // A scalar or flow collection: a mapping value on its key's line, or a
  // node that is neither a list nor a mapping. `m`: the enclosing indentation.
  void inline_value(int m) {
    char c = t_[p_];
    if (c == '|' || c == '>') return block_scalar(m);
    if (c == '[' || c == '{') {
      flow_node();
      return end_of_line();
    }
    if (c == '"' || c == '\'') {
      size_t at_pos = p_;
      std::string v = quoted(m);
      scalar(at_pos, false, v);
      return end_of_line();
    }
    plain_value(m);
  }

  void block_seq(int s) {
    h_.OnSequenceStart(mark(p_), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Block);
    for (;;) {
      ++p_;  // the '-'
      skip_spaces();
      if (eof() || t_[p_] == '\n' || t_[p_] == '#') {
        skip_to_content();
        if (!eof() && col(p_) > s)
          block_node(s);
        else
          h_.OnNull(mark(p_), YAML::NullAnchor);
      } else {
        block_node(s);  // "- x", "- k: v", "- - x": the item starts on this line
      }
      skip_to_content();
      if (eof() || col(p_) < s) break;
      if (col(p_) > s) unsupported();
      if (!seq_entry(p_)) break;  // "key:\n- a\nkey2: ...": the mapping goes on
    }
    h_.OnSequenceEnd();
  }

  // --- scalars -------------------------------------------------------------
  static bool starts_with_indicator(char c) {
    switch (c) {
      case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}':
      case '#': case '&': case '*': case '!': case '|': case '>': case '\'': case '"':
      case '%': case '@': case '`':
        return true;
      default:
        return false;
    }
  }

  // A plain scalar in block context. It goes on over the following lines
  // indented more than `parent` (yaml-cpp's rule: the enclosing block's
  // indentation + 1), folded: one space per line break, or one "\n" per
  // empty line between. A comment ends it.
  void plain_value(int parent) {
    size_t at_pos = p_;
    char c = t_[p_];
    if (starts_with_indicator(c) && !(c == '-' && !blank_or_end(p_ + 1))) unsupported();
    std::string v;
    for (;;) {
      bool comment = plain_line(v);
      if (comment) break;
      // p_ is at the line break (or the end): is the next line more text?
      size_t q = p_, empty = 0, sp = 0;
      for (;;) {
        if (q >= n_) break;
        ++q;  // the '\n'
        sp = 0;
        while (q + sp < n_ && t_[q + sp] == ' ') ++sp;
        if (q + sp < n_ && t_[q + sp] == '\n') {
          ++empty;
          q += sp;
          continue;
        }
        break;
      }
      if (q + sp >= n_ || static_cast<int>(sp) <= parent || t_[q + sp] == '#') break;
      v.append(empty ? empty : 1, empty ? '\n' : ' ');
      p_ = q + sp;
    }
    scalar(at_pos, true, v);
    end_of_line();
  }
  // One line's part of a plain scalar, appended to `v`; p_ ends past its
  // last non-blank. Returns whether a comment follows on the line.
  bool plain_line(std::string& v) {
    size_t i = p_;
    bool comment = false;
    while (i < n_ && t_[i] != '\n') {
      if (t_[i] == '#' && t_[i - 1] == ' ') {
        comment = true;
        break;
      }
      if (t_[i] == ':' && blank_or_end(i + 1)) unsupported();  // "a: b: c" is an error
      ++i;
    }
    size_t end = i;
    while (end > p_ && t_[end - 1] == ' ') --end;
    v.append(t_.substr(p_, end - p_));
    p_ = comment ? i : end;
    if (!comment) skip_spaces();
    return comment;
  }

  // A quoted scalar starting at p_ (which is on a quote); p_ ends past the
  // closing quote. Continuation lines must be indented past `parent`.
  std::string quoted(int parent) {
    char q = t_[p_++];
    std::string v;
    size_t keep = 0;  // escaped characters at the end are not trimmed when folding
    for (;;) {
      if (eof()) unsupported();
      char c = t_[p_];
      if (c == q) {
        if (q == '\'' && at(p_ + 1) == '\'') {
          v += '\'';
          p_ += 2;
          keep = v.size();
          continue;
        }
        ++p_;
        return v;
      }
      if (c == '\n') {
        fold(v, keep, parent, q);
        continue;
      }
      if (c == '\\' && q == '"') {
        escape(v, parent);
        keep = v.size();
        continue;
      }
      v += c;
      ++p_;
    }
  }

  // A line break inside quotes: trailing blanks go, the break becomes a
  // space, or one "\n" per empty line that follows it.
  void fold(std::string& v, size_t keep, int parent, char quote) {
    while (v.size() > keep && v.back() == ' ') v.pop_back();
    ++p_;
    size_t empty = 0;
    for (;;) {
      skip_spaces();
      if (at(p_) != '\n') break;
      ++empty;
      ++p_;
    }
    continuation(parent);
    // yaml-cpp writes one "\n" for any number of empty lines before the
    // closing quote, and none when nothing came before them (found by
    // fuzz_yaml_fast: '" \n\n"' is "" to yaml-cpp).
    if (empty && at(p_) == quote && (empty > 1 || v.empty())) unsupported();
    if (empty)
      v.append(empty, '\n');
    else
      v += ' ';
  }
  void continuation(int parent) {
    if (eof() || col(p_) <= parent) unsupported();
  }

  void escape(std::string& v, int parent) {
    char e = at(p_ + 1);
    p_ += 2;
    switch (e) {
      case '0': v += '\0'; return;
      case 'a': v += '\a'; return;
      case 'b': v += '\b'; return;
      case 't': v += '\t'; return;
      case 'n': v += '\n'; return;
      case 'v': v += '\v'; return;
      case 'f': v += '\f'; return;
      case 'r': v += '\r'; return;
      case 'e': v += '\x1b'; return;
      case ' ': v += ' '; return;
      case '"': v += '"'; return;
      case '/': v += '/'; return;
      case '\\': v += '\\'; return;
      case 'x': return hex(v, 2);
      case 'u': return hex(v, 4);
      case 'U': return hex(v, 8);
      case '\n': {
        // An escaped line break joins the lines with nothing between them.
        skip_spaces();
        if (at(p_) == '\n') unsupported();
        continuation(parent);
        return;
      }
      default: unsupported();
    }
  }
  void hex(std::string& v, int digits) {
    uint32_t cp = 0;
    for (int i = 0; i < digits; ++i) {
      const int d = hex_digit(at(p_));
      if (d < 0) unsupported();
      cp = cp * 16 + static_cast<uint32_t>(d);
      ++p_;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) unsupported();
    if (cp > 0x10FFFF) unsupported();
    append_utf8(v, static_cast<char32_t>(cp));
  }

  // "|" or ">" with an optional chomping indicator; the content is indented
  // more than `parent`, by the first non-empty line's indentation.
  void block_scalar(int parent) {
    size_t at_pos = p_;
    bool folded = t_[p_++] == '>';
    char chomp = 0;
    if (at(p_) == '-' || at(p_) == '+') chomp = t_[p_++];
    if (!blank_or_end(p_)) unsupported();  // an indentation digit, or "|-x"
    if (folded && chomp == '+') unsupported();  // yaml-cpp keeps one break fewer than YAML says
    skip_spaces();
    skip_comment();
    if (at(p_) != '\n') unsupported();
    ++p_;  // the header's line break
    // The content's indentation: the first non-empty line's.
    size_t indent = 0, widest_blank = 0;
    for (size_t q = p_;;) {
      size_t sp = 0;
      while (q + sp < n_ && t_[q + sp] == ' ') ++sp;
      if (q + sp >= n_) unsupported();  // nothing but blank lines to the end
      if (t_[q + sp] != '\n') {
        indent = sp;
        break;
      }
      widest_blank = std::max(widest_blank, sp);
      q += sp + 1;
    }
    if (static_cast<int>(indent) <= parent || indent == 0 || widest_blank > indent) unsupported();

    std::string v;
    size_t pending_breaks = 0;  // empty lines since the last content line
    bool any = false, last_had_break = false;
    while (!eof()) {
      size_t sp = 0;
      while (p_ + sp < n_ && t_[p_ + sp] == ' ') ++sp;
      size_t eol = p_ + sp;
      if (eol >= n_ || t_[eol] == '\n') {  // an empty line
        if (sp > indent) unsupported();    // blanks that would be content
        if (eol >= n_) {
          p_ = n_;
          break;
        }
        ++pending_breaks;
        p_ = eol + 1;
        continue;
      }
      if (sp < indent) break;  // the parent's next line
      if (folded && sp > indent) unsupported();  // more-indented lines keep their breaks
      size_t end = t_.find('\n', eol);
      if (end == std::string_view::npos) end = n_;
      if (!any) {
        v.append(pending_breaks, '\n');  // empty lines before the first content line
      } else {
        if (!folded || pending_breaks) {
          v.append(folded ? pending_breaks : pending_breaks + 1, '\n');
        } else {
          v += ' ';
        }
      }
      pending_breaks = 0;
      v.append(t_.substr(p_ + indent, end - p_ - indent));
      any = true;
      last_had_break = end < n_;
      p_ = end < n_ ? end + 1 : n_;
    }
    // Chomping: "-" drops the final break, clip keeps one, "+" keeps all.
    if (chomp != '-' && last_had_break) v += '\n';
    if (chomp == '+') v.append(pending_breaks, '\n');
    scalar(at_pos, false, v);
  }

  // --- flow collections ----------------------------------------------------
  void flow_node() {
    Nested guard(*this);
    char open = t_[p_];
    bool seq = open == '[';
    char close = seq ? ']' : '}';
    if (seq)
      h_.OnSequenceStart(mark(p_), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Flow);
    else
      h_.OnMapStart(mark(p_), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Flow);
    ++p_;
    for (;;) {
      flow_space();
      if (at(p_) == close) break;
      if (seq) {
        flow_item(false);
      } else {
        if (at(p_) == '[' || at(p_) == '{') unsupported();  // a collection as a key
        flow_item(true);
        flow_space();
        if (at(p_) != ':' || !blank_or_end(p_ + 1)) unsupported();
        ++p_;
        flow_space();
        if (at(p_) == ',' || at(p_) == '}') unsupported();  // "{a: }": an empty value
        flow_item(false);
      }
      flow_space();
      if (at(p_) == ',') {
        ++p_;
        continue;
      }
      if (at(p_) != close) unsupported();
      break;
    }
    ++p_;
    if (seq)
      h_.OnSequenceEnd();
    else
      h_.OnMapEnd();
  }
  // Blanks and line breaks between flow tokens; comments are left to
  // yaml-cpp. Indentation does not matter inside [ ] and { } (to yaml-cpp).
  void flow_space() {
    for (;;) {
      skip_spaces();
      if (at(p_) == '#') unsupported();
      if (at(p_) != '\n') return;
      ++p_;
    }
  }
  // A flow item; `key`: a mapping key, which a ':' ends.
  void flow_item(bool key) {
    char c = at(p_);
    if (c == '[' || c == '{') return flow_node();
    size_t at_pos = p_;
    if (c == '"' || c == '\'') {
      std::string v = quoted(-1);
      skip_spaces();
      if (!key && at(p_) == ':') unsupported();  // a pair inside a list
      return scalar(at_pos, false, v);
    }
    if (starts_with_indicator(c) && !(c == '-' && !blank_or_end(p_ + 1) && at(p_ + 1) != ',')) unsupported();
    std::string v;
    for (;;) {
      size_t i = p_;
      while (i < n_) {
        char d = t_[i];
        if (d == ',' || d == ']' || d == '}' || d == '\n') break;
        if (d == ':' && key && blank_or_end(i + 1)) break;
        // yaml-cpp ends a flow scalar at any of ",?[]{}" (then fails on the '?').
        if (d == ':' || d == '#' || d == '[' || d == '{' || d == '?' || d == '"' || d == '\'') unsupported();
        ++i;
      }
      size_t end = i;
      while (end > p_ && t_[end - 1] == ' ') --end;
      if (end == p_) unsupported();
      v.append(t_.substr(p_, end - p_));
      p_ = end;
      if (at(i) != '\n') break;
      if (key) unsupported();  // yaml-cpp reads a key split over lines its own way
      // Folded onto the next line unless that line goes on with the collection.
      size_t q = i, empty = 0;
      for (;;) {
        ++q;
        while (q < n_ && t_[q] == ' ') ++q;
        if (at(q) != '\n') break;
        ++empty;
      }
      char d = at(q);
      if (d == ',' || d == ']' || d == '}') break;
      if (q >= n_ || d == ':' || d == '#' || d == '?' || d == '[' || d == '{' || d == '"' || d == '\'' ||
          (d == '-' && blank_or_end(q + 1)))
        unsupported();
      v.append(empty ? empty : 1, empty ? '\n' : ' ');
      p_ = q;
    }
    scalar(at_pos, true, v);
  }

  std::string_view t_;
  size_t n_;
  YAML::EventHandler& h_;
  std::vector<uint32_t> line_starts_;
  size_t hint_ = 0;

  // Nesting, bounded so that the recursion never nears the stack's end
  // whatever handler gets the events (fuzz_yaml_fast's recorder has no
  // limit of its own), and below yaml-cpp's own guard (it throws at about
  // 500 levels), which stays the authority on deeper text.
  static constexpr int kMaxNesting = 400;
  int nesting_ = 0;
  struct Nested {
    Parser& p;
    explicit Nested(Parser& parser) : p(parser) {
      if (++p.nesting_ > kMaxNesting) unsupported();
    }
    ~Nested() { --p.nesting_; }
  };
  size_t p_ = 0;
};

}  // namespace

bool fast_parse(std::string_view text, YAML::EventHandler& handler) {
  try {
    Parser(text, handler).document();
    return true;
  } catch (const Unsupported&) {
    return false;
  }
}

}  // namespace kfp::yaml
