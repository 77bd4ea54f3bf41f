// Graph JSON (docs/graph-json.md): the model as nodes and edges for the page.
// Data edges are resolved through control-flow groups and nested pipelines to
// the task that really produces the value, the way a user reads the pipeline.
#include "core/emit/graph_json.h"

#include "core/emit/lower_v1.h"
#include "core/util/json_tree.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <optional>
#include <set>

namespace kfp {

using V = jt::Value;
namespace {

constexpr int kMaxGroupDepth = 32;       // nested groups expanded; deeper ones stay collapsed
constexpr size_t kMaxNodes = 20000;      // per pipeline: a nested pipeline used twice per level doubles
constexpr int kMaxResolveSteps = 4096;   // per argument: hops through groups

V type_json(const IoSpec* io) { return io ? V(io->type.display()) : V(); }

std::string_view group_name(GroupKind g) {
  switch (g) {
    case GroupKind::Condition: return "condition";
    case GroupKind::ParallelFor: return "parallel-for";
    case GroupKind::ExitHandler: return "exit-handler";
    case GroupKind::Pipeline:
    case GroupKind::None: return "pipeline";
  }
  return "pipeline";
}

std::string_view executor_name(const Component& c) {
  if (c.container) return "container";
  if (c.importer) return "importer";
  if (c.resolver) return "resolver";
  if (c.dag) return "dag";
  return "none";
}

bool ir_notation(const Component& c) {
  return c.format == Component::Format::IrPipeline || c.format == Component::Format::IrComponent;
}

// The name a user knows a component by; IR components have only their key.
std::string component_name(const Component& c) {
  if (!c.name.value.empty() && c.name.value != c.ir_key) return c.name.value;
  std::string k = c.ir_key.empty() ? c.name.value : c.ir_key;
  if (k.rfind("comp-", 0) == 0) k = k.substr(5);
  return k;
}

// True when `node` is `ancestor` or inside it (ids are paths joined by '/').
bool node_within(std::string_view node, std::string_view ancestor) {
  return node == ancestor || (node.size() > ancestor.size() && node.compare(0, ancestor.size(), ancestor) == 0 &&
                              node[ancestor.size()] == '/');
}

// A DAG being walked: the root, or the DAG of a group task.
struct Frame {
  const Frame* parent = nullptr;
  const Task* group = nullptr;      // null at the root
  const Component* comp = nullptr;  // owns the DAG
  std::string id;                   // the group's node id; "" at the root
  std::string prefix;               // child id prefix: "task:" or "task:a/b/"
  int depth = 0;
};

// Where a value comes from, after resolving through groups.
struct Endpoint {
  std::string node;
  std::optional<std::string> port;
  V type = nullptr;
  bool unchecked = false;
  bool loop_item = false;
  std::vector<std::string> via;
};

class Builder {
 public:
  Builder(const Workspace& ws, const std::vector<Diagnostic>& diags) : ws_(ws), diags_(diags) {
    for (size_t i = 0; i < diags.size(); ++i)
      if (diags[i].code() == "type-mismatch") mismatches_.push_back(i);
  }

  V from_spec(const PipelineSpec& p, const SourceFile& f) {
    V pj = header(f, p.name.value, p.display_name, p.description, p.span);
    if (p.root) walk_root(*p.root);
    return finish(std::move(pj));
  }

  V from_graph(const Component& c, const SourceFile& f) {
    V pj = header(f, c.name.value, "", c.description, c.span);
    // isEnabled tasks: the condition groups KFP would compile them into
    // (core/emit/lower_v1_graph.cpp), drawn around the task.
    v1_groups_.clear();
    bool any_condition = false;
    if (c.dag)
      for (const auto& t : c.dag->tasks) any_condition = any_condition || t.v1_is_enabled.has_value();
    if (any_condition) v1_groups_ = lower_v1_graph(c, &ws_).condition_groups;
    walk_root(c);
    v1_groups_.clear();
    return finish(std::move(pj));
  }

