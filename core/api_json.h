// The JSON front door (docs/wasm-api.md): what the wasm bindings return and
// what `kfpc analyze` / `kfpc compile --format json` print. Both call these
// functions, so the page and the CLI give the same answer by construction.
// Nothing here throws; every failure is a diagnostic in the result.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/api.h"

namespace kfp {

// {"schema":1,"files":[{"path","kind"}],"graph":<graph JSON>,"diagnostics":[...],
//  "summary":{"errors":N,"warnings":N}}
// `has_errors` (optional) says whether any diagnostic is an error (kfpc's exit status).
std::string analyze_json(const std::vector<InputFile>& files, const AnalyzeOptions& opts, bool* has_errors = nullptr);

// What `--to ir|argo` produces from an analysis: the text (empty on refusal)
// and every diagnostic to show (the analysis' and the emitter's, sorted).
// compile_json() below is this plus JSON; `kfpc compile` can call it too.
struct Compiled {
  std::string text;
  std::vector<Diagnostic> diagnostics;
};
Compiled compile_analysis(const Analysis& a, std::string_view target);

// {"schema":1,"target":"ir|argo","text":"...","available":true,"diagnostics":[...],"summary":{...}}
// `text` is what `kfpc compile --to <target>` writes; empty on refusal.
std::string compile_json(const std::vector<InputFile>& files, std::string_view target, const AnalyzeOptions& opts);

// The same over JSON text, as the page sends it:
//   files_json   [{"path": "pipeline.yaml", "text": "..."}, ...]
//   options_json {} or {"function": "my_pipeline", "checks": false}
// A malformed request gives a result with one `api` diagnostic.
std::string analyze_json(std::string_view files_json, std::string_view options_json);
std::string compile_json(std::string_view files_json, std::string_view target, std::string_view options_json);

// Shared with the other JSON front doors (core/submit/submit_json.h), so every
// result parses requests and shapes diagnostics the same way.
bool parse_json_request(std::string_view files_json, std::string_view options_json, std::vector<InputFile>* files,
                        AnalyzeOptions* opts, std::string* why);
Json diagnostics_json_array(const std::vector<Diagnostic>& diags, const Workspace& ws, Json* summary);
std::string bad_request_json(const std::string& why);  // {"schema":1,"diagnostics":[<api>],"summary"}

// "kfpc x.y.z"
std::string version_string();

}  // namespace kfp
