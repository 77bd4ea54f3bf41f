// The Argo emitter: the Workflow, one DAG template per DAG component, task
// wiring, control flow. Container templates: argo_container.cpp; conditions:
// argo_when.cpp. See argo.h and docs/argo.md for the mapping.
#include "core/emit/argo.h"

#include "core/emit/lower_v1.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/emit/argo_internal.h"
#include "core/emit/pyfmt.h"
#include "core/emit/yaml_writer.h"

namespace kfp {
namespace argo_emit {

std::string k8s_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {  // ASCII tests inline (std::isalnum and tolower are calls per byte, in the C locale)
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    else if (ch >= 'A' && ch <= 'Z') out += static_cast<char>(ch - 'A' + 'a');
    else if (out.empty() || out.back() != '-') out += '-';
  }
  while (!out.empty() && out.front() == '-') out.erase(out.begin());
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

namespace {
// Appends s as param_name spells it ([A-Za-z0-9_-] kept, runs of anything
// else one '-'); ASCII tests inline (std::isalnum is a call per byte, and
// every task's inputs and outputs are named through here).
void append_param_name(std::string_view s, std::string& out) {
  for (char ch : s) {
    bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                ch == '-';
    if (keep) out += ch;
    else if (out.empty() || out.back() != '-') out += '-';
  }
}
}  // namespace

std::string param_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_param_name(s, out);
  return out.empty() ? "_" : out;
}

std::string value_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return json_dumps(v);
}

std::string task_output_name(std::string_view argo_task, std::string_view output) {
  std::string out;  // param_name(argo_task + "-" + output), without the joined copy
  out.reserve(argo_task.size() + 1 + output.size());
  append_param_name(argo_task, out);
  append_param_name("-", out);
  append_param_name(output, out);
  return out;
}

}  // namespace argo_emit

namespace {

using namespace argo_emit;
// The Workflow is built in the arena tree (core/util/json_tree.h), as the IR
// is: as nlohmann::json its allocations and frees were most of a compile.
using V = jt::Value;

bool all_done(const Task& t) { return t.trigger_strategy && *t.trigger_strategy == "ALL_UPSTREAM_TASKS_COMPLETED"; }

// `parseJson(string_value)["key"]` -> key (KFP's loop-item field selector).
bool item_field(const std::string& expr, std::string* key) {
  std::string_view e = expr;
  constexpr std::string_view kHead = "parseJson(string_value)[";
  if (e.substr(0, kHead.size()) != kHead || e.size() < kHead.size() + 3 || e.back() != ']') return false;
  std::string_view q = e.substr(kHead.size(), e.size() - kHead.size() - 1);
  if (q.size() < 2 || (q.front() != '"' && q.front() != '\'') || q.back() != q.front()) return false;
  *key = std::string(q.substr(1, q.size() - 2));
  return true;
}

std::string v1_type_name(const Type& t) {
  if (t.from_v1) return t.v1_name();
  if (t.is_artifact) {
    size_t dot = t.schema_title.rfind('.');
    return dot == std::string::npos ? t.schema_title : t.schema_title.substr(dot + 1);
  }
  switch (t.param) {
    case ParamType::Double: return "Float";
    case ParamType::Integer: return "Integer";
    case ParamType::Boolean: return "Bool";
    case ParamType::List: return "List";
    case ParamType::Struct: return "Dict";
    default: return "String";
  }
}

struct DagState {
  const Component* comp = nullptr;
  // The tasks emitted here and their Argo names, looked up by IR task name
  // (views of the model's names, which outlive the emitter), hashed.
  std::unordered_map<std::string_view, size_t> index;     // IR task -> entry in `emitted`
  std::vector<std::pair<const Task*, std::string>> emitted;  // task, Argo task name
  std::map<const Task*, ContainerTemplate> containers;
  std::map<const Task*, std::string> template_of;      // container / stub template names
  std::map<const Task*, std::set<std::string>> need_param;  // outputs read as parameters

