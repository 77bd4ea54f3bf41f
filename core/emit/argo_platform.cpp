// The kfp-kubernetes executor settings of the IR's platform document
// (platforms.kubernetes.deploymentSpec.executors.<label>, see kfp-kubernetes'
// kubernetes_executor_config.proto) lowered into an Argo container template:
//
//   secretAsEnv / configMapAsEnv   env valueFrom secretKeyRef / configMapKeyRef
//   fieldPathAsEnv                 env valueFrom fieldRef
//   secretAsVolume / configMapAsVolume / pvcMount / emptyDirMounts
//                                  template volumes + container volumeMounts
//   nodeSelector.labels            template nodeSelector
//   tolerations                    template tolerations
//   podMetadata                    template metadata labels / annotations
//   imagePullSecret                workflow spec.imagePullSecrets (Argo has no
//                                  per-template pull secrets)
//   imagePullPolicy, activeDeadlineSeconds
//
// A name given as a parameter (secretNameParameter, pvcNameParameter, ...)
// becomes an input parameter of the template, passed by the DAG task
// (ContainerTemplate::platform_args); Argo substitutes it in volumes and env.
// Settings whose whole value is a runtime JSON (nodeSelectorJson,
// tolerationJson, nodeAffinityJson) have no Argo form and are reported.
#include "core/emit/argo_internal.h"

#include <charconv>

