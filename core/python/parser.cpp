#include "core/python/parser.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "core/python/lexer.h"

namespace kfp::py {
namespace {

bool is_keyword(std::string_view w) {
  static constexpr std::string_view kw[] = {
      "False", "None",   "True",    "and",      "as",   "assert", "async", "await",  "break",
      "class", "continue", "def",   "del",      "elif", "else",   "except", "finally", "for",
      "from",  "global", "if",      "import",   "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",  "while",  "with",  "yield"};
  for (auto k : kw)
    if (k == w) return true;
  return false;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> toks, FileId file, Sink& sink)
      : text_(text), toks_(std::move(toks)), file_(file), sink_(sink) {}

  Module module() {
    Module m;
    while (!at(Tok::End)) {
      if (at(Tok::Newline)) {
        next();
        continue;
      }
      if (at(Tok::Indent)) {
        error_here("unexpected indent");
        skip_block();
        continue;
      }
      if (at(Tok::Dedent)) {
        next();
        continue;
      }
      statement(m.body);
    }
    return m;
  }

  ExprP lone_expression() {
    ExprP e = test();
    if (!panic_ && !at(Tok::End)) error_here("unexpected '" + std::string(cur().text) + "' in f-string field");
    return e;
  }

 private:
  // --- token helpers ---------------------------------------------------------
  const Token& cur() const { return toks_[p_]; }
  const Token& peek(size_t k = 1) const { return toks_[std::min(p_ + k, toks_.size() - 1)]; }
  bool at(Tok k) const { return cur().kind == k; }
  bool at_op(std::string_view op) const { return cur().kind == Tok::Op && cur().text == op; }
  bool at_kw(std::string_view w) const { return cur().kind == Tok::Name && cur().text == w; }
  const Token& next() {
    const Token& t = toks_[p_];
    if (t.kind != Tok::Newline && t.kind != Tok::Indent && t.kind != Tok::Dedent && t.kind != Tok::End)
      last_end_ = t.span.end;
    if (p_ + 1 < toks_.size()) ++p_;
    return t;
  }
  bool accept_op(std::string_view op) {
    if (!at_op(op)) return false;
    next();
    return true;
  }
  bool accept_kw(std::string_view w) {
    if (!at_kw(w)) return false;
    next();
    return true;
  }
  void error_at(Span s, std::string msg) {
    if (panic_) return;
    panic_ = true;
    sink_.report(DiagId::err_py_syntax, s, {std::move(msg)});
  }
  void error_here(std::string msg) { error_at(cur().span, std::move(msg)); }
  std::string describe(const Token& t) const {
    switch (t.kind) {
      case Tok::Newline: return "end of line";
      case Tok::Indent: return "indent";
      case Tok::Dedent: return "dedent";
      case Tok::End: return "end of file";
      default: return "'" + std::string(t.text) + "'";
    }
  }
  bool expect_op(std::string_view op) {
    if (accept_op(op)) return true;
    error_here("expected '" + std::string(op) + "', found " + describe(cur()));
    return false;
  }
  Span span_from(Pos b) const { return Span{file_, b, last_end_}; }

  // Skips to the end of the current logical line (and a following block).
  void recover() {
    while (!at(Tok::End) && !at(Tok::Newline)) next();
    if (at(Tok::Newline)) next();
    if (at(Tok::Indent)) skip_block();
    panic_ = false;
  }
  void skip_block() {
    int depth = 0;
    do {
      if (at(Tok::Indent)) ++depth;
      if (at(Tok::Dedent)) --depth;
      next();
    } while (depth > 0 && !at(Tok::End));
  }

  // --- statements ------------------------------------------------------------
  void statement(std::vector<StmtP>& out) {
    size_t before = out.size();
    if (at_op("@") || at_kw("def") || at_kw("class") || at_kw("if") || at_kw("with") || at_kw("for") ||
        at_kw("while") || at_kw("try") || at_kw("async")) {
      compound(out);
    } else {
      simple_line(out);
    }
    if (panic_) {
      recover();
      (void)before;
    }
  }