  const Task* task(std::string_view ir_name) const {
    auto it = index.find(ir_name);
    return it == index.end() ? nullptr : emitted[it->second].first;
  }
  std::string argo_name(std::string_view ir_name) const {  // "" for a task not emitted here
    auto it = index.find(ir_name);
    return it == index.end() ? std::string() : emitted[it->second].second;
  }
};

class Emitter {
 public:
  Emitter(const PipelineSpec& p, Sink& sink, const ArgoOptions& o) : p_(p), sink_(sink), opts_(o) {}

  V run() {
    std::string root_name = k8s_name(p_.name.value.empty() ? p_.display_name : p_.name.value);
    if (root_name.empty()) root_name = "pipeline";
    root_name_ = reserve(root_name);
    if (!p_.root || !p_.root->dag) {
      sink_.report(DiagId::err_argo_emit_nothing, p_.span, {"the pipeline has no root DAG"});
      return V();
    }
    dag_names_[p_.root.get()] = root_name_;
    name_dags(*p_.root);

    // Root exit handlers (KFP v1: the one global exit handler) go to spec.onExit.
    std::vector<const Task*> root_tasks, exit_tasks;
    for (const auto& t : p_.root->dag->tasks) (hoistable(t) ? exit_tasks : root_tasks).push_back(&t);
    emit_dag(*p_.root, root_name_, root_tasks);
    std::string on_exit;
    if (!exit_tasks.empty()) {
      on_exit = reserve(root_name_ + "-on-exit");
      emit_dag(*p_.root, on_exit, exit_tasks);
    }
    for (const Component* c : dag_order_) emit_dag(*c, dag_names_[c], all_tasks(*c));

    sort_templates_by_name();

    V params = V::array(), arts = V::array();
    Json spec_inputs = Json::array();  // json.dumps'ed into an annotation (pyfmt's Json writer)
    for (const auto& in : p_.root->inputs) {
      V pi = V::object({{"name", param_name(in.name.value)}});
      Json si = {{"name", in.name.value}, {"type", v1_type_name(in.type)}};
      if (in.default_value) {
        si["default"] = value_text(*in.default_value);
        si["optional"] = true;
      } else if (in.optional) {
        si["optional"] = true;
      }
      spec_inputs.push_back(std::move(si));
      if (in.type.is_artifact) {
        sink_.report(DiagId::warn_argo_emit_unsupported, in.span,
                     {"pipeline artifact input '" + in.name.value + "'", root_name_,
                      "Argo needs its location at submission time"});
        arts.push_back(std::move(pi));
        continue;
      }
      if (in.default_value) pi["value"] = value_text(*in.default_value);
      params.push_back(std::move(pi));
    }
    Json pipeline_spec = {{"name", p_.name.value.empty() ? root_name_ : p_.name.value}};
    if (!p_.description.empty()) pipeline_spec["description"] = p_.description;
    if (!spec_inputs.empty()) pipeline_spec["inputs"] = std::move(spec_inputs);
    std::string sdk = p_.sdk_version.rfind("kfp-", 0) == 0 ? p_.sdk_version.substr(4) : p_.sdk_version;

    V meta = V::object();
    meta["generateName"] = root_name_ + "-";
    meta["annotations"]["pipelines.kubeflow.org/pipeline_spec"] = json_dumps(pipeline_spec);
    if (!sdk.empty()) {
      meta["annotations"]["pipelines.kubeflow.org/kfp_sdk_version"] = sdk;
      meta["labels"]["pipelines.kubeflow.org/kfp_sdk_version"] = sdk;
    }
    // Built by moving: a brace list would copy every template (megabytes at 1,000 tasks).
    V spec = V::object();
    spec["entrypoint"] = root_name_;
    spec["templates"] = V::array();
    for (auto& t : templates_) spec["templates"].push_back(std::move(t));
    templates_.clear();
    spec["arguments"]["parameters"] = std::move(params);
    spec["serviceAccountName"] = opts_.service_account;
    if (!arts.empty()) spec["arguments"]["artifacts"] = std::move(arts);
    if (!on_exit.empty()) spec["onExit"] = on_exit;
    for (const auto& n : pull_secrets_) spec["imagePullSecrets"].push_back(V::object({{"name", n}}));
    V wf = V::object();
    wf["apiVersion"] = "argoproj.io/v1alpha1";
    wf["kind"] = "Workflow";
    wf["metadata"] = std::move(meta);
    wf["spec"] = std::move(spec);
    return wf;
  }

