// UTF-8 encoding of one code point: shared by the YAML fast path (\u
// escapes), the Python lexer (string escapes) and the emitters.
#pragma once
#include <string>

namespace kfp {

// Appends the UTF-8 bytes of `c` (the caller passes a valid code point).
void append_utf8(std::string& out, char32_t c);

}  // namespace kfp