  void simple_line(std::vector<StmtP>& out) {
    while (true) {
      StmtP s = simple();
      if (panic_) return;
      if (s) out.push_back(std::move(s));
      if (accept_op(";")) {
        if (at(Tok::Newline) || at(Tok::End)) break;
        continue;
      }
      break;
    }
    if (at(Tok::Newline)) {
      next();
    } else if (!at(Tok::End) && !at(Tok::Dedent)) {
      error_here("expected end of line, found " + describe(cur()));
    }
  }

  StmtP make(StmtKind k, Pos b) {
    auto s = std::make_unique<Stmt>();
    s->kind = k;
    s->span = Span{file_, b, b};
    return s;
  }

  StmtP simple() {
    Pos b = cur().span.begin;
    if (accept_kw("pass")) {
      auto s = make(StmtKind::Pass, b);
      s->span = span_from(b);
      return s;
    }
    for (std::string_view w : {"break", "continue", "global", "nonlocal", "del", "assert", "raise"}) {
      if (at_kw(w)) {
        auto s = make(StmtKind::Other, b);
        s->what = "'" + std::string(w) + "' statement";
        while (!at(Tok::Newline) && !at(Tok::End) && !at_op(";")) next();
        s->span = span_from(b);
        return s;
      }
    }
    if (accept_kw("return")) {
      auto s = make(StmtKind::Return, b);
      if (!at(Tok::Newline) && !at(Tok::End) && !at_op(";")) s->value = testlist();
      s->span = span_from(b);
      return s;
    }
    if (accept_kw("import")) {
      auto s = make(StmtKind::Import, b);
      do {
        Alias a;
        Pos ab = cur().span.begin;
        a.name = dotted_name();
        if (accept_kw("as")) a.asname = identifier();
        a.span = span_from(ab);
        s->names.push_back(std::move(a));
      } while (!panic_ && accept_op(","));
      s->span = span_from(b);
      return s;
    }
    if (accept_kw("from")) {
      auto s = make(StmtKind::ImportFrom, b);
      while (at_op(".") || at_op("...")) s->level += static_cast<int>(next().text.size());
      if (!at_kw("import")) s->module = dotted_name();
      if (!accept_kw("import")) {
        error_here("expected 'import', found " + describe(cur()));
        return nullptr;
      }
      bool paren = accept_op("(");
      do {
        if (paren && at_op(")")) break;
        Alias a;
        Pos ab = cur().span.begin;
        if (accept_op("*")) a.name = "*";
        else a.name = identifier();
        if (accept_kw("as")) a.asname = identifier();
        a.span = span_from(ab);
        s->names.push_back(std::move(a));
      } while (!panic_ && accept_op(","));
      if (paren) expect_op(")");
      s->span = span_from(b);
      return s;
    }
    // Expression, assignment, annotated or augmented assignment.
    ExprP first = testlist(true);
    if (panic_) return nullptr;
    if (at_op(":")) {
      next();
      auto s = make(StmtKind::AnnAssign, b);
      s->annotation = test();
      if (accept_op("=")) s->value = testlist(true);
      s->targets.push_back(std::move(first));
      s->span = span_from(b);
      return s;
    }
    if (cur().kind == Tok::Op && cur().text.size() >= 2 && cur().text.back() == '=' && cur().text != "==" &&
        cur().text != "<=" && cur().text != ">=" && cur().text != "!=") {
      auto s = make(StmtKind::AugAssign, b);
      s->op = std::string(next().text);
      s->value = testlist(true);
      s->targets.push_back(std::move(first));
      s->span = span_from(b);
      return s;
    }
    if (at_op("=")) {
      auto s = make(StmtKind::Assign, b);
      s->targets.push_back(std::move(first));
      while (accept_op("=")) {
        ExprP rhs = testlist(true);
        if (panic_) return nullptr;
        s->targets.push_back(std::move(rhs));
      }
      s->value = std::move(s->targets.back());
      s->targets.pop_back();
      s->span = span_from(b);
      return s;
    }
    auto s = make(StmtKind::Expr, b);
    s->value = std::move(first);
    s->span = span_from(b);
    return s;
  }

  std::string identifier() {
    if (at(Tok::Name) && !is_keyword(cur().text)) return std::string(next().text);
    error_here("expected a name, found " + describe(cur()));
    return {};
  }
  std::string dotted_name() {
    std::string n = identifier();
    while (!panic_ && accept_op(".")) n += "." + identifier();
    return n;
  }

