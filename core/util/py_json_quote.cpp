#include "core/util/py_json_quote.h"

#include <cstdio>

#include "core/util/utf8.h"

namespace kfp {

void append_py_json_quoted(std::string& out, std::string_view s) {
  auto hex4 = [&out](unsigned v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\u%04x", v & 0xFFFFu);
    out += buf;
  };
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7f) hex4(c);
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    char32_t cp;
    const size_t len = utf8_decode(s, i, &cp);
    if (len == 0) {  // malformed: the byte itself
      hex4(c);
      ++i;
      continue;
    }
    if (cp >= 0x10000) {  // Python writes a surrogate pair
      cp -= 0x10000;
      hex4(0xD800 + (cp >> 10));
      hex4(0xDC00 + (cp & 0x3FF));
    } else {
      hex4(cp);
    }
    i += len;
  }
  out += '"';
}

std::string py_json_quote(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + 2);
  append_py_json_quoted(out, utf8);
  return out;
}

}  // namespace kfp
