#include "core/yaml/text_scan.h"

#include "core/util/utf8.h"

namespace kfp::yaml {

Pos pos_at(std::string_view text, size_t offset) {
  Pos p{1, 1, 0};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  p.offset = static_cast<uint32_t>(offset);
  return p;
}

std::optional<EncodingError> find_encoding_error(std::string_view t) {
  size_t i = 0;
  const size_t n = t.size();
  auto at = [&](size_t off, bool nul) { return EncodingError{pos_at(t, off), nul}; };
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == 0) return at(i, true);
    if (c < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    size_t len = utf8_decode(t, i, &cp);
    if (len == 0) return at(i, false);
    i += len;
  }
  return std::nullopt;
}

Pos scalar_end(std::string_view t, Pos b) {
  size_t i = b.offset;
  if (i >= t.size()) return b;
  char q = t[i];
  size_t j = i;
  if (q == '"' || q == '\'') {
    ++j;
    while (j < t.size()) {
      if (q == '"' && t[j] == '\\') {
        j += 2;
        continue;
      }
      if (t[j] == q) {
        if (q == '\'' && j + 1 < t.size() && t[j + 1] == '\'') {
          j += 2;
          continue;
        }
        ++j;
        break;
      }
      ++j;
    }
  } else if (q == '|' || q == '>') {
    // Block scalar: the span covers the indicator line only.
    while (j < t.size() && t[j] != '\n') ++j;
  } else {
    // Plain scalar on one line: stop at ": ", " #", flow indicators or EOL.
    while (j < t.size() && t[j] != '\n') {
      char c = t[j];
      if (c == ':' && (j + 1 == t.size() || t[j + 1] == ' ' || t[j + 1] == '\n')) break;
      if (c == '#' && j > i && (t[j - 1] == ' ' || t[j - 1] == '\t')) break;
      if (c == ',' || c == ']' || c == '}') break;
      ++j;
    }
    while (j > i && (t[j - 1] == ' ' || t[j - 1] == '\t' || t[j - 1] == '\r')) --j;
  }
  if (j > t.size()) j = t.size();
  Pos e = b;
  for (size_t k = i; k < j; ++k) {
    if (t[k] == '\n') {
      ++e.line;
      e.col = 1;
    } else {
      ++e.col;
    }
  }
  e.offset = static_cast<uint32_t>(j);
  return e;
}

static size_t line_start(std::string_view t, Pos p) {
  size_t off = p.offset < t.size() ? p.offset : t.size();
  while (off > 0 && t[off - 1] != '\n') --off;
  return off;
}

bool line_indented_with_tab(std::string_view t, Pos p) {
  // Check the error line and the one before it: yaml-cpp often reports the
  // position after the offending indentation.
  size_t s = line_start(t, p);
  for (int k = 0; k < 2; ++k) {
    for (size_t i = s; i < t.size() && (t[i] == ' ' || t[i] == '\t'); ++i)
      if (t[i] == '\t') return true;
    if (s == 0) break;
    Pos prev = pos_at(t, s - 1);
    s = line_start(t, prev);
  }
  return false;
}

Pos tab_position(std::string_view t, Pos p) {
  size_t s = line_start(t, p);
  for (int k = 0; k < 2; ++k) {
    for (size_t i = s; i < t.size() && (t[i] == ' ' || t[i] == '\t'); ++i)
      if (t[i] == '\t') return pos_at(t, i);
    if (s == 0) break;
    s = line_start(t, pos_at(t, s - 1));
  }
  return p;
}

}  // namespace kfp::yaml
