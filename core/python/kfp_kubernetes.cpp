// kfp.kubernetes helpers (the kfp-kubernetes package): each call adds to the
// task's platform_config['kubernetes'], written as json_format.MessageToDict
// of KubernetesExecutorConfig writes it (camelCase keys, explicit `optional`,
// int64 as text). A channel argument becomes an InputParameterSpec
// (common.parse_k8s_parameter_input): the task registers the channel (so
// groups pass it in) and, for a task output, runs after its producer.
// kfp_build.cpp rewrites the references for the task's DAG and files the
// config under the task's executor label in the `platforms:` document.
// CreatePVC / DeletePVC are components: their calls make tasks
// (kfp_kubernetes_pvc.cpp describes them).
#include <algorithm>
#include <set>

#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {

// common.camel_to_python_case: "matchExpressions" -> "match_expressions".
std::string snake_case(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0) {
      char p = name[i - 1];
      bool prev_lower_or_digit = (p >= 'a' && p <= 'z') || (p >= '0' && p <= '9');
      bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      if (prev_lower_or_digit || next_lower) out += '_';
    }
    out += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

Value Evaluator::kubernetes_call(const Expr& call, const std::string& fn, const std::map<std::string, Value>* locals,
                                 Recorded* rec) {
  // Parameters after `task`, and how many of them are required.
  static const std::map<std::string, std::pair<std::vector<std::string>, size_t>> kSig = {
      {"use_secret_as_env", {{"secret_name", "secret_key_to_env", "optional"}, 2}},
      {"use_secret_as_volume", {{"secret_name", "mount_path", "optional"}, 2}},
      {"use_config_map_as_env", {{"config_map_name", "config_map_key_to_env", "optional"}, 2}},
      {"use_config_map_as_volume", {{"config_map_name", "mount_path", "optional"}, 2}},
      {"mount_pvc", {{"pvc_name", "mount_path", "sub_path"}, 2}},
      {"add_node_selector", {{"label_key", "label_value"}, 2}},
      {"add_toleration", {{"key", "operator", "value", "effect", "toleration_seconds"}, 0}},
      {"set_image_pull_secrets", {{"secret_names"}, 1}},
      {"set_image_pull_policy", {{"policy"}, 1}},
      {"add_pod_label", {{"label_key", "label_value"}, 2}},
      {"add_pod_annotation", {{"annotation_key", "annotation_value"}, 2}},
      {"use_field_path_as_env", {{"env_name", "field_path"}, 2}},
      {"add_node_affinity", {{"match_expressions", "match_fields", "weight"}, 0}},
      {"add_node_affinity_json", {{"node_affinity_json"}, 1}},
      {"add_node_selector_json", {{"node_selector_json"}, 1}},
      {"add_toleration_json", {{"toleration_json"}, 1}},
  };
  if (fn == "CreatePVC" || fn == "DeletePVC")
    return make_task(call, kubernetes_pvc_component(fn, file_, call.value->span), locals, rec);
  auto sig = kSig.find(fn);
  if (sig == kSig.end()) {
    sink_.report(DiagId::err_py_unsupported, call.value->span, {"kfp.kubernetes." + fn + "(...)"});
    return Value::opaque("", call.span, true);
  }
  std::vector<std::string> params{"task"};
  params.insert(params.end(), sig->second.first.begin(), sig->second.first.end());
  size_t required = sig->second.second + 1;
  std::map<std::string, std::pair<Value, Span>> a;
  auto fail = [&](Span at, const std::string& msg) {
    sink_.report(DiagId::err_py_kfp_rejects, at, {msg});
    return Value::opaque("", call.span, true);
  };
  if (call.items.size() > params.size())
    return fail(call.items[params.size()]->span, "TypeError: " + fn + "() takes " + std::to_string(params.size()) +
                                                     " positional arguments but " +
                                                     std::to_string(call.items.size()) + " were given");
  for (size_t i = 0; i < call.items.size(); ++i)
    a[params[i]] = {eval(*call.items[i], locals, rec), call.items[i]->span};
  for (const auto& k : call.keywords) {
    if (std::find(params.begin(), params.end(), k.name) == params.end() || a.count(k.name))
      return fail(k.name_span.valid() ? k.name_span : k.span,
                  "TypeError: " + fn + "() got an unexpected keyword argument '" + k.name + "'");
    a[k.name] = {eval(*k.value, locals, rec), k.value->span};
  }
  for (size_t i = 0; i < required; ++i)
    if (!a.count(params[i]))
      return fail(call.span, "TypeError: " + fn + "() missing 1 required positional argument: '" + params[i] + "'");
  for (auto& [n, vs] : a)
    if (report_opaque(vs.first, vs.second, "the argument '" + n + "' of kubernetes." + fn + "()"))
      return Value::opaque("", call.span, true);
  const Value& tv = a["task"].first;
  if (tv.k != Value::K::Task || tv.task < 0)
    return fail(a["task"].second, "kubernetes." + fn + "() takes a task as its first argument");
  PTask& t = rec->tasks[static_cast<size_t>(tv.task)];
  if (t.def && t.def->kind == CompDef::Kind::Pipeline)
    return fail(call.span, "ValueError: Platform-specific features can only be set on primitive components. Found "
                           "platform-specific feature set on a pipeline.");
  Json& k8s = t.platform["kubernetes"];
  if (!k8s.is_object()) k8s = Json::object();

  auto str = [&](const std::string& n, std::string* out) -> bool {
    auto it = a.find(n);
    if (it == a.end()) return false;
    const Value& v = it->second.first;
    if (v.k == Value::K::Const && v.c.is_string()) {
      *out = v.c.get<std::string>();
      return true;
    }
    sink_.report(DiagId::err_py_bad_value, it->second.second, {"kubernetes." + fn + "() needs a string for '" + n + "'"});
    return false;
  };
  auto boolean = [&](const std::string& n, bool dflt, bool* out) -> bool {
    *out = dflt;
    auto it = a.find(n);
    if (it == a.end()) return true;
    const Value& v = it->second.first;
    if (v.k == Value::K::Const && v.c.is_boolean()) {
      *out = v.c.get<bool>();
      return true;
    }
    sink_.report(DiagId::err_py_bad_value, it->second.second, {"'" + n + "' must be True or False"});
    return false;
  };
  // common.parse_k8s_parameter_input.
  auto param_input = [&](const Value& v, Span at, Json* out) -> bool {
    if (v.k == Value::K::Const && (v.c.is_string() || v.c.is_object())) {
      *out = Json{{"runtimeValue", {{"constant", v.c}}}};
      return true;
    }
    if (v.k == Value::K::Channel && v.chan && !v.chan->is_artifact()) {
      bool have = false;
      for (const auto& c : t.channel_inputs) have = have || c->pattern() == v.chan->pattern();
      if (!have) t.channel_inputs.push_back(v.chan);
      if (v.chan->task.empty()) {
        *out = Json{{"componentInputParameter", v.chan->full_name()}};
      } else {
        *out = Json{{"taskOutputParameter", {{"producerTask", v.chan->task}, {"outputParameterKey", v.chan->name}}}};
        t.after.push_back(Located<std::string>{v.chan->task, at});
      }
      return true;
    }
    sink_.report(DiagId::err_py_bad_value, at,
                 {"ValueError: Argument for 'input_param' must be an instance of str, dict, or PipelineChannel."});
    return false;
  };
  auto key_map = [&](const std::string& n, const char* key_field, Json* out) -> bool {
    const Value& v = a[n].first;
    if (v.k != Value::K::Const || !v.c.is_object()) {
      sink_.report(DiagId::err_py_bad_value, a[n].second, {"'" + n + "' must be a dict of strings"});
      return false;
    }
    *out = Json::array();
    for (auto it = v.c.begin(); it != v.c.end(); ++it) {
      if (!it.value().is_string()) {
        sink_.report(DiagId::err_py_bad_value, a[n].second, {"'" + n + "' must be a dict of strings"});
        return false;
      }
      out->push_back(Json{{key_field, it.key()}, {"envVar", it.value()}});
    }
    return true;
  };
  Value self = tv;
  self.span = call.span;

  if (fn == "use_secret_as_env" || fn == "use_config_map_as_env" || fn == "use_secret_as_volume" ||
      fn == "use_config_map_as_volume") {
    bool secret = fn.find("secret") != std::string::npos;
    bool env = fn.find("_env") != std::string::npos;
    std::string name_arg = secret ? "secret_name" : "config_map_name";
    std::string prefix = secret ? "secret" : "configMap";
    Json entry = Json::object();
    if (env) {
      Json kv;
      if (!key_map(secret ? "secret_key_to_env" : "config_map_key_to_env", secret ? "secretKey" : "configMapKey", &kv))
        return Value::opaque("", call.span, true);
      if (!kv.empty()) entry["keyToEnv"] = kv;
    } else {
      std::string mount;
      if (!str("mount_path", &mount)) return Value::opaque("", call.span, true);
      if (!mount.empty()) entry["mountPath"] = mount;
    }
    bool optional = false;
    if (!boolean("optional", false, &optional)) return Value::opaque("", call.span, true);
    entry["optional"] = optional;
    Json ps;
    if (!param_input(a[name_arg].first, a[name_arg].second, &ps)) return Value::opaque("", call.span, true);
    entry[prefix + "NameParameter"] = ps;
    const Value& nv = a[name_arg].first;
    if (nv.k == Value::K::Const && nv.c.is_string() && !nv.c.get<std::string>().empty())
      entry[prefix + "Name"] = nv.c;
    std::string field = prefix + (env ? "AsEnv" : "AsVolume");
    k8s[field].push_back(entry);
    return self;
  }
  if (fn == "mount_pvc") {
    std::string mount, sub;
    if (!str("mount_path", &mount)) return Value::opaque("", call.span, true);
    if (a.count("sub_path") && !str("sub_path", &sub)) return Value::opaque("", call.span, true);
    Json entry = Json::object();
    if (!mount.empty()) entry["mountPath"] = mount;
    if (!sub.empty()) entry["subPath"] = sub;
    const Value& pv = a["pvc_name"].first;
    Json ps;
    if (!param_input(pv, a["pvc_name"].second, &ps)) return Value::opaque("", call.span, true);
    entry["pvcNameParameter"] = ps;
    // The deprecated pvc_reference oneof, still written.
    if (pv.k == Value::K::Const && pv.c.is_string()) {
      if (!pv.c.get<std::string>().empty()) entry["constant"] = pv.c;
    } else if (pv.chan->task.empty()) {
      entry["componentInputParameter"] = pv.chan->name;
    } else {
      entry["taskOutputParameter"] = Json{{"producerTask", pv.chan->task}, {"outputParameterKey", pv.chan->name}};
    }
    k8s["pvcMount"].push_back(entry);
    return self;
  }
  if (fn == "add_node_selector" || fn == "add_pod_label" || fn == "add_pod_annotation") {
    std::string k, v;
    std::string kn = fn == "add_pod_annotation" ? "annotation_key" : "label_key";
    std::string vn = fn == "add_pod_annotation" ? "annotation_value" : "label_value";
    if (!str(kn, &k) || !str(vn, &v)) return Value::opaque("", call.span, true);
    if (fn == "add_node_selector") k8s["nodeSelector"]["labels"][k] = v;
    else k8s["podMetadata"][fn == "add_pod_label" ? "labels" : "annotations"][k] = v;
    return self;
  }
  // add_toleration's pb.Toleration(...): the four strings (empty ones are
  // proto3 defaults, not written) and the optional int64 toleration_seconds.
  // `fields` maps each keyword to its value and where it came from.
  auto toleration = [&](const std::map<std::string, std::pair<Json, Span>>& fields, Json* out) -> bool {
    *out = Json::object();
    for (const char* n : {"key", "operator", "value", "effect"}) {
      auto it = fields.find(n);
      if (it == fields.end() || it->second.first.is_null()) continue;
      if (!it->second.first.is_string()) {
        sink_.report(DiagId::err_py_bad_value, it->second.second,
                     {"the toleration's '" + std::string(n) + "' must be a string"});
        return false;
      }
      if (!it->second.first.get<std::string>().empty()) (*out)[n] = it->second.first;
    }
    auto ts = fields.find("toleration_seconds");
    if (ts != fields.end() && !ts->second.first.is_null()) {
      if (!ts->second.first.is_number_integer()) {
        sink_.report(DiagId::err_py_bad_value, ts->second.second, {"toleration_seconds must be an integer"});
        return false;
      }
      (*out)["tolerationSeconds"] = std::to_string(ts->second.first.get<int64_t>());  // int64: text in MessageToDict
    }
    return true;
  };
  if (fn == "add_toleration") {
    std::map<std::string, std::pair<Json, Span>> fields;
    for (const auto& [n, vs] : a) {
      if (n == "task") continue;
      if (vs.first.k != Value::K::Const) {
        sink_.report(DiagId::err_py_bad_value, vs.second,
                     {"kubernetes.add_toleration() needs a constant for '" + n +
                      "' (for a pipeline parameter use kubernetes.add_toleration_json)"});
        return Value::opaque("", call.span, true);
      }
      fields[n] = {vs.first.c, vs.second};
    }
    Json tol;
    if (!toleration(fields, &tol)) return Value::opaque("", call.span, true);
    k8s["tolerations"].push_back(tol);
    return self;
  }
  if (fn == "add_toleration_json") {
    // A channel becomes tolerationJson; a dict (one toleration) or a list of
    // dicts is unpacked into add_toleration calls, reading the same keys.
    const Value& v = a["toleration_json"].first;
    Span at = a["toleration_json"].second;
    if (v.k == Value::K::Channel) {
      Json ps;
      if (!param_input(v, at, &ps)) return Value::opaque("", call.span, true);
      k8s["tolerations"].push_back(Json{{"tolerationJson", ps}});
      return self;
    }
    if (v.k != Value::K::Const || !(v.c.is_object() || v.c.is_array()))
      return fail(at, "ValueError: toleration_json must be a dict, list, or input parameter");
    Json list = v.c.is_array() ? v.c : Json::array({v.c});
    std::vector<Json> tols;
    for (const auto& d : list) {
      if (!d.is_object())
        return fail(at, "AttributeError: each toleration in toleration_json must be a dict (KFP reads it with .get)");
      std::map<std::string, std::pair<Json, Span>> fields;
      for (const char* n : {"key", "operator", "value", "effect", "toleration_seconds"})
        if (d.contains(n)) fields[n] = {d[n], at};
      Json tol;
      if (!toleration(fields, &tol)) return Value::opaque("", call.span, true);
      tols.push_back(tol);
    }
    for (auto& t2 : tols) k8s["tolerations"].push_back(t2);
    return self;
  }
  if (fn == "add_node_selector_json") {
    Json ps;
    if (!param_input(a["node_selector_json"].first, a["node_selector_json"].second, &ps))
      return Value::opaque("", call.span, true);
    k8s["nodeSelector"]["nodeSelectorJson"] = ps;
    return self;
  }
  if (fn == "add_node_affinity") {
    // One NodeAffinityTerm: SelectorRequirements from the dicts (key and
    // operator required, values optional), weight 1..100 when given.
    static const std::set<std::string> kOps = {"DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"};
    Json term = Json::object();
    for (const char* n : {"match_expressions", "match_fields"}) {
      auto it = a.find(n);
      if (it == a.end() || (it->second.first.k == Value::K::Const && it->second.first.c.is_null())) continue;
      const Value& v = it->second.first;
      Span at = it->second.second;
      std::string kind = std::string(n) == "match_expressions" ? "match_expression" : "match_field";
      if (v.k != Value::K::Const || !v.c.is_array())
        return fail(at, "'" + std::string(n) + "' must be a list of dicts with constant 'key', 'operator', 'values'");
      Json reqs = Json::array();
      for (const auto& d : v.c) {
        if (!d.is_object())
          return fail(at, "'" + std::string(n) + "' must be a list of dicts with 'key', 'operator', 'values'");
        Json key = d.value("key", Json()), op = d.value("operator", Json());
        if (!key.is_string() || key.get<std::string>().empty())
          return fail(at, "ValueError: Each " + kind + " must have a non-empty 'key'.");
        std::string k = key.get<std::string>();
        if (!op.is_string() || op.get<std::string>().empty())
          return fail(at, "ValueError: Each " + kind + " for key '" + k + "' must have a non-empty 'operator'.");
        if (!kOps.count(op.get<std::string>()))
          return fail(at, "ValueError: Invalid operator '" + op.get<std::string>() + "' for key '" + k + "' in " + kind +
                              ". Must be one of ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'].");
        Json req{{"key", k}, {"operator", op}};
        Json values = d.value("values", Json::array());
        if (!values.is_array()) return fail(at, "the 'values' of a " + kind + " must be a list of strings");
        for (const auto& x : values)
          if (!x.is_string()) return fail(at, "the 'values' of a " + kind + " must be a list of strings");
        if (!values.empty()) req["values"] = values;
        reqs.push_back(req);
      }
      if (!reqs.empty()) term[std::string(n) == "match_expressions" ? "matchExpressions" : "matchFields"] = reqs;
    }
    auto w = a.find("weight");
    if (w != a.end() && !(w->second.first.k == Value::K::Const && w->second.first.c.is_null())) {
      const Value& v = w->second.first;
      if (v.k != Value::K::Const || !v.c.is_number_integer())
        return fail(w->second.second, "weight must be an integer from 1 to 100");
      int64_t n = v.c.get<int64_t>();
      if (n < 1 || n > 100)
        return fail(w->second.second, "ValueError: weight must be between 1 and 100, got " + std::to_string(n) + ".");
      term["weight"] = n;
    }
    k8s["nodeAffinity"].push_back(term);
    return self;
  }
  if (fn == "add_node_affinity_json") {
    const Value& v = a["node_affinity_json"].first;
    Span at = a["node_affinity_json"].second;
    // validate_node_affinity: a dict must build a V1NodeAffinity, whose only
    // fields are the two scheduling rules (keys in either case).
    if (v.k == Value::K::Const && v.c.is_object())
      for (auto it = v.c.begin(); it != v.c.end(); ++it) {
        std::string k = snake_case(it.key());
        if (k != "required_during_scheduling_ignored_during_execution" &&
            k != "preferred_during_scheduling_ignored_during_execution")
          return fail(at, "ValueError: Invalid V1NodeAffinity JSON: __init__() got an unexpected keyword argument '" +
                              k + "' (expected requiredDuringSchedulingIgnoredDuringExecution or "
                              "preferredDuringSchedulingIgnoredDuringExecution)");
      }
    Json ps;
    if (!param_input(v, at, &ps)) return Value::opaque("", call.span, true);
    // Only one JSON term per task: a later call replaces the earlier one.
    Json& terms = k8s["nodeAffinity"];
    Json kept = Json::array();
    if (terms.is_array())
      for (const auto& t2 : terms)
        if (!t2.contains("nodeAffinityJson")) kept.push_back(t2);
    kept.push_back(Json{{"nodeAffinityJson", ps}});
    terms = kept;
    return self;
  }
  if (fn == "use_field_path_as_env") {
    std::string name, path;
    if (!str("env_name", &name) || !str("field_path", &path)) return Value::opaque("", call.span, true);
    Json entry = Json::object();
    if (!name.empty()) entry["name"] = name;
    if (!path.empty()) entry["fieldPath"] = path;
    k8s["fieldPathAsEnv"].push_back(entry);
    return self;
  }
  if (fn == "set_image_pull_policy") {
    std::string p;
    if (!str("policy", &p)) return Value::opaque("", call.span, true);
    if (p != "Always" && p != "Never" && p != "IfNotPresent")
      return fail(a["policy"].second,
                  "ValueError: Invalid imagePullPolicy. Must be one of `Always`, `Never`, `IfNotPresent`.");
    k8s["imagePullPolicy"] = p;
    return self;
  }
  if (fn == "set_image_pull_secrets") {
    const Value& v = a["secret_names"].first;
    std::vector<Value> names;
    if (v.k == Value::K::Const && v.c.is_array()) {
      for (const auto& j : v.c) names.push_back(Value::constant(j, a["secret_names"].second));
    } else if (v.k == Value::K::List || v.k == Value::K::Tuple) {
      names = v.items;
    } else {
      sink_.report(DiagId::err_py_bad_value, a["secret_names"].second, {"secret_names must be a list"});
      return Value::opaque("", call.span, true);
    }
    for (const auto& n : names) {
      Json ps;
      if (!param_input(n, a["secret_names"].second, &ps)) return Value::opaque("", call.span, true);
      Json entry{{"secretNameParameter", ps}};
      if (n.k == Value::K::Const && n.c.is_string() && !n.c.get<std::string>().empty()) entry["secretName"] = n.c;
      k8s["imagePullSecret"].push_back(entry);
    }
    return self;
  }
  return self;
}

}  // namespace kfp::py