 private:
  std::string reserve(const std::string& base) {
    std::string b = base.empty() ? "task" : base;
    std::string n = b;
    for (int i = 2; used_.count(n); ++i) n = b + "-" + std::to_string(i);
    used_.insert(n);
    return n;
  }

  static std::vector<const Task*> all_tasks(const Component& c) {
    std::vector<const Task*> v;
    for (const auto& t : c.dag->tasks) v.push_back(&t);
    return v;
  }

  // DAG templates get their names first (depth first, in task order), so
  // names do not depend on emission order.
  void name_dags(const Component& c) {
    for (const auto& t : c.dag->tasks) {
      const Component* child = t.component.get();
      if (!child || !child->dag || dag_names_.count(child)) continue;
      std::string base = child->ir_key.rfind("comp-", 0) == 0 ? child->ir_key.substr(5) : child->ir_key;
      if (base.empty()) base = t.name.value;
      dag_names_[child] = reserve(k8s_name(base));
      dag_order_.push_back(child);
      name_dags(*child);
    }
  }

  bool hoistable(const Task& t) const {
    if (!all_done(t) || t.after.empty() || !t.component || !t.component->container) return false;
    for (const auto& a : t.after) {
      const Task* up = p_.root->dag->find(a.value);
      if (!up || !up->component || up->component->group != GroupKind::ExitHandler) return false;
    }
    for (const auto& a : t.arguments)
      if (a.source.kind == ArgumentSource::Kind::TaskOutput) return false;
    return true;
  }

  // --- values ------------------------------------------------------------

  std::string producer_output(DagState& st, const Task& p, const std::string& key, bool as_param) {
    auto tn = st.template_of.find(&p);
    if (tn != st.template_of.end()) {  // a container (or stub) task
      if (as_param) st.need_param[&p].insert(key);
      return task_output_name(tn->second, key);
    }
    return param_name(key);  // a DAG task: its template's outputs carry the IR keys
  }

  std::string param_value(DagState& st, const Task& t, const ArgumentSource& s) {
    switch (s.kind) {
      case ArgumentSource::Kind::Constant:
        return value_text(s.constant);
      case ArgumentSource::Kind::PipelineInput:
      case ArgumentSource::Kind::LoopItem: {
        std::string n = param_name(s.input);
        std::string key;
        if (!s.expression.empty()) {
          if (item_field(s.expression, &key)) return "{{=jsonpath(inputs.parameters['" + n + "'], '$." + key + "')}}";
          sink_.report(DiagId::warn_argo_emit_unsupported, s.span,
                       {"the selector '" + s.expression + "'", t.name.value, "the whole value is passed"});
        }
        return "{{inputs.parameters." + n + "}}";
      }
      case ArgumentSource::Kind::TaskOutput: {
        const Task* producer = st.task(s.task);
        if (!producer) {
          sink_.report(DiagId::warn_argo_emit_unsupported, s.span,
                       {"the output of task '" + s.task + "'", t.name.value, "an empty value is passed"});
          return "";
        }
        return "{{tasks." + st.argo_name(s.task) + ".outputs.parameters." +
               producer_output(st, *producer, s.output, true) + "}}";
      }
      case ArgumentSource::Kind::TaskFinalStatus:
        return json_dumps(Json{{"error", Json::object()},
                               {"pipelineJobResourceName", "{{workflow.name}}"},
                               {"pipelineTaskName", s.task},
                               {"state", "{{workflow.status}}"}});
    }
    return "";
  }

