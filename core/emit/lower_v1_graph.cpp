// A v1 graph component -> PipelineSpec, as the KFP v2 SDK (2.15) compiles the
// equivalent Python pipeline (see the corpus gNNN.py files):
//
//   @dsl.pipeline(name=<graph name>)
//   def pipeline(<graph inputs>):
//       t0 = c0(x=...)                      # one call per graph task, producers first
//       with dsl.If(t0.outputs['n'] > 5):   # a task's isEnabled (lower_v1_cond.h)
//           t1 = c1(...)
//       t2 = inner_pipeline(...)            # a graph task: a nested pipeline
//       return NamedTuple(...)              # outputValues
//
// The compile itself follows kfp/compiler/compiler_utils.py and
// pipeline_spec_builder.py: groups are DAG components `comp-condition-N`
// whose inputs are the channels their tasks need (`pipelinechannel--<task>-
// <output>`, `pipelinechannel--<input>`), dependencies are drawn between the
// first uncommon ancestors of producer and consumer, and KFP's topology
// refusals are reported with its text. A nested pipeline is lowered on its
// own and merged, its components and executors renamed (`-2`, ...) where they
// collide with the outer pipeline's, as _merge_deployment_spec /
// _merge_component_spec do.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/emit/lower_v1.h"
#include "core/emit/lower_v1_cond.h"
#include "core/emit/lower_v1_internal.h"
#include "core/emit/names.h"
#include "core/emit/pyfmt.h"

namespace kfp {
namespace {

using v1_lower::Channel;
using v1_lower::CondError;
using v1_lower::CondOp;

// A graph nested this deep is almost certainly a component that uses itself.
constexpr int kMaxNesting = 24;
// Every use of a nested graph is lowered (and merged) again, as KFP copies
// it: a graph using another twice, that one using the next twice, ... grows
// exponentially. Total tasks lowered for one compile, all levels together.
constexpr size_t kMaxLoweredTasks = 200000;

// Shared by one compile and all the nested graphs it lowers.
struct Nesting {
  std::vector<const Component*> stack;  // the graphs being lowered, outermost first
  size_t tasks = 0;
  bool exhausted = false;  // a limit was hit (reported once): every level stops
};

const char* kTopologyError = "kfp.compiler.compiler_utils.InvalidTopologyException: ";

struct Group {  // a `with dsl.If(...)` block; groups[0] is the pipeline itself
  std::string name;
  int parent = -1;
  std::vector<int> groups;  // child groups, in creation order
  std::vector<int> tasks;   // child tasks, in creation order
  std::vector<CondOp> conditions;
  std::string cel;  // the trigger condition, once built
  Span span;
};

struct PyInput {
  TaskArgument arg;                // sanitized name; the typed constant when there is no channel
  std::optional<Channel> channel;  // a pipeline input or a task output
};

struct PyTask {
  const Task* src = nullptr;
  std::string name;                    // the KFP task name
  std::shared_ptr<Component> comp;     // v2 component, or the nested pipeline's root
  std::shared_ptr<PipelineSpec> sub;   // a nested pipeline
  std::vector<PyInput> inputs;
  int group = 0;
};

// A node of the group tree: group index >= 0, task index t as -(t + 1).
using Node = int;
Node task_node(size_t t) { return -static_cast<int>(t) - 1; }
bool is_task(Node n) { return n < 0; }
size_t task_of(Node n) { return static_cast<size_t>(-n - 1); }

// Collects the task ids an isEnabled predicate reads (they must be created first).
void predicate_tasks(const Json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    if (j.contains("taskOutput") && j["taskOutput"].is_object() && j["taskOutput"].contains("taskId") &&
        j["taskOutput"]["taskId"].is_string())
      out.push_back(j["taskOutput"]["taskId"].get<std::string>());
    for (const auto& [k, v] : j.items()) predicate_tasks(v, out);
  } else if (j.is_array()) {
    for (const auto& v : j) predicate_tasks(v, out);
  }
}

LowerResult lower_graph(const Component& g, const Workspace* ws, Nesting& nest);

struct GraphLowering {
  const Component& g;
  const Workspace* ws;
  Nesting& nest;
  LowerResult& r;
  std::shared_ptr<PipelineSpec> spec;
  std::vector<Group> groups;
  std::vector<PyTask> tasks;
  // Hashed: 1,000 task names share long prefixes ("combine-123"), and a tree
  // compared them byte by byte at every level.
  std::unordered_map<std::string, size_t> by_id;    // graph task id -> tasks index
  std::unordered_map<std::string, size_t> by_name;  // KFP task name -> tasks index
  std::map<int, std::set<Channel>> inputs;   // group -> the channels it receives
  std::map<Node, std::set<Node>> deps;       // node -> sibling nodes it depends on
  NameSet task_names, comp_keys, exec_labels;  // NameSet: linear unique_name (core/emit/names.h)
  bool ok = true;

