// Recorded tasks and groups -> PipelineSpec, a port of KFP's compiler
// (kfp/compiler/pipeline_spec_builder.py create_pipeline_spec,
// build_spec_by_group, build_task_spec_for_task/_group,
// build_exit_handler_groups_recursively, merge_deployment_spec_and_component_spec;
// compiler_utils.py get_parent_groups, get_inputs_for_all_groups,
// get_outputs_for_all_groups, get_dependencies). Groups become DAG
// components (comp-condition-N, comp-for-loop-N, ...) whose inputs are the
// `pipelinechannel--<channel>` values their tasks need; keys and executor
// labels are made unique with -2, -3 in KFP's build order. The result is the
// model the IR reader builds for KFP's output.
#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <set>

#include "core/checks/names.h"
#include "core/emit/cel_condition.h"
#include "core/emit/names.h"
#include "core/emit/pyfmt.h"
#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string param_placeholder(const std::string& input) { return "{{$.inputs.parameters['" + input + "']}}"; }

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

// recursive_replace_placeholders over a JSON value (keys too: KFP's dict
// comprehension keeps keys, but channels used as keys were already strings).
Json replace_in(const Json& j, const std::string& from, const std::string& to) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    replace_all(s, from, to);
    return s;
  }
  if (j.is_array()) {
    Json a = Json::array();
    for (const auto& x : j) a.push_back(replace_in(x, from, to));
    return a;
  }
  if (j.is_object()) {
    Json o = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) o[it.key()] = replace_in(it.value(), from, to);
    return o;
  }
  return j;
}

struct Compiler {
  Compiler(Recorded& r, PipelineSpec& s, Sink& k) : rec(r), spec(s), sink(k) {}
  Recorded& rec;
  PipelineSpec& spec;
  Sink& sink;
  bool failed = false;
  std::set<std::string> exec_labels;
  // get_parent_groups: task / group name -> [root, ..., itself] (tasks looked up first, as KFP does).
  std::map<std::string, std::vector<std::string>> task_anc, group_anc;
  std::map<std::string, int> group_of_name, task_of_name;
  std::vector<int> all_groups;
  std::map<std::string, std::vector<ChanP>> cond_chans;  // task -> channels of enclosing conditions
  std::map<std::string, std::vector<std::pair<ChanP, std::string>>> inputs;
  std::map<std::string, std::vector<std::pair<std::string, ChanP>>> outputs;
  std::map<std::string, std::set<std::string>> deps;
  std::map<int, std::shared_ptr<Component>> group_comp;

  PGroup& G(int i) { return rec.groups[static_cast<size_t>(i)]; }
  PTask& T(int i) { return rec.tasks[static_cast<size_t>(i)]; }

  void refuse(Span at, const std::string& msg) {
    sink.report(DiagId::err_py_kfp_rejects, at, {msg});
    failed = true;
  }

  std::vector<int> child_groups(int g) {
    std::vector<int> out;
    for (const auto& [is_group, i] : G(g).order)
      if (is_group) out.push_back(i);
    return out;
  }
  std::vector<int> child_tasks(int g) {
    std::vector<int> out;
    for (const auto& [is_group, i] : G(g).order)
      if (!is_group) out.push_back(i);
    return out;
  }
  bool is_loop(const std::string& name) {
    auto it = group_of_name.find(name);
    return it != group_of_name.end() && G(it->second).kind == GroupKind::ParallelFor;
  }

  // get_all_groups + get_parent_groups.
  void walk(int g, std::vector<std::string>& path) {
    all_groups.push_back(g);
    for (int c : child_groups(g)) {
      path.push_back(G(c).name);
      group_anc[G(c).name] = path;
      walk(c, path);
      path.pop_back();
    }
    for (int t : child_tasks(g)) {
      task_anc[T(t).name] = path;
      task_anc[T(t).name].push_back(T(t).name);
    }
  }

  // get_condition_channels_for_tasks.
  void condition_channels(int g, std::vector<ChanP> cur) {
    if (G(g).kind == GroupKind::Condition && !G(g).branches)
      for (const auto& c : G(g).conds)
        for (const ChanP& ch : {c.left, c.right})
          if (ch) cur.push_back(ch);
    for (int t : child_tasks(g))
      for (const auto& ch : cur) {
        auto& v = cond_chans[T(t).name];
        bool dup = false;
        for (const auto& h : v) dup = dup || h->pattern() == ch->pattern();
        if (!dup) v.push_back(ch);
      }
    for (int c : child_groups(g)) condition_channels(c, cur);
  }

  const std::vector<std::string>* anc(const std::string& name) {
    auto t = task_anc.find(name);
    if (t != task_anc.end()) return &t->second;
    auto g = group_anc.find(name);
    return g != group_anc.end() ? &g->second : nullptr;
  }

  bool uncommon(const std::string& a, const std::string& b, std::vector<std::string>* ua, std::vector<std::string>* ub,
                Span at) {
    const std::vector<std::string>* la = anc(a);
    const std::vector<std::string>* lb = anc(b);
    if (!la || !lb) {
      refuse(at, "ValueError: " + (!la ? a : b) + " does not exist.");
      return false;
    }
    size_t n = 0;
    while (n < la->size() && n < lb->size() && (*la)[n] == (*lb)[n]) ++n;
    ua->assign(la->begin() + static_cast<long>(n), la->end());
    ub->assign(lb->begin() + static_cast<long>(n), lb->end());
    return true;
  }

  void add_input(const std::string& group, const ChanP& ch, const std::string& producer) {
    auto& v = inputs[group];
    for (const auto& [c, p] : v)
      if (p == producer && c->pattern() == ch->pattern()) return;
    v.emplace_back(ch, producer);
  }

  std::vector<ChanP> task_channels(const PTask& t) {
    std::vector<ChanP> all = t.channel_inputs;
    auto it = cond_chans.find(t.name);
    if (it != cond_chans.end()) all.insert(all.end(), it->second.begin(), it->second.end());
    return all;
  }