  V artifact_arg(DagState& st, const Task& t, const std::string& name, const ArgumentSource& s) {
    // {from, name} or {name, raw: {data}}: members in key order (no sort when written).
    auto from = [&](std::string ref) { return V::object({{"from", std::move(ref)}, {"name", name}}); };
    auto raw = [&] {
      V a = V::object({{"name", name}});
      a.add("raw").add("data") = param_value(st, t, s);
      return a;
    };
    switch (s.kind) {
      case ArgumentSource::Kind::PipelineInput:
      case ArgumentSource::Kind::LoopItem: {
        const IoSpec* io = st.comp->input(s.input);
        if (io && io->type.is_artifact) return from("{{inputs.artifacts." + param_name(s.input) + "}}");
        return raw();
      }
      case ArgumentSource::Kind::TaskOutput: {
        if (const Task* producer = st.task(s.task)) {
          const Task& p = *producer;
          bool container = st.template_of.count(&p) > 0;
          const Component* pc = p.component.get();
          bool dag_artifact = false;
          if (pc && pc->dag)
            for (const auto& o : pc->dag->outputs)
              if (o.name.value == s.output && o.is_artifact) dag_artifact = true;
          if (container || dag_artifact)
            return from("{{tasks." + st.argo_name(s.task) + ".outputs.artifacts." +
                        producer_output(st, p, s.output, false) + "}}");
        }
        return raw();
      }
      default:
        return raw();
    }
  }

  // --- templates ----------------------------------------------------------

  // By name (each is unique: reserve()), each name looked up once rather than
  // twice per comparison (a template's members are not in key order).
  void sort_templates_by_name() {
    std::vector<std::pair<std::string_view, size_t>> order;  // views into the arena
    order.reserve(templates_.size());
    for (size_t i = 0; i < templates_.size(); ++i) order.emplace_back(templates_[i]["name"].str(), i);
    std::sort(order.begin(), order.end());
    std::vector<V> sorted;
    sorted.reserve(templates_.size());
    for (const auto& [name, i] : order) sorted.push_back(std::move(templates_[i]));
    templates_ = std::move(sorted);
  }

  // A stand-in for an importer: KFP v1 has none; this writes the URI.
  ContainerTemplate importer_stub(const std::string& name, const Task& t, const Component& c) {
    sink_.report(DiagId::warn_argo_emit_unsupported, t.span,
                 {"an importer", t.name.value, "it is emitted as a step that writes the artifact URI to its output"});
    std::string uri;
    for (const auto& a : t.arguments)
      if (a.input.value == "uri" && a.source.kind == ArgumentSource::Kind::Constant) uri = value_text(a.source.constant);
    if (uri.empty() && c.importer && c.importer->is_object()) {
      auto au = c.importer->find("artifactUri");
      if (au != c.importer->end() && au->is_object() && au->contains("constant")) uri = value_text((*au)["constant"]);
    }
    std::string out = output_path("artifact");
    ContainerTemplate ct;
    ct.tmpl = V::object();
    ct.tmpl["name"] = name;
    ct.tmpl["container"]["image"] = "alpine:3";
    ct.tmpl["container"]["command"] =
        V(std::vector<std::string>{"sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && printf %s \"$0\" > \"$1\"", uri,
                                   out});
    ct.tmpl["outputs"]["artifacts"].push_back(V::object({{"name", task_output_name(name, "artifact")}, {"path", out}}));
    return ct;
  }