  // A block after ':' : either simple statements on the same line or an
  // indented block.
  void suite(std::vector<StmtP>& out) {
    if (!expect_op(":")) return;
    if (!at(Tok::Newline)) {
      simple_line(out);
      return;
    }
    next();
    if (!at(Tok::Indent)) {
      error_here("expected an indented block");
      return;
    }
    next();
    while (!at(Tok::Dedent) && !at(Tok::End)) {
      if (at(Tok::Newline)) {
        next();
        continue;
      }
      statement(out);
    }
    if (at(Tok::Dedent)) next();
  }

  void compound(std::vector<StmtP>& out) {
    Pos b = cur().span.begin;
    std::vector<ExprP> decorators;
    while (accept_op("@")) {
      decorators.push_back(test());
      if (panic_) return;
      if (!at(Tok::Newline)) {
        error_here("expected end of line after the decorator");
        return;
      }
      next();
    }
    bool is_async = accept_kw("async");
    if (at_kw("def")) {
      out.push_back(function_def(b, std::move(decorators), is_async));
      return;
    }
    if (at_kw("class") && !is_async) {
      out.push_back(class_def(b, std::move(decorators)));
      return;
    }
    if (!decorators.empty()) {
      error_here("expected 'def' or 'class' after decorators, found " + describe(cur()));
      return;
    }
    if (at_kw("if")) {
      out.push_back(if_stmt());
      return;
    }
    if (at_kw("with")) {
      next();
      auto s = make(StmtKind::With, b);
      s->is_async = is_async;
      do {
        WithItem it;
        it.context = test();
        if (accept_kw("as")) it.target = target();
        s->items.push_back(std::move(it));
      } while (!panic_ && accept_op(","));
      if (panic_) return;
      s->span = span_from(b);
      suite(s->body);
      out.push_back(std::move(s));
      return;
    }
    if (at_kw("for")) {
      next();
      auto s = make(StmtKind::For, b);
      s->is_async = is_async;
      s->target = target_list();
      if (!panic_ && !accept_kw("in")) error_here("expected 'in', found " + describe(cur()));
      if (panic_) return;
      s->iter = testlist();
      if (panic_) return;
      s->span = span_from(b);
      suite(s->body);
      if (!panic_ && accept_kw("else")) suite(s->orelse);
      out.push_back(std::move(s));
      return;
    }
    if (at_kw("while")) {
      next();
      auto s = make(StmtKind::While, b);
      s->test = test();
      if (panic_) return;
      s->span = span_from(b);
      suite(s->body);
      if (!panic_ && accept_kw("else")) suite(s->orelse);
      out.push_back(std::move(s));
      return;
    }
    if (at_kw("try")) {
      next();
      auto s = make(StmtKind::Other, b);
      s->what = "a 'try' statement";
      s->span = span_from(b);
      suite(s->body);
      while (!panic_ && (at_kw("except") || at_kw("else") || at_kw("finally"))) {
        next();
        while (!panic_ && !at_op(":") && !at(Tok::Newline) && !at(Tok::End)) next();
        suite(s->orelse);
      }
      out.push_back(std::move(s));
      return;
    }
    error_here("unexpected " + describe(cur()));
  }

  StmtP function_def(Pos b, std::vector<ExprP> decorators, bool is_async) {
    auto s = make(StmtKind::FunctionDef, b);
    s->is_async = is_async;
    s->decorators = std::move(decorators);
    // The function's own source begins at its first line (decorators
    // included); KFP strips the decorators itself (see kfp_component.cpp).
    uint32_t off = b.offset;
    while (off > 0 && text_[off - 1] != '\n') --off;
    s->def_line_offset = off;
    next();  // def
    s->name_span = cur().span;
    s->name = identifier();
    if (panic_ || !expect_op("(")) return s;
    while (!panic_ && !at_op(")")) {
      Param p;
      if (at_op("*") || at_op("**") || at_op("/")) {
        p.star = std::string(next().text);
        if (p.star != "/" && at(Tok::Name)) {
          p.span = cur().span;
          p.name = identifier();
        }
      } else {
        p.span = cur().span;
        p.name = identifier();
      }
      if (!p.name.empty() && accept_op(":")) p.annotation = test();
      if (accept_op("=")) p.default_value = test();
      s->params.push_back(std::move(p));
      if (!accept_op(",")) break;
    }
    if (panic_ || !expect_op(")")) return s;
    if (accept_op("->")) s->returns = test();
    if (panic_) return s;
    s->span = span_from(b);
    suite(s->body);
    s->end_offset = last_end_.offset;
    docstring(*s);
    return s;
  }

