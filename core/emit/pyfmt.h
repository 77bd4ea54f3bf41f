// Python's text forms of values, as KFP's compiler produces them: `repr` of a
// float (what PyYAML and json.dumps write for numbers), `str()` of a value
// (the `# Inputs:` header lines), and `json.dumps` of a string (the IR's
// `{"Concat": [...]}` / `{"IfPresent": {...}}` command-line placeholders).
#pragma once
#include <string>

#include "core/util/utf8.h"  // append_utf8
#include "core/yaml/scalar.h"  // Json

namespace kfp {

// repr(float): shortest round-trip digits; fixed notation for 1e-4 <= |x| <
// 1e16, else `1e-05` / `1.5e+16`. `nan`, `inf`, `-inf`.
std::string python_float_repr(double d);

// repr(str): single quotes unless the text has ' and no ", escapes as Python.
std::string python_str_repr(const std::string& s);

// str(value) of the Python object json_format.MessageToDict gives for a
// protobuf Value: numbers are floats (`7.0`), booleans `True`, null `None`,
// strings as-is at the top level, lists/dicts with repr() inside.
std::string python_str(const Json& v);
std::string python_repr(const Json& v);

// json.dumps(v) with default separators (", ", ": "); object keys in
// nlohmann's order (sorted). Floats as repr, `Infinity`, `NaN`.
std::string json_dumps(const Json& v);

// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::u32string utf8_to_u32(std::string_view s);

}  // namespace kfp
