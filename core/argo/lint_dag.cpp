// DAG and steps templates (validate.go: validateDAG, validateSteps,
// verifyNoCycles, validateDAGTaskArgumentDependency, ProcessArgs' "was not
// supplied").
#include <algorithm>
#include <functional>
#include <map>

#include "core/argo/lint_ctx.h"

namespace kfp::argo {
namespace {

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_name_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

struct Dep {
  std::string task;
  std::string result;  // "" or Succeeded, Failed, ...
  Span span;
};

// The task names a `depends` expression mentions ("a && (b.Failed || !c)").
// Argo evaluates it with expr; a lint needs the operands.
std::vector<Dep> parse_depends(Ctx& c, const yaml::Node& n) {
  std::vector<Dep> out;
  const std::string& s = n.value;
  size_t i = 0;
  while (i < s.size()) {
    char ch = s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '(' || ch == ')' || ch == '!') {
      ++i;
      continue;
    }
    if ((ch == '&' || ch == '|') && i + 1 < s.size() && s[i + 1] == ch) {
      i += 2;
      continue;
    }
    if (!is_name_char(ch)) {
      c.report(DiagId::err_argo_depends_syntax, span_in(c, n, s.substr(i, 1)),
               {"unexpected '" + std::string(1, ch) + "' in '" + s + "'"});
      return out;
    }
    size_t b = i;
    while (i < s.size() && (is_name_char(s[i]) || s[i] == '.')) ++i;
    std::string tok = s.substr(b, i - b);
    Dep d;
    size_t dot = tok.find('.');
    d.task = tok.substr(0, dot);
    if (dot != std::string::npos) d.result = tok.substr(dot + 1);
    d.span = span_in(c, n, tok);
    static const char* kResults[] = {"Succeeded", "Failed",   "Errored",     "Skipped",
                                     "Omitted",   "Daemoned", "AnySucceeded", "AllFailed"};
    if (dot != std::string::npos &&
        std::none_of(std::begin(kResults), std::end(kResults), [&](const char* r) { return d.result == r; })) {
      c.report(DiagId::err_argo_depends_syntax, d.span,
               {"'" + d.result + "' is not a task result (Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, "
                                 "AnySucceeded, AllFailed)"});
    }
    out.push_back(std::move(d));
  }
  return out;
}

bool has_items(const yaml::Node* task) {
  const yaml::Node* wi = at(task, "withItems");
  return (wi && wi->is_seq() && !wi->items.empty()) || at(task, "withParam");
}

// The template a task or step calls: by name, inline, or external (templateRef).
struct Callee {
  const TemplateInfo* named = nullptr;  // points into Ctx::templates
  TemplateInfo inline_info;
  bool is_inline = false;
  std::string name;
  bool external = false;
  const TemplateInfo* get() const { return is_inline ? &inline_info : named; }
};

Callee resolve_callee(Ctx& c, const yaml::Node* task) {
  Callee cl;
  if (const yaml::Node* inl = at(task, "inline")) {
    cl.inline_info.node = inl;
    cl.inline_info.type = template_type(inl);
    cl.is_inline = true;
    cl.name = str(task, "name") + " (inline)";
    return cl;
  }
  if (at(task, "templateRef")) {
    cl.external = true;
    return cl;
  }
  const yaml::Node* tn = at(task, "template");
  if (!tn) return cl;  // the schema pass (or nothing) reports a missing template
  cl.name = str(tn);
  cl.named = c.find(cl.name);
  if (!cl.named) c.report(DiagId::err_argo_unknown_template, tn->span, {cl.name, ""});
  return cl;
}

void check_with(Ctx& c, const yaml::Node* task) {
  int n = (has_items(task) && at(task, "withItems") ? 1 : 0) + (at(task, "withParam") ? 1 : 0) +
          (at(task, "withSequence") ? 1 : 0);
  if (n > 1) c.report(DiagId::err_argo_with_multiple, at(task, "name") ? at(task, "name")->span : task->span, {});
}

void check_hooks(Ctx& c, const yaml::Node* task) {
  const yaml::Node* hooks = at(task, "hooks");
  if (hooks && hooks->is_map()) {
    for (const auto& [k, h] : hooks->entries) {
      const yaml::Node* tn = at(h, "template");
      if (tn && !c.find(str(tn))) c.report(DiagId::err_argo_unknown_template, tn->span, {str(tn), " (exit hook)"});
      check_arguments(c, at(h, "arguments"));
    }
  }
  if (const yaml::Node* on_exit = at(task, "onExit"); on_exit && !c.find(str(on_exit)))
    c.report(DiagId::err_argo_unknown_template, on_exit->span, {str(on_exit), " (onExit)"});
}

}  // namespace