  // KFP compiles a lone component into a one-task pipeline: its inputs become
  // pipeline inputs wired 1:1, its outputs pipeline outputs.
  V from_component(const Component& c, const SourceFile& f) {
    V pj = header(f, c.name.value, "", c.description, c.span);
    for (const auto& in : c.inputs) nodes_.push_back(io_node("in:", in, true));
    std::string tname = graph::sanitize_k8s_name(c.name.value);
    if (tname.empty()) tname = "component";
    std::string id = "task:" + tname;
    V n = V::object();
    n["id"] = id;
    n["kind"] = "task";
    n["name"] = tname;
    n["displayName"] = c.name.value.empty() ? tname : c.name.value;
    n["parent"] = nullptr;
    n["span"] = span_json(c.span);
    n["componentIndex"] = component_index(&c);
    V values = V::object();
    for (const IoSpec& in : c.inputs) {
      values[in.name.value] = V::object({{"input", in.name.value}, {"source", "pipeline-input"}, {"span", nullptr}});
      EdgeFields x = typed_fields(in.name.value, in.type.is_artifact, in.type.display(), in.type.display());
      x.span = span_json(in.span);
      data_edges_.push_back(edge("data", "in:" + in.name.value, std::nullopt, id, in.name.value, x));
    }
    n["values"] = std::move(values);
    nodes_.push_back(std::move(n));
    for (const auto& o : c.outputs) {
      nodes_.push_back(io_node("out:", o, false));
      EdgeFields x = typed_fields(o.name.value, o.type.is_artifact, o.type.display(), o.type.display());
      x.span = span_json(o.span);
      data_edges_.push_back(edge("data", id, o.name.value, "out:" + o.name.value, std::nullopt, x));
    }
    return finish(std::move(pj));
  }

 private:
  V header(const SourceFile& f, const std::string& name, const std::string& display,
              const std::string& description, const Span& span) {
    nodes_ = V::array();
    data_edges_.clear();
    after_edges_.clear();
    used_group_inputs_.clear();
    components_ = V::array();
    component_index_.clear();
    truncated_ = false;
    V pj = V::object();
    pj["file"] = f.path;
    pj["kind"] = std::string(file_kind_name(f.kind));
    pj["name"] = name;
    pj["displayName"] = display.empty() ? name : display;
    pj["description"] = description;
    pj["span"] = span_json(span);
    return pj;
  }

  void walk_root(const Component& root) {
    for (const auto& in : root.inputs) nodes_.push_back(io_node("in:", in, true));
    Frame f;
    f.comp = &root;
    f.prefix = "task:";
    if (root.dag) walk_dag(f);
    for (const auto& o : root.outputs) nodes_.push_back(io_node("out:", o, false));
    if (!root.dag) return;
    for (const auto& out : root.dag->outputs) {
      const IoSpec* decl = root.output(out.name.value);
      for (const auto& [task, key] : out.selectors) {
        std::vector<Endpoint> eps;
        int budget = kMaxResolveSteps;
        resolve_output(task, key, f, Endpoint{}, eps, budget);
        for (const auto& ep : eps) {
          EdgeFields x = typed_fields(out.name.value, out.is_artifact, ep.type, type_json(decl));
          x.span = span_json(out.span);
          x.via = &ep.via;
          x.unchecked = ep.unchecked;
          data_edges_.push_back(edge("data", ep.node, ep.port, "out:" + out.name.value, std::nullopt, x));
        }
      }
    }
  }

  // A task whose component is a DAG is drawn as a group, unless that would
  // recurse (a component using itself) or nest absurdly deep.
  bool expandable(const Task& t, const Frame& f) const {
    if (!t.component || !t.component->dag || f.depth >= kMaxGroupDepth) return false;
    for (const Frame* p = &f; p; p = p->parent)
      if (p->comp == t.component.get()) return false;
    return true;
  }