  StmtP class_def(Pos b, std::vector<ExprP> decorators) {
    auto s = make(StmtKind::ClassDef, b);
    s->decorators = std::move(decorators);
    next();  // class
    s->name_span = cur().span;
    s->name = identifier();
    if (accept_op("(")) {
      while (!panic_ && !at_op(")")) {
        if (at(Tok::Name) && peek().kind == Tok::Op && peek().text == "=") {
          next();
          next();
          test();
        } else {
          s->bases.push_back(test());
        }
        if (!accept_op(",")) break;
      }
      expect_op(")");
    }
    if (panic_) return s;
    s->span = span_from(b);
    suite(s->body);
    s->end_offset = last_end_.offset;
    docstring(*s);
    return s;
  }

  void docstring(Stmt& s) {
    if (s.body.empty()) return;
    const Stmt& first = *s.body.front();
    if (first.kind == StmtKind::Expr && first.value && first.value->kind == ExprKind::Const &&
        first.value->ck == ConstKind::Str) {
      s.has_docstring = true;
      s.docstring = first.value->s;
    }
  }

  StmtP if_stmt() {
    Pos b = cur().span.begin;
    next();  // if / elif
    auto s = make(StmtKind::If, b);
    s->test = test();
    if (panic_) return s;
    s->span = span_from(b);
    suite(s->body);
    if (panic_) return s;
    if (at_kw("elif")) {
      s->orelse.push_back(if_stmt());
    } else if (accept_kw("else")) {
      suite(s->orelse);
    }
    return s;
  }

  ExprP target() { return or_expr(); }
  ExprP target_list() {
    return comma_list([&] { return target(); }, [&] { return at_kw("in"); });
  }

  // `item` alone, or `item, item, ...` as a bare Tuple (target lists,
  // testlists, subscript lists); `ends` says where a trailing comma stops it.
  template <class Item, class Ends>
  ExprP comma_list(Item item, Ends ends) {
    Pos b = cur().span.begin;
    ExprP first = item();
    if (!at_op(",")) return first;
    auto t = make_expr(ExprKind::Tuple, b);
    t->items.push_back(std::move(first));
    while (accept_op(",")) {
      if (ends()) break;
      t->items.push_back(item());
    }
    t->span = span_from(b);
    return t;
  }

  // --- expressions -----------------------------------------------------------
  ExprP make_expr(ExprKind k, Pos b) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->span = Span{file_, b, b};
    return e;
  }

  // testlist: a bare tuple when there are commas (`a, b = f()`, `return x, y`).
  ExprP testlist(bool allow_star = false) {
    return comma_list([&] { return allow_star && at_op("*") ? star_expr() : test(); },
                      [&] {
                        return at(Tok::Newline) || at(Tok::End) || at_op("=") || at_op(")") || at_op(";") ||
                               at_op(":");
                      });
  }

  ExprP star_expr() {
    Pos b = cur().span.begin;
    auto e = make_expr(ExprKind::Starred, b);
    e->name = std::string(next().text);
    e->value = e->name == "**" ? test() : or_expr();
    e->span = span_from(b);
    return e;
  }

  ExprP test() {
    if (panic_) return make_expr(ExprKind::Const, cur().span.begin);
    Pos b = cur().span.begin;
    if (at_kw("lambda")) {
      next();
      auto e = make_expr(ExprKind::Lambda, b);
      while (!panic_ && !at_op(":") && !at(Tok::Newline) && !at(Tok::End)) next();
      expect_op(":");
      e->value = test();
      e->span = span_from(b);
      return e;
    }
    ExprP body = or_test();
    if (at_kw("if") && !panic_) {
      next();
      auto e = make_expr(ExprKind::IfExp, b);
      e->items.push_back(std::move(body));
      e->items.push_back(or_test());
      if (!accept_kw("else")) error_here("expected 'else' in conditional expression, found " + describe(cur()));
      e->items.push_back(test());
      e->span = span_from(b);
      return e;
    }
    if (at_op(":=")) error_here("assignment expressions (:=) are not supported");
    return body;
  }