  void fail(DiagId id, Span span, std::vector<std::string> args) {
    r.diagnostics.push_back(make_diag(id, span, std::move(args)));
    ok = false;
  }

  const Component& root() const { return *spec->root; }

  // --- the Python function's body ---------------------------------------------

  std::vector<size_t> creation_order() const {
    const auto& src = g.dag->tasks;
    std::unordered_map<std::string_view, size_t> index;
    for (size_t i = 0; i < src.size(); ++i) index.emplace(src[i].name.value, i);  // the first of a repeated name
    std::vector<size_t> order;
    std::vector<int> state(src.size(), 0);
    // Iterative DFS: a long chain of tasks must not exhaust the (wasm) stack.
    for (size_t start = 0; start < src.size(); ++start) {
      if (state[start]) continue;
      std::vector<std::pair<size_t, std::vector<size_t>>> stack;
      auto push = [&](size_t i) {
        state[i] = 1;
        std::vector<std::string> names;
        for (const auto& a : src[i].arguments)
          if (a.source.kind == ArgumentSource::Kind::TaskOutput) names.push_back(a.source.task);
        for (const auto& a : src[i].after) names.push_back(a.value);
        if (src[i].v1_is_enabled) {
          Json p = Json::parse(src[i].v1_is_enabled->value, nullptr, false);
          if (!p.is_discarded()) predicate_tasks(p, names);
        }
        std::vector<size_t> next;
        for (auto it = names.rbegin(); it != names.rend(); ++it)
          if (auto f = index.find(*it); f != index.end()) next.push_back(f->second);
        stack.emplace_back(i, std::move(next));
      };
      push(start);
      while (!stack.empty()) {
        auto& [i, next] = stack.back();
        if (next.empty()) {
          state[i] = 2;
          order.push_back(i);
          stack.pop_back();
          continue;
        }
        size_t d = next.back();
        next.pop_back();
        if (state[d] == 0) push(d);
      }
    }
    return order;
  }

  std::optional<Channel> channel_of(const Json& ref, CondError* err) {
    if (ref.contains("graphInput")) {
      const Json& gi = ref["graphInput"];
      std::string n = gi.is_object() && gi.contains("inputName") && gi["inputName"].is_string()
                          ? gi["inputName"].get<std::string>()
                          : "";
      const IoSpec* in = root().input(sanitize_input_name(n));
      if (!in || !g.input(n)) {
        err->id = DiagId::err_v1_graph_input_unknown;
        err->args = {n};
        return std::nullopt;
      }
      return Channel{"", in->name.value, in->type};
    }
    const Json& to = ref["taskOutput"];
    std::string id = to.is_object() && to.contains("taskId") && to["taskId"].is_string()
                         ? to["taskId"].get<std::string>()
                         : "";
    std::string out = to.is_object() && to.contains("outputName") && to["outputName"].is_string()
                          ? to["outputName"].get<std::string>()
                          : "";
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      bool known = std::any_of(g.dag->tasks.begin(), g.dag->tasks.end(),
                               [&](const Task& t) { return t.name.value == id; });
      err->id = known ? DiagId::err_compile_input_errors : DiagId::err_v1_task_output_unknown;
      err->args = {known ? "task '" + id + "'" : id};
      return std::nullopt;
    }
    const PyTask& p = tasks[it->second];
    const IoSpec* o = p.comp->output(sanitize_input_name(out));
    if (!o) {
      err->id = DiagId::err_compile_refused;
      err->args = {"KeyError: " + python_str_repr(sanitize_input_name(out))};
      return std::nullopt;
    }
    return Channel{p.name, o->name.value, o->type};
  }

