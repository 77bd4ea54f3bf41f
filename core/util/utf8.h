// UTF-8, one code point at a time: encoding (the YAML fast path's \u
// escapes, the Python lexer's string escapes, the emitters) and strict
// decoding (the YAML encoding check, the fast path, the JSON/YAML writers).
#pragma once
#include <string>
#include <string_view>

namespace kfp {

// Appends the UTF-8 bytes of `c` (the caller passes a valid code point).
// ASCII inline: most code points written are (the YAML writer's line breaks).
void append_utf8_multibyte(std::string& out, char32_t c);
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80)
    out += static_cast<char>(c);
  else
    append_utf8_multibyte(out, c);
}

// The length (1-4) of the well-formed UTF-8 sequence that starts at s[i],
// its code point in *cp; 0 when it is malformed: a stray continuation or
// invalid lead byte, a cut-off sequence, an overlong form, a UTF-16
// surrogate or a code point past U+10FFFF. i < s.size().
size_t utf8_decode(std::string_view s, size_t i, char32_t* cp);

}  // namespace kfp
