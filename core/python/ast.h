// The AST of the Python subset (see docs/python.md). One "fat" node type for
// expressions and one for statements keep the tree simple to walk; every node
// carries the Span of the text it came from.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/diag/span.h"

namespace kfp::py {

struct Expr;
struct Stmt;
using ExprP = std::unique_ptr<Expr>;
using StmtP = std::unique_ptr<Stmt>;

enum class ExprKind {
  Name,       // name
  Const,      // None True False 1 1.5 'str' b'..' ... (implicit concatenation already joined)
  FString,    // f'..{x}..': parts
  Attribute,  // value.name
  Subscript,  // value[index]
  Call,       // value(items..., keywords...)
  List, Tuple, Set,
  Dict,       // keys (null for **x) / values
  Compare,    // items[0] ops[0] items[1] ...
  BoolOp,     // name = "and" / "or", items
  UnaryOp,    // name = "not" / "-" / "+" / "~", value
  BinOp,      // items[0] name items[1]
  IfExp,      // items = {body, test, orelse}
  Starred,    // *value (name "*") or **value (name "**", only in calls)
  Slice,      // a:b:c (items, null when omitted)
  Lambda,     // kept only to say it is unsupported
  Comprehension,  // [x for ...] etc.: kept only to say it is unsupported
};

enum class ConstKind { None, Bool, Int, Float, Str, Bytes, Ellipsis, Complex };

struct Keyword {
  std::string name;  // empty for **mapping
  Span name_span;
  ExprP value;
  Span span;
};

struct FStringPart {
  bool is_expr = false;
  std::string text;         // literal text
  ExprP expr;               // the field's expression
  std::string conversion;   // "!r" etc. (unsupported when not empty)
  std::string format_spec;  // ":>10" etc. (unsupported when not empty)
  Span span;
};

struct Expr {
  ExprKind kind = ExprKind::Name;
  Span span;
  std::string name;  // Name id, Attribute attr, operator text, BoolOp "and"/"or"
  Span name_span;    // Attribute: the attribute name
  // Const
  ConstKind ck = ConstKind::None;
  bool b = false;
  int64_t i = 0;
  bool int_overflow = false;
  double f = 0;
  std::string s;               // Str / Bytes: decoded text
  std::vector<uint32_t> s_off;  // source offset of each byte of `s`, plus one past the end
  // Children
  ExprP value;                       // Attribute / Subscript / Call func / UnaryOp / Starred
  ExprP index;                       // Subscript
  std::vector<ExprP> items;          // List/Tuple/Set/Call args/Compare/BoolOp/BinOp/IfExp/Slice/Dict keys
  std::vector<ExprP> values;         // Dict values
  std::vector<std::string> ops;      // Compare
  std::vector<Keyword> keywords;     // Call
  std::vector<FStringPart> parts;    // FString
};

enum class StmtKind {
  Expr, Assign, AnnAssign, AugAssign, Return, Pass,
  Import, ImportFrom,
  FunctionDef, ClassDef,
  If, With, For, While,
  Other,  // try, raise, del, global, assert, break, continue, ...: `what` says which
};

struct Alias {
  std::string name;    // dotted for `import a.b`
  std::string asname;  // empty when absent
  Span span;
};

struct Param {
  std::string name;
  Span span;       // the name
  ExprP annotation;
  ExprP default_value;
  std::string star;  // "", "*", "**", or "/" / "*" markers (name empty)
};

struct WithItem {
  ExprP context;
  ExprP target;  // null without `as`
};

struct Stmt {
  StmtKind kind = StmtKind::Expr;
  Span span;
  std::vector<ExprP> targets;  // Assign: a = b = value; AnnAssign/AugAssign: the one target
  ExprP value;                 // Expr/Assign/AnnAssign/AugAssign/Return value
  ExprP annotation;            // AnnAssign
  std::string op;              // AugAssign operator
  // Imports
  std::string module;  // ImportFrom
  int level = 0;       // ImportFrom leading dots
  std::vector<Alias> names;
  // FunctionDef / ClassDef
  std::string name;
  Span name_span;
  std::vector<ExprP> decorators;
  std::vector<Param> params;
  ExprP returns;
  std::vector<ExprP> bases;          // ClassDef bases (and keywords dropped)
  bool has_docstring = false;
  std::string docstring;             // raw string value (not yet cleaned)
  uint32_t def_line_offset = 0;      // offset of the start of the `def` line (for source text)
  uint32_t end_offset = 0;           // end of the last body line
  bool is_async = false;
  // Blocks
  ExprP test;                        // If / While
  std::vector<WithItem> items;       // With
  ExprP target, iter;                // For
  std::vector<StmtP> body, orelse;
  std::string what;                  // Other
};

struct Module {
  std::vector<StmtP> body;
};

}  // namespace kfp::py