  // get_inputs_for_all_groups.
  void group_inputs() {
    for (auto& t : rec.tasks) {
      for (const ChanP& ch : task_channels(t)) {
        std::deque<ChanP> add;
        ChanP c = ch;
        while (c && c->is_loop()) {
          add.push_back(c);
          c = c->k == Chan::K::LoopVar ? c->loop_arg : c->items;
        }
        if (c) add.push_back(c);
        if (!ch->task.empty()) {
          std::vector<std::string> up, down;
          if (!uncommon(ch->task, t.name, &up, &down, t.span)) return;
          for (size_t i = 0; i < down.size(); ++i) {
            add_input(down[i], add.back(), i == 0 ? up[0] : "");
            if (is_loop(down[i]) &&
                contains(G(group_of_name[down[i]]).loop_arg->full_name(), add.back()->full_name())) {
              add.pop_back();
              if (add.empty()) break;
            }
          }
        } else {
          if (t.is_exit_task) continue;
          const auto& chain = task_anc[t.name];
          if (ch->is_loop() && ch->with_items()) {
            for (auto g = chain.rbegin(); g != chain.rend(); ++g) {
              add_input(*g, add.front(), "");
              if (is_loop(*g) && contains(G(group_of_name[*g]).loop_arg->full_name(), add.front()->full_name())) {
                add.pop_front();
                if (add.empty()) break;
              }
            }
          } else {
            for (const auto& g : chain) {
              add_input(g, add.back(), "");
              if (is_loop(g) && contains(G(group_of_name[g]).loop_arg->full_name(), add.back()->full_name())) {
                add.pop_back();
                if (add.empty()) break;
              }
            }
          }
        }
      }
    }
  }

  ChanP collected_output(const std::string& name, const Chan& start, const std::string& task) {
    auto c = std::make_shared<Chan>();
    c->name = name;
    c->task = task;
    if (start.is_artifact()) {
      c->k = Chan::K::Artifact;
      c->type = start.type;
      c->type.is_list = true;
      c->type_text = start.type_text;
    } else {
      c->k = Chan::K::Param;
      c->type.param = ParamType::List;
      c->type_text = "LIST";
    }
    return c;
  }

  void set_output(const std::string& group, const std::string& key, ChanP c) {
    for (auto& [k, v] : outputs[group])
      if (k == key) {
        v = std::move(c);
        return;
      }
    outputs[group].emplace_back(key, std::move(c));
  }

  // dsl.OneOf: each branch's output is surfaced through its condition
  // group(s) up to the condition-branches group, which outputs the OneOf.
  std::set<const Chan*> processed_oneofs;
  bool surface_oneof(const ChanP& o, const std::string& consumer, Span at) {
    processed_oneofs.insert(o.get());
    for (auto& inner : o->oneof) inner = std::make_shared<Chan>(*inner);  // only the OneOf's copies change
    for (auto& inner : o->oneof) {
      std::vector<std::string> up, down;
      if (!consumer.empty()) {
        if (!uncommon(inner->task, consumer, &up, &down, at)) return false;
      } else {
        const std::vector<std::string>* chain = anc(inner->task);
        if (!chain) return false;
        up.assign(chain->begin() + 1, chain->end());
      }
      std::string surfaced = channel_input_name(*inner);
      for (auto u = up.rbegin(); u != up.rend(); ++u) {
        if (*u == inner->task) continue;
        if (*u == o->task) {
          set_output(*u, o->name, o);
          break;
        }
        set_output(*u, surfaced, std::make_shared<Chan>(*inner));
        inner->name = surfaced;
        inner->task = *u;
      }
    }
    return true;
  }

  // get_outputs_for_all_groups.
  void group_outputs() {
    for (auto& t : rec.tasks) {
      for (const ChanP& ch : t.channel_inputs) {
        if (!ch->oneof.empty()) {
          if (!processed_oneofs.count(ch.get()) && !surface_oneof(ch, t.name, t.span)) return;
          continue;
        }
        if (ch->k != Chan::K::Collected) continue;
        std::vector<std::string> up, down;
        if (!uncommon(ch->task, t.name, &up, &down, t.span)) return;
        // validate_parallel_for_fan_in_consumption_legal
        bool in_loop = false;
        for (size_t i = 0; i + 1 < up.size(); ++i) in_loop = in_loop || is_loop(up[i]);
        if (!in_loop) {
          refuse(t.span, "InvalidTopologyException: dsl.Collected can only be used to fan-in outputs produced by a "
                         "task within a dsl.ParallelFor context to a task outside of the dsl.ParallelFor context. "
                         "Producer task " + up.back() + " is either not in a dsl.ParallelFor context or is only in a "
                         "dsl.ParallelFor that also contains consumer task " + t.name + ".");
          return;
        }
        const PGroup& outer = G(group_of_name[up[0]]);
        if (outer.kind == GroupKind::Condition || outer.kind == GroupKind::ExitHandler) {
          std::string cls = outer.kind == GroupKind::ExitHandler ? "ExitHandler"
                            : outer.branches                     ? "ConditionBranches"
                                                                 : outer.cond_class;
          refuse(t.span, "InvalidTopologyException: Illegal task dependency across DSL context managers. When using "
                         "dsl.Collected to fan-in outputs from a task within a dsl.ParallelFor context, the "
                         "dsl.ParallelFor context manager cannot be nested within a dsl." + cls +
                         " context manager unless the consumer task is too. Task " + t.name + " consumes from " +
                         up.back() + " within a dsl." + cls + " context.");
          return;
        }
        std::string surfaced = channel_input_name(*ch);
        const std::string parent_consumer = down[0];
        std::string producer = up.back();
        up.pop_back();
        for (auto u = up.rbegin(); u != up.rend(); ++u) {
          set_output(*u, surfaced, collected_output(ch->name, *ch->output, producer));
          ch->name = surfaced;
          ch->task = *u;
          producer = *u;
          const auto& chain = group_anc[*u];
          int parent_group = group_of_name[chain[chain.size() - 2]];
          bool found = false;
          for (int c : child_groups(parent_group)) found = found || G(c).name == parent_consumer;
          for (int c : child_tasks(parent_group)) found = found || T(c).name == parent_consumer;
          if (found) break;
        }
      }
    }
    for (auto& [key, v] : rec.outputs) {
      const ChanP& ch = v.chan;
      if (ch && !ch->oneof.empty()) {
        if (!processed_oneofs.count(ch.get()) && !surface_oneof(ch, "", v.span)) return;
        continue;
      }
      if (!ch || ch->k != Chan::K::Collected) continue;
      std::string surfaced = channel_input_name(*ch);
      const std::vector<std::string>* chain = anc(ch->task);
      if (!chain) {
        refuse(v.span, "ValueError: " + ch->task + " does not exist.");
        return;
      }
      std::vector<std::string> up(chain->begin() + 1, chain->end());
      std::string producer = up.back();
      up.pop_back();
      if (up.empty()) {
        refuse(v.span, "InvalidTopologyException: dsl.Collected can only be used to fan-in outputs produced by a task "
                       "within a dsl.ParallelFor context.");
        return;
      }
      std::string last;
      for (auto u = up.rbegin(); u != up.rend(); ++u) {
        auto out = collected_output(ch->name, *ch->output, producer);
        ch->name = surfaced;
        ch->task = *u;
        producer = *u;
        set_output(*u, surfaced, out);
        last = *u;
      }
      v.chan = collected_output(surfaced, *ch->output, last);
    }
  }