  // with dsl.If(...) blocks for the task's isEnabled; returns the innermost group.
  int open_groups(const Task& src, int* counter) {
    if (!src.v1_is_enabled) return 0;
    Json pred = Json::parse(src.v1_is_enabled->value, nullptr, false);
    std::vector<CondOp> conds;
    CondError err;
    auto of = [this](const Json& ref, CondError* e) { return channel_of(ref, e); };
    if (pred.is_discarded() || !v1_lower::predicate_conditions(pred, of, &conds, &err)) {
      if (err.args.empty()) err.args = {"isEnabled", "it could not be read"}, err.id = DiagId::err_compile_no_equivalent;
      fail(err.id, src.v1_is_enabled->span, err.args);
      return -1;
    }
    int parent = 0;
    for (auto& c : conds) {
      Group grp;
      grp.name = "condition-" + std::to_string(++*counter);
      grp.parent = parent;
      grp.conditions.push_back(std::move(c));
      grp.span = src.v1_is_enabled->span;
      groups.push_back(std::move(grp));
      int gi = static_cast<int>(groups.size()) - 1;
      groups[parent].groups.push_back(gi);
      parent = gi;
    }
    return parent;
  }

  bool add_arguments(const Task& src, PyTask& pt) {
    const Component& c = *pt.comp;
    bool good = true;
    for (const auto& a : src.arguments) {
      PyInput in;
      std::string in_name = sanitize_input_name(a.input.value);
      in.arg.input = Located<std::string>{in_name, a.input.span};
      in.arg.span = a.span;
      in.arg.source = a.source;
      const IoSpec* spec_in = c.input(in_name);
      const IoSpec* v1_in = src.component->input(a.input.value);
      if (!spec_in) {
        fail(DiagId::err_compile_refused, a.input.span,
             {"ValueError: Component " + python_str_repr(c.name.value) + " got an unexpected input: " +
              python_str_repr(in_name) + "."});
        good = false;
        continue;
      }
      in.arg.is_artifact = spec_in->type.is_artifact;
      switch (a.source.kind) {
        case ArgumentSource::Kind::Constant: {
          if (spec_in->type.is_artifact) {
            fail(DiagId::err_compile_refused, a.source.span,
                 {"TypeError: Input \"" + in_name + "\" with type \"" + spec_in->type.display() +
                  "\" cannot be given a constant value."});
            good = false;
            continue;
          }
          Json v;
          std::string err;
          if (!v1_constant_to_ir(v1_in ? v1_in->type.v1_type : Json(), a.source.constant, spec_in->type.param, &v,
                                 &err)) {
            fail(DiagId::err_compile_refused, a.source.span, {err});
            good = false;
            continue;
          }
          in.arg.source.constant = v;
          break;
        }
        case ArgumentSource::Kind::PipelineInput: {
          const IoSpec* pin = root().input(sanitize_input_name(a.source.input));
          if (!pin) {  // the reader reported the unknown graph input
            ok = good = false;
            continue;
          }
          in.channel = Channel{"", pin->name.value, pin->type};
          in.arg.is_artifact = pin->type.is_artifact;
          break;
        }
        case ArgumentSource::Kind::TaskOutput: {
          auto it = by_id.find(a.source.task);
          if (it == by_id.end()) {  // the producer failed (reported) or is unknown (reader reported)
            ok = good = false;
            continue;
          }
          const PyTask& p = tasks[it->second];
          std::string key = sanitize_input_name(a.source.output);
          const IoSpec* po = p.comp->output(key);
          Type t = po ? po->type : spec_in->type;
          in.channel = Channel{p.name, key, t};
          if (po) in.arg.is_artifact = po->type.is_artifact;
          break;
        }
        default:
          break;
      }
      pt.inputs.push_back(std::move(in));
    }
    return good;
  }

