#include "core/read/readers.h"

namespace kfp {

bool is_python_path(std::string_view path) { return path.size() >= 3 && path.substr(path.size() - 3) == ".py"; }

FileKind detect_kind(const SourceFile& f) {
  if (is_python_path(f.path)) return FileKind::Python;
  if (f.tree.docs.empty()) return FileKind::Unknown;
  const yaml::Node* r = f.tree.docs.front().root;
  if (!r || !r->is_map()) return FileKind::Unknown;
  if (const yaml::Node* kind = r->get("kind"); kind && r->get("apiVersion")) {
    if (kind->is_scalar() && (kind->value == "Workflow" || kind->value == "WorkflowTemplate" ||
                              kind->value == "ClusterWorkflowTemplate" || kind->value == "CronWorkflow"))
      return FileKind::Argo;
  }
  if (const yaml::Node* impl = r->get("implementation")) {
    if (impl->get("graph")) return FileKind::V1Graph;
    return FileKind::V1Component;
  }
  if (r->get("pipelineInfo") || r->get("root") || r->get("deploymentSpec") || r->get("schemaVersion") ||
      r->get("sdkVersion"))
    return FileKind::IrPipeline;
  // A v1 component with a missing implementation is still a v1 component.
  if (r->get("inputs") || r->get("outputs") || r->get("name")) return FileKind::V1Component;
  return FileKind::Unknown;
}

}  // namespace kfp
