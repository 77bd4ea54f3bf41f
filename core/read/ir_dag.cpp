// DAGs of the IR reader: tasks (PipelineTaskSpec), their inputs, options and
// iterators, and the DAG outputs, with every reference inside a DAG checked
// (componentRef, producer tasks and their output keys, dependentTasks, the
// enclosing component's inputs). See ir.cpp for where unmodelled fields go.
#include <map>

#include "core/read/ir_internal.h"

namespace kfp::ir {
namespace {

std::vector<std::string> keys_of(const std::map<std::string, std::shared_ptr<Component>>& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

// How many of `fields` the message sets; reports a oneof violation.
int oneof(Msg& m, std::initializer_list<std::string_view> fields, Sink& sink) {
  std::vector<std::string> set;
  for (auto f : fields)
    if (m.peek(f)) set.emplace_back(f);
  if (set.size() > 1) sink.report(DiagId::err_ir_oneof, m.node()->span, {m.what(), set[0], set[1]});
  return static_cast<int>(set.size());
}

// The legacy Value message {intValue | doubleValue | stringValue} (schemaVersion 2.0.0).
Json legacy_value(Reader& r, const yaml::Node* n, const std::string& what) {
  Msg v(n, what, {"intValue", "doubleValue", "stringValue"}, r.sink);
  if (v.peek("intValue")) {
    if (auto i = v.integer("intValue")) return *i;
  } else if (v.peek("doubleValue")) {
    if (auto d = v.number("doubleValue")) return *d;
  } else if (auto s = v.str("stringValue")) {
    return s->value;
  }
  return nullptr;
}

TaskArgument read_param_arg(Reader& r, const Entry& e, const std::string& task) {
  TaskArgument a;
  a.input = Located<std::string>{e.first->value, e.first->span};
  a.span = join(e.first->span, e.second->span);
  std::string what = "task '" + task + "' input parameter '" + e.first->value + "'";
  Msg m(e.second, what,
        {"taskOutputParameter", "runtimeValue", "componentInputParameter", "taskFinalStatus",
         "parameterExpressionSelector"},
        r.sink);
  ArgumentSource& s = a.source;
  int kinds = oneof(m, {"taskOutputParameter", "runtimeValue", "componentInputParameter", "taskFinalStatus"}, r.sink);
  if (kinds == 0 && m.present())
    r.sink.report(DiagId::err_ir_missing_key, e.second->span,
                  {what, "componentInputParameter', 'taskOutputParameter', 'runtimeValue' or 'taskFinalStatus"});
  if (auto v = m.str("componentInputParameter")) {
    s.kind = ArgumentSource::Kind::PipelineInput;
    s.input = v->value;
    s.span = v->span;
  } else if (const yaml::Node* n = m.take("taskOutputParameter")) {
    Msg t(n, what + " taskOutputParameter", {"producerTask", "outputParameterKey"}, r.sink);
    s.kind = ArgumentSource::Kind::TaskOutput;
    s.span = n->span;
    if (auto p = t.str("producerTask")) s.task = p->value, s.task_span = p->span;
    else if (t.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {t.what(), "producerTask"});
    if (auto k = t.str("outputParameterKey")) s.output = k->value, s.output_span = k->span;
    else if (t.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {t.what(), "outputParameterKey"});
    t.keep_rest(a.extra, "taskOutputParameter");
  } else if (const yaml::Node* n = m.take("runtimeValue")) {
    Msg rv(n, what + " runtimeValue", {"constant", "constantValue", "runtimeParameter"}, r.sink);
    s.kind = ArgumentSource::Kind::Constant;
    s.span = n->span;
    if (const yaml::Node* c = rv.take("constant")) {
      s.constant = yaml::to_json(c);
      s.span = c->span;
    } else if (const yaml::Node* cv = rv.take("constantValue")) {
      s.constant = legacy_value(r, cv, rv.what() + ".constantValue");
      s.span = cv->span;
      a.extra["runtimeValue"]["constantValue"] = yaml::to_json(cv);
      a.extra["runtimeValue"]["constant"] = nullptr;  // write the legacy form back
    }
    rv.keep_rest(a.extra, "runtimeValue");  // runtimeParameter
  } else if (const yaml::Node* n = m.take("taskFinalStatus")) {
    Msg t(n, what + " taskFinalStatus", {"producerTask"}, r.sink);
    s.kind = ArgumentSource::Kind::TaskFinalStatus;
    s.span = n->span;
    if (auto p = t.str("producerTask")) s.task = p->value, s.task_span = p->span;
    else if (t.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {t.what(), "producerTask"});
    t.keep_rest(a.extra, "taskFinalStatus");
  }
  if (auto x = m.str("parameterExpressionSelector")) s.expression = x->value;
  m.merge_rest(a.extra);
  return a;
}

TaskArgument read_artifact_arg(Reader& r, const Entry& e, const std::string& task) {
  TaskArgument a;
  a.input = Located<std::string>{e.first->value, e.first->span};
  a.span = join(e.first->span, e.second->span);
  a.is_artifact = true;
  std::string what = "task '" + task + "' input artifact '" + e.first->value + "'";
  Msg m(e.second, what, {"taskOutputArtifact", "componentInputArtifact"}, r.sink);
  ArgumentSource& s = a.source;
  int kinds = oneof(m, {"taskOutputArtifact", "componentInputArtifact"}, r.sink);
  if (kinds == 0 && m.present())
    r.sink.report(DiagId::err_ir_missing_key, e.second->span,
                  {what, "componentInputArtifact' or 'taskOutputArtifact"});
  if (auto v = m.str("componentInputArtifact")) {
    s.kind = ArgumentSource::Kind::PipelineInput;
    s.input = v->value;
    s.span = v->span;
  } else if (const yaml::Node* n = m.take("taskOutputArtifact")) {
    Msg t(n, what + " taskOutputArtifact", {"producerTask", "outputArtifactKey"}, r.sink);
    s.kind = ArgumentSource::Kind::TaskOutput;
    s.span = n->span;
    if (auto p = t.str("producerTask")) s.task = p->value, s.task_span = p->span;
    else if (t.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {t.what(), "producerTask"});
    if (auto k = t.str("outputArtifactKey")) s.output = k->value, s.output_span = k->span;
    else if (t.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {t.what(), "outputArtifactKey"});
    t.keep_rest(a.extra, "taskOutputArtifact");
  }
  m.merge_rest(a.extra);
  return a;
}

void read_inputs(Reader& r, const yaml::Node* n, Task& t) {
  Msg m(n, "task '" + t.name.value + "' inputs", {"parameters", "artifacts"}, r.sink);
  if (!m.present()) return;
  const yaml::Node* ka = m.key("artifacts");
  const yaml::Node* kp = m.key("parameters");
  auto params = [&] {
    for (const auto& e : map_entries(m.take("parameters"), m.path("parameters"), r.sink))
      if (e.first->is_scalar()) t.arguments.push_back(read_param_arg(r, e, t.name.value));
  };
  auto artifacts = [&] {
    for (const auto& e : map_entries(m.take("artifacts"), m.path("artifacts"), r.sink))
      if (e.first->is_scalar()) t.arguments.push_back(read_artifact_arg(r, e, t.name.value));
  };
  if (ka && (!kp || ka->span.begin.offset < kp->span.begin.offset)) {
    artifacts();
    params();
  } else {
    params();
    artifacts();
  }
  m.keep_rest(t.extra, "inputs");
}

void read_iterator(Reader& r, Msg& task, Task& t) {
  int kinds = oneof(task, {"parameterIterator", "artifactIterator"}, r.sink);
  if (kinds == 0) return;
  bool artifact = !task.peek("parameterIterator");
  const char* field = artifact ? "artifactIterator" : "parameterIterator";
  const yaml::Node* n = task.take(field);
  Msg m(n, "task '" + t.name.value + "' " + field, {"items", "itemInput"}, r.sink);
  Iterator it;
  it.artifact = artifact;
  it.span = n->span;
  Msg items(m.take("items"), m.path("items"),
            artifact ? std::initializer_list<std::string_view>{"inputArtifact"}
                     : std::initializer_list<std::string_view>{"raw", "inputParameter"},
            r.sink);
  if (artifact) {
    if (auto v = items.str("inputArtifact")) it.input = v->value;
  } else {
    if (items.present()) oneof(items, {"raw", "inputParameter"}, r.sink);
    if (auto v = items.str("raw")) it.raw = v->value;
    if (auto v = items.str("inputParameter")) it.input = v->value;
  }
  if (!items.present() && m.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {m.what(), "items"});
  if (auto v = m.str("itemInput")) it.item_input = v->value;
  else if (m.present()) r.sink.report(DiagId::err_ir_missing_key, n->span, {m.what(), "itemInput"});
  Json rest = m.rest();
  Json irest = items.rest();
  if (!irest.empty()) rest["items"] = irest;
  if (!rest.empty()) t.extra[field] = rest;
  t.iterator = std::move(it);
}

Task read_task(Reader& r, const Entry& e, const Component& owner) {
  Task t;
  t.name = Located<std::string>{e.first->value, e.first->span};
  t.span = join(e.first->span, e.second->span);
  std::string what = "task '" + t.name.value + "'";
  Msg m(e.second, what,
        {"taskInfo", "inputs", "dependentTasks", "cachingOptions", "componentRef", "triggerPolicy",
         "artifactIterator", "parameterIterator", "retryPolicy", "iteratorPolicy"},
        r.sink);
  (void)owner;

  Msg info(m.take("taskInfo"), what + " taskInfo", {"name"}, r.sink);
  if (auto n = info.str("name")) t.display_name = n->value;
  info.keep_rest(t.extra, "taskInfo", t.display_name.empty());

  const yaml::Node* ref_node = m.take("componentRef");
  Msg ref(ref_node, what + " componentRef", {"name"}, r.sink);
  if (ref_node) t.ref.span = ref_node->span;
  if (auto n = ref.str("name")) {
    t.ref.name = *n;
    auto it = r.spec.components.find(n->value);
    if (it != r.spec.components.end()) {
      t.component = it->second;
    } else {
      Diagnostic& d = r.sink.report(DiagId::err_ir_unknown_component, n->span, {t.name.value, n->value});
      std::string guess = closest(n->value, keys_of(r.spec.components));
      if (!guess.empty()) d.note(DiagId::note_ir_did_you_mean, n->span, {guess});
    }
  } else if (m.present()) {
    r.sink.report(DiagId::err_ir_missing_key, ref_node ? ref_node->span : t.name.span,
                  {ref_node ? what + " componentRef" : what, ref_node ? "name" : "componentRef"});
  }
  ref.keep_rest(t.extra, "componentRef");

  read_inputs(r, m.take("inputs"), t);

  if (const yaml::Node* deps = m.seq("dependentTasks")) {
    for (const yaml::Node* d : deps->items) {
      if (!is_str(*d)) {
        r.sink.report(DiagId::err_ir_wrong_kind, d->span, {what + " dependentTasks item", "a string", describe(*d)});
        continue;
      }
      t.after.push_back(Located<std::string>{d->value, d->span});
    }
  }

  Msg cache(m.take("cachingOptions"), what + " cachingOptions", {"enableCache", "cacheKey"}, r.sink);
  if (cache.present()) t.enable_cache = cache.boolean("enableCache").value_or(false);
  cache.keep_rest(t.extra, "cachingOptions");

  Msg trig(m.take("triggerPolicy"), what + " triggerPolicy", {"condition", "strategy"}, r.sink);
  if (auto c = trig.str("condition")) t.condition = *c;
  if (auto s = trig.str("strategy")) {
    if (s->value != "TRIGGER_STRATEGY_UNSPECIFIED" && s->value != "ALL_UPSTREAM_TASKS_SUCCEEDED" &&
        s->value != "ALL_UPSTREAM_TASKS_COMPLETED")
      r.sink.report(DiagId::err_ir_bad_enum, s->span,
                    {s->value, "trigger strategy",
                     "ALL_UPSTREAM_TASKS_SUCCEEDED, ALL_UPSTREAM_TASKS_COMPLETED, TRIGGER_STRATEGY_UNSPECIFIED"});
    t.trigger_strategy = s->value;
  }
  trig.keep_rest(t.extra, "triggerPolicy", !t.condition && !t.trigger_strategy);

  read_iterator(r, m, t);

  const yaml::Node* retry_node = m.take("retryPolicy");
  Msg retry(retry_node, what + " retryPolicy",
            {"maxRetryCount", "backoffDuration", "backoffFactor", "backoffMaxDuration"}, r.sink);
  if (retry.present()) {
    RetryPolicy p;
    p.span = retry_node->span;
    if (auto v = retry.integer("maxRetryCount")) p.max_retry_count = *v;
    if (auto v = retry.str("backoffDuration")) p.backoff_duration = v->value;
    if (auto v = retry.number("backoffFactor")) p.backoff_factor = *v;
    if (auto v = retry.str("backoffMaxDuration")) p.backoff_max_duration = v->value;
    t.retry = p;
  }
  retry.keep_rest(t.extra, "retryPolicy");

  Msg pol(m.take("iteratorPolicy"), what + " iteratorPolicy", {"parallelismLimit"}, r.sink);
  if (auto v = pol.integer("parallelismLimit")) t.parallelism = *v;
  pol.keep_rest(t.extra, "iteratorPolicy", !t.parallelism);

  m.merge_rest(t.extra);
  return t;
}

// --- references inside one DAG ------------------------------------------------

struct DagRefs {
  Reader& r;
  const Component& owner;
  std::map<std::string, const Task*> tasks;

  std::string dag_label() const { return component_label(owner); }

  std::vector<std::string> task_names() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : tasks) out.push_back(k);
    return out;
  }

