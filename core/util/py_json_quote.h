// Python's json.dumps(s) for one string, as KFP's SDK writes it into IR and
// Argo text (placeholders, annotations): one escaper for the emitters and the
// IR placeholder printer (there were two).
#pragma once
#include <string>
#include <string_view>

namespace kfp {

// Appends json.dumps(s) with ensure_ascii: "..." with \" \\ \n \r \t \b \f,
// \u00XX for other control characters and DEL, \uXXXX (lowercase hex,
// surrogate pairs above U+FFFF) for non-ASCII. A byte that does not start
// a well-formed UTF-8 sequence is written as \u00XX (readers reject such
// text before it gets here; this keeps the output valid JSON regardless).
void append_py_json_quoted(std::string& out, std::string_view utf8);

std::string py_json_quote(std::string_view utf8);

}  // namespace kfp