  // v2_component_from_v1 for a task: a copy of the component's v2 view
  // (tasks set their own executor label on it). Many tasks share a
  // component, and converting it again was a tenth of compiling 1,000 tasks;
  // a conversion that reported anything is redone per task, as KFP would
  // report it per task.
  std::map<const Component*, std::shared_ptr<Component>> v2_views;
  std::shared_ptr<Component> v2_view(const Component& v1) {
    auto it = v2_views.find(&v1);
    if (it != v2_views.end()) return std::make_shared<Component>(*it->second);
    size_t reported = r.diagnostics.size();
    auto v2 = v2_component_from_v1(v1, r.diagnostics, ws);
    if (v2 && r.diagnostics.size() == reported) {
      v2_views.emplace(&v1, v2);
      return std::make_shared<Component>(*v2);
    }
    return v2;
  }

  void create_tasks() {
    int counter = 0;
    for (size_t i : creation_order()) {
      const Task& src = g.dag->tasks[i];
      if (!src.component) {
        fail(DiagId::err_compile_unresolved, src.name.span, {src.name.value});
        continue;
      }
      PyTask pt;
      pt.src = &src;
      if (src.component->dag) {
        const Component* inner = src.component.get();
        if (std::find(nest.stack.begin(), nest.stack.end(), inner) != nest.stack.end()) {
          fail(DiagId::err_compile_no_equivalent, src.name.span,
               {"a graph that uses itself (task '" + src.name.value + "')", "a pipeline cannot contain itself"});
          continue;
        }
        if (nest.stack.size() >= static_cast<size_t>(kMaxNesting) || nest.tasks > kMaxLoweredTasks) {
          fail(DiagId::err_compile_no_equivalent, src.name.span,
               {"a graph nested this deep or this large (task '" + src.name.value + "')",
                "compiling it would copy more than " + std::to_string(kMaxLoweredTasks) + " tasks or nest more than " +
                    std::to_string(kMaxNesting) + " pipelines"});
          nest.exhausted = true;
          break;
        }
        LowerResult sub = lower_graph(*inner, ws, nest);
        for (auto& d : sub.diagnostics) r.diagnostics.push_back(std::move(d));
        if (nest.exhausted) {
          ok = false;
          break;
        }
        if (!sub.spec) {
          ok = false;
          continue;
        }
        pt.sub = sub.spec;
        pt.comp = sub.spec->root;
        pt.comp->group = GroupKind::Pipeline;
      } else {
        pt.comp = v2_view(*src.component);
        if (!pt.comp) {
          ok = false;
          continue;
        }
      }
      std::string base = k8s_name(pt.comp->name.value);
      pt.name = unique_name(base.empty() ? "task" : base, task_names);
      pt.group = open_groups(src, &counter);
      if (pt.group < 0) {
        ok = false;
        continue;
      }
      if (!add_arguments(src, pt)) continue;
      size_t ti = tasks.size();
      groups[pt.group].tasks.push_back(static_cast<int>(ti));
      by_id[src.name.value] = ti;
      by_name[pt.name] = ti;
      task_names.insert(pt.name);
      tasks.push_back(std::move(pt));
    }
  }

  // --- compiler_utils: parents, inputs, dependencies ----------------------------