  void walk_dag(const Frame& f) {
    for (const Task& t : f.comp->dag->tasks) {
      if (nodes_.size() >= kMaxNodes) {
        truncated_ = true;
        return;
      }
      std::string id = f.prefix + t.name.value;
      bool group = expandable(t, f);
      nodes_.push_back(task_node(t, id, f, group));
      if (!f.parent) wrap_in_condition_groups(t, f, nodes_.back());
      if (!group) {
        for (const auto& a : t.arguments) argument_edges(a, t, id, f);
      }
      for (const auto& dep : t.after) {
        if (!f.comp->dag->find(dep.value)) continue;  // the checks report unknown tasks
        EdgeFields x;
        x.span = span_json(dep.span);
        after_edges_.push_back(edge("after", f.prefix + dep.value, std::nullopt, id, std::nullopt, x));
      }
      if (group) {
        Frame child;
        child.parent = &f;
        child.group = &t;
        child.comp = t.component.get();
        child.id = id;
        child.prefix = id + "/";
        child.depth = f.depth + 1;
        walk_dag(child);
        // Group inputs no task inside reads (a condition's operand, an unused
        // loop list) still connect the producer to the group.
        for (const auto& a : t.arguments)
          if (!used_group_inputs_.count(id + '\n' + a.input.value)) argument_edges(a, t, id, f);
      }
    }
  }

  // A v1 task with isEnabled: group nodes for its dsl.If groups (outermost
  // first), the task node inside the innermost. Ids stay as they are (edges
  // keep pointing at the task); `parent` carries the nesting.
  void wrap_in_condition_groups(const Task& t, const Frame& f, V& task) {
    auto it = v1_groups_.find(t.name.value);
    if (it == v1_groups_.end()) return;
    V parent = nullptr;
    std::string prev;
    V groups = V::array();
    for (const auto& [name, cel] : it->second) {
      std::string gid = prev.empty() ? f.prefix + name : prev + "/" + name;
      V g = V::object();
      g["id"] = gid;
      g["kind"] = "group";
      g["name"] = name;
      g["displayName"] = name;
      g["parent"] = parent;
      g["span"] = span_json(t.v1_is_enabled ? t.v1_is_enabled->span : t.span);
      g["componentIndex"] = nullptr;
      g["values"] = V::object();
      g["group"] = "condition";
      g["condition"] = cel;
      g["fromIsEnabled"] = true;
      groups.push_back(std::move(g));
      parent = gid;
      prev = gid;
    }
    task["parent"] = parent;
    // Parents before children: insert the groups before the task node.
    V node = std::move(task);
    nodes_.pop_back();
    for (auto& g : groups) nodes_.push_back(std::move(g));
    nodes_.push_back(std::move(node));
  }

  // ---- resolution ---------------------------------------------------------

  void resolve(const ArgumentSource& s, const Frame& f, Endpoint base, std::vector<Endpoint>& out, int& budget) {
    if (--budget < 0) return;
    switch (s.kind) {
      case ArgumentSource::Kind::Constant:
        return;
      case ArgumentSource::Kind::PipelineInput:
        return resolve_input(s.input, f, std::move(base), out, budget);
      case ArgumentSource::Kind::LoopItem:
        return resolve_input(s.input, f, std::move(base), out, budget);
      case ArgumentSource::Kind::TaskOutput:
        return resolve_output(s.task, s.output, f, std::move(base), out, budget);
      case ArgumentSource::Kind::TaskFinalStatus:
        if (f.comp->dag && f.comp->dag->find(s.task)) {
          base.node = f.prefix + s.task;
          base.port.reset();
          base.type = "TASK_FINAL_STATUS";
          out.push_back(std::move(base));
        }
        return;
    }
  }

