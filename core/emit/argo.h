// PipelineSpec -> Argo `Workflow` (argoproj.io/v1alpha1), in the style of the
// KFP v1 SDK compiler (kfp 1.8 compiler.py / _op_to_template.py): one
// container template per task, named after the task, outputs written under
// /tmp/outputs/<name>/data and exposed as parameters (valueFrom.path) and
// artifacts named `<task>-<output>`, a DAG template per DAG component (the
// pipeline, each control-flow group, each nested pipeline) wiring
// {{tasks.<t>.outputs.parameters.<p>}} and `from:` artifacts, `dependencies`
// for data and `after` edges. Control flow: conditions become `when`,
// parallel-for `withItems`/`withParam` (a wrapper template with
// `parallelism` when a limit is set), root exit handlers `spec.onExit`.
// Output is deterministic (no compilation time, sorted templates).
// See docs/argo.md.
#pragma once
#include <string>

#include "core/api.h"
#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/util/json_tree.h"
#include "core/yaml/scalar.h"

namespace kfp {

struct ArgoOptions {
  std::string service_account = "pipeline-runner";  // KFP v1's default runner
  bool yaml = true;                                  // compile_to_argo: YAML text, else JSON
  // compile_to_argo: also hand back the Workflow as Json (ArgoResult::workflow:
  // tests, kfpc submit). The text alone skips building that tree.
  bool workflow_json = true;
};

// The Workflow as JSON. Problems that make a part untranslatable are reported
// to `sink` (warnings; errors only when nothing sensible can be written).
// The Workflow as an arena tree (core/util/json_tree.h): call inside a jt::Arena.
jt::Value emit_argo(const PipelineSpec& p, Sink& sink, const ArgoOptions& opts = {});

struct ArgoResult {
  std::string text;                      // YAML (or JSON) of the Workflow; empty on failure
  Json workflow;                         // the same, as JSON (when ArgoOptions::workflow_json)
  std::vector<Diagnostic> diagnostics;   // compile findings (not the analysis ones)
  bool ok = false;
};

// What `kfpc compile --to argo` and the wasm bindings call: compiles the first
// pipeline of the analysis (an IR file, or a v1 component/graph lowered the
// way KFP names things) to Argo. `path` picks the file when several are open
// (empty: the first compilable one).
ArgoResult compile_to_argo(const Analysis& a, const std::string& path = "", const ArgoOptions& opts = {});

}  // namespace kfp
