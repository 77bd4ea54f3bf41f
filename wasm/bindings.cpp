// Embind bindings: strings in, one JSON string out (docs/wasm-api.md). Only
// calls into core/api_json.h, the same functions `kfpc analyze` uses, so the
// page and the CLI cannot disagree. Nothing throws across this boundary: the
// core reports every failure as a diagnostic in the result.
#include <emscripten/bind.h>

#include "core/api_json.h"
#include "core/argo/schema_validate.h"
#include "core/layout/layout_json.h"

namespace {

std::string analyze(const std::string& files_json, const std::string& options_json) {
  return kfp::analyze_json(std::string_view(files_json), std::string_view(options_json));
}

std::string compile(const std::string& files_json, const std::string& target, const std::string& options_json) {
  return kfp::compile_json(std::string_view(files_json), std::string_view(target), std::string_view(options_json));
}

std::string version() { return kfp::version_string(); }

// The page's DAG layout (core/layout/layout_json.h): request JSON in, boxes and routes out.
std::string layout(const std::string& request) { return kfp::layout::layout_json(std::string_view(request)); }

// The Argo schema is not embedded in the wasm: the page hands in argo-schema.json.
bool setArgoSchema(const std::string& text) { return kfp::argo::set_builtin_schema(text); }
bool hasArgoSchema() { return kfp::argo::have_builtin_schema(); }

}  // namespace

EMSCRIPTEN_BINDINGS(kfp_core) {
  emscripten::function("analyze", &analyze);
  emscripten::function("compile", &compile);
  emscripten::function("version", &version);
  emscripten::function("layout", &layout);
  emscripten::function("setArgoSchema", &setArgoSchema);
  emscripten::function("hasArgoSchema", &hasArgoSchema);
}