namespace kfp::argo_emit {
namespace {

// A non-negative count written as a string (proto3 JSON writes int64 so).
Json int_of(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return Json();
  return v;
}

// Field `k` of a settings object when it is a string, else "". The settings
// are the user's JSON: nlohmann's value(k, default) throws when the field is
// there with another type (a fuzzer's `optional: "yes"` ended the process).
std::string text_at(const Json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Field `k` is the boolean true (proto3 JSON spells a bool so; anything else is unset).
bool true_at(const Json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

struct PlatformCtx {
  const Task& task;
  const std::string& label;
  ContainerTemplate& ct;
  Sink& sink;
  Json& tmpl;  // what the settings add to the template, grafted onto it by apply_platform
  Json volumes = Json::array();
  Json mounts = Json::array();
  Json env = Json::array();
  int next_param = 0;
  int next_volume = 0;

  void warn(const std::string& what, const std::string& why) {
    sink.report(DiagId::warn_argo_emit_platform, task.span, {what, label, why});
  }

  // IR TaskInputsSpec.InputParameterSpec -> where the value comes from.
  static bool source_of(const Json& spec, ArgumentSource* s) {
    if (!spec.is_object()) return false;
    if (spec.contains("componentInputParameter") && spec["componentInputParameter"].is_string()) {
      s->kind = ArgumentSource::Kind::PipelineInput;
      s->input = spec["componentInputParameter"].get<std::string>();
      return true;
    }
    if (spec.contains("taskOutputParameter") && spec["taskOutputParameter"].is_object()) {
      const Json& t = spec["taskOutputParameter"];
      s->kind = ArgumentSource::Kind::TaskOutput;
      s->task = text_at(t, "producerTask");
      s->output = text_at(t, "outputParameterKey");
      return !s->task.empty();
    }
    if (spec.contains("runtimeValue") && spec["runtimeValue"].is_object() &&
        spec["runtimeValue"].contains("constant")) {
      s->kind = ArgumentSource::Kind::Constant;
      s->constant = spec["runtimeValue"]["constant"];
      return true;
    }
    return false;
  }

  // The text of a name field: a constant as-is, a parameter as
  // {{inputs.parameters.<new input>}}. `plain` is the deprecated string
  // field, `param` the *NameParameter field; `entry` may also carry the
  // deprecated oneof (pvcMount: constant / componentInputParameter /
  // taskOutputParameter).
  bool name_value(const Json& entry, const char* plain, const char* param, std::string* out) {
    ArgumentSource s;
    bool have = entry.contains(param) && source_of(entry[param], &s);
    if (!have && entry.contains(plain) && entry[plain].is_string() && !entry[plain].get<std::string>().empty()) {
      *out = entry[plain].get<std::string>();
      return true;
    }
    if (!have && entry.contains("constant") && entry["constant"].is_string()) {
      *out = entry["constant"].get<std::string>();
      return true;
    }
    if (!have) have = source_of(entry, &s);
    if (!have) return false;
    if (s.kind == ArgumentSource::Kind::Constant) {
      *out = value_text(s.constant);
      return true;
    }
    std::string n;
    do {
      n = "kfp-k8s-param-" + std::to_string(next_param++);
    } while (ct.param_inputs.count(n));
    ct.platform_args.emplace_back(n, s);
    *out = "{{inputs.parameters." + n + "}}";
    return true;
  }

  std::string volume_name(const char* kind) { return std::string(kind) + "-" + std::to_string(next_volume++); }

  void mount(const std::string& vol, const Json& entry) {
    Json m = {{"name", vol}, {"mountPath", text_at(entry, "mountPath")}};
    if (entry.contains("subPath") && entry["subPath"].is_string() && !entry["subPath"].get<std::string>().empty())
      m["subPath"] = entry["subPath"];
    mounts.push_back(m);
  }

  void key_to_env(const Json& entry, const char* ref_kind, const char* key_field, const std::string& name) {
    if (!entry.contains("keyToEnv") || !entry["keyToEnv"].is_array()) return;
    for (const auto& k : entry["keyToEnv"]) {
      Json ref = {{"name", name}, {"key", text_at(k, key_field)}};
      if (true_at(entry, "optional")) ref["optional"] = true;
      env.push_back({{"name", text_at(k, "envVar")}, {"valueFrom", {{ref_kind, ref}}}});
    }
  }

  void apply(const Json& cfg) {
    for (auto it = cfg.begin(); it != cfg.end(); ++it) {
      const std::string& key = it.key();
      const Json& v = it.value();
      auto each = [&](auto&& fn) {
        if (v.is_array())
          for (const auto& e : v)
            if (e.is_object()) fn(e);
      };
      if (key == "secretAsEnv") {
        each([&](const Json& e) {
          std::string n;
          if (name_value(e, "secretName", "secretNameParameter", &n)) key_to_env(e, "secretKeyRef", "secretKey", n);
          else warn("secretAsEnv", "it names no secret");
        });
      } else if (key == "configMapAsEnv") {
        each([&](const Json& e) {
          std::string n;
          if (name_value(e, "configMapName", "configMapNameParameter", &n))
            key_to_env(e, "configMapKeyRef", "configMapKey", n);
          else warn("configMapAsEnv", "it names no config map");
        });
      } else if (key == "fieldPathAsEnv") {
        each([&](const Json& e) {
          env.push_back({{"name", text_at(e, "name")},
                         {"valueFrom", {{"fieldRef", {{"fieldPath", text_at(e, "fieldPath")}}}}}});
        });
      } else if (key == "secretAsVolume") {
        each([&](const Json& e) {
          std::string n;
          if (!name_value(e, "secretName", "secretNameParameter", &n)) return warn("secretAsVolume", "it names no secret");
          std::string vol = volume_name("secret");
          Json src = {{"secretName", n}};
          if (true_at(e, "optional")) src["optional"] = true;
          volumes.push_back({{"name", vol}, {"secret", src}});
          mount(vol, e);
        });
      } else if (key == "configMapAsVolume") {
        each([&](const Json& e) {
          std::string n;
          if (!name_value(e, "configMapName", "configMapNameParameter", &n))
            return warn("configMapAsVolume", "it names no config map");
          std::string vol = volume_name("configmap");
          Json src = {{"name", n}};
          if (true_at(e, "optional")) src["optional"] = true;
          volumes.push_back({{"name", vol}, {"configMap", src}});
          mount(vol, e);
        });
      } else if (key == "pvcMount") {
        each([&](const Json& e) {
          std::string n;
          if (!name_value(e, "pvcName", "pvcNameParameter", &n)) return warn("pvcMount", "it names no claim");
          std::string vol = volume_name("pvc");
          volumes.push_back({{"name", vol}, {"persistentVolumeClaim", {{"claimName", n}}}});
          mount(vol, e);
        });
      } else if (key == "emptyDirMounts") {
        each([&](const Json& e) {
          std::string vol = text_at(e, "volumeName");
          if (vol.empty()) vol = volume_name("empty-dir");
          Json src = Json::object();
          if (e.contains("medium") && e["medium"].is_string() && !e["medium"].get<std::string>().empty())
            src["medium"] = e["medium"];
          if (e.contains("sizeLimit") && e["sizeLimit"].is_string()) src["sizeLimit"] = e["sizeLimit"];
          volumes.push_back({{"name", vol}, {"emptyDir", src}});
          mount(vol, e);
        });
      } else if (key == "nodeSelector") {
        if (v.is_object() && v.contains("labels") && v["labels"].is_object() && !v["labels"].empty()) {
          Json sel = Json::object();
          for (auto l = v["labels"].begin(); l != v["labels"].end(); ++l) sel[l.key()] = value_text(l.value());
          tmpl["nodeSelector"] = sel;
        }
        if (v.is_object() && v.contains("nodeSelectorJson"))
          warn("nodeSelector.nodeSelectorJson", "a node selector chosen at run time has no Argo form");
      } else if (key == "tolerations") {
        each([&](const Json& e) {
          if (e.contains("tolerationJson")) return warn("tolerations.tolerationJson", "a toleration chosen at run time has no Argo form");
          Json t = Json::object();
          for (const char* f : {"key", "operator", "value", "effect"})
            if (e.contains(f) && e[f].is_string() && !e[f].get<std::string>().empty()) t[f] = e[f];
          if (e.contains("tolerationSeconds") && e["tolerationSeconds"].is_number_integer())
            t["tolerationSeconds"] = e["tolerationSeconds"];
          else if (e.contains("tolerationSeconds") && e["tolerationSeconds"].is_string())
            t["tolerationSeconds"] = int_of(e["tolerationSeconds"].get<std::string>());
          if (t.contains("tolerationSeconds") && t["tolerationSeconds"].is_null()) t.erase("tolerationSeconds");
          tmpl["tolerations"].push_back(t);
        });
      } else if (key == "podMetadata") {
        for (const char* f : {"labels", "annotations"})
          if (v.is_object() && v.contains(f) && v[f].is_object())
            for (auto l = v[f].begin(); l != v[f].end(); ++l) tmpl["metadata"][f][l.key()] = value_text(l.value());
      } else if (key == "imagePullSecret") {
        each([&](const Json& e) {
          std::string n;
          ArgumentSource s;
          if (e.contains("secretName") && e["secretName"].is_string() && !e["secretName"].get<std::string>().empty())
            ct.image_pull_secrets.insert(e["secretName"].get<std::string>());
          else if (e.contains("secretNameParameter") && source_of(e["secretNameParameter"], &s) &&
                   s.kind == ArgumentSource::Kind::Constant)
            ct.image_pull_secrets.insert(value_text(s.constant));
          else
            warn("imagePullSecret", "Argo takes pull secrets per workflow, so the name must be a constant");
        });
      } else if (key == "imagePullPolicy") {
        if (v.is_string() && !v.get<std::string>().empty()) tmpl["container"]["imagePullPolicy"] = v;
      } else if (key == "activeDeadlineSeconds") {
        if (v.is_number_integer() && v.get<int64_t>() > 0) tmpl["activeDeadlineSeconds"] = v;
        else if (v.is_string() && int_of(v.get<std::string>()).is_number())
          tmpl["activeDeadlineSeconds"] = int_of(v.get<std::string>());
      } else {
        warn(key, "it has no Argo equivalent here");
      }
    }
  }
};

// Adds what `staged` holds to `dst` as the settings code above would have
// written it into the template itself: objects merged, arrays appended to,
// scalars set.
void graft(jt::Value& dst, const Json& staged) {
  if (staged.is_object()) {
    if (!dst.is_object()) dst = jt::Value::object();
    for (auto it = staged.begin(); it != staged.end(); ++it) graft(dst[it.key()], it.value());
  } else if (staged.is_array()) {
    for (const auto& e : staged) dst.push_back(jt::Value(e));
  } else {
    dst = jt::Value(staged);
  }
}

}  // namespace

void apply_platform(const PipelineSpec& p, const Task& task, const Component& comp, ContainerTemplate& ct,
                    Sink& sink) {
  if (!p.platform_spec || comp.executor_label.empty()) return;
  const Json* cfg = &*p.platform_spec;
  for (const char* k : {"platforms", "kubernetes", "deploymentSpec", "executors"}) {
    if (!cfg->is_object() || !cfg->contains(k)) return;
    cfg = &(*cfg)[k];
  }
  if (!cfg->is_object() || !cfg->contains(comp.executor_label) || !(*cfg)[comp.executor_label].is_object()) return;
  // The settings are read from (and written as) Json, then grafted onto the template.
  Json staged = Json::object();
  PlatformCtx c{task, comp.executor_label, ct, sink, staged};
  c.apply((*cfg)[comp.executor_label]);
  if (!c.env.empty())
    for (auto& e : c.env) c.tmpl["container"]["env"].push_back(e);
  if (!c.mounts.empty())
    for (auto& m : c.mounts) c.tmpl["container"]["volumeMounts"].push_back(m);
  if (!c.volumes.empty())
    for (auto& v : c.volumes) c.tmpl["volumes"].push_back(v);
  if (!ct.platform_args.empty()) {
    Json& params = c.tmpl["inputs"]["parameters"];
    for (const auto& [n, s] : ct.platform_args) params.push_back({{"name", n}});
  }
  graft(ct.tmpl, staged);
}

}  // namespace kfp::argo_emit
