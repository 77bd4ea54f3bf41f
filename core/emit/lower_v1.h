// v1 component / v1 graph -> PipelineSpec (the model), named and typed the way
// the KFP v2 SDK (2.15) names and types things when it compiles:
//  - a v1 container component alone: ComponentSpec.from_v1_component_spec
//    then ComponentSpec.to_pipeline_spec (a one-step pipeline whose root
//    inputs/outputs are the component's);
//  - a v1 graph component: the KFP Python pipeline that loads each task's
//    component and calls it in graph order (see the corpus gNNN.py files):
//    task names from component names (k8s-sanitized, `-2`, `-3` suffixes),
//    `comp-<task>` / `exec-<task>` per task (no de-duplication), constants
//    typed by the input type (Integer '7' -> 7.0), graph outputValues as DAG
//    outputs, retry and caching options.
// The result is the model the IR writer (core/emit/ir.h) prints and the Argo
// emitter consumes. Nothing here throws.
#pragma once
#include <map>
#include <memory>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/read/workspace.h"

namespace kfp {

struct LowerResult {
  std::shared_ptr<PipelineSpec> spec;  // null when KFP would refuse (see diagnostics)
  std::vector<Diagnostic> diagnostics;
  // A v1 graph: graph task id -> the dsl.If groups its isEnabled became,
  // outermost first, as (group name, CEL condition). For the graph view.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> condition_groups;
  bool ok() const { return spec != nullptr; }
};

// Dispatches on the implementation: container -> one-step pipeline, graph -> pipeline.
// `ws` (optional) gives the source text, for the one thing the model does not
// keep: whether a v1 `if` placeholder's then/else was a single item or a list
// (KFP writes `"Then": "x"` vs `"Then": ["x"]`).
LowerResult lower_v1(const Component& v1, const Workspace* ws = nullptr);
LowerResult lower_v1_component(const Component& v1, const Workspace* ws = nullptr);
LowerResult lower_v1_graph(const Component& v1_graph, const Workspace* ws = nullptr);

// ComponentSpec.from_v1_component_spec: the v2 view of a v1 container
// component (sanitized input/output names, v2 types, typed defaults,
// placeholders renamed). Refusals (KFP's ValueError/TypeError) go to `diags`
// as errors; returns null then.
std::shared_ptr<Component> v2_component_from_v1(const Component& v1, std::vector<Diagnostic>& diags,
                                                const Workspace* ws = nullptr);

// The v2 type KFP gives a v1 type (structures.py): parameters by name
// (case-insensitive, `typing.` and `[...]` stripped), `google.X` artifacts,
// the bundled artifact classes, everything else (untyped, mappings,
// unknown names) system.Artifact.
Type v2_type_from_v1(const Json& v1_type, bool is_input);

// type_utils.deserialize_v1_component_yaml_default followed by the protobuf
// Value KFP stores: Integer '3' -> 3.0, Boolean 'true' -> true, JsonObject
// '{"a": 1}' -> {"a": 1.0}. On a cast KFP cannot do, returns false with
// Python's error text in `*error` ("invalid literal for int() with base 10: 'x'").
bool v1_default_to_ir(const Json& v1_type, const Json& value, ParamType param, Json* out, std::string* error);

// A typed constant argument, as the Python equivalent would pass it (the v1
// string cast like a default, then stored as a protobuf Value).
bool v1_constant_to_ir(const Json& v1_type, const Json& value, ParamType param, Json* out, std::string* error);

}  // namespace kfp