  // The groups from the root down to n, then n, into p (a buffer the callers
  // reuse: a fresh vector per channel was a tenth of the lowering's allocations).
  void path(Node n, std::vector<Node>& p) const {
    p.assign(1, n);
    int gi = is_task(n) ? tasks[task_of(n)].group : groups[n].parent;
    if (!is_task(n) && n == 0) gi = -1;
    for (; gi >= 0; gi = groups[gi].parent) p.push_back(gi);
    std::reverse(p.begin(), p.end());
  }

  std::string node_name(Node n) const { return is_task(n) ? tasks[task_of(n)].name : groups[n].name; }

  // The channels read by the conditions of the groups around task t.
  std::vector<Channel> condition_channels(size_t t) const {
    std::vector<Channel> out;
    for (int gi = tasks[t].group; gi > 0; gi = groups[gi].parent)
      for (const auto& c : groups[gi].conditions)
        for (const auto* o : {&c.left, &c.right})
          if (o->channel) out.push_back(*o->channel);
    return out;
  }

  static size_t common_prefix(const std::vector<Node>& a, const std::vector<Node>& b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
  }

  void collect_inputs_and_dependencies() {
    std::vector<Node> mine, theirs;  // paths (path()), reused across tasks
    std::vector<const Channel*> chans;
    std::vector<size_t> upstream;
    for (size_t t = 0; t < tasks.size(); ++t) {
      std::vector<Channel> conds = condition_channels(t);
      chans.clear();  // the task's inputs' channels, then its conditions'
      for (const auto& in : tasks[t].inputs)
        if (in.channel) chans.push_back(&*in.channel);
      for (const auto& c : conds) chans.push_back(&c);
      path(task_node(t), mine);
      upstream.clear();
      for (const Channel* c : chans) {
        if (c->task.empty()) {  // a pipeline input: every enclosing group receives it
          for (Node n : mine)
            if (!is_task(n) && n != 0) inputs[n].insert(*c);
          continue;
        }
        size_t u = by_name.at(c->task);
        upstream.push_back(u);
        // The consumer's side of the first uncommon ancestors.
        path(task_node(u), theirs);
        for (size_t i = common_prefix(theirs, mine); i < mine.size(); ++i)
          if (!is_task(mine[i])) inputs[mine[i]].insert(*c);
      }
      for (const auto& a : tasks[t].src->after)
        if (auto it = by_id.find(a.value); it != by_id.end()) upstream.push_back(it->second);
      std::sort(upstream.begin(), upstream.end());  // in task order, each once
      upstream.erase(std::unique(upstream.begin(), upstream.end()), upstream.end());
      for (size_t u : upstream) {
        // The first uncommon ancestors: up on the producer's side, down on the consumer's.
        path(task_node(u), theirs);
        const size_t n = common_prefix(theirs, mine);
        if (n >= theirs.size() || n >= mine.size()) continue;  // a task reading itself: no edge
        const Node up = theirs[n], down = mine[n];
        if (theirs.size() - n > 1 && !is_task(up)) {
          fail(DiagId::err_compile_refused, tasks[t].src->name.span,
               {std::string(kTopologyError) +
                "Illegal task dependency across DSL context managers. A downstream task cannot depend on an "
                "upstream task within a dsl.If context unless the downstream is within that context too. Found "
                "task " + tasks[t].name + " which depends on upstream task " + tasks[u].name +
                " within an uncommon dsl.If context."});
          continue;
        }
        deps[down].insert(up);
      }
    }
  }