  ExprP bool_chain(const char* kw, ExprP (Parser::*sub)()) {
    Pos b = cur().span.begin;
    ExprP first = (this->*sub)();
    if (!at_kw(kw)) return first;
    auto e = make_expr(ExprKind::BoolOp, b);
    e->name = kw;
    e->items.push_back(std::move(first));
    while (!panic_ && accept_kw(kw)) e->items.push_back((this->*sub)());
    e->span = span_from(b);
    return e;
  }
  ExprP or_test() { return bool_chain("or", &Parser::and_test); }
  ExprP and_test() { return bool_chain("and", &Parser::not_test); }
  ExprP not_test() {
    if (!at_kw("not")) return comparison();
    Pos b = cur().span.begin;
    next();
    auto e = make_expr(ExprKind::UnaryOp, b);
    e->name = "not";
    e->value = not_test();
    e->span = span_from(b);
    return e;
  }

  std::string comp_op() {
    if (cur().kind == Tok::Op) {
      for (std::string_view op : {"<", ">", "==", ">=", "<=", "!="})
        if (cur().text == op) return std::string(next().text);
      return {};
    }
    if (at_kw("in")) return next(), "in";
    if (at_kw("not") && peek().kind == Tok::Name && peek().text == "in") return next(), next(), "not in";
    if (at_kw("is")) {
      next();
      if (accept_kw("not")) return "is not";
      return "is";
    }
    return {};
  }

  ExprP comparison() {
    Pos b = cur().span.begin;
    ExprP first = or_expr();
    std::string op = comp_op();
    if (op.empty()) return first;
    auto e = make_expr(ExprKind::Compare, b);
    e->items.push_back(std::move(first));
    while (!op.empty() && !panic_) {
      e->ops.push_back(op);
      e->items.push_back(or_expr());
      op = comp_op();
    }
    e->span = span_from(b);
    return e;
  }

  ExprP binary(std::initializer_list<std::string_view> ops, ExprP (Parser::*sub)()) {
    Pos b = cur().span.begin;
    ExprP left = (this->*sub)();
    while (!panic_ && cur().kind == Tok::Op) {
      bool match = false;
      for (auto op : ops) match = match || cur().text == op;
      if (!match) break;
      auto e = make_expr(ExprKind::BinOp, b);
      e->name = std::string(next().text);
      e->items.push_back(std::move(left));
      e->items.push_back((this->*sub)());
      e->span = span_from(b);
      left = std::move(e);
    }
    return left;
  }
  ExprP or_expr() { return binary({"|"}, &Parser::xor_expr); }
  ExprP xor_expr() { return binary({"^"}, &Parser::and_expr); }
  ExprP and_expr() { return binary({"&"}, &Parser::shift_expr); }
  ExprP shift_expr() { return binary({"<<", ">>"}, &Parser::arith_expr); }
  ExprP arith_expr() { return binary({"+", "-"}, &Parser::term); }
  ExprP term() { return binary({"*", "/", "//", "%", "@"}, &Parser::factor); }
  ExprP factor() {
    if (at_op("-") || at_op("+") || at_op("~")) {
      Pos b = cur().span.begin;
      auto e = make_expr(ExprKind::UnaryOp, b);
      e->name = std::string(next().text);
      e->value = factor();
      e->span = span_from(b);
      return e;
    }
    return power();
  }
  ExprP power() {
    Pos b = cur().span.begin;
    if (at_kw("await")) {
      error_here("'await' is not supported");
      return make_expr(ExprKind::Const, b);
    }
    ExprP base = primary();
    if (!at_op("**")) return base;
    auto e = make_expr(ExprKind::BinOp, b);
    e->name = std::string(next().text);
    e->items.push_back(std::move(base));
    e->items.push_back(factor());
    e->span = span_from(b);
    return e;
  }

