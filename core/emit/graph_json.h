// The pipeline graph the page draws (docs/graph-json.md), and its DOT and
// Mermaid renderings. The two text renderings are built from the JSON, not
// from the model, so the three outputs cannot disagree.
#pragma once
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/read/workspace.h"
#include "core/yaml/scalar.h"

namespace kfp {

// {"schema":2,"pipelines":[...]} from the model read into `ws`. `diagnostics`
// are the (sorted) diagnostics of the same analysis: `type-mismatch` ones mark
// the edges whose argument they point at, by index into this vector.
// graph_json_text is the same as compact JSON text (what analyze_json embeds),
// built without an nlohmann tree (core/util/json_tree.h): at 1,000 tasks the
// tree cost more than the rest of the analysis.
Json graph_json(const Workspace& ws, const std::vector<Diagnostic>& diagnostics);
std::string graph_json_text(const Workspace& ws, const std::vector<Diagnostic>& diagnostics);
// The same text appended to `out` (no copy of megabytes when embedding it).
void append_graph_json_text(const Workspace& ws, const std::vector<Diagnostic>& diagnostics, std::string& out);

// The entry of pipeline `p`'s `components` table that task or group node `n`
// runs (its `componentIndex`), or null: a condition group, or a node of
// another pipeline.
inline const Json* graph_component(const Json& p, const Json& n) {
  auto i = n.find("componentIndex");
  auto t = p.find("components");
  if (i == n.end() || !i->is_number_unsigned() || t == p.end() || !t->is_array()) return nullptr;
  const size_t k = i->get<size_t>();
  return k < t->size() && (*t)[k].is_object() ? &(*t)[k] : nullptr;
}

// One `digraph` per pipeline (core/emit/graph_dot.cpp).
std::string graph_dot(const Json& graph);
// One `flowchart TD` per pipeline (core/emit/graph_mermaid.cpp).
std::string graph_mermaid(const Json& graph);

namespace graph {  // helpers, exposed for tests; own namespace so they never clash with the emitters'

// A command/args item as text: v1 notation (`{inputValue: x}`) or IR notation
// (`{{$.inputs.parameters['x']}}`). `c` (may be null) tells parameter outputs
// from artifact outputs in IR notation.
std::string render_arg(const Arg& a, bool ir_notation, const Component* c = nullptr);

// KFP's sanitize_k8s_name: lower case, runs of other characters become '-',
// no leading/trailing '-'. The task name KFP gives a lone component.
std::string sanitize_k8s_name(std::string_view name);

}  // namespace graph

}  // namespace kfp