  // An input of the DAG in frame `f`: a pipeline input at the root; inside a
  // group, the loop item or whatever the group task passes for it.
  void resolve_input(const std::string& name, const Frame& f, Endpoint base, std::vector<Endpoint>& out,
                     int& budget) {
    if (--budget < 0) return;
    if (!f.group) {
      // An undeclared name still gets its edge; finish() drops edges whose
      // node does not exist, and the checks report the unknown input.
      base.node = "in:" + name;
      base.port.reset();
      base.type = type_json(f.comp->input(name));
      out.push_back(std::move(base));
      return;
    }
    const Task& g = *f.group;
    base.via.insert(base.via.begin(), f.id);
    if (g.iterator && g.iterator->item_input == name) {
      base.loop_item = true;
      const std::string& items = g.iterator->input;
      if (items.empty()) return;  // a literal list (items.raw): no producer
      return pass_through(items, f, std::move(base), out, budget);
    }
    pass_through(name, f, std::move(base), out, budget);
  }

  void pass_through(const std::string& name, const Frame& f, Endpoint base, std::vector<Endpoint>& out,
                    int& budget) {
    const Task& g = *f.group;
    for (const auto& a : g.arguments) {
      if (a.input.value != name) continue;
      used_group_inputs_.insert(f.id + '\n' + name);
      if (a.source.kind == ArgumentSource::Kind::Constant) return;
      return resolve(a.source, *f.parent, std::move(base), out, budget);
    }
    // Nothing passed: the edge starts at the group's own input.
    base.via.erase(base.via.begin());
    base.node = f.id;
    base.port = name;
    base.type = type_json(f.comp->input(name));
    out.push_back(std::move(base));
  }

  // Output `key` of task `task` in frame `f`; a group's output is resolved to
  // the tasks inside that produce it (several for dsl.OneOf).
  void resolve_output(const std::string& task, const std::string& key, const Frame& f, Endpoint base,
                      std::vector<Endpoint>& out, int& budget) {
    if (--budget < 0 || !f.comp->dag) return;
    const Task* t = f.comp->dag->find(task);
    if (!t) return;  // the checks report the unknown task
    std::string id = f.prefix + task;
    if (expandable(*t, f)) {
      for (const auto& o : t->component->dag->outputs) {
        if (o.name.value != key || o.selectors.empty()) continue;
        Frame child;
        child.parent = &f;
        child.group = t;
        child.comp = t->component.get();
        child.id = id;
        child.prefix = id + "/";
        child.depth = f.depth + 1;
        Endpoint inner = base;
        inner.via.push_back(id);
        for (const auto& [ptask, pkey] : o.selectors) resolve_output(ptask, pkey, child, inner, out, budget);
        return;
      }
    }
    base.node = id;
    base.port = key;
    if (t->component) {
      base.type = type_json(t->component->output(key));
    } else {
      base.type = nullptr;
      base.unchecked = true;
    }
    out.push_back(std::move(base));
  }

  // ---- edges --------------------------------------------------------------

  // An edge's members besides its ends and kind (docs/graph-json.md "Edges").
  struct EdgeFields {
    bool typed = false;  // data and status edges: artifact, producerType, consumerType
    bool artifact = false;
    V producer_type, consumer_type;
    std::string_view name, expression;  // the model's
    V span;
    const std::vector<std::string>* via = nullptr;
    bool loop_item = false, unchecked = false;
    std::string message;  // a type mismatch here: its message and diagnostic
    V diagnostic;
  };
  static EdgeFields typed_fields(std::string_view name, bool artifact, V producer, V consumer) {
    EdgeFields x;
    x.typed = true;
    x.artifact = artifact;
    x.producer_type = std::move(producer);
    x.consumer_type = std::move(consumer);
    x.name = name;
    return x;
  }

