#include "core/python/lexer.h"

#include "core/util/hex.h"
#include "core/util/utf8.h"

#include <cctype>
#include <cstring>

namespace kfp::py {
namespace {

bool is_ident_start(unsigned char c) { return c == '_' || std::isalpha(c) || c >= 0x80; }
bool is_ident_char(unsigned char c) { return is_ident_start(c) || std::isdigit(c); }


constexpr const char* kOps3[] = {"**=", "//=", ">>=", "<<=", "..."};
constexpr const char* kOps2[] = {"->", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", ":=",
                                 "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
constexpr const char kOps1[] = "+-*/%@&|^~<>()[]{},:.;=";

class Lexer {
 public:
  Lexer(std::string_view text, uint32_t begin, uint32_t end, Pos start, FileId file, Sink& sink, bool expr)
      : t_(text), i_(begin), end_(end), line_(start.line), col_(start.col), file_(file), sink_(sink),
        expr_only_(expr) {}

  std::vector<Token> run() {
    indents_.push_back(0);
    bool at_line_start = !expr_only_;
    while (true) {
      if (at_line_start) {
        if (!indentation()) continue;  // blank or comment-only line: the next line starts a line too
        at_line_start = false;
      }
      skip_spaces();
      if (i_ >= end_) break;
      char c = t_[i_];
      if (c == '#') {
        while (i_ < end_ && t_[i_] != '\n') adv();
        continue;
      }
      if (c == '\\' && i_ + 1 < end_ && (t_[i_ + 1] == '\n' || t_[i_ + 1] == '\r')) {
        adv();
        if (t_[i_] == '\r') adv();
        if (i_ < end_ && t_[i_] == '\n') adv();
        continue;
      }
      if (c == '\n' || c == '\r') {
        Pos p = pos();
        adv();
        if (c == '\r' && i_ < end_ && t_[i_] == '\n') adv();
        if (depth_ == 0 && !expr_only_) {
          if (!out_.empty() && out_.back().kind != Tok::Newline && out_.back().kind != Tok::Indent &&
              out_.back().kind != Tok::Dedent)
            push(Tok::Newline, p, p, {});
          at_line_start = true;
        }
        continue;
      }
      lex_token();
    }
    Pos p = pos();
    if (!expr_only_) {
      if (!out_.empty() && out_.back().kind != Tok::Newline && out_.back().kind != Tok::Dedent)
        push(Tok::Newline, p, p, {});
      while (indents_.size() > 1) {
        indents_.pop_back();
        push(Tok::Dedent, p, p, {});
      }
    }
    push(Tok::End, p, p, {});
    return std::move(out_);
  }

 private:
  Pos pos() const { return Pos{line_, col_, i_}; }
  void adv() {
    if (t_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++i_;
  }
  void skip_spaces() {
    while (i_ < end_ && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\f')) adv();
  }
  void error(Pos p, std::string msg) {
    sink_.report(DiagId::err_py_syntax, Span{file_, p, Pos{p.line, p.col + 1, p.offset + 1}}, {std::move(msg)});
  }
  Token& push(Tok k, Pos b, Pos e, std::string_view text) {
    Token tok;
    tok.kind = k;
    tok.span = Span{file_, b, e};
    tok.text = text;
    out_.push_back(std::move(tok));
    return out_.back();
  }

  // Measures the indentation of a new logical line and emits INDENT/DEDENT.
  // Returns false for a blank or comment-only line (no tokens).
  bool indentation() {
    if (depth_ > 0) return true;
    uint32_t width = 0;
    while (i_ < end_ && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\f')) {
      width = t_[i_] == '\t' ? (width / 8 + 1) * 8 : width + 1;
      adv();
    }
    if (i_ >= end_) return true;
    char c = t_[i_];
    if (c == '#' || c == '\n' || c == '\r') {
      while (i_ < end_ && t_[i_] != '\n' && t_[i_] != '\r') adv();
      if (i_ < end_) {
        bool cr = t_[i_] == '\r';
        adv();
        if (cr && i_ < end_ && t_[i_] == '\n') adv();
      }
      return false;
    }
    if (c == '\\' && i_ + 1 < end_ && t_[i_ + 1] == '\n') return true;
    Pos p = pos();
    if (width > indents_.back()) {
      indents_.push_back(width);
      push(Tok::Indent, p, p, {});
    } else {
      while (width < indents_.back()) {
        indents_.pop_back();
        push(Tok::Dedent, p, p, {});
      }
      if (width != indents_.back()) error(p, "unindent does not match any outer indentation level");
    }
    return true;
  }

  void lex_token() {
    Pos b = pos();
    uint32_t start = i_;
    unsigned char c = static_cast<unsigned char>(t_[i_]);
    // String prefixes are identifiers followed directly by a quote.
    if (is_ident_start(c)) {
      while (i_ < end_ && is_ident_char(static_cast<unsigned char>(t_[i_]))) adv();
      std::string_view word = t_.substr(start, i_ - start);
      if (i_ < end_ && (t_[i_] == '\'' || t_[i_] == '"') && word.size() <= 2) {
        bool ok = true, raw = false, fstr = false, bytes = false;
        for (char ch : word) {
          char l = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          if (l == 'r') raw = true;
          else if (l == 'f') fstr = true;
          else if (l == 'b') bytes = true;
          else if (l == 'u' && word.size() == 1) {}
          else ok = false;
        }
        if (ok && !(fstr && bytes)) {
          lex_string(b, start, raw, fstr, bytes);
          return;
        }
      }
      push(Tok::Name, b, pos(), word);
      return;
    }
    if (c == '\'' || c == '"') {
      lex_string(b, start, false, false, false);
      return;
    }
    if (std::isdigit(c) || (c == '.' && i_ + 1 < end_ && std::isdigit(static_cast<unsigned char>(t_[i_ + 1])))) {
      lex_number(b, start);
      return;
    }
    for (const char* op : kOps3) {
      if (t_.substr(i_, 3) == op) {
        adv(), adv(), adv();
        push(Tok::Op, b, pos(), t_.substr(start, 3));
        return;
      }
    }
    for (const char* op : kOps2) {
      if (t_.substr(i_, 2) == op) {
        adv(), adv();
        push(Tok::Op, b, pos(), t_.substr(start, 2));
        return;
      }
    }
    if (std::strchr(kOps1, static_cast<char>(c)) && c != 0) {
      if (c == '(' || c == '[' || c == '{') ++depth_;
      if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
      adv();
      push(Tok::Op, b, pos(), t_.substr(start, 1));
      return;
    }
    adv();
    while (i_ < end_ && (static_cast<unsigned char>(t_[i_]) & 0xC0) == 0x80) adv();
    error(b, "invalid character '" + std::string(t_.substr(start, i_ - start)) + "' in Python source");
  }

  void lex_number(Pos b, uint32_t start) {
    auto digits = [&](auto pred) {
      while (i_ < end_ && (pred(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_')) adv();
    };
    if (t_[i_] == '0' && i_ + 1 < end_ && std::strchr("xXoObB", t_[i_ + 1]) && t_[i_ + 1] != 0) {
      adv(), adv();
      digits([](unsigned char ch) { return std::isxdigit(ch) != 0; });
    } else {
      digits([](unsigned char ch) { return std::isdigit(ch) != 0; });
      if (i_ < end_ && t_[i_] == '.') {
        adv();
        digits([](unsigned char ch) { return std::isdigit(ch) != 0; });
      }
      if (i_ < end_ && (t_[i_] == 'e' || t_[i_] == 'E')) {
        uint32_t save_i = i_, save_col = col_;
        adv();
        if (i_ < end_ && (t_[i_] == '+' || t_[i_] == '-')) adv();
        if (i_ < end_ && std::isdigit(static_cast<unsigned char>(t_[i_]))) {
          digits([](unsigned char ch) { return std::isdigit(ch) != 0; });
        } else {
          i_ = save_i;
          col_ = save_col;
        }
      }
      if (i_ < end_ && (t_[i_] == 'j' || t_[i_] == 'J')) adv();
    }
    push(Tok::Number, b, pos(), t_.substr(start, i_ - start));
  }

  void lex_string(Pos b, uint32_t start, bool raw, bool fstr, bool bytes) {
    char q = t_[i_];
    bool triple = t_.substr(i_, 3) == std::string(3, q);
    for (int k = 0; k < (triple ? 3 : 1); ++k) adv();
    Token tok;
    tok.is_fstring = fstr;
    tok.is_raw = raw;
    tok.is_bytes = bytes;
    tok.body_begin = i_;
    std::string& s = tok.str;
    std::vector<uint32_t>& off = tok.str_off;
    auto put = [&](char ch, uint32_t at) {
      s += ch;
      off.push_back(at);
    };
    bool closed = false;
    while (i_ < end_) {
      char c = t_[i_];
      if (c == q && (!triple || t_.substr(i_, 3) == std::string(3, q))) {
        closed = true;
        break;
      }
      if (!triple && (c == '\n' || c == '\r')) break;
      if (c == '\\' && i_ + 1 < end_) {
        uint32_t at = i_;
        char n = t_[i_ + 1];
        if (raw) {  // raw strings keep the backslash, but it still protects a quote
          put('\\', at);
          adv();
          put(n, i_);
          adv();
          continue;
        }
        adv();
        adv();
        switch (n) {
          case '\n': break;  // line continuation inside a string
          case '\\': put('\\', at); break;
          case '\'': put('\'', at); break;
          case '"': put('"', at); break;
          case 'n': put('\n', at); break;
          case 't': put('\t', at); break;
          case 'r': put('\r', at); break;
          case 'a': put('\a', at); break;
          case 'b': put('\b', at); break;
          case 'f': put('\f', at); break;
          case 'v': put('\v', at); break;
          case 'x': case 'u': case 'U': {
            int len = n == 'x' ? 2 : n == 'u' ? 4 : 8;
            if (bytes && n != 'x') {
              put('\\', at);
              put(n, at + 1);
              break;
            }
            uint32_t cp = 0;
            int got = 0;
            while (got < len && i_ < end_ && hex_digit(t_[i_]) >= 0) {
              cp = cp * 16 + static_cast<uint32_t>(hex_digit(t_[i_]));
              adv();
              ++got;
            }
            if (got != len) {
              error(Pos{b.line, b.col, at}, "truncated \\" + std::string(1, n) + " escape in string");
              break;
            }
            size_t before = s.size();
            if (bytes) s += static_cast<char>(cp);
            else append_utf8(s, static_cast<char32_t>(cp));
            while (off.size() < s.size()) off.push_back(at);
            (void)before;
            break;
          }
          case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t cp = static_cast<uint32_t>(n - '0');
            for (int k = 0; k < 2 && i_ < end_ && t_[i_] >= '0' && t_[i_] <= '7'; ++k) {
              cp = cp * 8 + static_cast<uint32_t>(t_[i_] - '0');
              adv();
            }
            if (bytes) s += static_cast<char>(cp & 0xFF);
            else append_utf8(s, static_cast<char32_t>(cp));
            while (off.size() < s.size()) off.push_back(at);
            break;
          }
          case 'N':
            error(Pos{b.line, b.col, at}, "\\N{...} escapes are not supported");
            put('\\', at);
            put('N', at + 1);
            break;
          default:  // unknown escapes keep the backslash, as Python does
            put('\\', at);
            put(n, at + 1);
            break;
        }
        continue;
      }
      put(c, i_);
      adv();
    }
    tok.body_end = i_;
    off.push_back(i_);
    if (!closed) {
      error(b, triple ? "unterminated triple-quoted string" : "unterminated string literal");
    } else {
      for (int k = 0; k < (triple ? 3 : 1); ++k) adv();
    }
    tok.kind = Tok::String;
    tok.span = Span{file_, b, pos()};
    tok.text = t_.substr(start, i_ - start);
    out_.push_back(std::move(tok));
  }

  std::string_view t_;
  uint32_t i_, end_;
  uint32_t line_, col_;
  FileId file_;
  Sink& sink_;
  bool expr_only_;
  int depth_ = 0;
  std::vector<uint32_t> indents_;
  std::vector<Token> out_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text, FileId file, Sink& sink) {
  return Lexer(text, 0, static_cast<uint32_t>(text.size()), Pos{1, 1, 0}, file, sink, false).run();
}

std::vector<Token> tokenize_range(std::string_view text, uint32_t begin, uint32_t end, Pos start, FileId file,
                                  Sink& sink, bool expression_only) {
  return Lexer(text, begin, end, start, file, sink, expression_only).run();
}

Pos advance_pos(std::string_view text, uint32_t from, Pos p, uint32_t offset) {
  for (uint32_t i = from; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  p.offset = offset;
  return p;
}

}  // namespace kfp::py