void check_arguments(Ctx& c, const yaml::Node* arguments) {
  if (!arguments) return;
  check_names(c, at(arguments, "parameters"), NameRule::ParamOrArtifact, "argument parameter");
  check_names(c, at(arguments, "artifacts"), NameRule::ParamOrArtifact, "argument artifact");
  for (const yaml::Node* p : items(at(arguments, "parameters"))) {
    if (!p->is_map() || str(p, "name").empty()) continue;
    if (!at(p, "value") && !at(p, "valueFrom"))
      c.report(DiagId::err_argo_argument_value, at(p, "name")->span, {"parameter", str(p, "name"), "a value or valueFrom"});
  }
  static const char* kLocations[] = {"from", "fromExpression", "s3", "git", "http", "artifactory", "hdfs", "raw",
                                     "oss",  "gcs",            "azure", "plugin", "key"};
  for (const yaml::Node* a : items(at(arguments, "artifacts"))) {
    if (!a->is_map() || str(a, "name").empty()) continue;
    bool has = std::any_of(std::begin(kLocations), std::end(kLocations), [&](const char* k) { return at(a, k); });
    if (!has)
      c.report(DiagId::err_argo_argument_value, at(a, "name")->span,
               {"artifact", str(a, "name"), "'from', 'fromExpression', an artifact location or a key"});
  }
}

void check_supplied(Ctx& c, const TemplateInfo& callee, const std::string& callee_name, const yaml::Node* arguments,
                    Span where, const std::string& caller, bool lint_args) {
  std::set<std::string> given_params, given_arts;
  for (const yaml::Node* p : items(at(arguments, "parameters"))) given_params.insert(str(p, "name"));
  for (const yaml::Node* a : items(at(arguments, "artifacts"))) given_arts.insert(str(a, "name"));
  const yaml::Node* in = at(callee.node, "inputs");
  for (const yaml::Node* p : items(at(in, "parameters"))) {
    std::string n = str(p, "name");
    if (n.empty() || given_params.count(n) || at(p, "value") || at(p, "default") || at(p, "valueFrom")) continue;
    c.report(DiagId::err_argo_not_supplied, where, {"input parameter", n, callee_name, caller});
  }
  if (lint_args) return;  // spec.arguments may leave artifacts to submission time
  static const char* kLocations[] = {"s3",  "git", "http",  "artifactory", "hdfs", "raw",
                                     "oss", "gcs", "azure", "plugin",      "key"};
  for (const yaml::Node* a : items(at(in, "artifacts"))) {
    std::string n = str(a, "name");
    if (n.empty() || given_arts.count(n) || str(a, "optional") == "true") continue;
    if (std::any_of(std::begin(kLocations), std::end(kLocations), [&](const char* k) { return at(a, k); })) continue;
    c.report(DiagId::err_argo_not_supplied, where, {"input artifact", n, callee_name, caller});
  }
}