  // get_dependencies.
  void dependencies() {
    for (auto& t : rec.tasks) {
      std::set<std::string> ups;
      for (const ChanP& ch : task_channels(t))
        if (!ch->task.empty()) ups.insert(ch->task);
      std::map<std::string, Span> after_span;
      for (const auto& a : t.after) {
        bool is_task = task_of_name.count(a.value), is_group = group_of_name.count(a.value);
        if (is_group && !is_task && G(group_of_name[a.value]).kind != GroupKind::ExitHandler) {
          refuse(a.span, "ValueError: \".after()\" on task group \"" + a.value + "\" is not supported. Only "
                         "dsl.ExitHandler groups can be used as .after() dependencies.");
          return;
        }
        ups.insert(a.value);
      }
      for (const auto& u : ups) {
        std::vector<std::string> up, down;
        if (!uncommon(u, t.name, &up, &down, t.span)) return;
        std::vector<std::string> rest = up;
        auto self = std::find(rest.begin(), rest.end(), u);
        if (self != rest.end()) rest.erase(self);
        if (!rest.empty() && group_of_name.count(rest[0])) {
          const PGroup& pg = G(group_of_name[rest[0]]);
          bool cond = pg.kind == GroupKind::Condition && !pg.branches;
          std::string cls = pg.kind == GroupKind::ExitHandler ? "ExitHandler" : pg.cond_class;
          if (cond || pg.kind == GroupKind::ExitHandler) {
            refuse(t.span, "InvalidTopologyException: Illegal task dependency across DSL context managers. A "
                           "downstream task cannot depend on an upstream task within a dsl." + cls +
                           " context unless the downstream is within that context too. Found task " + t.name +
                           " which depends on upstream task " + u + " within an uncommon dsl." + cls + " context.");
            return;
          }
          if (pg.kind == GroupKind::ParallelFor) {
            bool data = false;
            for (const auto& ch : t.channel_inputs) data = data || ch->task == u;
            if (data) {
              refuse(t.span, "InvalidTopologyException: Illegal task dependency across DSL context managers. A "
                             "downstream task cannot depend on an upstream task within a dsl.ParallelFor context "
                             "unless the downstream is within that context too or the outputs are begin fanned-in to "
                             "a list using dsl.Collected. Found task " + t.name + " which depends on upstream task " +
                             u + " within an uncommon dsl.ParallelFor context.");
              return;
            }
          }
        }
        if (!down.empty() && !up.empty()) deps[down[0]].insert(up[0]);
      }
    }
  }

  // --- task specs ------------------------------------------------------------

  static TaskArgument arg(const std::string& input, Span at) {
    TaskArgument a;
    a.input = Located<std::string>{input, at};
    a.span = at;
    a.source.span = at;
    return a;
  }

  static void set_arg(std::vector<TaskArgument>& args, TaskArgument a) {
    for (auto& x : args)
      if (x.input.value == a.input.value) {
        x = std::move(a);
        return;
      }
    args.push_back(std::move(a));
  }

  static bool has_input(const Component& c, const std::string& n, bool artifact) {
    const IoSpec* i = c.input(n);
    return i && i->type.is_artifact == artifact;
  }

  // How a task reads a channel in a DAG (build_task_spec_for_task).
  void source_of(TaskArgument& a, const Chan& ch, const Component& parent, const std::set<std::string>& dag) {
    ArgumentSource& s = a.source;
    switch (ch.k) {
      case Chan::K::LoopParam:
      case Chan::K::LoopArtifact:
        s.kind = ArgumentSource::Kind::LoopItem;
        s.input = channel_input_name(ch);
        a.is_artifact = ch.k == Chan::K::LoopArtifact;
        return;
      case Chan::K::LoopVar:
        s.kind = ArgumentSource::Kind::LoopItem;
        s.input = channel_input_name(*ch.loop_arg);
        s.expression = "parseJson(string_value)[\"" + ch.subvar + "\"]";
        return;
      default: break;
    }
    a.is_artifact = ch.k == Chan::K::Artifact || (ch.k == Chan::K::Collected && ch.is_artifact());
    if (!ch.task.empty()) {
      if (dag.count(ch.task)) {
        s.kind = ArgumentSource::Kind::TaskOutput;
        s.task = ch.task;
        s.output = ch.name;
      } else {
        s.kind = ArgumentSource::Kind::PipelineInput;
        s.input = channel_input_name(ch);
      }
    } else {
      s.kind = ArgumentSource::Kind::PipelineInput;
      s.input = has_input(parent, ch.full_name(), a.is_artifact) ? ch.full_name() : channel_input_name(ch);
    }
  }

