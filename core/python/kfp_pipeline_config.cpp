// @dsl.pipeline(pipeline_config=dsl.PipelineConfig(...)): the three config
// classes of kfp/dsl/pipeline_config.py evaluated to the dict KFP's
// _merge_pipeline_config puts under platforms.kubernetes.pipelineConfig, and
// the compile-time checks KFP makes of workspace use (graph_component.py
// _validate_workspace_requirements, pipeline_spec_builder.py
// write_pipeline_spec_to_file).
//
// A config object is a Const value whose `path` names its class, holding the
// dict KFP would write for it (KubernetesWorkspaceConfig: {pvcSpecPatch},
// WorkspaceConfig: get_workspace(), PipelineConfig: the pipelineConfig dict),
// so it can be bound to a name and passed on like the Python object.

#include "core/emit/proto_value.h"
#include "core/python/kfp_eval.h"
#include "core/util/patterns.h"

namespace kfp::py {

bool is_pipeline_config_class(const std::string& path) {
  for (const char* c : {"PipelineConfig", "WorkspaceConfig", "KubernetesWorkspaceConfig"})
    if (path == std::string("kfp.dsl.") + c || path == std::string("kfp.dsl.pipeline_config.") + c) return true;
  return false;
}

Value Evaluator::pipeline_config_object(const Expr& call, const std::string& path,
                                        const std::map<std::string, Value>* locals, Recorded* rec) {
  const std::string cls = path.substr(path.rfind('.') + 1);
  const std::string canon = "kfp.dsl." + cls;
  std::vector<std::string> params;
  if (cls == "PipelineConfig")
    params = {"workspace", "ttl_seconds_after_finished", "ttl_seconds_after_success", "ttl_seconds_after_failure",
              "active_deadline_seconds"};
  else if (cls == "WorkspaceConfig") params = {"size", "kubernetes"};
  else params = {"pvcSpecPatch"};
  auto fail = [&](DiagId id, Span at, const std::string& msg) {
    sink_.report(id, at, {msg});
    return Value::opaque("", call.span, true);
  };
  std::map<std::string, std::pair<Value, Span>> a;
  if (call.items.size() > params.size())
    return fail(DiagId::err_py_kfp_rejects, call.items[params.size()]->span,
                "TypeError: " + cls + ".__init__() takes from 1 to " + std::to_string(params.size() + 1) +
                    " positional arguments but " + std::to_string(call.items.size() + 1) + " were given");
  for (size_t i = 0; i < call.items.size(); ++i)
    a[params[i]] = {eval(*call.items[i], locals, rec), call.items[i]->span};
  for (const auto& k : call.keywords) {
    if (std::find(params.begin(), params.end(), k.name) == params.end() || a.count(k.name))
      return fail(DiagId::err_py_kfp_rejects, k.name_span.valid() ? k.name_span : k.span,
                  "TypeError: " + cls + ".__init__() got an unexpected keyword argument '" + k.name + "'");
    a[k.name] = {eval(*k.value, locals, rec), k.value->span};
  }
  for (auto& [n, vs] : a)
    if (report_opaque(vs.first, vs.second, "the argument '" + n + "' of dsl." + cls + "()"))
      return Value::opaque("", call.span, true);
  auto is_none = [&](const std::string& n) {
    auto it = a.find(n);
    return it == a.end() || (it->second.first.k == Value::K::Const && it->second.first.c.is_null());
  };
  // A config object of the given class, or None.
  auto object = [&](const std::string& n, const std::string& want, Json* out) -> bool {
    if (is_none(n)) return true;
    const Value& v = a[n].first;
    if (v.k == Value::K::Const && v.path == "kfp.dsl." + want) {
      *out = v.c;
      return true;
    }
    sink_.report(DiagId::err_py_bad_value, a[n].second, {"'" + n + "' of dsl." + cls + "() takes a dsl." + want + "(...)"});
    return false;
  };
  Json out = Json::object();
  if (cls == "KubernetesWorkspaceConfig") {
    Json patch = Json::object();
    if (!is_none("pvcSpecPatch")) {
      const Value& v = a["pvcSpecPatch"].first;
      if (v.k != Value::K::Const || !v.c.is_object() || !v.path.empty())
        return fail(DiagId::err_py_bad_value, a["pvcSpecPatch"].second,
                    "pvcSpecPatch must be a dict of PersistentVolumeClaim spec fields");
      patch = proto_value(v.c);  // a protobuf Struct: numbers are doubles; `pvcSpecPatch or {}`: an empty dict is the same
    }
    out["pvcSpecPatch"] = patch;
  } else if (cls == "WorkspaceConfig") {
    if (!a.count("size"))
      return fail(DiagId::err_py_kfp_rejects, call.span,
                  "TypeError: WorkspaceConfig.__init__() missing 1 required positional argument: 'size'");
    const Value& v = a["size"].first;
    std::string size;
    bool falsy = v.k == Value::K::Const && (v.c.is_null() || v.c == "" || v.c == 0 || v.c == false);
    if (v.k == Value::K::Const && v.c.is_string()) size = v.c.get<std::string>();
    else if (v.k == Value::K::Const && v.c.is_number_integer()) size = std::to_string(v.c.get<int64_t>());
    else if (!falsy)
      return fail(DiagId::err_py_bad_value, a["size"].second, "the workspace size must be a string such as '10Gi'");
    // str(size).strip(), as the size setter does.
    size_t b = size.find_first_not_of(" \t\n\r\f\v"), e = size.find_last_not_of(" \t\n\r\f\v");
    size = b == std::string::npos ? "" : size.substr(b, e - b + 1);
    if (falsy || size.empty())
      return fail(DiagId::err_py_kfp_rejects, a["size"].second, "ValueError: Workspace size is required and cannot be empty");
    if (!pat::is_workspace_size(size))
      return fail(DiagId::err_py_kfp_rejects, a["size"].second,
                  "ValueError: Workspace size \"" + size +
                      "\" is invalid. Must be a valid Kubernetes resource quantity (e.g., \"10Gi\", \"500Mi\", \"1Ti\")");
    Json k8s = Json{{"pvcSpecPatch", Json::object()}};  // `kubernetes or KubernetesWorkspaceConfig()`
    if (!object("kubernetes", "KubernetesWorkspaceConfig", &k8s)) return Value::opaque("", call.span, true);
    out["size"] = size;
    out["kubernetes"] = k8s;
  } else {
    Json ws;
    if (!object("workspace", "WorkspaceConfig", &ws)) return Value::opaque("", call.span, true);
    if (!ws.is_null()) out["workspace"] = ws;
    // _merge_pipeline_config writes each positive one under its IR name.
    const std::pair<const char*, const char*> ints[] = {{"ttl_seconds_after_finished", "resourceTtlOnCompletion"},
                                                        {"ttl_seconds_after_success", "resourceTtlOnSuccess"},
                                                        {"ttl_seconds_after_failure", "resourceTtlOnFailure"},
                                                        {"active_deadline_seconds", "activeDeadlineSeconds"}};
    for (const auto& [n, ir] : ints) {
      if (is_none(n)) continue;
      const Value& v = a[n].first;
      if (v.k != Value::K::Const || !v.c.is_number_integer() || v.c.is_boolean())
        return fail(DiagId::err_py_kfp_rejects, a[n].second,
                    std::string("TypeError: ") + n + " must be an int. Got: " +
                        (v.c.is_boolean() ? "bool" : v.c.is_string() ? "str" : v.c.is_number() ? "float" : "object"));
      int64_t x = v.c.get<int64_t>();
      if (x < 0)
        return fail(DiagId::err_py_kfp_rejects, a[n].second,
                    std::string("ValueError: ") + n + " must be a non-negative integer. Got: " + std::to_string(x));
      if (x > 2147483647)
        return fail(DiagId::err_py_kfp_rejects, a[n].second,
                    std::string("ValueError: ") + n + " must not exceed the int32 maximum (2147483647). Got: " +
                        std::to_string(x));
      if (x > 0) out[ir] = x;
    }
  }
  Value v = Value::constant(out, call.span);
  v.path = canon;
  return v;
}

// Workspace features without PipelineConfig.workspace: a task argument that
// is, or holds, dsl.WORKSPACE_PATH_PLACEHOLDER or starts with the mount path
// (any pipeline, when it is defined), and an importer downloading to the
// workspace (the pipeline compiled, nested pipelines' importers included).
bool uses_workspace_path(const Json& constant) {
  if (!constant.is_string()) return false;
  const std::string& s = constant.get_ref<const std::string&>();
  return s.find("{{$.workspace_path}}") != std::string::npos || s.rfind("/kfp-workspace", 0) == 0;
}

bool has_workspace_config(const PipelineSpec& spec) {
  if (!spec.platform_spec || !spec.platform_spec->contains("platforms")) return false;
  for (const auto& [k, p] : (*spec.platform_spec)["platforms"].items())
    if (p.is_object() && p.contains("pipelineConfig") && p["pipelineConfig"].contains("workspace")) return true;
  return false;
}

void check_workspace_download(const PipelineSpec& spec, Sink& sink) {
  if (has_workspace_config(spec)) return;
  for (const auto& [key, c] : spec.components)
    if (c->importer && c->importer->value("downloadToWorkspace", false)) {
      sink.report(DiagId::err_py_kfp_rejects, c->span,
                  {"ValueError: dsl.importer(download_to_workspace=True) requires PipelineConfig(workspace=...) on the "
                   "pipeline. Add workspace configuration to your @dsl.pipeline decorator: "
                   "pipeline_config=dsl.PipelineConfig(workspace=dsl.WorkspaceConfig(size='1Gi'))"});
      return;
    }
}

}  // namespace kfp::py