  void check_outputs() {
    for (const auto& o : g.dag->outputs) {
      if (o.extra.contains("graphInput")) {
        // validate_pipeline_outputs_dict reads channel.task.parent_task_group.
        fail(DiagId::err_compile_refused, o.span,
             {"AttributeError: 'NoneType' object has no attribute 'parent_task_group'"});
      } else if (o.extra.contains("constant")) {
        const Json& v = o.extra["constant"];
        std::string cls = v.is_boolean() ? "bool" : v.is_number_float() ? "float" : v.is_number() ? "int" : "str";
        std::string text = v.is_string() ? v.get<std::string>() : v.is_boolean() ? (v.get<bool>() ? "True" : "False")
                                                              : v.is_number_float() ? python_float_repr(v.get<double>())
                                                                                    : v.dump();
        fail(DiagId::err_compile_refused, o.span,
             {"ValueError: Got unknown pipeline output, " + text + ", of type <class '" + cls + "'>."});
      } else {
        for (const auto& [task, key] : o.selectors) {
          auto it = by_id.find(task);
          if (it != by_id.end() && tasks[it->second].group != 0)
            fail(DiagId::err_compile_refused, o.span,
                 {std::string(kTopologyError) +
                  "Pipeline outputs may only be returned from the top level of the pipeline function scope. Got "
                  "pipeline output from within the control flow group dsl.If."});
        }
      }
    }
  }

  // --- pipeline_spec_builder.build_spec_by_group --------------------------------

