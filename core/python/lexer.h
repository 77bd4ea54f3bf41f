// Python tokenizer for the subset KFP pipeline files use (see docs/python.md).
// Produces the tokens Python's own tokenizer would (NAME, NUMBER, STRING, OP,
// NEWLINE, INDENT, DEDENT) with a 1-based line:col span on each. String
// tokens are decoded here, and keep a map from each decoded byte back to its
// source offset, so that text embedded in a string (a component's YAML passed
// to load_component_from_text) can report problems at the right place.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diag/diagnostic.h"

namespace kfp::py {

enum class Tok { Name, Number, String, Op, Newline, Indent, Dedent, End };

struct Token {
  Tok kind = Tok::End;
  std::string_view text;  // the source text of the token
  Span span;
  // String tokens.
  std::string str;                 // decoded value (f-strings: braces kept, see fstring_raw)
  std::vector<uint32_t> str_off;   // source offset of each decoded byte, plus one past the end
  bool is_fstring = false, is_raw = false, is_bytes = false;
  uint32_t body_begin = 0, body_end = 0;  // offsets of the text between the quotes
};

// Tokenizes text[begin, end) of file `file`; `start` is the position of
// text[begin] (so f-string fields can be re-tokenized in place). Problems go
// to `sink` as err_py_syntax at their line:col; tokenizing goes on.
std::vector<Token> tokenize(std::string_view text, FileId file, Sink& sink);
std::vector<Token> tokenize_range(std::string_view text, uint32_t begin, uint32_t end, Pos start, FileId file,
                                  Sink& sink, bool expression_only);

// The position of byte `offset` of `text`, counting from `from` (at `from_pos`).
Pos advance_pos(std::string_view text, uint32_t from, Pos from_pos, uint32_t offset);

}  // namespace kfp::py
