// The Python subset reader: tokens, AST shapes and positions, syntax errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/python/lexer.h"
#include "core/python/parser.h"

using namespace kfp;
using namespace kfp::py;

namespace {

struct Parsed {
  Sink sink;
  Module m;
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.m = parse_module(text, 0, p.sink);
  return p;
}

std::string diags(const Sink& s) {
  std::string out;
  for (const auto& d : s.all())
    out += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " " + d.message() + "\n";
  return out;
}

}  // namespace

TEST(PythonLexer, IndentDedentAndPositions) {
  Sink sink;
  std::string src = "def f(a):\n    x = 1\n\n    # c\n    return x\ny = 'a' \"b\"\n";
  auto toks = tokenize(src, 0, sink);
  EXPECT_TRUE(sink.all().empty()) << diags(sink);
  int indents = 0, dedents = 0;
  for (const auto& t : toks) {
    indents += t.kind == Tok::Indent;
    dedents += t.kind == Tok::Dedent;
  }
  EXPECT_EQ(indents, 1);
  EXPECT_EQ(dedents, 1);
  // `return` is on line 5, column 5.
  bool found = false;
  for (const auto& t : toks)
    if (t.text == "return") {
      found = true;
      EXPECT_EQ(t.span.begin.line, 5u);
      EXPECT_EQ(t.span.begin.col, 5u);
    }
  EXPECT_TRUE(found);
}

TEST(PythonLexer, StringEscapesKeepSourceOffsets) {
  Sink sink;
  std::string src = "s = 'a\\nb'\n";
  auto toks = tokenize(src, 0, sink);
  ASSERT_GE(toks.size(), 3u);
  const Token& s = toks[2];
  ASSERT_EQ(s.kind, Tok::String);
  EXPECT_EQ(s.str, "a\nb");
  ASSERT_EQ(s.str_off.size(), 4u);
  EXPECT_EQ(s.str_off[0], 5u);  // 'a'
  EXPECT_EQ(s.str_off[1], 6u);  // the backslash of \n
  EXPECT_EQ(s.str_off[2], 8u);  // 'b'
}

// \x, \u and \U read their hex digits in either case (core/util/hex.h); a
// short escape is an error, not a guess.
TEST(PythonLexer, HexEscapesInEitherCase) {
  Sink sink;
  auto toks = tokenize("a = '\\x4a\\x4A\\u00E9\\u00e9\\U0001F600'\nb = '\\x4'\n", 0, sink);
  std::vector<std::string> strs;
  for (const auto& t : toks)
    if (t.kind == Tok::String) strs.push_back(t.str);
  ASSERT_GE(strs.size(), 1u);
  EXPECT_EQ(strs[0], "JJ\xc3\xa9\xc3\xa9\xf0\x9f\x98\x80");
  ASSERT_EQ(sink.all().size(), 1u) << diags(sink);
  EXPECT_NE(sink.all()[0].message().find("truncated \\x escape"), std::string::npos) << diags(sink);
}

TEST(PythonLexer, RawAndTripleQuoted) {
  Sink sink;
  auto toks = tokenize("a = r'x\\d'\nb = '''l1\nl2'''\n", 0, sink);
  EXPECT_TRUE(sink.all().empty()) << diags(sink);
  std::vector<std::string> strs;
  for (const auto& t : toks)
    if (t.kind == Tok::String) strs.push_back(t.str);
  ASSERT_EQ(strs.size(), 2u);
  EXPECT_EQ(strs[0], "x\\d");
  EXPECT_EQ(strs[1], "l1\nl2");
}

TEST(PythonParser, DecoratedFunctionWithAnnotationsAndDefaults) {
  auto p = parse(
      "from kfp import dsl\n"
      "@dsl.pipeline(name='p')\n"
      "def pipe(a: int = 1, b: str = 'x', *, c: float):\n"
      "    \"\"\"Doc.\"\"\"\n"
      "    t = comp(x=a).set_display_name('n')\n"
      "    t.after(t)\n");
  ASSERT_TRUE(p.sink.all().empty()) << diags(p.sink);
  ASSERT_EQ(p.m.body.size(), 2u);
  const Stmt& f = *p.m.body[1];
  EXPECT_EQ(f.kind, StmtKind::FunctionDef);
  EXPECT_EQ(f.name, "pipe");
  ASSERT_EQ(f.decorators.size(), 1u);
  EXPECT_EQ(f.decorators[0]->kind, ExprKind::Call);
  ASSERT_EQ(f.params.size(), 4u);
  EXPECT_EQ(f.params[0].name, "a");
  EXPECT_EQ(f.params[0].span.begin.line, 3u);
  EXPECT_EQ(f.params[0].span.begin.col, 10u);
  EXPECT_EQ(f.params[2].star, "*");
  EXPECT_TRUE(f.has_docstring);
  EXPECT_EQ(f.docstring, "Doc.");
  ASSERT_EQ(f.body.size(), 3u);
  const Stmt& assign = *f.body[1];
  EXPECT_EQ(assign.kind, StmtKind::Assign);
  EXPECT_EQ(assign.value->kind, ExprKind::Call);
  EXPECT_EQ(assign.value->value->kind, ExprKind::Attribute);
  EXPECT_EQ(assign.value->value->name, "set_display_name");
  // The keyword argument x=a: name at 5:14, value at 5:16.
  const Expr& inner = *assign.value->value->value;
  ASSERT_EQ(inner.keywords.size(), 1u);
  EXPECT_EQ(inner.keywords[0].name_span.begin.col, 14u);
  EXPECT_EQ(inner.keywords[0].value->span.begin.col, 16u);
  EXPECT_EQ(f.def_line_offset, 20u);  // the first decorator's line
}

