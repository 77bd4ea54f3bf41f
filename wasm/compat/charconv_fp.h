// Toolchain shim, wasm build only (forced into kfpcore's translation units by
// wasm/CMakeLists.txt). Emscripten 3.1.6 ships libc++ 13, which has
// std::chars_format but no floating-point std::to_chars; the core uses
// to_chars(double, chars_format) for Python's float repr (core/emit/pyfmt.cpp).
// This supplies that overload with the standard's meaning: the shortest digits
// that read back as the same double. Native builds (libstdc++ 12) never see it.
#pragma once
#ifdef __cplusplus
#include <charconv>
#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 14000
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace std {

inline to_chars_result to_chars(char* first, char* last, double value, chars_format fmt) {
  const char* spec = fmt == chars_format::scientific ? "%.*e" : fmt == chars_format::fixed ? "%.*f" : "%.*g";
  char buf[400];
  int n = 0;
  // Fewest digits that round-trip (17 significant digits always do).
  for (int p = (fmt == chars_format::scientific || fmt == chars_format::fixed) ? 0 : 1; p <= 40; ++p) {
    n = std::snprintf(buf, sizeof buf, spec, p, value);
    if (n > 0 && std::strtod(buf, nullptr) == value) break;
  }
  if (n <= 0 || n > last - first) return {last, errc::value_too_large};
  std::memcpy(first, buf, static_cast<size_t>(n));
  return {first + n, errc{}};
}

inline to_chars_result to_chars(char* first, char* last, double value) {
  return to_chars(first, last, value, chars_format::general);
}

}  // namespace std
#endif
#endif