  // The producer task named at `span`, or null (reported).
  const Task* producer(std::string_view field, const std::string& name, Span span) {
    if (name.empty()) return nullptr;
    auto it = tasks.find(name);
    if (it != tasks.end()) return it->second;
    Diagnostic& d = r.sink.report(DiagId::err_ir_unknown_task, span, {std::string(field), name, dag_label()});
    std::string guess = closest(name, task_names());
    if (!guess.empty()) d.note(DiagId::note_ir_did_you_mean, span, {guess});
    return nullptr;
  }

  void output(const Task& p, const std::string& key, bool artifact, Span span) {
    if (!p.component || key.empty()) return;
    const IoSpec* o = p.component->output(key);
    if (o && o->type.is_artifact == artifact) return;
    Diagnostic& d = r.sink.report(DiagId::err_ir_unknown_output, span,
                                  {p.name.value, p.ref.name.value, artifact ? "artifact" : "parameter", key});
    std::vector<std::string> names;
    for (const auto& out : p.component->outputs)
      if (out.type.is_artifact == artifact) names.push_back(out.name.value);
    std::string guess = closest(key, names);
    if (!guess.empty()) d.note(DiagId::note_ir_did_you_mean, span, {guess});
    else if (!names.empty()) d.note(DiagId::note_ir_candidates, p.component->span, {name_list(names)});
    if (o) d.note(DiagId::note_ir_declared_here, o->name.span, {key});
  }

