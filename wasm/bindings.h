// What the binding files of the wasm modules share (bindings.cpp, bindings_full.cpp).
#pragma once
#include <emscripten/val.h>

#include <string>
#include <string_view>

namespace kfp::wasm {

// A result as a JS string (one TextDecoder call over its bytes: bindings.cpp).
emscripten::val text(const std::string& s);

// A string argument's UTF-8 text, for as long as the call lasts (one
// TextEncoder.encodeInto into wasm memory: bindings.cpp).
class Utf8Arg {
 public:
  explicit Utf8Arg(const emscripten::val& s);
  ~Utf8Arg();
  Utf8Arg(const Utf8Arg&) = delete;
  Utf8Arg& operator=(const Utf8Arg&) = delete;
  std::string_view view() const { return {data_, size_}; }

 private:
  size_t size_ = 0;
  char* data_;
};

}  // namespace kfp::wasm
