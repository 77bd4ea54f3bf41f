// Recursive-descent parser for the Python subset: a module of statements with
// Python's own precedence rules. Syntax errors are reported at their line:col
// (err_py_syntax); the parser then skips to the next line and goes on, so one
// typo does not hide the rest of the file.
#pragma once
#include <string_view>

#include "core/diag/diagnostic.h"
#include "core/python/ast.h"

namespace kfp::py {

Module parse_module(std::string_view text, FileId file, Sink& sink);

}  // namespace kfp::py
