// The bindings only kfp_core has: compiling (core/emit/), submitting to a KFP
// API or an Argo Server (core/submit/) and handing in the Argo schema
// (core/argo/). kfp_core_lite, the first visit's module, is linked without
// them (wasm/CMakeLists.txt); the worker moves to kfp_core for an export, a
// submit and an Argo file (docs/wasm-api.md). A second EMSCRIPTEN_BINDINGS
// block adds these to the same module object as bindings.cpp's.
#include <emscripten/bind.h>

#include <string>

#include "core/api_json.h"
#include "core/argo/schema_validate.h"
#include "core/submit/submit_json.h"
#include "wasm/bindings.h"

namespace {

using emscripten::val;
using kfp::wasm::text;
using kfp::wasm::Utf8Arg;

// The files (the large argument) arrive through Utf8Arg; the small ones as Embind strings.
val compile(const val& files_json, const std::string& target, const std::string& options_json) {
  Utf8Arg files(files_json);
  return text(kfp::compile_json(files.view(), std::string_view(target), std::string_view(options_json)));
}

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

EMSCRIPTEN_BINDINGS(kfp_core_full) {
  emscripten::function("compile", &compile);
  emscripten::function("setArgoSchema", &setArgoSchema);
  emscripten::function("hasArgoSchema", &hasArgoSchema);
  emscripten::function("submitForm", &submit_form);
  emscripten::function("submitPrepare", &submit_prepare);
  emscripten::function("submitStart", &submit_start);
  emscripten::function("submitStep", &submit_step);
  emscripten::function("submitRequest", &submit_request);
  emscripten::function("submitExplain", &submit_explain);
}