  void check_task(const Task& t) {
    for (const auto& a : t.arguments) {
      const ArgumentSource& s = a.source;
      switch (s.kind) {
        case ArgumentSource::Kind::TaskOutput:
          if (const Task* p = producer("producerTask", s.task, s.task_span)) output(*p, s.output, a.is_artifact, s.output_span);
          break;
        case ArgumentSource::Kind::TaskFinalStatus: producer("producerTask", s.task, s.task_span); break;
        case ArgumentSource::Kind::PipelineInput:
        case ArgumentSource::Kind::LoopItem: {
          const IoSpec* in = owner.input(s.input);
          if (in && in->type.is_artifact == a.is_artifact) break;
          r.sink.report(DiagId::err_ir_unknown_dag_input, s.span,
                        {a.is_artifact ? "componentInputArtifact" : "componentInputParameter",
                         a.is_artifact ? "artifact" : "parameter", s.input, owner.ir_key.empty() ? "root" : owner.ir_key});
          break;
        }
        case ArgumentSource::Kind::Constant: break;
      }
    }
    for (const auto& d : t.after) producer("dependentTasks", d.value, d.span);
  }
};

void read_outputs(Reader& r, const yaml::Node* n, DagRefs& refs, Dag& d, const std::string& what) {
  Msg m(n, what + " outputs", {"artifacts", "parameters"}, r.sink);
  if (!m.present()) {
    m.keep_rest(d.extra, "outputs");
    return;
  }
  auto selector = [&](const yaml::Node* s, const std::string& w, bool artifact, DagOutput& out) {
    const char* key_field = artifact ? "outputArtifactKey" : "outputParameterKey";
    Msg sel(s, w, {"producerSubtask", key_field}, r.sink);
    if (!sel.present()) return;
    auto task = sel.str("producerSubtask");
    auto key = sel.str(key_field);
    if (!task) r.sink.report(DiagId::err_ir_missing_key, s->span, {w, "producerSubtask"});
    if (!key) r.sink.report(DiagId::err_ir_missing_key, s->span, {w, key_field});
    if (!task || !key) return;
    out.selectors.emplace_back(task->value, key->value);
    if (const Task* p = refs.producer("producerSubtask", task->value, task->span)) refs.output(*p, key->value, artifact, key->span);
  };
  for (const auto& e : map_entries(m.take("parameters"), m.path("parameters"), r.sink)) {
    if (!e.first->is_scalar()) continue;
    DagOutput o;
    o.name = Located<std::string>{e.first->value, e.first->span};
    o.span = join(e.first->span, e.second->span);
    std::string w = what + " output parameter '" + o.name.value + "'";
    Msg p(e.second, w, {"valueFromParameter", "valueFromOneof"}, r.sink);
    int kinds = p.present() ? oneof(p, {"valueFromParameter", "valueFromOneof"}, r.sink) : 0;
    if (kinds == 0) r.sink.report(DiagId::err_ir_missing_key, e.second->span, {w, "valueFromParameter"});
    if (const yaml::Node* s = p.take("valueFromParameter")) {
      selector(s, w + " valueFromParameter", false, o);
    } else if (const yaml::Node* one = p.take("valueFromOneof")) {
      o.oneof = true;
      Msg sels(one, w + " valueFromOneof", {"parameterSelectors"}, r.sink);
      if (const yaml::Node* list = sels.seq("parameterSelectors"))
        for (const yaml::Node* s : list->items) selector(s, w + " parameterSelectors item", false, o);
      sels.keep_rest(o.extra, "valueFromOneof");
    }
    p.merge_rest(o.extra);
    d.outputs.push_back(std::move(o));
  }
  for (const auto& e : map_entries(m.take("artifacts"), m.path("artifacts"), r.sink)) {
    if (!e.first->is_scalar()) continue;
    DagOutput o;
    o.name = Located<std::string>{e.first->value, e.first->span};
    o.span = join(e.first->span, e.second->span);
    o.is_artifact = true;
    std::string w = what + " output artifact '" + o.name.value + "'";
    Msg a(e.second, w, {"artifactSelectors"}, r.sink);
    if (const yaml::Node* list = a.seq("artifactSelectors"))
      for (const yaml::Node* s : list->items) selector(s, w + " artifactSelectors item", true, o);
    a.merge_rest(o.extra);
    d.outputs.push_back(std::move(o));
  }
  m.keep_rest(d.extra, "outputs");
}

}  // namespace

void read_dag(Reader& r, const yaml::Node* dag, Component& owner) {
  std::string what = component_label(owner) + " dag";
  Msg m(dag, what, {"tasks", "outputs"}, r.sink);
  Dag& d = *owner.dag;
  const auto entries = map_entries(m.take("tasks"), what + ".tasks", r.sink);
  d.tasks.reserve(entries.size());  // a Task is large: no regrowth copies
  for (const auto& e : entries) {
    if (!e.first->is_scalar()) continue;
    d.tasks.push_back(read_task(r, e, owner));
  }
  DagRefs refs{r, owner, {}};
  for (const auto& t : d.tasks) refs.tasks[t.name.value] = &t;
  for (const auto& t : d.tasks) refs.check_task(t);
  read_outputs(r, m.take("outputs"), refs, d, what);
  m.merge_rest(d.extra);
}

}  // namespace kfp::ir
