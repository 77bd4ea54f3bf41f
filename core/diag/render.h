// Renderers over Diagnostic values. All of them print the same messages (from
// diagnostics.def); none invents wording.
#pragma once
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/read/workspace.h"
#include "core/yaml/scalar.h"

namespace kfp {

// Compiler style:
//   file:12:9: error[type-mismatch]: message
//      12 |       seed: {taskOutput: ...}
//         |       ^~~~
//   file:4:5: note: ...
std::string render_text(const std::vector<Diagnostic>& diags, const Workspace& ws, bool color = false);

// One diagnostic as JSON (schema documented in docs/json-schema.md).
Json diagnostic_json(const Diagnostic& d, const Workspace& ws);
// {"schema":1,"diagnostics":[...],"summary":{"errors":N,"warnings":N}}
Json diagnostics_json(const std::vector<Diagnostic>& diags, const Workspace& ws);

// SARIF 2.1.0 log.
Json diagnostics_sarif(const std::vector<Diagnostic>& diags, const Workspace& ws);

}  // namespace kfp