  // Members added in key order (and `id` as a placeholder finish() fills in),
  // so that an edge is looked up and written without sorting.
  V edge(const char* kind, const std::string& from, const std::optional<std::string>& from_port,
         const std::string& to, const std::optional<std::string>& to_port, const EdgeFields& x) {
    V e = V::object(16);
    if (x.typed) {
      e.add("artifact") = x.artifact;
      e.add("consumerType") = x.consumer_type;
    }
    if (!x.diagnostic.is_null()) e.add("diagnostic") = x.diagnostic;
    if (!x.expression.empty()) e.add("expression") = x.expression;
    e.add("from") = V::object({{"node", from}, {"port", from_port ? V(*from_port) : V()}});
    e.add("id") = nullptr;
    e.add("kind") = kind;
    if (x.loop_item) e.add("loopItem") = true;
    if (!x.diagnostic.is_null()) {
      e.add("message") = x.message;
      e.add("mismatch") = true;
    }
    e.add("name") = x.name;
    if (x.typed) e.add("producerType") = x.producer_type;
    e.add("span") = x.span;
    e.add("to") = V::object({{"node", to}, {"port", to_port ? V(*to_port) : V()}});
    if (x.unchecked) e.add("unchecked") = true;
    if (x.via && !x.via->empty()) e.add("via") = *x.via;
    return e;
  }

  // The type-mismatch diagnostic reported inside this argument, if any.
  const Diagnostic* mismatch_at(const Span& arg, size_t* index) const {
    if (!arg.valid()) return nullptr;
    for (size_t i : mismatches_) {
      const Span& d = diags_[i].span;
      if (d.file != arg.file) continue;
      uint32_t end = arg.end.valid() ? arg.end.offset : arg.begin.offset;
      if (d.begin.offset >= arg.begin.offset && d.begin.offset <= end) {
        *index = i;
        return &diags_[i];
      }
    }
    return nullptr;
  }

  // The checks report a mismatch at the argument's key (falling back to the
  // whole argument, then its value): look in all three.
  const Diagnostic* argument_mismatch(const TaskArgument& a, size_t* index) const {
    for (const Span* s : {&a.input.span, &a.span, &a.source.span})
      if (const Diagnostic* d = mismatch_at(*s, index)) return d;
    return nullptr;
  }

  static V diagnostic_ref(const Diagnostic& d, size_t index) {
    return V::object({{"index", index}, {"code", d.code()}, {"line", d.span.begin.line}, {"column", d.span.begin.col}});
  }

  void argument_edges(const TaskArgument& a, const Task& t, const std::string& id, const Frame& f) {
    if (a.source.kind == ArgumentSource::Kind::Constant) return;
    std::vector<Endpoint> eps;
    int budget = kMaxResolveSteps;
    resolve(a.source, f, Endpoint{}, eps, budget);
    V consumer = t.component ? type_json(t.component->input(a.input.value)) : V();
    size_t index = 0;
    const Diagnostic* mm = argument_mismatch(a, &index);
    V span = eps.empty() ? V() : span_json(a.span.valid() ? a.span : a.source.span);
    for (auto& ep : eps) {
      bool status = a.source.kind == ArgumentSource::Kind::TaskFinalStatus;
      EdgeFields x = typed_fields(a.input.value, a.is_artifact, ep.type, consumer);
      x.span = span;
      x.via = &ep.via;
      x.loop_item = ep.loop_item || a.source.kind == ArgumentSource::Kind::LoopItem;
      x.expression = a.source.expression;
      if (mm) {
        x.message = mm->message();
        x.diagnostic = diagnostic_ref(*mm, index);
      } else {
        x.unchecked = ep.unchecked || !t.component;
      }
      data_edges_.push_back(edge(status ? "status" : "data", ep.node, ep.port, id, a.input.value, x));
    }
  }

  // ---- nodes --------------------------------------------------------------