  ExprP primary() {
    Pos b = cur().span.begin;
    ExprP e = atom();
    while (!panic_) {
      if (accept_op(".")) {
        auto a = make_expr(ExprKind::Attribute, b);
        a->name_span = cur().span;
        a->name = identifier();
        a->value = std::move(e);
        a->span = span_from(b);
        e = std::move(a);
      } else if (at_op("(")) {
        next();
        auto c = make_expr(ExprKind::Call, b);
        c->value = std::move(e);
        call_args(*c);
        expect_op(")");
        c->span = span_from(b);
        e = std::move(c);
      } else if (at_op("[")) {
        next();
        auto s = make_expr(ExprKind::Subscript, b);
        s->value = std::move(e);
        s->index = subscript_list();
        expect_op("]");
        s->span = span_from(b);
        e = std::move(s);
      } else {
        break;
      }
    }
    return e;
  }

  void call_args(Expr& c) {
    while (!panic_ && !at_op(")")) {
      Pos ab = cur().span.begin;
      if (at_op("*") || at_op("**")) {
        ExprP st = star_expr();
        if (st->name == "**") {
          Keyword k;
          k.value = std::move(st);
          k.span = span_from(ab);
          c.keywords.push_back(std::move(k));
        } else {
          c.items.push_back(std::move(st));
        }
      } else if (at(Tok::Name) && peek().kind == Tok::Op && peek().text == "=") {
        Keyword k;
        k.name_span = cur().span;
        k.name = identifier();
        next();  // =
        k.value = test();
        k.span = span_from(ab);
        c.keywords.push_back(std::move(k));
      } else {
        ExprP a = test();
        if (at_kw("for") || at_kw("async")) a = comprehension(ab, std::move(a), ")");
        if (!c.keywords.empty() && !panic_)
          error_at(a->span, "positional argument follows keyword argument");
        c.items.push_back(std::move(a));
      }
      if (!accept_op(",")) break;
    }
  }

  ExprP subscript_list() {
    return comma_list([&] { return subscript(); }, [&] { return at_op("]"); });
  }
  ExprP subscript() {
    Pos b = cur().span.begin;
    ExprP lo;
    if (!at_op(":")) {
      lo = test();
      if (!at_op(":")) return lo;
    }
    auto s = make_expr(ExprKind::Slice, b);
    s->items.push_back(std::move(lo));
    while (accept_op(":")) {
      if (at_op(":") || at_op("]") || at_op(",")) s->items.push_back(nullptr);
      else s->items.push_back(test());
    }
    s->span = span_from(b);
    return s;
  }

  // Skips a comprehension's `for ... in ... if ...` clauses up to `close`.
  ExprP comprehension(Pos b, ExprP elt, std::string_view close) {
    auto c = make_expr(ExprKind::Comprehension, b);
    c->value = std::move(elt);
    int depth = 0;
    while (!at(Tok::End)) {
      if (at(Tok::Op) && (cur().text == "(" || cur().text == "[" || cur().text == "{")) ++depth;
      if (at(Tok::Op) && (cur().text == ")" || cur().text == "]" || cur().text == "}")) {
        if (depth == 0) break;
        --depth;
      }
      if (depth == 0 && at_op(",") && close == ")") break;
      next();
    }
    c->span = span_from(b);
    return c;
  }

  ExprP atom() {
    Pos b = cur().span.begin;
    const Token& t = cur();
    if (t.kind == Tok::Name) {
      if (t.text == "None" || t.text == "True" || t.text == "False") {
        auto e = make_expr(ExprKind::Const, b);
        e->ck = t.text == "None" ? ConstKind::None : ConstKind::Bool;
        e->b = t.text == "True";
        next();
        e->span = span_from(b);
        return e;
      }
      if (is_keyword(t.text)) {
        error_here("unexpected keyword '" + std::string(t.text) + "'");
        return make_expr(ExprKind::Const, b);
      }
      auto e = make_expr(ExprKind::Name, b);
      e->name = std::string(next().text);
      e->span = span_from(b);
      return e;
    }
    if (t.kind == Tok::Number) return number();
    if (t.kind == Tok::String) return strings();
    if (t.kind == Tok::Op) {
      if (t.text == "...") {
        next();
        auto e = make_expr(ExprKind::Const, b);
        e->ck = ConstKind::Ellipsis;
        e->span = span_from(b);
        return e;
      }
      if (t.text == "(") return paren();
      if (t.text == "[") return list_display();
      if (t.text == "{") return brace_display();
    }
    error_here("expected an expression, found " + describe(t));
    return make_expr(ExprKind::Const, b);
  }