TEST(PythonParser, LiteralsAndOperators) {
  auto p = parse(
      "x = [1, -2, 3.5, 'a' 'b', None, True, {'k': (1,)}, 0x10]\n"
      "y = not a and b or c == 1\n"
      "z = a if b else c\n"
      "w = f'{a}-{b.c}x{{'\n");
  ASSERT_TRUE(p.sink.all().empty()) << diags(p.sink);
  const Expr& l = *p.m.body[0]->value;
  ASSERT_EQ(l.kind, ExprKind::List);
  ASSERT_EQ(l.items.size(), 8u);
  EXPECT_EQ(l.items[0]->i, 1);
  EXPECT_EQ(l.items[1]->kind, ExprKind::UnaryOp);
  EXPECT_DOUBLE_EQ(l.items[2]->f, 3.5);
  EXPECT_EQ(l.items[3]->s, "ab");
  EXPECT_EQ(l.items[3]->s_off.size(), 3u);
  EXPECT_EQ(l.items[3]->s_off[1], 22u);
  EXPECT_EQ(l.items[4]->ck, ConstKind::None);
  EXPECT_EQ(l.items[6]->kind, ExprKind::Dict);
  EXPECT_EQ(l.items[7]->i, 16);
  EXPECT_EQ(p.m.body[1]->value->kind, ExprKind::BoolOp);
  EXPECT_EQ(p.m.body[1]->value->name, "or");
  EXPECT_EQ(p.m.body[2]->value->kind, ExprKind::IfExp);
  const Expr& f = *p.m.body[3]->value;
  ASSERT_EQ(f.kind, ExprKind::FString);
  ASSERT_EQ(f.parts.size(), 4u);
  EXPECT_TRUE(f.parts[0].is_expr);
  EXPECT_EQ(f.parts[0].expr->name, "a");
  EXPECT_EQ(f.parts[0].expr->span.begin.col, 8u);
  EXPECT_EQ(f.parts[1].text, "-");
  EXPECT_EQ(f.parts[2].expr->kind, ExprKind::Attribute);
  EXPECT_EQ(f.parts[2].expr->span.begin.col, 12u);
  EXPECT_EQ(f.parts[3].text, "x{");
}

TEST(PythonParser, WithIfMainAndImports) {
  auto p = parse(
      "import kfp\n"
      "from kfp.dsl import (Input, Output as O)\n"
      "with dsl.Condition(a == 'x', name='c') as c:\n"
      "    pass\n"
      "if __name__ == '__main__':\n"
      "    main()\n"
      "elif x:\n"
      "    pass\n"
      "else:\n"
      "    pass\n");
  ASSERT_TRUE(p.sink.all().empty()) << diags(p.sink);
  ASSERT_EQ(p.m.body.size(), 4u);
  EXPECT_EQ(p.m.body[1]->names.size(), 2u);
  EXPECT_EQ(p.m.body[1]->names[1].asname, "O");
  EXPECT_EQ(p.m.body[2]->kind, StmtKind::With);
  EXPECT_EQ(p.m.body[2]->items[0].target->name, "c");
  EXPECT_EQ(p.m.body[3]->orelse.size(), 1u);
  EXPECT_EQ(p.m.body[3]->orelse[0]->kind, StmtKind::If);
}

TEST(PythonParser, SyntaxErrorsHaveLineColAndParsingGoesOn) {
  auto p = parse("a = (1,\nb = 2\n");
  ASSERT_FALSE(p.sink.all().empty());
  auto p2 = parse("x = 1 +\ny = 2\nz = )\n");
  ASSERT_EQ(p2.sink.all().size(), 2u) << diags(p2.sink);
  EXPECT_EQ(p2.sink.all()[0].span.begin.line, 1u);
  EXPECT_EQ(p2.sink.all()[0].span.begin.col, 8u);
  EXPECT_EQ(p2.sink.all()[1].span.begin.line, 3u);
  EXPECT_EQ(p2.sink.all()[1].span.begin.col, 5u);
  EXPECT_EQ(p2.m.body.size(), 1u);  // y = 2 survived
  auto p3 = parse("def f(:\n    pass\nx = 1\n");
  EXPECT_EQ(p3.sink.all().size(), 1u) << diags(p3.sink);
  auto p4 = parse("s = 'abc\n");
  ASSERT_FALSE(p4.sink.all().empty());
  EXPECT_EQ(p4.sink.all()[0].span.begin.col, 5u);
  auto p5 = parse("if x:\n  a = 1\n b = 2\n");
  ASSERT_FALSE(p5.sink.all().empty());
  EXPECT_EQ(p5.sink.all()[0].span.begin.line, 3u);
}

TEST(PythonParser, NeverHangsOnGarbage) {
  std::string junk = "def (((\n\t\t]]]}}}\n@@@\nclass\nwith as:\nfor in\n'''\n";
  for (size_t n = 0; n <= junk.size(); ++n) {
    Sink sink;
    parse_module(junk.substr(0, n), 0, sink);
  }
  SUCCEED();
}

TEST(PythonParser, CorpusGraphPipelinesParseClean) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(KFP_CORPUS) / "graph-pipelines";
  if (!fs::exists(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".py") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    Sink sink;
    Module m = parse_module(ss.str(), 0, sink);
    EXPECT_TRUE(sink.all().empty()) << e.path() << "\n" << diags(sink);
    EXPECT_GE(m.body.size(), 3u);
    ++n;
  }
  EXPECT_EQ(n, 24);
}