  void emit_dag(const Component& c, const std::string& name, const std::vector<const Task*>& tasks) {
    DagState st;
    st.comp = &c;
    std::unordered_set<std::string> used_tasks;
    for (const Task* t : tasks) {
      std::string n = k8s_name(t->name.value);
      if (n.empty()) n = "task";
      std::string u = n;
      for (int i = 2; used_tasks.count(u); ++i) u = n + "-" + std::to_string(i);
      used_tasks.insert(u);
      st.index[t->name.value] = st.emitted.size();  // a repeated name: the last task
      st.emitted.emplace_back(t, u);
    }
    // Container templates first: their inputs decide how arguments are passed.
    for (const Task* t : tasks) {
      const Component* tc = t->component.get();
      if (!tc || tc->dag) continue;
      std::string tn = reserve(k8s_name(t->name.value));
      if (tc->container && tc->container->image.value.rfind("argostub/", 0) == 0)
        // kfp.kubernetes.CreatePVC / DeletePVC: KFP's backend swaps the stub
        // for a PVC resource; plain Argo would pull an image that does not exist.
        sink_.report(DiagId::warn_argo_emit_unsupported, t->span,
                     {"the KFP backend stub image '" + tc->container->image.value + "'", t->name.value,
                      "KFP's backend replaces it with a PersistentVolumeClaim operation; plain Argo cannot run "
                      "it (create the claim outside the workflow, or use a resource template)"});
      if (tc->container) st.containers.emplace(t, container_template(tn, *t, *tc, p_, sink_));
      else if (tc->importer) st.containers.emplace(t, importer_stub(tn, *t, *tc));
      else {
        sink_.report(DiagId::warn_argo_emit_unsupported, t->span,
                     {"a component without a container", t->name.value, "an empty step is emitted"});
        ContainerTemplate ct;
        ct.tmpl = V::object({{"name", tn}, {"suspend", V::object()}});
        st.containers.emplace(t, std::move(ct));
      }
      st.template_of[t] = tn;
    }

    bool use_depends = false;
    for (const Task* t : tasks)
      if (all_done(*t)) use_depends = true;

    V jtasks = V::array();
    for (const Task* t : tasks) jtasks.push_back(task_json(st, *t, use_depends));

    // Outputs read as parameters but typed as artifacts: expose them too (v1's data passing rewriter).
    for (auto& [t, ct] : st.containers) {
      auto need = st.need_param.find(t);
      if (need == st.need_param.end()) continue;
      V& outs = ct.tmpl["outputs"];
      for (const auto& key : need->second) {
        std::string on = task_output_name(st.template_of[t], key);
        bool have = false;
        for (const auto& p : std::as_const(outs)["parameters"])
          if (p["name"].str() == on) have = true;
        if (have) continue;
        std::string path = output_path(key);
        for (const auto& a : std::as_const(outs)["artifacts"])
          if (a["name"].str() == on) path = std::string(a["path"].str());
        outs["parameters"].push_back(V::object({{"name", on}, {"valueFrom", V::object({{"path", path}})}}));
      }
    }
    for (auto& [t, ct] : st.containers) {
      pull_secrets_.insert(ct.image_pull_secrets.begin(), ct.image_pull_secrets.end());
      templates_.push_back(std::move(ct.tmpl));
    }

    // Built by moves (an initializer list copies: here, every task), the
    // members in key order.
    V tmpl = V::object();
    tmpl.add("dag").add("tasks") = std::move(jtasks);
    V in_params = V::array(), in_arts = V::array();
    for (const auto& in : c.inputs) {
      V j = V::object({{"name", param_name(in.name.value)}});
      bool root = &c == p_.root.get();
      if (in.type.is_artifact) {
        if (!root && in.optional) j["optional"] = true;
        in_arts.push_back(std::move(j));
      } else {
        // Argo has no "absent": an optional input without a default is "".
        if (!root && in.default_value) j["default"] = value_text(*in.default_value);
        else if (!root && in.optional) j["default"] = "";
        in_params.push_back(std::move(j));
      }
    }
    if (!in_params.empty() || !in_arts.empty()) {
      V inputs = V::object();
      if (!in_arts.empty()) inputs.add("artifacts") = std::move(in_arts);
      if (!in_params.empty()) inputs.add("parameters") = std::move(in_params);
      tmpl.add("inputs") = std::move(inputs);
    }
    tmpl.add("name") = name;
    V outs = dag_outputs(st);
    if (!outs.empty()) tmpl.add("outputs") = std::move(outs);
    templates_.push_back(std::move(tmpl));
  }