  ExprP paren() {
    Pos b = cur().span.begin;
    next();
    if (accept_op(")")) {
      auto e = make_expr(ExprKind::Tuple, b);
      e->span = span_from(b);
      return e;
    }
    ExprP first = at_op("*") ? star_expr() : test();
    if (at_kw("for") || at_kw("async")) {
      ExprP c = comprehension(b, std::move(first), ")");
      expect_op(")");
      c->span = span_from(b);
      return c;
    }
    if (!at_op(",")) {
      expect_op(")");
      return first;  // parentheses only group (the span stays the inner one, as Python's)
    }
    auto e = make_expr(ExprKind::Tuple, b);
    e->items.push_back(std::move(first));
    while (!panic_ && accept_op(",")) {
      if (at_op(")")) break;
      e->items.push_back(at_op("*") ? star_expr() : test());
    }
    expect_op(")");
    e->span = span_from(b);
    return e;
  }

  ExprP list_display() {
    Pos b = cur().span.begin;
    next();
    auto e = make_expr(ExprKind::List, b);
    while (!panic_ && !at_op("]")) {
      ExprP it = at_op("*") ? star_expr() : test();
      if (at_kw("for") || at_kw("async")) {
        ExprP c = comprehension(b, std::move(it), "]");
        expect_op("]");
        c->span = span_from(b);
        return c;
      }
      e->items.push_back(std::move(it));
      if (!accept_op(",")) break;
    }
    expect_op("]");
    e->span = span_from(b);
    return e;
  }

  ExprP brace_display() {
    Pos b = cur().span.begin;
    next();
    auto e = make_expr(ExprKind::Dict, b);
    bool is_set = false, first = true;
    while (!panic_ && !at_op("}")) {
      if (accept_op("**")) {
        e->items.push_back(nullptr);
        e->values.push_back(or_expr());
      } else {
        ExprP k = at_op("*") ? star_expr() : test();
        if (first && !at_op(":")) is_set = true;
        if (at_kw("for") || at_kw("async")) {
          ExprP c = comprehension(b, std::move(k), "}");
          expect_op("}");
          c->span = span_from(b);
          return c;
        }
        if (is_set) {
          e->items.push_back(std::move(k));
        } else {
          expect_op(":");
          ExprP v = test();
          if (at_kw("for") || at_kw("async")) {
            ExprP c = comprehension(b, std::move(v), "}");
            expect_op("}");
            c->span = span_from(b);
            return c;
          }
          e->items.push_back(std::move(k));
          e->values.push_back(std::move(v));
        }
      }
      first = false;
      if (!accept_op(",")) break;
    }
    expect_op("}");
    if (is_set) e->kind = ExprKind::Set;
    e->span = span_from(b);
    return e;
  }