  std::vector<Located<std::string>> sorted_deps(Node n) const {
    std::vector<Located<std::string>> out;
    auto it = deps.find(n);
    if (it == deps.end()) return out;
    // The node names, sorted, each once (a sorted vector: a set's node per name cost more).
    out.reserve(it->second.size());
    for (Node d : it->second) out.push_back(Located<std::string>{node_name(d), {}});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
    out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value == b.value; }),
              out.end());
    return out;
  }

  void add_component(const std::string& key, const std::shared_ptr<Component>& c) {
    c->ir_key = key;
    comp_keys.insert(key);
    spec->components[key] = c;
  }

  // _merge_deployment_spec then _merge_component_spec of the nested pipeline.
  void merge_nested(PipelineSpec& sub) {
    std::set<std::string> labels;
    for (const auto& [k, c] : sub.components)
      if (!c->dag && !c->executor_label.empty()) labels.insert(c->executor_label);
    for (const auto& label : labels) {
      std::string fresh = unique_name(label, exec_labels);
      if (fresh != label)
        for (auto& [k, c] : sub.components)
          if (c->executor_label == label) c->executor_label = fresh;
      exec_labels.insert(fresh);
    }
    std::vector<std::pair<std::string, std::string>> renames;  // old -> new, in map order
    std::set<std::string> taken(comp_keys.begin(), comp_keys.end());
    for (const auto& [k, c] : sub.components) {
      std::string fresh = unique_name(k, taken);
      taken.insert(k);
      taken.insert(fresh);
      renames.emplace_back(k, fresh);
    }
    auto rename_refs = [&](const std::string& from, const std::string& to) {
      auto in_dag = [&](Component& c) {
        if (!c.dag) return;
        for (auto& t : c.dag->tasks)
          if (t.ref.name.value == from) t.ref.name.value = to;
      };
      for (auto& [k, c] : sub.components) in_dag(*c);
      in_dag(*sub.root);
    };
    for (auto it = renames.rbegin(); it != renames.rend(); ++it)  // LIFO, as KFP
      if (it->first != it->second) rename_refs(it->first, it->second);
    std::map<std::string, std::shared_ptr<Component>> comps = sub.components;
    for (const auto& [from, to] : renames) add_component(to, comps[from]);
  }

  // The channel as the DAG of `owner` receives it.
  ArgumentSource source_of(const Channel& c, const std::unordered_set<std::string>& in_dag, const Component& owner,
                           bool owner_is_root, bool group_task) const {
    ArgumentSource s;
    if (!c.task.empty() && in_dag.count(c.task)) {
      s.kind = ArgumentSource::Kind::TaskOutput;
      s.task = c.task;
      s.output = c.name;
    } else if (group_task) {
      s.kind = ArgumentSource::Kind::PipelineInput;
      s.input = owner_is_root ? c.full_name() : c.input_name();
    } else if (!c.task.empty()) {
      s.kind = ArgumentSource::Kind::PipelineInput;
      s.input = c.input_name();
    } else {
      s.kind = ArgumentSource::Kind::PipelineInput;
      s.input = owner.input(c.name) ? c.name : c.input_name();
    }
    return s;
  }

  void build_group(int gi, Component& owner) {
    const bool owner_is_root = gi == 0;
    std::vector<Node> subs;
    for (int c : groups[gi].groups) subs.push_back(c);
    for (int t : groups[gi].tasks) subs.push_back(task_node(static_cast<size_t>(t)));
    std::unordered_set<std::string> in_dag;
    for (Node n : subs) in_dag.insert(node_name(n));
    std::vector<std::pair<int, std::shared_ptr<Component>>> children;
    owner.dag->tasks.reserve(owner.dag->tasks.size() + subs.size());  // a Task is large: no regrowth copies

    for (Node n : subs) {
      Task t;
      t.name = Located<std::string>{node_name(n), {}};
      t.display_name = t.name.value;
      t.after = sorted_deps(n);
      if (!is_task(n)) {
        const Group& cg = groups[n];
        auto comp = std::make_shared<Component>();
        comp->format = Component::Format::IrComponent;
        comp->group = GroupKind::Condition;
        comp->file = g.file;
        comp->name = Located<std::string>{cg.name, cg.span};
        comp->span = cg.span;
        comp->dag = Dag{};
        std::set<Channel> chans = inputs[n];
        std::vector<std::string> cel;
        for (const auto& c : cg.conditions) {
          for (const auto* o : {&c.left, &c.right})
            if (o->channel) chans.insert(*o->channel);
          std::string text;
          CondError err;
          if (!v1_lower::cel_condition(c, &text, &err)) fail(err.id, cg.span, err.args);
          cel.push_back(text);
        }
        for (const auto& c : chans) {
          IoSpec io;
          io.name = Located<std::string>{c.input_name(), {}};
          io.type = c.type;
          comp->inputs.push_back(std::move(io));
          TaskArgument a;
          a.input = Located<std::string>{c.input_name(), {}};
          a.is_artifact = c.type.is_artifact;
          a.source = source_of(c, in_dag, owner, owner_is_root, true);
          t.arguments.push_back(std::move(a));
        }
        std::string joined;
        for (size_t i = 0; i < cel.size(); ++i) joined += (i ? " && " : "") + cel[i];
        t.condition = Located<std::string>{joined, cg.span};
        groups[n].cel = joined;
        t.span = cg.span;
        std::string key = unique_name(component_key(cg.name), comp_keys);
        t.ref.name = Located<std::string>{key, {}};
        t.component = comp;
        add_component(key, comp);
        children.emplace_back(n, comp);
      } else {
        PyTask& pt = tasks[task_of(n)];
        const Task& src = *pt.src;
        t.name.span = src.name.span;
        t.span = src.span;
        t.ref.span = src.ref.span;
        t.enable_cache = src.enable_cache.value_or(true);
        if (src.retry) {
          // PipelineTask.set_retry(num_retries) defaults.
          RetryPolicy p = *src.retry;
          if (!p.backoff_duration) p.backoff_duration = "0s";
          if (!p.backoff_factor) p.backoff_factor = 2.0;
          if (!p.backoff_max_duration) p.backoff_max_duration = "3600s";
          t.retry = p;
        }
        // Moved: a task is placed in one group, and its inputs are not read after.
        t.arguments.reserve(pt.inputs.size());
        for (auto& in : pt.inputs) {
          t.arguments.push_back(std::move(in.arg));
          if (in.channel) t.arguments.back().source = source_of(*in.channel, in_dag, owner, owner_is_root, false);
        }
        if (pt.sub) {
          merge_nested(*pt.sub);
        } else {
          pt.comp->executor_label = unique_name(executor_label(pt.name), exec_labels);
          exec_labels.insert(pt.comp->executor_label);
        }
        std::string key = unique_name(component_key(pt.name), comp_keys);
        t.ref.name = Located<std::string>{key, src.ref.span};
        t.component = pt.comp;
        add_component(key, pt.comp);
      }
      owner.dag->tasks.push_back(std::move(t));
    }
    for (auto& [ci, comp] : children) build_group(ci, *comp);
  }

  void connect_outputs() {
    Component& rt = *spec->root;
    for (const auto& o : g.dag->outputs) {
      DagOutput d;
      d.name = Located<std::string>{sanitize_input_name(o.name.value), o.name.span};
      d.span = o.span;
      if (const IoSpec* ro = rt.output(d.name.value)) d.is_artifact = ro->type.is_artifact;
      for (const auto& [task, key] : o.selectors)
        if (auto it = by_id.find(task); it != by_id.end())
          d.selectors.emplace_back(tasks[it->second].name, sanitize_input_name(key));
      rt.dag->outputs.push_back(std::move(d));
    }
  }

  void run() {
    // The pipeline's own interface: a v2 view of the graph component's
    // inputs/outputs, made from a copy of every field but the implementation
    // (a copy of the whole duplicated its graph, every task, only to drop
    // it). A field added to Component belongs here too.
    Component iface_src;
    iface_src.format = g.format;
    iface_src.file = g.file;
    iface_src.name = g.name;
    iface_src.description = g.description;
    iface_src.metadata = g.metadata;
    iface_src.inputs = g.inputs;
    iface_src.outputs = g.outputs;
    iface_src.container = Container{};
    iface_src.importer = g.importer;
    iface_src.resolver = g.resolver;
    iface_src.group = g.group;
    iface_src.ir_key = g.ir_key;
    iface_src.executor_label = g.executor_label;
    iface_src.digest = g.digest;
    iface_src.extra = g.extra;
    iface_src.span = g.span;
    auto iface = v2_component_from_v1(iface_src, r.diagnostics);
    if (!iface) return;
    const std::string name = iface->name.value;
    if (!valid_pipeline_name(name)) {
      r.diagnostics.push_back(invalid_pipeline_name(name, g.name.span.valid() ? g.name.span : g.span));
      return;
    }
    spec = new_pipeline_spec(name, g);
    spec->root->description = g.description;
    spec->root->inputs = iface->inputs;
    spec->root->outputs = iface->outputs;
    groups.push_back(Group{});
    create_tasks();
    check_outputs();
    if (!ok) return;
    collect_inputs_and_dependencies();
    if (!ok) return;
    build_group(0, *spec->root);
    connect_outputs();
    for (const auto& [id, ti] : by_id) {
      std::vector<std::pair<std::string, std::string>> chain;
      for (int gi = tasks[ti].group; gi > 0; gi = groups[gi].parent) chain.emplace_back(groups[gi].name, groups[gi].cel);
      std::reverse(chain.begin(), chain.end());
      if (!chain.empty()) r.condition_groups[id] = std::move(chain);
    }
    if (ok) r.spec = spec;
  }
};

LowerResult lower_graph(const Component& g, const Workspace* ws, Nesting& nest) {
  LowerResult r;
  if (!g.dag) {
    r.diagnostics.push_back(make_diag(DiagId::err_compile_nothing, g.span, {"the component has no graph"}));
    return r;
  }
  if (nest.exhausted) return r;
  nest.stack.push_back(&g);
  nest.tasks += g.dag->tasks.size();
  GraphLowering l{g, ws, nest, r, nullptr, {}, {}, {}, {}, {}, {}, {}, {}, {}, true, {}};
  l.run();
  nest.stack.pop_back();
  return r;
}

}  // namespace

LowerResult lower_v1_graph(const Component& g, const Workspace* ws) {
  Nesting nest;
  return lower_graph(g, ws, nest);
}

}  // namespace kfp
