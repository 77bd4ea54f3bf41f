// Embind bindings: strings in, one JSON string out (docs/wasm-api.md). Only
// calls into core/api_json.h, the same functions `kfpc analyze` uses, so the
// page and the CLI cannot disagree. Nothing throws across this boundary: the
// core reports every failure as a diagnostic in the result.
#include <emscripten/bind.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdlib>
#include <string>

// Emscripten's dlmalloc (system/lib/dlmalloc.c) defines it; its headers do not declare it.
extern "C" size_t malloc_max_footprint(void);

#include "core/api_json.h"
#include "core/argo/lint.h"
#include "core/layout/layout_json.h"
#include "core/python/read_python.h"
#include "core/read/readers.h"
#include "wasm/absent.h"
#include "wasm/bindings.h"

namespace kfp::wasm {
bool reached_absent_part = false;
}

// The JS half of text() below: one TextDecoder (made on first use) over the
// bytes in place. In EM_JS rather than through val::call, whose method caller
// is a thread_local, which wasm-ld refuses in a module that uses bulk memory
// without atomics (the top CMakeLists.txt says why bulk memory).
EM_JS(emscripten::EM_VAL, kfp_decode_utf8, (const char* bytes, size_t size), {
  if (!Module.kfpDecoder) Module.kfpDecoder = new TextDecoder('utf-8');
  return Emval.toHandle(Module.kfpDecoder.decode(HEAPU8.subarray(bytes, bytes + size)));
});

// A JS string's UTF-8 bytes, written by TextEncoder.encodeInto straight into
// a malloc'd buffer (the caller frees it); *size gets their count. Embind's own
// std::string parameter walks the string twice in JS first (length, then the
// bytes): 5 % of a 1,000-task analysis in a V8 profile. The bytes are the
// same for any string without lone surrogates, which JSON.stringify (what
// the worker sends) never leaves.
EM_JS(char*, kfp_encode_utf8, (emscripten::EM_VAL handle, size_t* size), {
  var s = Emval.toValue(handle);
  if (typeof s !== 'string') throw new TypeError('expected a string');
  if (!Module.kfpEncoder) Module.kfpEncoder = new TextEncoder();
  // Room for ASCII first (one byte a unit); text that does not fit is encoded
  // again with room for its longest (3 bytes a UTF-16 unit).
  for (var room = s.length + 1;; room = s.length * 3 + 1) {
    var ptr = _malloc(room);
    if (!ptr) throw new RangeError('out of memory for ' + s.length + ' characters');
    var r = Module.kfpEncoder.encodeInto(s, HEAPU8.subarray(ptr, ptr + room));
    if (r.read === s.length) {
      HEAPU32[size >> 2] = r.written;
      return ptr;
    }
    _free(ptr);
  }
});

namespace kfp::wasm {

using emscripten::val;

// A result as a JS string, decoded by one TextDecoder call over its bytes in
// place. Embind's std::string return walks every byte in JS twice (looking
// for NULs) before decoding: a fifth of a 100-task analysis in Node. The text
// is the same: UTF-8 decoded, a NUL kept as U+0000.
val text(const std::string& s) { return val::take_ownership(kfp_decode_utf8(s.data(), s.size())); }

Utf8Arg::Utf8Arg(const val& s) : data_(kfp_encode_utf8(s.as_handle(), &size_)) {}
Utf8Arg::~Utf8Arg() { std::free(data_); }

}  // namespace kfp::wasm

namespace {

using emscripten::val;
using kfp::wasm::text;
using kfp::wasm::Utf8Arg;

// The files (the large argument) arrive through Utf8Arg; the small ones as Embind strings.
val analyze(const val& files_json, const std::string& options_json) {
  kfp::wasm::reached_absent_part = false;
  Utf8Arg files(files_json);
  return text(kfp::analyze_json(files.view(), std::string_view(options_json)));
}

std::string version() { return kfp::version_string(); }

// kfp_core_lite has no Python front-end (python_absent.cpp): the worker asks
// whether an open file is read as Python and then loads kfp_core.
bool hasPython() { return kfp::python_front_end_built(); }
bool isPythonPath(const std::string& path) { return kfp::is_python_path(path); }
// ... nor the Argo lint (argo_absent.cpp), which only content tells: the last
// analyze met a file this module cannot read, and kfp_core can. (Compiling is
// kfp_core's only: bindings_full.cpp.)
bool hasArgoLint() { return kfp::argo::lint_built(); }
bool needsFullCore() { return kfp::wasm::reached_absent_part; }

// The most the module's heap has held since it started, in bytes (dlmalloc's
// footprint high-water mark: wasm memory is never given back). Read in a
// fresh instance before and after one call, it is that call's peak memory
// (bench/bench_wasm.mjs).
double heapPeakBytes() { return static_cast<double>(malloc_max_footprint()); }

// The page's DAG layout (core/layout/layout_json.h): request JSON in, boxes and routes out.
val layout(const std::string& request) { return text(kfp::layout::layout_json(std::string_view(request))); }

}  // namespace

EMSCRIPTEN_BINDINGS(kfp_core) {
  emscripten::function("analyze", &analyze);
  emscripten::function("version", &version);
  emscripten::function("hasPython", &hasPython);
  emscripten::function("isPythonPath", &isPythonPath);
  emscripten::function("layout", &layout);
  emscripten::function("hasArgoLint", &hasArgoLint);
  emscripten::function("needsFullCore", &needsFullCore);
  emscripten::function("heapPeakBytes", &heapPeakBytes);
}
