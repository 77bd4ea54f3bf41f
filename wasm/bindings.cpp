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

#include "core/api_json.h"
#include "core/argo/schema_validate.h"
#include "core/layout/layout_json.h"
#include "core/python/read_python.h"
#include "core/read/readers.h"
#include "core/submit/submit_json.h"

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

namespace {

using emscripten::val;

// A string argument's UTF-8 text, for as long as the call lasts (see kfp_encode_utf8).
class Utf8Arg {
 public:
  explicit Utf8Arg(const val& s) : data_(kfp_encode_utf8(s.as_handle(), &size_)) {}
  ~Utf8Arg() { std::free(data_); }
  Utf8Arg(const Utf8Arg&) = delete;
  Utf8Arg& operator=(const Utf8Arg&) = delete;
  std::string_view view() const { return {data_, size_}; }

 private:
  size_t size_ = 0;
  char* data_;
};

// A result as a JS string, decoded by one TextDecoder call over its bytes in
// place. Embind's std::string return walks every byte in JS twice (looking
// for NULs) before decoding: a fifth of a 100-task analysis in Node. The text
// is the same: UTF-8 decoded, a NUL kept as U+0000.
val text(const std::string& s) { return val::take_ownership(kfp_decode_utf8(s.data(), s.size())); }

// The files (the large argument) arrive through Utf8Arg; the small ones as Embind strings.
val analyze(const val& files_json, const std::string& options_json) {
  Utf8Arg files(files_json);
  return text(kfp::analyze_json(files.view(), std::string_view(options_json)));
}

val compile(const val& files_json, const std::string& target, const std::string& options_json) {
  Utf8Arg files(files_json);
  return text(kfp::compile_json(files.view(), std::string_view(target), std::string_view(options_json)));
}

std::string version() { return kfp::version_string(); }

// kfp_core_lite has no Python front-end (python_absent.cpp): the worker asks
// whether an open file is read as Python and then loads kfp_core.
bool hasPython() { return kfp::python_front_end_built(); }
bool isPythonPath(const std::string& path) { return kfp::is_python_path(path); }

// The page's DAG layout (core/layout/layout_json.h): request JSON in, boxes and routes out.
val layout(const std::string& request) { return text(kfp::layout::layout_json(std::string_view(request))); }

// The Argo schema is not embedded in the wasm: the page hands in argo-schema.json.
bool setArgoSchema(const std::string& text) { return kfp::argo::set_builtin_schema(text); }
bool hasArgoSchema() { return kfp::argo::have_builtin_schema(); }

// Submitting to a KFP API / Argo Server (core/submit/submit_json.h). The page
// only performs the fetch() each step asks for and reports what came back.
val submit_form(const std::string& files_json, const std::string& options_json) {
  return text(kfp::submit::form_json(files_json, options_json));
}
val submit_prepare(const std::string& files_json, const std::string& options_json, const std::string& request_json) {
  return text(kfp::submit::prepare_json(files_json, options_json, request_json));
}
val submit_start(const std::string& config_json) { return text(kfp::submit::start_json(config_json)); }
val submit_step(const std::string& state_json, const std::string& response_json) {
  return text(kfp::submit::step_json(state_json, response_json));
}
val submit_request(const std::string& kind, const std::string& endpoint_json, const std::string& args_json) {
  return text(kfp::submit::one_request_json(kind, endpoint_json, args_json));
}
val submit_explain(const std::string& response_json, const std::string& endpoint_json) {
  return text(kfp::submit::explain_json(response_json, endpoint_json));
}

}  // namespace

EMSCRIPTEN_BINDINGS(kfp_core) {
  emscripten::function("analyze", &analyze);
  emscripten::function("compile", &compile);
  emscripten::function("version", &version);
  emscripten::function("hasPython", &hasPython);
  emscripten::function("isPythonPath", &isPythonPath);
  emscripten::function("layout", &layout);
  emscripten::function("setArgoSchema", &setArgoSchema);
  emscripten::function("hasArgoSchema", &hasArgoSchema);
  emscripten::function("submitForm", &submit_form);
  emscripten::function("submitPrepare", &submit_prepare);
  emscripten::function("submitStart", &submit_start);
  emscripten::function("submitStep", &submit_step);
  emscripten::function("submitRequest", &submit_request);
  emscripten::function("submitExplain", &submit_explain);
}
