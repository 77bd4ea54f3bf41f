// What the binding files of the wasm modules share (bindings.cpp, bindings_full.cpp).
#pragma once
#include <emscripten/val.h>

#include <string>

namespace kfp::wasm {

// A result as a JS string (one TextDecoder call over its bytes: bindings.cpp).
emscripten::val text(const std::string& s);

}  // namespace kfp::wasm