  V dag_outputs(DagState& st) {
    V params = V::array(), arts = V::array();
    for (const auto& o : st.comp->dag->outputs) {
      std::vector<std::pair<std::string, std::string>> refs;  // (argo task, output name)
      for (const auto& [task, key] : o.selectors) {
        const Task* producer = st.task(task);
        if (!producer) continue;
        refs.emplace_back(st.argo_name(task), producer_output(st, *producer, key, !o.is_artifact));
      }
      if (refs.empty()) continue;
      const char* kind = o.is_artifact ? "artifacts" : "parameters";
      V j = V::object({{"name", param_name(o.name.value)}});
      if (refs.size() == 1) {
        std::string ref = "{{tasks." + refs[0].first + ".outputs." + kind + "." + refs[0].second + "}}";
        if (o.is_artifact) j["from"] = ref;
        else j["valueFrom"]["parameter"] = ref;
      } else {
        // dsl.OneOf: the first branch that ran.
        std::string e;
        for (size_t i = 0; i < refs.size(); ++i) {
          std::string v = "tasks['" + refs[i].first + "'].outputs." + kind + "['" + refs[i].second + "']";
          e += i + 1 < refs.size() ? "tasks['" + refs[i].first + "'].status == 'Succeeded' ? " + v + " : " : v;
        }
        if (o.is_artifact) j["fromExpression"] = e;
        else j["valueFrom"]["expression"] = e;
      }
      (o.is_artifact ? arts : params).push_back(std::move(j));
    }
    V out = V::object();
    if (!arts.empty()) out.add("artifacts") = std::move(arts);
    if (!params.empty()) out.add("parameters") = std::move(params);
    return out;
  }