void lint_dag(Ctx& c, const TemplateInfo& t) {
  const yaml::Node* dag = at(t.node, "dag");
  const yaml::Node* tasks_node = at(dag, "tasks");
  std::string tname = str(t.node, "name");
  std::vector<const yaml::Node*> tasks = items(tasks_node);
  if (tasks.empty()) {
    c.report(DiagId::err_argo_empty_dag, (dag ? dag : t.node)->span, {tname});
    return;
  }
  check_names(c, tasks_node, NameRule::WorkflowField, "task");

  // Tasks by name (first definition wins; duplicates are reported above).
  std::map<std::string, const yaml::Node*> by_name;
  bool using_depends = false;
  for (const yaml::Node* task : tasks) {
    if (std::string n = str(task, "name"); !n.empty()) by_name.emplace(n, task);
    if (at(task, "depends")) using_depends = true;
  }

  // Dependencies, validated.
  std::map<std::string, std::vector<std::string>> deps;
  bool mixed_reported = false;
  for (const yaml::Node* task : tasks) {
    std::string n = str(task, "name");
    if (n.empty()) continue;
    const yaml::Node* name_node = at(task, "name");
    const yaml::Node* dl = at(task, "dependencies");
    if ((using_depends || !items(dl).empty()) && n[0] >= '0' && n[0] <= '9')
      c.report(DiagId::err_argo_task_digit, name_node->span, {n});
    if (using_depends && !items(dl).empty() && !mixed_reported) {
      c.report(DiagId::err_argo_depends_mixed, dl->span, {tname});
      mixed_reported = true;
    }
    if (at(task, "depends") && at(task, "continueOn"))
      c.report(DiagId::err_argo_depends_continue_on, at(task, "continueOn")->span, {n});
    auto& out = deps[n];
    for (const yaml::Node* d : items(dl)) {
      if (!by_name.count(d->value)) {
        c.report(DiagId::err_argo_unknown_dependency, d->span, {n, d->value, tname});
        continue;
      }
      out.push_back(d->value);
    }
    if (const yaml::Node* dep = at(task, "depends"); dep && dep->is_scalar()) {
      for (const Dep& d : parse_depends(c, *dep)) {
        auto it = by_name.find(d.task);
        if (it == by_name.end()) {
          c.report(DiagId::err_argo_unknown_dependency, d.span, {n, d.task, tname});
          continue;
        }
        if ((d.result == "AnySucceeded" || d.result == "AllFailed") && !has_items(it->second))
          c.report(DiagId::err_argo_depends_syntax, d.span,
                   {"'" + d.task + "." + d.result + "' needs '" + d.task + "' to have withItems or withParam"});
        out.push_back(d.task);
      }
    }
  }

  // Cycles: one report per DAG, starting from the task nearest the top.
  std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
  std::vector<std::string> stack;
  std::vector<std::string> cycle;
  std::function<void(const std::string&)> dfs = [&](const std::string& n) {
    if (!cycle.empty()) return;
    state[n] = 1;
    stack.push_back(n);
    for (const auto& d : deps[n]) {
      if (!cycle.empty()) break;
      if (state[d] == 1) {
        auto from = std::find(stack.begin(), stack.end(), d);
        cycle.assign(from, stack.end());
      } else if (state[d] == 0) {
        dfs(d);
      }
    }
    stack.pop_back();
    state[n] = 2;
  };
  for (const yaml::Node* task : tasks) {
    std::string n = str(task, "name");
    if (!n.empty() && state[n] == 0) dfs(n);
    if (!cycle.empty()) break;
  }
  std::set<std::string> in_cycle(cycle.begin(), cycle.end());
  if (!cycle.empty()) {
    // Rotate so the cycle starts at the task written first.
    size_t first = 0;
    for (const yaml::Node* task : tasks)
      if (auto it = std::find(cycle.begin(), cycle.end(), str(task, "name")); it != cycle.end()) {
        first = static_cast<size_t>(it - cycle.begin());
        break;
      }
    std::rotate(cycle.begin(), cycle.begin() + static_cast<long>(first), cycle.end());
    // Dependencies point backwards (a task lists what it waits for); show the flow.
    std::reverse(cycle.begin() + 1, cycle.end());
    std::string text;
    for (const auto& n : cycle) text += n + " -> ";
    text += cycle.front();
    c.report(DiagId::err_argo_cycle, at(by_name[cycle.front()], "name")->span, {tname, text});
  }

  // Ancestors (transitive dependencies); a cycle makes everything reachable, harmlessly.
  std::map<std::string, std::set<std::string>> ancestors;
  std::function<void(const std::string&, std::set<std::string>&)> collect = [&](const std::string& n,
                                                                               std::set<std::string>& acc) {
    for (const auto& d : deps[n])
      if (acc.insert(d).second) collect(d, acc);
  };
  for (const auto& [n, _] : by_name) collect(n, ancestors[n]);

  // What each task calls.
  std::map<std::string, Callee> callees;
  for (const yaml::Node* task : tasks) {
    std::string n = str(task, "name");
    if (n.empty() || callees.count(n)) continue;
    callees.emplace(n, resolve_callee(c, task));
  }

  // The DAG-wide scope: every task's outputs (validate.go adds them all).
  Scope base = template_scope(c, t);
  for (const yaml::Node* task : tasks) {
    std::string n = str(task, "name");
    if (n.empty()) continue;
    const Callee& cl = callees[n];
    if (cl.external) base.opaque.insert("tasks." + n);
    add_outputs(base, "tasks." + n, cl.get(), has_items(task), false);
  }

  for (const yaml::Node* task : tasks) {
    std::string n = str(task, "name");
    if (n.empty()) continue;
    const Callee& cl = callees[n];
    Scope s = base;
    for (const auto& a : ancestors[n]) {
      auto it = by_name.find(a);
      add_outputs(s, "tasks." + a, callees[a].get(), it != by_name.end() && has_items(it->second), true);
    }
    if (at(task, "hooks")) s.exact.insert("tasks." + n + ".status");
    if (cl.is_inline)
      for (const yaml::Node* p : items(at(at(cl.inline_info.node, "inputs"), "parameters")))
        s.exact.insert("inputs.parameters." + str(p, "name"));
    check_with(c, task);
    add_items(s, task);
    check_vars(c, task, s);
    check_hooks(c, task);
    const yaml::Node* args = at(task, "arguments");
    check_arguments(c, args);
    // A task that reads another task's output must depend on it (Argo checks
    // argument values that start with {{tasks.).
    if (!in_cycle.count(n)) {
      for (const char* kind : {"parameters", "artifacts"}) {
        for (const yaml::Node* a : items(at(args, kind))) {
          const yaml::Node* v = at(a, std::string(kind) == "parameters" ? "value" : "from");
          if (!v || !v->is_scalar() || !starts(v->value, "{{tasks.")) continue;
          std::string ref = v->value.substr(8);
          ref = ref.substr(0, ref.find('.'));
          if (by_name.count(ref) && !ancestors[n].count(ref))
            c.report(DiagId::err_argo_missing_dependency, span_in(c, *v, "tasks." + ref),
                     {n, ref, std::string(kind) == "parameters" ? "parameter" : "artifact", str(a, "name")});
        }
      }
    }
    if (const TemplateInfo* callee = cl.get()) {
      const yaml::Node* tn = at(task, "template");
      Span where = tn ? tn->span : at(task, "name")->span;
      check_supplied(c, *callee, cl.name, args, where, " by task '" + n + "'", false);
    }
  }

  // Outputs of the DAG template see all tasks' outputs.
  check_vars(c, at(t.node, "outputs"), base);
}