  ExprP number() {
    Pos b = cur().span.begin;
    std::string s;
    for (char c : next().text)
      if (c != '_') s += c;
    auto e = make_expr(ExprKind::Const, b);
    e->span = span_from(b);
    if (!s.empty() && (s.back() == 'j' || s.back() == 'J')) {
      e->ck = ConstKind::Complex;
      return e;
    }
    bool is_float = s.find_first_of(".eE") != std::string::npos && !(s.size() > 1 && (s[1] == 'x' || s[1] == 'X'));
    if (is_float) {
      e->ck = ConstKind::Float;
      e->f = std::strtod(s.c_str(), nullptr);
      return e;
    }
    e->ck = ConstKind::Int;
    int base = 10;
    size_t start = 0;
    if (s.size() > 1 && s[0] == '0' && std::isalpha(static_cast<unsigned char>(s[1]))) {
      char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
      base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      start = 2;
    } else if (s.size() > 1 && s[0] == '0' && s.find_first_not_of('0') != std::string::npos) {
      error_at(e->span, "leading zeros in decimal integer literals are not permitted");
    }
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str() + start, nullptr, base);
    if (errno == ERANGE || v > static_cast<unsigned long long>(INT64_MAX)) {
      e->int_overflow = true;
      e->f = std::strtod(s.c_str(), nullptr);
    }
    e->i = static_cast<int64_t>(v);
    return e;
  }

  // One or more adjacent string tokens: Python joins them at compile time.
  ExprP strings() {
    Pos b = cur().span.begin;
    std::vector<const Token*> parts;
    while (at(Tok::String)) parts.push_back(&next());
    bool any_f = false, any_bytes = false, all_bytes = true;
    for (const Token* t : parts) {
      any_f = any_f || t->is_fstring;
      any_bytes = any_bytes || t->is_bytes;
      all_bytes = all_bytes && t->is_bytes;
    }
    if (any_bytes && !all_bytes) {
      error_at(span_from(b), "cannot mix bytes and nonbytes literals");
      return make_expr(ExprKind::Const, b);
    }
    if (!any_f) {
      auto e = make_expr(ExprKind::Const, b);
      e->ck = all_bytes ? ConstKind::Bytes : ConstKind::Str;
      for (const Token* t : parts) {
        if (!e->s_off.empty()) e->s_off.pop_back();
        e->s += t->str;
        e->s_off.insert(e->s_off.end(), t->str_off.begin(), t->str_off.end());
      }
      e->span = span_from(b);
      return e;
    }
    auto e = make_expr(ExprKind::FString, b);
    for (const Token* t : parts) {
      if (!t->is_fstring) {
        FStringPart p;
        p.text = t->str;
        p.span = t->span;
        e->parts.push_back(std::move(p));
        continue;
      }
      fstring_fields(*t, *e);
    }
    e->span = span_from(b);
    return e;
  }

  void fstring_fields(const Token& t, Expr& e) {
    const std::string& s = t.str;
    std::string lit;
    auto flush = [&]() {
      if (lit.empty()) return;
      FStringPart p;
      p.text = std::move(lit);
      p.span = t.span;
      e.parts.push_back(std::move(p));
      lit.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
        lit += '{';
        ++i;
        continue;
      }
      if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') {
        lit += '}';
        ++i;
        continue;
      }
      if (c == '}') {
        error_at(t.span, "f-string: single '}' is not allowed");
        return;
      }
      if (c != '{') {
        lit += c;
        continue;
      }
      // A field: find its end, and a top-level '!' conversion or ':' spec.
      size_t j = i + 1, expr_end = std::string::npos;
      int depth = 0;
      char quote = 0;
      for (; j < s.size(); ++j) {
        char d = s[j];
        if (quote) {
          if (d == quote) quote = 0;
          continue;
        }
        if (d == '\'' || d == '"') quote = d;
        else if (d == '(' || d == '[' || d == '{') ++depth;
        else if ((d == ')' || d == ']' || d == '}') && depth > 0) --depth;
        else if (depth == 0 && d == '}') break;
        else if (depth == 0 && expr_end == std::string::npos && (d == ':' || (d == '!' && j + 1 < s.size() && s[j + 1] != '=')))
          expr_end = j;
      }
      if (j >= s.size()) {
        error_at(t.span, "f-string: expecting '}'");
        return;
      }
      flush();
      if (expr_end == std::string::npos) expr_end = j;
      FStringPart p;
      p.is_expr = true;
      uint32_t sb = t.str_off[i + 1], se = t.str_off[expr_end];
      p.span = Span{file_, advance_pos(text_, t.span.begin.offset, t.span.begin, sb),
                    advance_pos(text_, t.span.begin.offset, t.span.begin, t.str_off[j] + 1)};
      if (expr_end < j) {
        std::string rest = s.substr(expr_end, j - expr_end);
        if (rest[0] == '!') {
          size_t colon = rest.find(':');
          p.conversion = rest.substr(0, colon);
          if (colon != std::string::npos) p.format_spec = rest.substr(colon);
        } else {
          p.format_spec = rest;
        }
      }
      std::vector<Token> sub = tokenize_range(text_, sb, se, p.span.begin, file_, sink_, true);
      Parser sp(text_, std::move(sub), file_, sink_);
      p.expr = sp.lone_expression();
      if (sp.panic_) panic_ = true;
      e.parts.push_back(std::move(p));
      i = j;
    }
    flush();
  }

  std::string_view text_;
  std::vector<Token> toks_;
  size_t p_ = 0;
  FileId file_;
  Sink& sink_;
  bool panic_ = false;
  Pos last_end_{1, 1, 0};
};

}  // namespace

Module parse_module(std::string_view text, FileId file, Sink& sink) {
  std::vector<Token> toks = tokenize(text, file, sink);
  Parser p(text, std::move(toks), file, sink);
  return p.module();
}

}  // namespace kfp::py