  V task_json(DagState& st, const Task& t, bool use_depends) {
    const Component* callee = t.component.get();
    std::string tname = st.argo_name(t.name.value);
    auto ct = st.containers.find(&t);
    std::string template_name = ct != st.containers.end() ? st.template_of[&t]
                                : (callee && dag_names_.count(callee)) ? dag_names_[callee]
                                                                       : "";

    // Arguments, by how the callee declares each input.
    V params = V::array(), arts = V::array();
    // input -> parameter value, for a `when` or a loop's withParam (only those read it)
    std::map<std::string, std::string> values;
    const bool keep_values = t.condition.has_value() || t.iterator.has_value();
    std::set<std::string> deps;
    for (const auto& a : t.arguments) {
      if (a.source.kind == ArgumentSource::Kind::TaskOutput && st.task(a.source.task))
        deps.insert(st.argo_name(a.source.task));
      std::string in = param_name(a.input.value);
      bool as_param = false, as_artifact = false;
      if (ct != st.containers.end()) {
        if (callee && callee->importer) continue;
        as_param = ct->second.param_inputs.count(a.input.value) > 0;
        as_artifact = ct->second.artifact_inputs.count(a.input.value) > 0;
      } else if (callee) {
        const IoSpec* io = callee->input(a.input.value);
        as_artifact = a.is_artifact || (io && io->type.is_artifact);
        as_param = !as_artifact;
      }
      if (as_param) {
        std::string v = param_value(st, t, a.source);
        if (keep_values) values[a.input.value] = v;
        params.push_back(V::object({{"name", in}, {"value", v}}));
      }
      if (as_artifact) arts.push_back(artifact_arg(st, t, in, a.source));
    }
    // Kubernetes settings named by a parameter (argo_platform.cpp).
    if (ct != st.containers.end())
      for (const auto& [n, src] : ct->second.platform_args) {
        if (src.kind == ArgumentSource::Kind::TaskOutput && st.task(src.task))
          deps.insert(st.argo_name(src.task));
        params.push_back(V::object({{"name", n}, {"value", param_value(st, t, src)}}));
      }
    for (const auto& a : t.after)
      if (st.task(a.value)) deps.insert(st.argo_name(a.value));
    deps.erase(tname);

    // Conditions: KFP's CEL over the group's inputs -> an Argo `when`.
    std::string when;
    bool has_when = false;
    if (t.condition) {
      has_when = translate_condition(t.condition->value, values, &when);
      if (!has_when)
        sink_.report(DiagId::warn_argo_emit_condition, t.condition->span, {t.name.value, t.condition->value});
    }

    // Parallel-for: withItems (a literal list) or withParam (a value), the item as an argument.
    V with_items, with_param;
    if (t.iterator) {
      const Iterator& it = *t.iterator;
      if (it.artifact) {
        sink_.report(DiagId::warn_argo_emit_unsupported, it.span,
                     {"a loop over artifacts", t.name.value, "the loop body runs once, with the whole list"});
        for (const auto& a : t.arguments)
          if (a.input.value == it.input) arts.push_back(artifact_arg(st, t, param_name(it.item_input), a.source));
      } else {
        if (it.raw) {
          Json items = Json::parse(*it.raw, nullptr, false);
          if (items.is_array()) with_items = V(items);
          else
            sink_.report(DiagId::warn_argo_emit_unsupported, it.span,
                         {"the loop items '" + *it.raw + "'", t.name.value, "they are not a JSON list"});
        } else if (values.count(it.input)) {
          with_param = values[it.input];
        } else {
          with_param = "{{inputs.parameters." + param_name(it.input) + "}}";
        }
        if (!it.item_input.empty())
          params.push_back(V::object({{"name", param_name(it.item_input)}, {"value", "{{item}}"}}));
      }
    }

    V args = V::object();
    // A parallelism limit applies to the template that holds the looping
    // task: wrap the loop in its own DAG template (as KFP's backend does).
    if (t.parallelism && *t.parallelism > 0 && (!with_items.is_null() || !with_param.is_null())) {
      std::string wrapper = reserve(tname + "-iterator");
      V inner = V::object({{"name", tname}, {"template", template_name}});
      V inner_params = V::array(), inner_arts = V::array(), w_params = V::array(), w_arts = V::array(),
        outer_params = V::array();
      for (const auto& p : params) {
        if (p["value"].str() == "{{item}}") {
          inner_params.push_back(p);
          continue;
        }
        std::string pn(p["name"].str());
        inner_params.push_back(V::object({{"name", pn}, {"value", "{{inputs.parameters." + pn + "}}"}}));
        w_params.push_back(V::object({{"name", pn}}));
        outer_params.push_back(p);
      }
      for (const auto& a : arts) {
        std::string an(a["name"].str());
        inner_arts.push_back(V::object({{"name", an}, {"from", "{{inputs.artifacts." + an + "}}"}}));
        w_arts.push_back(V::object({{"name", an}}));
      }
      V inner_args = V::object();
      if (!inner_params.empty()) inner_args["parameters"] = std::move(inner_params);
      if (!inner_arts.empty()) inner_args["artifacts"] = std::move(inner_arts);
      if (!inner_args.empty()) inner["arguments"] = std::move(inner_args);
      if (!with_items.is_null()) inner["withItems"] = std::move(with_items);
      else inner["withParam"] = "{{inputs.parameters." + param_name(t.iterator->input) + "}}";
      V wt = V::object({{"name", wrapper}, {"parallelism", *t.parallelism}});
      wt["dag"]["tasks"].push_back(std::move(inner));
      V w_inputs = V::object();
      if (!w_params.empty()) w_inputs["parameters"] = std::move(w_params);
      if (!w_arts.empty()) w_inputs["artifacts"] = std::move(w_arts);
      if (!w_inputs.empty()) wt["inputs"] = std::move(w_inputs);
      templates_.push_back(std::move(wt));
      template_name = wrapper;
      if (!arts.empty()) args.add("artifacts") = std::move(arts);
      if (!outer_params.empty()) args.add("parameters") = std::move(outer_params);
      with_items = V();
      with_param = V();
    } else {
      if (!arts.empty()) args.add("artifacts") = std::move(arts);
      if (!params.empty()) args.add("parameters") = std::move(params);
    }
    // The members in key order (no sort when written).
    V j = V::object();
    if (!args.empty()) j.add("arguments") = std::move(args);
    if (!deps.empty()) {
      if (use_depends) {
        std::string d;
        for (const auto& n : deps) {
          if (!d.empty()) d += " && ";
          d += all_done(t) ? "(" + n + ".Succeeded || " + n + ".Failed || " + n + ".Errored)" : n;
        }
        j.add("depends") = d;
      } else {
        V list = V::array();
        for (const auto& n : deps) list.push_back(n);
        j.add("dependencies") = std::move(list);
      }
    }
    j.add("name") = tname;
    j.add("template") = template_name;
    if (has_when) j.add("when") = when;
    if (!with_items.is_null()) j.add("withItems") = std::move(with_items);
    if (!with_param.is_null()) j.add("withParam") = std::move(with_param);
    return j;
  }