  // A span's object (docs/graph-json.md), the commonest here: every node,
  // port, binding and edge has one. Written straight to text from its
  // numbers, in key order, with each file's path escaped once.
  V span_json(const Span& s) {
    if (!s.valid() || static_cast<size_t>(s.file) >= ws_.size()) return nullptr;
    const Pos& end = s.end.valid() ? s.end : s.begin;
    if (file_json_.size() <= static_cast<size_t>(s.file)) file_json_.resize(ws_.size());
    std::string& path = file_json_[static_cast<size_t>(s.file)];
    if (path.empty()) jt::write_string(ws_.file(s.file).path, path);
    // The numbers go through stack buffers: string appends per field cost
    // more than the digits.
    auto field = [](char* p, std::string_view key, uint64_t n) {  // uint64_t: the tree's own to_chars
      std::memcpy(p, key.data(), key.size());
      return std::to_chars(p + key.size(), p + key.size() + 20, n).ptr;
    };
    char head[128], tail[64];  // room for every number at its longest
    char* h = field(head, "{\"column\":", s.begin.col);
    h = field(h, ",\"endColumn\":", end.col);
    h = field(h, ",\"endLine\":", end.line);
    h = field(h, ",\"endOffset\":", end.offset);
    std::memcpy(h, ",\"file\":", 8);
    h += 8;
    char* tl = field(tail, ",\"line\":", s.begin.line);
    tl = field(tl, ",\"offset\":", s.begin.offset);
    *tl++ = '}';
    std::string& t = span_text_;
    t.assign(head, h);
    t += path;
    t.append(tail, tl);
    return V::raw(t);
  }

  V port_json(const IoSpec& io, bool input) {
    // Added in key order, so written without sorting.
    V p = V::object();
    p.add("artifact") = io.type.is_artifact;
    if (input && io.default_value) p.add("default") = V(*io.default_value);
    if (io.type.is_list) p.add("list") = true;
    p.add("name") = io.name.value;
    if (input) p.add("optional") = io.optional;
    p.add("span") = span_json(io.span.valid() ? io.span : io.name.span);
    p.add("type") = io.type.display();
    return p;
  }

  V io_node(const char* prefix, const IoSpec& io, bool input) {
    V n = port_json(io, input);
    n["id"] = prefix + io.name.value;
    n["kind"] = input ? "input" : "output";
    n["parent"] = nullptr;
    n["description"] = io.description;
    return n;
  }

  V binding_json(const TaskArgument& a) {
    // Added in key order, so written without sorting.
    using K = ArgumentSource::Kind;
    const ArgumentSource& s = a.source;
    size_t index = 0;
    const Diagnostic* mm = argument_mismatch(a, &index);
    V b = V::object();
    if (mm) b.add("diagnostic") = diagnostic_ref(*mm, index);
    if (!s.expression.empty()) b.add("expression") = s.expression;
    if (s.kind == K::PipelineInput || s.kind == K::LoopItem) b.add("input") = s.input;
    if (mm) {
      b.add("message") = mm->message();
      b.add("mismatch") = true;
    }
    if (s.kind == K::TaskOutput) b.add("output") = s.output;
    switch (s.kind) {
      case K::Constant: b.add("source") = "constant"; break;
      case K::PipelineInput: b.add("source") = "pipeline-input"; break;
      case K::TaskOutput: b.add("source") = "task-output"; break;
      case K::LoopItem: b.add("source") = "loop-item"; break;
      case K::TaskFinalStatus: b.add("source") = "task-final-status"; break;
    }
    b.add("span") = span_json(a.span.valid() ? a.span : s.span);
    if (s.kind == K::TaskOutput || s.kind == K::TaskFinalStatus) b.add("task") = s.task;
    if (s.kind == K::Constant) b.add("value") = V(s.constant);
    return b;
  }

