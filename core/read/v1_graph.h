// KFP v1 graph components: implementation.graph.tasks (task id -> task) and
// outputValues, read into a Dag. Inline componentRef.spec is read with the
// component reader; name/url/digest refs are left for resolve_refs.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/yaml/node.h"

namespace kfp {

// `graph` is the value of implementation.graph; `owner` is the graph
// component (its inputs/outputs are already read).
std::optional<Dag> read_v1_graph(const yaml::Node& graph, const Component& owner, FileId file, Sink& sink);

// Input name -> whether its type is an artifact, for classify_v1_arguments.
using InputKinds = std::unordered_map<std::string, bool>;
InputKinds input_kinds(const Component& c);

// Marks each argument of `t` as artifact or parameter from the consuming
// input's type, once t.component is known (inline spec or resolved ref).
// `kinds` is input_kinds(*t.component); pass it when many tasks share one.
void classify_v1_arguments(Task& t, const InputKinds& kinds);
void classify_v1_arguments(Task& t);

}  // namespace kfp