  const PipelineSpec& p_;
  Sink& sink_;
  const ArgoOptions& opts_;
  std::string root_name_;
  std::unordered_set<std::string> used_;  // hashed: names share long prefixes ("combine-123")
  std::map<const Component*, std::string> dag_names_;
  std::vector<const Component*> dag_order_;  // non-root DAG components, depth first
  std::vector<V> templates_;
  std::set<std::string> pull_secrets_;  // kfp-kubernetes imagePullSecret, workflow-wide in Argo
};

}  // namespace

jt::Value emit_argo(const PipelineSpec& p, Sink& sink, const ArgoOptions& opts) { return Emitter(p, sink, opts).run(); }

ArgoResult compile_to_argo(const Analysis& a, const std::string& path, const ArgoOptions& opts) {
  ArgoResult r;
  Sink sink;
  const PipelineSpec* spec = nullptr;
  for (const auto& f : a.ws.files()) {
    if (!path.empty() && f->path != path) continue;
    if (f->pipeline && f->pipeline->root) {
      spec = f->pipeline.get();
      break;
    }
  }
  // No IR file: a Python pipeline, a v1 graph or a lone v1 component, lowered
  // the way KFP names things (core/emit/lower_v1.h), then emitted as Argo.
  std::shared_ptr<PipelineSpec> lowered;
  if (!spec) {
    for (const auto& f : a.ws.files()) {
      if (!path.empty() && f->path != path) continue;
      if (f->kind == FileKind::Python && f->pipeline && f->pipeline->root) {
        if (a.has_errors()) {  // as below: only clean inputs compile
          r.diagnostics = a.diagnostics;
          return r;
        }
        spec = f->pipeline.get();
        break;
      }
    }
  }
  if (!spec) {
    const SourceFile* src = nullptr;
    for (int pass = 0; pass < 2 && !src; ++pass)
      for (const auto& f : a.ws.files()) {
        if (!path.empty() && f->path != path) continue;
        bool graph = f->component && f->component->dag;
        if (f->component && (pass == 0 ? graph : !graph)) {
          src = f.get();
          break;
        }
      }
    if (src && a.has_errors()) {
      // As for IR: v1 and Python inputs compile only when they check clean
      // (KFP type-checks them while compiling); the analysis says why.
      src = nullptr;
      r.diagnostics = a.diagnostics;
      return r;
    }
    if (src) {
      LowerResult lr = lower_v1(*src->component, &a.ws);
      for (auto& d : lr.diagnostics) sink.add(std::move(d));
      lowered = lr.spec;
      spec = lowered.get();
    }
  }
  if (!spec) {
    if (!sink.has_errors())
      sink.report(DiagId::err_argo_emit_nothing, Span{},
                  {path.empty() ? "no pipeline or component among the inputs" : "'" + path + "' is not a pipeline"});
  } else {
    jt::Arena arena;  // the Workflow tree lives (and dies) in it
    jt::Value wf = emit_argo(*spec, sink, opts);
    if (!wf.is_null()) {
      if (opts.workflow_json || !opts.yaml) r.workflow = wf.to_json();
      r.text = opts.yaml ? write_yaml(wf) : r.workflow.dump(2) + "\n";
      r.ok = true;
    }
  }
  if (sink.has_errors()) r.ok = false;
  r.diagnostics = std::move(sink.all());
  sort_diagnostics(r.diagnostics);
  return r;
}

}  // namespace kfp