void lint_steps(Ctx& c, const TemplateInfo& t) {
  const yaml::Node* groups = at(t.node, "steps");
  Scope s = template_scope(c, t);
  std::map<std::string, const yaml::Node*> seen;
  for (const yaml::Node* group : items(groups)) {
    // A group is a list of steps (ParallelSteps); resolve them all before
    // their outputs become visible to the next group.
    std::vector<std::pair<std::string, Callee>> done;
    for (const yaml::Node* step : items(group)) {
      const yaml::Node* name = at(step, "name");
      if (!name || name->value.empty()) {
        c.report(DiagId::err_argo_missing_name, step->span, {"step"});
        continue;
      }
      if (std::string why = name_error(name->value, NameRule::WorkflowField); !why.empty()) {
        c.report(DiagId::err_argo_invalid_name, name->span, {"step", name->value, why});
        continue;
      }
      auto [it, fresh] = seen.emplace(name->value, name);
      if (!fresh) {
        c.report(DiagId::err_argo_duplicate_name, name->span, {"step", name->value})
            .note(DiagId::note_argo_first_defined, it->second->span, {name->value});
        continue;
      }
      s.exact.insert("steps." + name->value + ".status");
      Callee cl = resolve_callee(c, step);
      Scope ss = s;
      check_with(c, step);
      add_items(ss, step);
      check_vars(c, step, ss);
      check_hooks(c, step);
      check_arguments(c, at(step, "arguments"));
      if (const TemplateInfo* callee = cl.get()) {
        const yaml::Node* tn = at(step, "template");
        check_supplied(c, *callee, cl.name, at(step, "arguments"), tn ? tn->span : name->span,
                       " by step '" + name->value + "'", false);
      }
      done.emplace_back(name->value, std::move(cl));
      if (done.back().second.external) s.opaque.insert("steps." + name->value);
    }
    size_t i = 0;
    for (const yaml::Node* step : items(group)) {
      if (i >= done.size()) break;
      if (str(step, "name") != done[i].first) continue;
      const Callee& cl = done[i].second;
      add_outputs(s, "steps." + done[i].first, cl.get(), has_items(step), false);
      ++i;
    }
  }
  check_vars(c, at(t.node, "outputs"), s);
}

}  // namespace kfp::argo