  // The first channel (by pattern order) whose pattern a string holds
  // (str(channel), an f-string), as KFP's convert_to_placeholder finds it.
  const std::pair<const std::string, ChanP>* channel_in(const std::optional<std::string>& f) const {
    if (!f) return nullptr;
    for (const auto& entry : rec.patterns)
      if (contains(*f, entry.first)) return &entry;
    return nullptr;
  }
  bool from_channel(const std::optional<std::string>& f) const { return channel_in(f) != nullptr; }

  // ResourceSpec's fields in KFP's declaration order (its __dict__ order);
  // R is Resources or const Resources.
  template <class R>
  static auto resource_fields(R& r) {
    using Field = decltype(&r.cpu_request);
    return std::array<std::pair<const char*, Field>, 6>{{{"cpu_request", &r.cpu_request},
                                                         {"cpu_limit", &r.cpu_limit},
                                                         {"memory_request", &r.memory_request},
                                                         {"memory_limit", &r.memory_limit},
                                                         {"accelerator_type", &r.accelerator_type},
                                                         {"accelerator_count", &r.accelerator_count}}};
  }

  // A constant holding channel patterns (f-strings, lists, dicts, a resource
  // field): each pattern becomes the placeholder of a pipelinechannel-- input
  // added to the task. `resource` (a resource setter's argument) asks that
  // the input resolve in this DAG: KFP asserts for a task output from another
  // DAG, and would reference an input the DAG does not declare for a
  // pipeline parameter.
  void constant_channels(TaskArgument& a, Task& t, const Component& parent, const std::set<std::string>& dag,
                         const Span* resource) {
    std::vector<ChanP> found;
    std::function<void(const Json&)> scan = [&](const Json& j) {
      if (j.is_string()) {
        for (const auto& [pat, c] : rec.patterns)
          if (contains(j.get<std::string>(), pat)) {
            bool dup = false;
            for (const auto& f : found) dup = dup || f->pattern() == pat;
            if (!dup) found.push_back(c);
          }
      } else if (j.is_structured()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
          if (j.is_object()) scan(Json(it.key()));
          scan(it.value());
        }
      }
    };
    scan(a.source.constant);
    for (const auto& c : found) {
      // A plain channel rebuilt from the pattern (extract_pipeline_channels_from_string).
      Chan plain;
      plain.k = c->is_artifact() ? Chan::K::Artifact : Chan::K::Param;
      plain.name = c->name;
      plain.task = c->task;
      plain.type = c->type;
      std::string extra = channel_input_name(plain);
      a.source.constant = replace_in(a.source.constant, c->pattern(), param_placeholder(extra));
      TaskArgument x = arg(extra, a.span);
      source_of(x, plain, parent, dag);
      x.is_artifact = false;
      if (resource && x.source.kind == ArgumentSource::Kind::PipelineInput && !has_input(parent, x.source.input, false)) {
        sink.report(DiagId::err_py_unsupported, *resource,
                    {"a channel from outside the task's DAG (here '" + plain.full_name() +
                     "') as a resource setter's value (KFP brings a channel into a dsl.If/dsl.ParallelFor/dsl.ExitHandler "
                     "DAG only when a task there takes it as an argument; set the resource outside the group, or "
                     "also pass the value to a task inside it)"});
        failed = true;
      }
      set_arg(t.arguments, std::move(x));
    }
  }

  Task task_spec(PTask& p, const Component& parent, const std::set<std::string>& dag) {
    Task t;
    t.name = Located<std::string>{p.name, p.span};
    t.display_name = p.display_name.empty() ? p.name : p.display_name;
    t.span = p.span;
    t.enable_cache = p.enable_cache;
    if (p.retry) {
      RetryPolicy r = *p.retry;
      if (!r.backoff_duration) r.backoff_duration = "0s";
      if (!r.backoff_factor) r.backoff_factor = 2.0;
      if (!r.backoff_max_duration) r.backoff_max_duration = "3600s";
      t.retry = r;
    }
    if (p.cache_key) t.extra["cachingOptions"]["cacheKey"] = *p.cache_key;
    for (const auto& given : p.args) {
      TaskArgument a = given;
      auto ch = p.chan_of.find(given.input.value);
      if (ch != p.chan_of.end()) {
        a.source = ArgumentSource{};
        a.source.span = given.source.span;
        a.source.task_span = given.source.task_span;
        a.source.output_span = given.source.output_span;
        source_of(a, *ch->second, parent, dag);
        set_arg(t.arguments, std::move(a));
        continue;
      }
      if (a.source.kind == ArgumentSource::Kind::Constant) constant_channels(a, t, parent, dag, nullptr);
      set_arg(t.arguments, std::move(a));
    }
    // A resource setter given a channel (set_cpu_limit(param), ...): KFP's
    // build_task_spec_for_task puts the field, str(channel), into task.inputs
    // under the ResourceSpec field name, so it becomes a constant input of
    // the placeholder plus the pipelinechannel-- input it reads. Setters do
    // not register the channel, so it adds no dependency and is not surfaced
    // into enclosing DAGs.
    if (p.comp && p.comp->container) {
      const Resources& r = p.comp->container->resources;
      for (const auto& [key, field] : resource_fields(r)) {
        if (!from_channel(*field)) continue;
        auto at = p.resource_spans.find(key);
        Span where = at == p.resource_spans.end() ? p.span : at->second;
        TaskArgument a = arg(key, where);
        a.source.kind = ArgumentSource::Kind::Constant;
        a.source.constant = **field;
        constant_channels(a, t, parent, dag, &where);
        set_arg(t.arguments, std::move(a));
      }
    }
    return t;
  }

  std::shared_ptr<Component> task_component(PTask& p) {
    auto c = std::make_shared<Component>(*p.comp);
    if (c->container) {
      // build_container_spec_for_task also writes the deprecated typed
      // accelerator fields (count is an int64, so MessageToDict writes text).
      // A field set from a channel holds str(channel) and is written as the
      // placeholder of its pipelinechannel-- input (convert_to_placeholder);
      // the typed fields then stay unset.
      Resources& r = c->container->resources;
      bool type_chan = from_channel(r.accelerator_type), count_chan = from_channel(r.accelerator_count);
      if (r.accelerator_count) {
        if (!count_chan) r.extra["accelerator"]["count"] = *r.accelerator_count;
        if (r.accelerator_type && !type_chan) r.extra["accelerator"]["type"] = *r.accelerator_type;
      }
      for (const auto& named : resource_fields(r)) {
        // KFP's convert_to_placeholder: one channel per field.
        std::optional<std::string>& field = *named.second;
        if (const auto* ch = channel_in(field))
          replace_all(*field, ch->first, param_placeholder(channel_input_name(ch->second->full_name())));
      }
    }
    if (c->container || c->importer) {
      c->executor_label = unique_name(executor_label(p.name), exec_labels);
      exec_labels.insert(c->executor_label);
    }
    return c;
  }

  // _rewrite_platform_config_input_references: references made for the
  // pipeline's top level, rewritten for the task's DAG.
  Json rewrite_platform(const Json& j, const Component& parent, const std::set<std::string>& dag, Span at) {
    if (j.is_array()) {
      Json a = Json::array();
      for (const auto& x : j) a.push_back(rewrite_platform(x, parent, dag, at));
      return a;
    }
    if (!j.is_object()) return j;
    Json o = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) o[it.key()] = rewrite_platform(it.value(), parent, dag, at);
    if (o.contains("componentInputParameter") && o["componentInputParameter"].is_string()) {
      std::string cip = o["componentInputParameter"].get<std::string>();
      if (!has_input(parent, cip, false) && has_input(parent, channel_input_name(cip), false))
        o["componentInputParameter"] = channel_input_name(cip);
    }
    if (o.contains("taskOutputParameter") && o["taskOutputParameter"].is_object()) {
      const Json& top = o["taskOutputParameter"];
      if (top.contains("producerTask") && top.contains("outputParameterKey")) {
        std::string producer = top["producerTask"].get<std::string>(), key = top["outputParameterKey"].get<std::string>();
        if (!dag.count(producer)) {
          std::string surfaced = channel_input_name(producer + "-" + key);
          if (!has_input(parent, surfaced, false)) {
            refuse(at, "InvalidTopologyException: Failed to rewrite cross-DAG platform config reference for task output " +
                           producer + "." + key + ". Expected surfaced input '" + surfaced +
                           "' in parent component inputs, but it was not found.");
            return o;
          }
          o.erase("taskOutputParameter");
          o["componentInputParameter"] = surfaced;
        }
      }
    }
    return o;
  }

  // platform_config_to_platform_spec + merge_platform_specs (Struct.update).
  void file_platform(const Json& config, const std::string& label, const Component* parent,
                     const std::set<std::string>& dag, Span at) {
    if (!config.is_object() || config.empty() || label.empty()) return;
    if (!spec.platform_spec) spec.platform_spec = Json::object();
    for (auto it = config.begin(); it != config.end(); ++it) {
      Json cfg = parent ? rewrite_platform(it.value(), *parent, dag, at) : it.value();
      Json& body = (*spec.platform_spec)["platforms"][it.key()]["deploymentSpec"]["executors"][label];
      if (!body.is_object()) body = Json::object();
      if (!cfg.is_object()) continue;  // a loaded file's executor config that is not a mapping
      for (auto f = cfg.begin(); f != cfg.end(); ++f) body[f.key()] = f.value();
    }
  }

  // merge_deployment_spec_and_component_spec: a pipeline used as a task.
  std::shared_ptr<Component> merge_pipeline(const PipelineSpec& sub) {
    std::map<const Component*, std::shared_ptr<Component>> copy;
    auto dup = [&](const std::shared_ptr<Component>& c) {
      auto n = std::make_shared<Component>(*c);
      copy[c.get()] = n;
      return n;
    };
    auto root = dup(sub.root);
    std::map<std::string, std::shared_ptr<Component>> comps;
    for (const auto& [k, c] : sub.components) comps[k] = dup(c);
    for (auto& [k, c] : copy)
      if (c->dag)
        for (auto& t : c->dag->tasks)
          if (t.component && copy.count(t.component.get())) t.component = copy[t.component.get()];
    // merge_platform_specs: each platform of the inner pipeline gets an entry
    // in the outer one, even one with no executors (an inner pipelineConfig
    // itself is dropped).
    // The inner pipeline may be a compiled file a user loaded
    // (load_component_from_file): its platforms document is read as any
    // user's JSON, each level checked before it is walked.
    const Json* sub_platforms = nullptr;
    if (sub.platform_spec && sub.platform_spec->is_object()) {
      auto it = sub.platform_spec->find("platforms");
      if (it != sub.platform_spec->end() && it->is_object()) sub_platforms = &*it;
    }
    auto executors_of = [](const Json& platform) -> const Json* {
      if (!platform.is_object()) return nullptr;
      auto d = platform.find("deploymentSpec");
      if (d == platform.end() || !d->is_object()) return nullptr;
      auto e = d->find("executors");
      return e != d->end() && e->is_object() ? &*e : nullptr;
    };
    if (sub_platforms)
      for (const auto& [key, body] : sub_platforms->items()) {
        if (!spec.platform_spec) spec.platform_spec = Json::object();
        Json& mine = (*spec.platform_spec)["platforms"][key];
        if (!mine.is_object()) mine = Json::object();
      }
    // Executors: unique labels against the main deployment config.
    std::set<std::string> sub_labels;
    for (const auto& [k, c] : comps)
      if (!c->executor_label.empty()) sub_labels.insert(c->executor_label);
    for (const auto& old : sub_labels) {
      std::string nl = unique_name(old, exec_labels);
      for (auto& [k, c] : comps)
        if (c->executor_label == old) c->executor_label = nl;
      exec_labels.insert(nl);
      // The inner pipeline's platform config follows its executors.
      if (sub_platforms)
        for (auto p = sub_platforms->begin(); p != sub_platforms->end(); ++p) {
          const Json* ex = executors_of(p.value());
          if (!ex) continue;
          auto cfg = ex->find(old);
          if (cfg != ex->end()) file_platform(Json{{p.key(), *cfg}}, nl, nullptr, {}, root->span);
        }
    }
    // Components: unique keys against the main spec and the renames so far.
    std::vector<std::pair<std::string, std::string>> renames;
    std::set<std::string> taken;
    for (const auto& [k, c] : spec.components) taken.insert(k);
    for (const auto& [k, c] : comps) {
      std::set<std::string> used = taken;
      for (const auto& [o, n] : renames) used.insert(o), used.insert(n);
      renames.emplace_back(k, unique_name(k, used));
    }
    std::vector<std::shared_ptr<Component>> dags{root};
    for (auto& [k, c] : comps)
      if (c->dag) dags.push_back(c);
    for (auto r = renames.rbegin(); r != renames.rend(); ++r)
      if (r->first != r->second)
        for (auto& d : dags)
          for (auto& t : d->dag->tasks)
            if (t.ref.name.value == r->first) t.ref.name.value = r->second;
    for (const auto& [o, n] : renames) {
      comps[o]->ir_key = n;
      spec.components[n] = comps[o];
    }
    return root;
  }

  // build_component_spec_for_group.
  std::shared_ptr<Component> group_component(const PGroup& g, const std::vector<ChanP>& chans,
                                             const std::vector<std::pair<std::string, ChanP>>& outs) {
    auto c = std::make_shared<Component>();
    c->format = Component::Format::IrPipeline;
    c->file = spec.root ? spec.root->file : kNoFile;
    c->name = Located<std::string>{g.name, g.span};
    c->span = g.span;
    c->dag = Dag{};
    for (const auto& ch : chans) {
      IoSpec io;
      io.name = Located<std::string>{channel_input_name(*ch), g.span};
      io.span = g.span;
      io.type = ch->type;
      if (ch->k == Chan::K::Collected && !ch->is_artifact()) io.type = Type{}, io.type.param = ParamType::List;
      bool replaced = false;
      for (auto& have : c->inputs)
        if (have.name.value == io.name.value) have = io, replaced = true;
      if (!replaced) c->inputs.push_back(std::move(io));
    }
    for (const auto& [name, ch] : outs) {
      IoSpec io;
      io.name = Located<std::string>{name, g.span};
      io.span = g.span;
      io.type = ch->type;
      c->outputs.push_back(std::move(io));
    }
    return c;
  }

  // _single_binary_operation_to_cel_condition (core/emit/cel_condition.h);
  // an Else branch negates its sibling's condition.
  bool cel(const CondOp& op, Span at, std::string* out) {
    auto operand = [](const ChanP& ch, const Json& c) {
      CelOperand o;
      if (ch) o.channel_input = channel_input_name(*ch), o.channel_type = ch->type.param;
      else o.value = c;
      return o;
    };
    std::string s, refusal;
    if (!cel_comparison(operand(op.left, op.left_c), op.op, operand(op.right, op.right_c), &s, &refusal)) {
      refuse(at, refusal);
      return false;
    }
    *out = op.negate ? "!(" + s + ")" : s;
    return true;
  }

  // build_task_spec_for_group (+ the loop and condition updates).
  Task group_task(const PGroup& g, const std::vector<ChanP>& chans, const std::set<std::string>& dag, bool parent_root) {
    Task t;
    t.name = Located<std::string>{g.name, g.span};
    t.display_name = g.display_name.empty() ? g.name : g.display_name;
    t.span = g.span;
    for (const auto& ch : chans) {
      std::string full = ch->full_name(), sub;
      if (ch->k == Chan::K::LoopVar) {
        full = ch->loop_arg->full_name();
        sub = ch->subvar;
      }
      std::string input = channel_input_name(*ch);
      std::string chname = ch->name;
      TaskArgument a = arg(input, g.span);
      if (!sub.empty()) {
        a.source.expression = "parseJson(string_value)[\"" + sub + "\"]";
        if (!ch->with_items() && ch->loop_arg->items) chname = ch->loop_arg->items->name;
      }
      a.is_artifact = ch->k == Chan::K::Artifact || ch->k == Chan::K::LoopArtifact;
      if (!ch->task.empty() && dag.count(ch->task)) {
        a.source.kind = ArgumentSource::Kind::TaskOutput;
        a.source.task = ch->task;
        a.source.output = chname;
      } else {
        a.source.kind = ch->is_loop() ? ArgumentSource::Kind::LoopItem : ArgumentSource::Kind::PipelineInput;
        a.source.input = a.is_artifact ? (parent_root ? full : input)
                                       : (parent_root ? full : channel_input_name(full));
      }
      set_arg(t.arguments, std::move(a));
    }
    auto pop = [&](const std::string& n) {
      t.arguments.erase(std::remove_if(t.arguments.begin(), t.arguments.end(),
                                       [&](const TaskArgument& a) { return a.input.value == n; }),
                        t.arguments.end());
    };
    if (g.kind == GroupKind::ParallelFor) {
      const Chan& la = *g.loop_arg;
      Iterator it;
      it.span = g.span;
      if (g.items_is_channel) {
        const Chan& items = *la.items;
        std::string in = channel_input_name(items);
        it.artifact = la.k == Chan::K::LoopArtifact;
        it.input = in;
        it.item_input = channel_input_name(la.full_name());
        pop(it.item_input);
        if (items.k == Chan::K::LoopVar)
          for (auto& a : t.arguments)
            if (a.input.value == in) {
              a.source.expression = "parseJson(string_value)[\"" + items.subvar + "\"]";
              a.source.kind = ArgumentSource::Kind::LoopItem;
              a.source.input = channel_input_name(*items.loop_arg);
              a.source.task.clear();
              a.source.output.clear();
            }
      } else {
        it.raw = json_dumps(*la.raw);
        it.item_input = channel_input_name(la);
        pop(it.item_input);
      }
      t.iterator = it;
      if (g.parallelism > 0) t.parallelism = g.parallelism;
    } else if (g.kind == GroupKind::Condition && !g.branches) {
      std::string c, one;
      for (size_t i = 0; i < g.conds.size(); ++i)
        if (cel(g.conds[i], g.span, &one)) c += (i ? " && " : "") + one;
      t.condition = Located<std::string>{c, g.span};
    }
    return t;
  }

  void dag_outputs(Component& c, const std::vector<std::pair<std::string, ChanP>>& outs, Span at) {
    for (const auto& [name, ch] : outs) {
      const IoSpec* o = c.output(name);
      if (!o || o->type.is_artifact != ch->is_artifact()) {
        refuse(at, "ValueError: Pipeline or component output not defined: " + name +
                       ". You may be missing a type annotation.");
        return;
      }
      DagOutput d;
      d.name = Located<std::string>{name, at};
      d.span = at;
      d.is_artifact = ch->is_artifact();
      d.selectors.emplace_back(ch->task, ch->name);
      c.dag->outputs.push_back(std::move(d));
    }
    for (const auto& o : c.outputs) {
      bool have = false;
      for (const auto& d : c.dag->outputs) have = have || d.name.value == o.name.value;
      if (!have) {
        refuse(at, "ValueError: Missing pipeline output: " + o.name.value + ".");
        return;
      }
    }
  }

  // build_oneof_dag_outputs.
  void oneof_outputs(Component& c, const std::vector<std::pair<std::string, ChanP>>& outs, Span at) {
    for (const auto& [name, ch] : outs) {
      DagOutput d;
      d.name = Located<std::string>{name, at};
      d.span = at;
      d.is_artifact = ch->is_artifact();
      d.oneof = !d.is_artifact;
      for (const auto& inner : ch->oneof) d.selectors.emplace_back(inner->task, inner->name);
      c.dag->outputs.push_back(std::move(d));
    }
  }

  void check_final_status(PTask& p, bool exit_task) {
    for (const auto& in : p.comp->inputs)
      if (!in.type.is_artifact && in.type.param == ParamType::TaskFinalStatus && !exit_task &&
          !p.ignore_upstream_failure && p.def && p.def->kind != CompDef::Kind::Pipeline)
        refuse(p.span, "ValueError: PipelineTaskFinalStatus can only be used in an exit task. Parameter " +
                           in.name.value + " of a non exit task has type PipelineTaskFinalStatus.");
  }

  void finish_task(Task& t, PTask& p) {
    if (!p.ignore_upstream_failure) return;
    t.trigger_strategy = "ALL_UPSTREAM_TASKS_COMPLETED";
    for (const auto& in : p.comp->inputs) {
      if (in.type.is_artifact || in.type.param != ParamType::TaskFinalStatus) continue;
      if (t.after.size() != 1) {
        refuse(p.span, t.after.empty()
                           ? "InvalidTopologyException: Tasks that use '.ignore_upstream_failure()' and "
                             "'PipelineTaskFinalStatus' must have exactly one dependent upstream task. Got task '" +
                                 t.display_name + " with no upstream dependencies."
                           : "InvalidTopologyException: Tasks that use '.ignore_upstream_failure()' and "
                             "'PipelineTaskFinalStatus' must have exactly one dependent upstream task. Got " +
                                 std::to_string(t.after.size()) + " dependent tasks.");
        return;
      }
      TaskArgument a = arg(in.name.value, p.span);
      a.source.kind = ArgumentSource::Kind::TaskFinalStatus;
      a.source.task = t.after[0].value;
      set_arg(t.arguments, std::move(a));
    }
  }

  void set_after(Task& t, const std::string& name, const PTask* p) {
    auto it = deps.find(name);
    if (it == deps.end()) return;
    for (const auto& d : it->second) {  // std::set: sorted, as KFP sorts them
      Span at;
      if (p)
        for (const auto& a : p->after)
          if (a.value == d) at = a.span;
      t.after.push_back(Located<std::string>{d, at});
    }
  }

  void build_group(int gi) {
    PGroup& g = G(gi);
    std::shared_ptr<Component> gc = gi == 0 ? spec.root : group_comp[gi];
    std::vector<std::pair<bool, int>> subs;
    for (int c : child_groups(gi)) subs.emplace_back(true, c);
    for (int t : child_tasks(gi)) subs.emplace_back(false, t);
    std::set<std::string> dag;
    for (const auto& [is_group, i] : subs) dag.insert(is_group ? G(i).name : T(i).name);
    bool parent_root = gi == 0;
    (void)g;
    for (const auto& [is_group, i] : subs) {
      const std::string sub_name = is_group ? G(i).name : T(i).name;
      std::vector<ChanP> sub_in;
      for (const auto& [ch, prod] : inputs[sub_name]) sub_in.push_back(ch);
      const auto& sub_out = outputs[sub_name];
      Task ts;
      std::shared_ptr<Component> comp;
      if (!is_group) {
        PTask& p = T(i);
        ts = task_spec(p, *gc, dag);
        check_final_status(p, false);
        if (p.def && p.def->kind == CompDef::Kind::Pipeline && p.def->compiled) comp = merge_pipeline(*p.def->compiled);
        else comp = task_component(p);
        if (comp->container) file_platform(p.platform, comp->executor_label, gc.get(), dag, p.span);
        set_after(ts, sub_name, &p);
        finish_task(ts, p);
      } else {
        PGroup& sg = G(i);
        std::vector<ChanP> chans;
        if (sg.kind == GroupKind::ParallelFor) {
          for (const auto& ch : sub_in) {
            if (ch->is_loop() && ch->with_items()) {
              bool found = false;
              const auto& chain = group_anc[sg.name];
              for (auto a = chain.rbegin(); a != chain.rend() && !found; ++a)
                if (is_loop(*a) && contains(G(group_of_name[*a]).loop_arg->name, ch->name)) found = true;
              if (!found) continue;
            }
            chans.push_back(ch);
          }
          if (sg.items_is_channel) chans.push_back(sg.loop_arg->items);
          chans.push_back(sg.loop_arg);
        } else {
          chans = sub_in;
          if (sg.kind == GroupKind::Condition && !sg.branches)
            for (const auto& c : sg.conds)
              for (const ChanP& ch : {c.left, c.right})
                if (ch) chans.push_back(ch);
        }
        comp = group_component(sg, chans, sg.kind == GroupKind::ExitHandler ? decltype(sub_out){} : sub_out);
        ts = group_task(sg, chans, dag, parent_root);
        if (sg.kind != GroupKind::ExitHandler && !sg.branches) dag_outputs(*comp, sub_out, sg.span);
        if (sg.branches) oneof_outputs(*comp, sub_out, sg.span);
        group_comp[i] = comp;
        set_after(ts, sub_name, nullptr);
      }
      std::set<std::string> keys;
      for (const auto& [k, c] : spec.components) keys.insert(k);
      std::string key = unique_name(component_key(sub_name), keys);
      comp->ir_key = key;
      ts.ref.name = Located<std::string>{key, ts.span};
      ts.ref.span = ts.span;
      ts.component = comp;
      spec.components[key] = comp;
      gc->dag->tasks.push_back(std::move(ts));
    }
  }

  // build_exit_handler_groups_recursively.
  void exit_handlers(int parent) {
    for (int gi : child_groups(parent)) {
      PGroup& g = G(gi);
      if (g.kind == GroupKind::ExitHandler) {
        if (parent != 0) {
          refuse(g.span, "ValueError: ExitHandler can only be used within the outermost scope of a pipeline function "
                         "definition. Using an ExitHandler within " + G(parent).cond_class + " " + G(parent).name +
                         " is not allowed.");
          return;
        }
        PTask& p = T(g.exit_task);
        Task ts = task_spec(p, *spec.root, {});
        ts.after.push_back(Located<std::string>{g.name, g.span});
        ts.trigger_strategy = "ALL_UPSTREAM_TASKS_COMPLETED";
        for (const auto& in : p.comp->inputs)
          if (!in.type.is_artifact && in.type.param == ParamType::TaskFinalStatus) {
            TaskArgument a = arg(in.name.value, p.span);
            a.source.kind = ArgumentSource::Kind::TaskFinalStatus;
            a.source.task = g.name;
            set_arg(ts.arguments, std::move(a));
          }
        std::shared_ptr<Component> comp;
        if (p.def && p.def->kind == CompDef::Kind::Pipeline && p.def->compiled) comp = merge_pipeline(*p.def->compiled);
        else comp = task_component(p);
        if (comp->container) {
          std::set<std::string> root_tasks;
          for (const auto& rt : spec.root->dag->tasks) root_tasks.insert(rt.name.value);
          file_platform(p.platform, comp->executor_label, spec.root.get(), root_tasks, p.span);
        }
        std::set<std::string> keys;
        for (const auto& [k, c] : spec.components) keys.insert(k);
        std::string key = unique_name(component_key(p.name), keys);
        comp->ir_key = key;
        ts.ref.name = Located<std::string>{key, ts.span};
        ts.component = comp;
        spec.components[key] = comp;
        spec.root->dag->tasks.push_back(std::move(ts));
      }
      exit_handlers(gi);
    }
  }

  // What the IR reader derives from the keys (core/read/ir_groups.cpp):
  // group kinds, and loop items read inside a loop's body.
  void classify() {
    for (auto& [key, c] : spec.components) {
      if (!c->dag) continue;
      auto starts = [&k = key](const char* p) { return k.rfind(p, 0) == 0; };  // clang 14: no capture of a binding
      c->group = starts("comp-condition-") ? GroupKind::Condition
                 : starts("comp-for-loop-") ? GroupKind::ParallelFor
                 : starts("comp-exit-handler-") ? GroupKind::ExitHandler
                                                : GroupKind::Pipeline;
    }
  }

  void run() {
    std::vector<std::string> path{G(0).name};
    walk(0, path);
    for (size_t i = 0; i < rec.groups.size(); ++i) group_of_name[rec.groups[i].name] = static_cast<int>(i);
    for (size_t i = 0; i < rec.tasks.size(); ++i) task_of_name[rec.tasks[i].name] = static_cast<int>(i);
    condition_channels(0, {});
    group_inputs();
    if (!failed) group_outputs();
    if (!failed) dependencies();
    if (failed) return;
    for (int g : all_groups) {
      build_group(g);
      if (failed) return;
    }
    exit_handlers(0);
    if (failed) return;
    std::vector<std::pair<std::string, ChanP>> outs;
    Span at = spec.root->span;
    for (const auto& [k, v] : rec.outputs) {
      outs.emplace_back(k, v.chan);
      at = v.span;
    }
    dag_outputs(*spec.root, outs, at);
    classify();
  }
};

}  // namespace