  // A component's entry in the pipeline's `components` table (docs/graph-json.md):
  // what every task node of it would otherwise repeat (a 1,000-task pipeline
  // of three components wrote the same ports, spans and command lines a
  // thousand times, most of an analysis's answer). Written to text once per
  // component, shared by the pipelines that use it.
  V component_entry(const Component* c) {
    V j = V::object();  // members set by name: written sorted
    V command = V::array(), args = V::array(), ins = V::array(), outs = V::array();
    if (c && c->container) {
      bool ir = ir_notation(*c);
      j["image"] = c->container->image.value;
      for (const auto& a : c->container->command) command.push_back(graph::render_arg(a, ir, c));
      for (const auto& a : c->container->args) args.push_back(graph::render_arg(a, ir, c));
    } else {
      j["image"] = "";
    }
    if (c) {
      for (const auto& in : c->inputs) ins.push_back(port_json(in, true));
      for (const auto& o : c->outputs) outs.push_back(port_json(o, false));
    }
    j["command"] = std::move(command);
    j["args"] = std::move(args);
    j["inputs"] = std::move(ins);
    j["outputs"] = std::move(outs);
    j["executor"] = c ? V(executor_name(*c)) : V("none");
    j["file"] = c && c->file != kNoFile && static_cast<size_t>(c->file) < ws_.size() ? V(ws_.file(c->file).path) : V();
    j["key"] = c ? V(c->ir_key) : V("");
    j["name"] = c ? V(component_name(*c)) : V("");
    j["resolved"] = c != nullptr;
    j["span"] = c ? span_json(c->span) : V();
    return j;
  }

  // `c`'s index in this pipeline's `components`, adding its entry on first use.
  size_t component_index(const Component* c) {
    auto [at, fresh] = component_index_.try_emplace(c, components_.size());
    if (fresh) {
      auto [text, made] = entry_text_.try_emplace(c);
      if (made) component_entry(c).write(text->second);
      components_.push_back(V::raw(text->second));
    }
    return at->second;
  }

  // What the task passes, by input name (the later of two arguments for one
  // name, as KFP takes it), including names the component does not declare
  // (an unresolved component, or a typo the checks report).
  V task_values(const Task& t) {
    V values = V::object();
    for (const auto& a : t.arguments) values[a.input.value] = binding_json(a);
    return values;
  }

  V task_node(const Task& t, const std::string& id, const Frame& f, bool group) {
    const Component* c = t.component.get();
    const size_t component = component_index(c);
    V span = span_json(t.span.valid() ? t.span : t.name.span);
    V ref;
    if (!t.ref.name.value.empty() || !t.ref.url.value.empty() || !t.ref.digest.value.empty() ||
        t.ref.inline_spec) {
      ref = V::object();
      ref.add("digest") = t.ref.digest.value;
      ref.add("inline") = t.ref.inline_spec;
      ref.add("name") = t.ref.name.value;
      ref.add("span") = span_json(t.ref.span);
      ref.add("url") = t.ref.url.value;
    }
    V values = task_values(t);

    V retry;
    if (t.retry) {
      retry = V::object();
      if (t.retry->backoff_duration) retry.add("backoffDuration") = *t.retry->backoff_duration;
      if (t.retry->backoff_factor) retry.add("backoffFactor") = *t.retry->backoff_factor;
      if (t.retry->backoff_max_duration) retry.add("backoffMaxDuration") = *t.retry->backoff_max_duration;
      retry.add("maxRetryCount") = t.retry->max_retry_count;
    }
    V items;
    if (group && t.iterator) {
      items = V::object();
      if (t.iterator->artifact) items.add("artifact") = true;
      if (t.iterator->raw) {
        items.add("raw") = V(*t.iterator->raw);
      } else {
        for (const auto& a : t.arguments) {
          if (a.input.value != t.iterator->input) continue;
          std::vector<Endpoint> eps;
          int budget = kMaxResolveSteps;
          resolve(a.source, f, Endpoint{}, eps, budget);
          if (!eps.empty())
            items["from"] = V::object({{"node", eps[0].node}, {"port", eps[0].port ? V(*eps[0].port) : V()}});
        }
        items["input"] = t.iterator->input;
      }
    }

    // The members in key order (written without sorting): a task is the largest object here.
    V n = V::object(24);
    if (t.enable_cache) n.add("cache") = *t.enable_cache;
    n.add("componentIndex") = component;
    if (t.condition) n.add("condition") = t.condition->value;
    n.add("displayName") = t.display_name.empty() ? t.name.value : t.display_name;
    if (group) n.add("group") = group_name(c->group);
    n.add("id") = id;
    if (t.v1_is_enabled) n.add("isEnabled") = t.v1_is_enabled->value;
    if (group && t.iterator) {
      n.add("itemInput") = t.iterator->item_input;
      n.add("items") = std::move(items);
    }
    n.add("kind") = group ? "group" : "task";
    n.add("name") = t.name.value;
    if (group && t.parallelism) n.add("parallelism") = *t.parallelism;
    n.add("parent") = f.id.empty() ? V() : V(f.id);
    if (!ref.is_null()) n.add("ref") = std::move(ref);
    if (t.retry) n.add("retry") = std::move(retry);
    n.add("span") = std::move(span);
    if (t.trigger_strategy) n.add("triggerStrategy") = *t.trigger_strategy;
    n.add("values") = std::move(values);
    return n;
  }

