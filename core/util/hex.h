// The value of one hexadecimal digit, for the escape readers (YAML's \x \u \U,
// Python's \x \u \U, JSON's \u): 0-15, or -1 for any other character.
#pragma once

namespace kfp {

constexpr int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace kfp
