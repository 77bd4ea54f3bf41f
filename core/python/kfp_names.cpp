#include "core/python/kfp_names.h"

#include <utility>

namespace kfp::py {

std::string canonical_module(const std::string& path) {
  static const std::pair<const char*, const char*> kFold[] = {
      {"kfp.dsl.types.artifact_types.", "kfp.dsl."},
      {"kfp.dsl.types.type_annotations.", "kfp.dsl."},
      {"kfp.dsl.pipeline_context.", "kfp.dsl."},
      {"kfp.dsl.component_decorator.", "kfp.dsl."},
      {"kfp.dsl.container_component_decorator.", "kfp.dsl."},
      {"kfp.dsl.tasks_group.", "kfp.dsl."},
      {"kfp.dsl.for_loop.", "kfp.dsl."},
      {"kfp.dsl.importer_node.", "kfp.dsl."},
      {"kfp.dsl.task_final_status.", "kfp.dsl."},
      {"kfp.components.load_yaml_utilities.", "kfp.components."},
      {"kfp.compiler.compiler.", "kfp.compiler."},
  };
  // kfp.v2 is KFP 2's deprecated alias of kfp (kfp/v2/__init__.py).
  if (path == "kfp.v2") return "kfp";
  if (path.rfind("kfp.v2.", 0) == 0) return canonical_module("kfp." + path.substr(7));
  for (const auto& [from, to] : kFold) {
    std::string f = from;
    if (path.rfind(f, 0) == 0) return std::string(to) + path.substr(f.size());
  }
  return path;
}

std::vector<std::string> star_exports(const std::string& mod) {
  if (mod == "kfp.dsl")
    return {"Input", "Output", "InputPath", "OutputPath", "PipelineTaskFinalStatus", "TaskConfig", "Artifact",
            "ClassificationMetrics", "Dataset", "HTML", "Markdown", "Metrics", "Model",
            "SlicedClassificationMetrics", "get_uri", "PIPELINE_JOB_NAME_PLACEHOLDER",
            "PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER", "PIPELINE_JOB_ID_PLACEHOLDER", "PIPELINE_TASK_NAME_PLACEHOLDER",
            "PIPELINE_TASK_ID_PLACEHOLDER", "PIPELINE_TASK_EXECUTOR_OUTPUT_PATH_PLACEHOLDER",
            "PIPELINE_TASK_EXECUTOR_INPUT_PLACEHOLDER", "PIPELINE_ROOT_PLACEHOLDER",
            "PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER", "PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER",
            "WORKSPACE_PATH_PLACEHOLDER", "component", "container_component", "pipeline", "importer",
            "ContainerSpec", "Condition", "If", "Elif", "Else", "OneOf", "ExitHandler", "ParallelFor", "Collected",
            "IfPresentPlaceholder", "ConcatPlaceholder", "PipelineTask", "PipelineConfig", "WorkspaceConfig",
            "KubernetesWorkspaceConfig"};
  if (mod == "typing")
    return {"Any", "Dict", "List", "NamedTuple", "Optional", "Union", "Tuple", "Callable", "Sequence", "Mapping"};
  if (mod == "kfp.components")
    return {"load_component_from_file", "load_component_from_text", "load_component_from_url", "BaseComponent",
            "ContainerComponent", "PythonComponent", "YamlComponent"};
  return {};
}

std::string v1_only_hint(const std::string& path) {
  static const std::pair<const char*, const char*> kV1[] = {
      {"kfp.components.create_component_from_func",
       "decorate the function with @dsl.component (from kfp import dsl) and call it in the pipeline"},
      {"kfp.components.func_to_container_op",
       "decorate the function with @dsl.component (from kfp import dsl) and call it in the pipeline"},
      {"kfp.components.create_component_from_airflow_op", "there is no KFP v2 equivalent"},
      {"kfp.components.load_component",
       "use kfp.components.load_component_from_file(path), load_component_from_url(url) or "
       "load_component_from_text(text)"},
      {"kfp.components.InputPath", "use kfp.dsl.InputPath"},
      {"kfp.components.OutputPath", "use kfp.dsl.OutputPath"},
      {"kfp.components.InputTextFile", "use kfp.dsl.InputPath(str) and open the file"},
      {"kfp.components.OutputTextFile", "use kfp.dsl.OutputPath(str) and open the file"},
      {"kfp.components.InputBinaryFile", "use kfp.dsl.InputPath() and open the file"},
      {"kfp.components.OutputBinaryFile", "use kfp.dsl.OutputPath() and open the file"},
      {"kfp.dsl.ContainerOp",
       "write a @dsl.container_component that returns dsl.ContainerSpec(image=..., command=[...], args=[...]), "
       "or load a component YAML with kfp.components.load_component_from_text"},
      {"kfp.dsl.VolumeOp", "use kfp.kubernetes.CreatePVC and kfp.kubernetes.mount_pvc"},
      {"kfp.dsl.PipelineVolume", "use kfp.kubernetes.mount_pvc"},
      {"kfp.dsl.VolumeSnapshotOp", "there is no KFP v2 equivalent"},
      {"kfp.dsl.ResourceOp", "there is no KFP v2 equivalent; run kubectl in a container component"},
      {"kfp.dsl.Sidecar", "there is no KFP v2 equivalent"},
      {"kfp.dsl.PipelineParam", "pipeline parameters are the pipeline function's annotated arguments"},
      {"kfp.dsl.RUN_ID_PLACEHOLDER", "use dsl.PIPELINE_JOB_ID_PLACEHOLDER"},
      {"kfp.dsl.EXECUTION_ID_PLACEHOLDER", "use dsl.PIPELINE_TASK_ID_PLACEHOLDER"},
      {"kfp.dsl.graph_component", "write the sub-graph as a @dsl.pipeline function and call it"},
      {"kfp.dsl.SubGraph", "write the sub-graph as a @dsl.pipeline function and call it"},
      {"kfp.gcp", "use the kfp.kubernetes helpers (e.g. kubernetes.use_secret_as_volume)"},
      {"kfp.onprem", "use the kfp.kubernetes helpers (e.g. kubernetes.mount_pvc)"},
      {"kfp.aws", "use the kfp.kubernetes helpers (e.g. kubernetes.use_secret_as_env)"},
      {"kfp.azure", "use the kfp.kubernetes helpers (e.g. kubernetes.use_secret_as_env)"},
  };
  for (const auto& [p, hint] : kV1) {
    std::string ps = p;
    if (path == ps || path.rfind(ps + ".", 0) == 0) return hint;
  }
  return "";
}

std::string path_display(const std::string& path) {
  if (path.rfind("kfp.", 0) == 0) return path.substr(4);
  return path;
}

std::string artifact_schema_title(const std::string& cls) {
  static const std::pair<const char*, const char*> kArt[] = {
      {"Artifact", "system.Artifact"},
      {"Dataset", "system.Dataset"},
      {"Model", "system.Model"},
      {"Metrics", "system.Metrics"},
      {"ClassificationMetrics", "system.ClassificationMetrics"},
      {"SlicedClassificationMetrics", "system.SlicedClassificationMetrics"},
      {"HTML", "system.HTML"},
      {"Markdown", "system.Markdown"},
  };
  for (const auto& [n, t] : kArt)
    if (cls == n) return t;
  return "";
}

}  // namespace kfp::py
