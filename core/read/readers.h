// One reader per input format. Each walks located YAML (never yaml-cpp) and
// builds the model, reporting problems to the sink and still building as much
// as it can.
#pragma once
#include <memory>
#include <string_view>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/read/workspace.h"
#include "core/yaml/node.h"

namespace kfp {

// Which format a parsed file is, from its content (and, for .py, its name).
FileKind detect_kind(const SourceFile& f);
// Whether a file at `path` is read as Python (ends in ".py"), before parsing.
bool is_python_path(std::string_view path);

// KFP v1 component.yaml: container components and graph components
// (implementation.graph, whose inline componentRef.spec are read recursively;
// name/url refs are left for resolve_refs). core/read/v1_component.cpp
std::shared_ptr<Component> read_v1_component(const yaml::Node& root, FileId file, Sink& sink);

// KFP v2 IR (PipelineSpec + optional platforms document). core/read/ir.cpp
std::shared_ptr<PipelineSpec> read_ir(const yaml::Tree& tree, Sink& sink);

// Links v1 graph tasks' componentRef (name / url / digest) to components from
// the other open files, checking digests. core/read/resolve_refs.cpp
void resolve_refs(Workspace& ws, Sink& sink);

}  // namespace kfp