  // ---- assembly -----------------------------------------------------------

  V finish(V pj) {
    std::set<std::string_view> ids;  // views into the arena
    for (const auto& n : nodes_) ids.insert(n["id"].str());
    auto keep = [&](const V& e) { return ids.count(e["from"]["node"].str()) && ids.count(e["to"]["node"].str()); };
    V edges = V::array();
    for (auto& e : data_edges_)
      if (keep(e)) edges.push_back(std::move(e));
    size_t data_count = edges.size();
    for (auto& e : after_edges_) {
      if (!keep(e)) continue;
      // IR lists data producers in dependentTasks too: say when a data edge
      // already implies this ordering so the page can leave it out.
      std::string_view from = e["from"]["node"].str();
      std::string_view to = e["to"]["node"].str();
      for (size_t i = 0; i < data_count; ++i) {
        if (node_within(edges.at(i)["from"]["node"].str(), from) && node_within(edges.at(i)["to"]["node"].str(), to)) {
          e["implied"] = true;
          break;
        }
      }
      edges.push_back(std::move(e));
    }
    for (size_t i = 0; i < edges.size(); ++i) edges.at(i)["id"] = "e" + std::to_string(i);
    pj["components"] = std::move(components_);  // header() starts the next pipeline's
    pj["nodes"] = std::move(nodes_);
    pj["edges"] = std::move(edges);
    if (truncated_) pj["truncated"] = true;
    nodes_ = V::array();
    return pj;
  }

  const Workspace& ws_;
  const std::vector<Diagnostic>& diags_;
  std::vector<size_t> mismatches_;
  V nodes_ = V::array();
  std::vector<V> data_edges_, after_edges_;
  std::set<std::string> used_group_inputs_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> v1_groups_;  // see from_graph
  bool truncated_ = false;
  V components_;                                        // this pipeline's table (header() makes it)
  std::map<const Component*, size_t> component_index_;  // into components_
  std::map<const Component*, std::string> entry_text_;  // each component's entry, written once
  std::string span_text_;
  std::vector<std::string> file_json_;  // each file's path as a JSON string, see span_json
};

}  // namespace

std::string graph_json_text(const Workspace& ws, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  append_graph_json_text(ws, diagnostics, out);
  return out;
}

void append_graph_json_text(const Workspace& ws, const std::vector<Diagnostic>& diagnostics, std::string& out) {
  jt::Arena arena;  // every Value below lives (and dies) in it
  Builder b(ws, diagnostics);
  V pipelines = V::array();
  for (const auto& fp : ws.files()) {
    const SourceFile& f = *fp;
    V p;
    if (f.pipeline) {
      p = b.from_spec(*f.pipeline, f);
    } else if (f.component && f.component->dag) {
      p = b.from_graph(*f.component, f);
    } else if (f.component) {
      p = b.from_component(*f.component, f);
    } else {
      continue;
    }
    p["id"] = "p" + std::to_string(pipelines.size());
    pipelines.push_back(std::move(p));
  }
  V graph = V::object();
  graph["schema"] = 2;
  graph["pipelines"] = std::move(pipelines);
  graph.write(out);
}

Json graph_json(const Workspace& ws, const std::vector<Diagnostic>& diagnostics) {
  return Json::parse(graph_json_text(ws, diagnostics));
}

}  // namespace kfp
