// KFP v1 GraphSpec / TaskSpec (kfp/components/_structures.py, 1.8.22):
//   tasks: {task id: {componentRef, arguments, isEnabled, executionOptions, annotations}}
//   outputValues: {output name: argument}
// An argument is a primitive constant, {graphInput: {inputName, type?}} or
// {taskOutput: {taskId, outputName, type?}}. Like KFP's loader, references to
// unknown graph inputs, tasks and outputs are errors at load time.
#include "core/read/v1_graph.h"

#include <unordered_map>
#include <unordered_set>

#include "core/read/readers.h"
#include "core/read/v1_util.h"

namespace kfp {
namespace {

using yaml::Node;

Located<std::string> loc(const Node& n) { return {n.value, n.span}; }

Span join(const Span& a, const Span& b) { return Span{a.file, a.begin, b.end.offset >= a.begin.offset ? b.end : a.end}; }

bool is_null_value(const Node& n) {
  return n.is_null() || (n.is_scalar() && yaml::resolve(n).type == yaml::ScalarType::Null);
}

// References checked once all tasks are known.
struct PendingTaskRef {
  std::string task;
  Span span;
};

struct GraphCtx {
  const v1::IoNames owner;
  FileId file;
  Sink& sink;
  std::vector<PendingTaskRef> task_refs;
};

// Reads an ArgumentType. `what` names the argument in messages; `extra`
// receives a `type` override when one is written.
std::optional<ArgumentSource> read_argument(const Node& v, const std::string& what, Json& extra, GraphCtx& g) {
  ArgumentSource s;
  s.span = v.span;
  if (v.is_scalar() && !is_null_value(v)) {
    s.kind = ArgumentSource::Kind::Constant;
    s.constant = yaml::to_json(&v);
    return s;
  }
  auto es = v1::entries(v);
  std::string key = es.size() == 1 && es[0].first->is_scalar() ? es[0].first->value : "";
  if (key != "graphInput" && key != "taskOutput") {
    g.sink.report(DiagId::err_v1_argument_shape, v.span, {what, v1::describe(v)});
    return std::nullopt;
  }
  const Node& ref = *es[0].second;
  if (!v1::want_map(ref, key, g.sink)) return std::nullopt;
  if (const Node* t = v1::get(ref, "type"); t && !is_null_value(*t)) extra["type"] = yaml::to_json(t);
  if (key == "graphInput") {
    v1::check_keys(ref, {"inputName", "type"}, "graphInput", g.sink);
    const Node* name = v1::get(ref, "inputName");
    if (!name) {
      g.sink.report(DiagId::err_v1_missing_key, ref.span, {"graphInput", "inputName"});
      return std::nullopt;
    }
    if (!v1::want_str(*name, "inputName", g.sink)) return std::nullopt;
    s.kind = ArgumentSource::Kind::PipelineInput;
    s.input = name->value;
    // KFP: 'Argument "..." references non-existing input.'
    if (!g.owner.input(name->value)) g.sink.report(DiagId::err_v1_graph_input_unknown, name->span, {name->value});
    return s;
  }
  v1::check_keys(ref, {"taskId", "outputName", "type"}, "taskOutput", g.sink);
  const Node* task = v1::get(ref, "taskId");
  const Node* out = v1::get(ref, "outputName");
  bool ok = true;
  for (auto [n, k] : {std::pair{task, "taskId"}, std::pair{out, "outputName"}}) {
    if (!n) {
      g.sink.report(DiagId::err_v1_missing_key, ref.span, {"taskOutput", k});
      ok = false;
    } else if (!v1::want_str(*n, k, g.sink)) {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  s.kind = ArgumentSource::Kind::TaskOutput;
  s.task = task->value;
  s.task_span = task->span;
  s.output = out->value;
  s.output_span = out->span;
  g.task_refs.push_back({s.task, s.task_span});
  return s;
}

void read_component_ref(const Node& n, Task& t, GraphCtx& g) {
  t.ref.span = n.span;
  if (!v1::want_map(n, "componentRef", g.sink)) return;
  v1::check_keys(n, {"name", "digest", "tag", "url", "spec"}, "componentRef", g.sink);
  bool any = false;
  for (auto [key, field] : {std::pair{"name", &t.ref.name}, std::pair{"digest", &t.ref.digest},
                            std::pair{"url", &t.ref.url}}) {
    const Node* v = v1::get(n, key);
    if (!v || is_null_value(*v)) continue;
    any = true;
    if (v1::want_str(*v, std::string("componentRef.") + key, g.sink)) *field = loc(*v);
  }
  if (const Node* tag = v1::get(n, "tag"); tag && !is_null_value(*tag)) {
    any = true;
    if (v1::want_str(*tag, "componentRef.tag", g.sink)) t.extra["componentRef"]["tag"] = tag->value;
  }
  if (const Node* spec = v1::get(n, "spec"); spec && !is_null_value(*spec)) {
    any = true;
    t.ref.inline_spec = true;
    if (v1::want_map(*spec, "componentRef.spec", g.sink)) t.component = read_v1_component(*spec, g.file, g.sink);
  }
  if (!any) g.sink.report(DiagId::err_v1_ref_empty, n.span);
}

void read_execution_options(const Node& n, Task& t, GraphCtx& g) {
  if (is_null_value(n) || !v1::want_map(n, "executionOptions", g.sink)) return;
  v1::check_keys(n, {"retryStrategy", "cachingStrategy"}, "executionOptions", g.sink);
  if (const Node* r = v1::get(n, "retryStrategy"); r && !is_null_value(*r) && v1::want_map(*r, "retryStrategy", g.sink)) {
    v1::check_keys(*r, {"maxRetries"}, "retryStrategy", g.sink);
    const Node* m = v1::get(*r, "maxRetries");
    if (!m) {
      g.sink.report(DiagId::err_v1_missing_key, r->span, {"retryStrategy", "maxRetries"});
    } else if (m->is_scalar() && yaml::resolve(*m).type == yaml::ScalarType::Int) {
      RetryPolicy p;
      p.max_retry_count = yaml::resolve(*m).i;
      p.span = r->span;
      t.retry = p;
    } else {
      g.sink.report(DiagId::err_v1_wrong_kind, m->span, {"maxRetries", "an integer", v1::describe(*m)});
    }
  }
  if (const Node* c = v1::get(n, "cachingStrategy");
      c && !is_null_value(*c) && v1::want_map(*c, "cachingStrategy", g.sink)) {
    v1::check_keys(*c, {"maxCacheStaleness"}, "cachingStrategy", g.sink);
    if (const Node* s = v1::get(*c, "maxCacheStaleness");
        s && !is_null_value(*s) && v1::want_str(*s, "maxCacheStaleness", g.sink)) {
      // An RFC 3339 duration; zero staleness is how v1 turns caching off.
      if (s->value == "P0D" || s->value == "PT0S" || s->value == "P0DT0S") t.enable_cache = false;
      else t.extra["maxCacheStaleness"] = s->value;
    }
  }
}

Task read_task(const Node& key, const Node& v, GraphCtx& g) {
  Task t;
  t.name = loc(key);
  t.display_name = key.value;
  t.span = join(key.span, v.span);
  if (!v1::want_map(v, "task '" + key.value + "'", g.sink)) return t;
  v1::check_keys(v, {"componentRef", "arguments", "isEnabled", "executionOptions", "annotations"}, "a task", g.sink);
  if (const Node* r = v1::get(v, "componentRef")) read_component_ref(*r, t, g);
  else g.sink.report(DiagId::err_v1_missing_key, key.span, {"task '" + key.value + "'", "componentRef"});
  if (const Node* args = v1::get(v, "arguments"); args && !is_null_value(*args) && v1::want_map(*args, "arguments", g.sink)) {
    for (const auto& [k, val] : v1::entries(*args)) {
      TaskArgument a;
      a.input = loc(*k);
      a.span = join(k->span, val->span);
      if (auto s = read_argument(*val, k->value, a.extra, g)) {
        a.source = std::move(*s);
        t.arguments.push_back(std::move(a));
      }
    }
  }
  if (const Node* e = v1::get(v, "isEnabled"); e && !is_null_value(*e))
    t.v1_is_enabled = Located<std::string>{yaml::to_json(e).dump(), e->span};
  if (const Node* o = v1::get(v, "executionOptions")) read_execution_options(*o, t, g);
  if (const Node* a = v1::get(v, "annotations"); a && !is_null_value(*a) && v1::want_map(*a, "annotations", g.sink))
    t.extra["annotations"] = yaml::to_json(a);
  classify_v1_arguments(t);
  return t;
}

}  // namespace

InputKinds input_kinds(const Component& c) {
  InputKinds k;
  for (const auto& i : c.inputs) k.emplace(i.name.value, i.type.is_artifact);
  return k;
}

void classify_v1_arguments(Task& t, const InputKinds& kinds) {
  for (auto& a : t.arguments)
    if (auto it = kinds.find(a.input.value); it != kinds.end()) a.is_artifact = it->second;
}

void classify_v1_arguments(Task& t) {
  if (t.component) classify_v1_arguments(t, input_kinds(*t.component));
}

std::optional<Dag> read_v1_graph(const yaml::Node& graph, const Component& owner, FileId file, Sink& sink) {
  if (!v1::want_map(graph, "implementation.graph", sink)) return std::nullopt;
  v1::check_keys(graph, {"tasks", "outputValues"}, "implementation.graph", sink);
  GraphCtx g{v1::IoNames::of(owner), file, sink, {}};
  Dag dag;
  const Node* tasks = v1::get(graph, "tasks");
  if (!tasks) sink.report(DiagId::err_v1_missing_key, graph.span, {"implementation.graph", "tasks"});
  else if (v1::want_map(*tasks, "tasks", sink)) {
    const auto entries = v1::entries(*tasks);
    dag.tasks.reserve(entries.size());  // a Task is large: no regrowth copies
    for (const auto& [k, v] : entries) dag.tasks.push_back(read_task(*k, *v, g));
  }

  if (const Node* ov = v1::get(graph, "outputValues"); ov && !is_null_value(*ov) && v1::want_map(*ov, "outputValues", sink)) {
    std::unordered_map<std::string, bool> out_kinds;  // output name -> is artifact
    for (const auto& o : owner.outputs) out_kinds.emplace(o.name.value, o.type.is_artifact);
    for (const auto& [k, v] : v1::entries(*ov)) {
      DagOutput o;
      o.name = loc(*k);
      o.span = join(k->span, v->span);
      if (auto it = out_kinds.find(k->value); it == out_kinds.end())
        sink.report(DiagId::err_v1_output_value_unknown, k->span, {k->value});
      else o.is_artifact = it->second;
      auto s = read_argument(*v, k->value, o.extra, g);
      if (!s) continue;
      if (s->kind == ArgumentSource::Kind::TaskOutput) o.selectors.emplace_back(s->task, s->output);
      else if (s->kind == ArgumentSource::Kind::PipelineInput) o.extra["graphInput"] = s->input;
      else o.extra["constant"] = s->constant;
      dag.outputs.push_back(std::move(o));
    }
  }
  // KFP: 'Argument "..." references non-existing task.'
  std::unordered_set<std::string> ids;
  for (const auto& t : dag.tasks) ids.insert(t.name.value);
  for (const auto& r : g.task_refs)
    if (!ids.count(r.task)) sink.report(DiagId::err_v1_task_output_unknown, r.span, {r.task});
  return dag;
}

}  // namespace kfp