std::shared_ptr<PipelineSpec> build_pipeline_spec(const CompDef& def, Recorded& rec, Sink& sink) {
  auto spec = std::make_shared<PipelineSpec>();
  const Component& iface = *def.v2;
  spec->name = iface.name;
  if (!valid_pipeline_name(spec->name.value)) {
    sink.report(DiagId::err_py_kfp_rejects, spec->name.span,
                {"ValueError: Invalid pipeline name: " + spec->name.value +
                 ".\nPlease specify a pipeline name that matches the regular expression \"^[a-z0-9][a-z0-9-]{0,127}$\" "
                 "using `dsl.pipeline(name=...)` decorator."});
    return nullptr;
  }
  if (def.description) spec->description = *def.description;
  if (def.display_name) spec->display_name = *def.display_name;
  if (def.pipeline_root) spec->default_pipeline_root = *def.pipeline_root;
  spec->sdk_version = "kfp-2.15.2";
  spec->span = iface.span;
  auto root = std::make_shared<Component>(iface);
  root->format = Component::Format::IrPipeline;
  root->description = spec->description;
  root->dag = Dag{};
  spec->root = root;
  // _merge_pipeline_config: a non-empty config goes under platforms.kubernetes.
  if (def.pipeline_config && def.pipeline_config->is_object() && !def.pipeline_config->empty())
    spec->platform_spec = Json{{"platforms", {{"kubernetes", {{"pipelineConfig", *def.pipeline_config}}}}}};
  Compiler c(rec, *spec, sink);
  c.run();
  if (c.failed) return nullptr;
  return spec;
}

}  // namespace kfp::py
