// kfp.components.load_component_from_text / _from_file / _from_url.
// The text form parses the YAML inside the Python string with the project's
// own YAML and v1 readers, then maps every position back from the decoded
// string into the .py file, so a problem in the embedded YAML is reported at
// the right line:col of the .py file. The file form uses the other open
// files. Then the v1 component is viewed as KFP v2 sees it
// (ComponentSpec.from_v1_component_spec, core/emit/lower_v1.h).
#include <algorithm>

#include "core/emit/lower_v1.h"
#include "core/emit/names.h"
#include "core/python/kfp_eval.h"
#include "core/read/readers.h"
#include "core/yaml/load.h"

namespace kfp::py {
namespace {

// Maps spans of a YAML text decoded from a Python string back to the .py file.
struct Remap {
  const SourceFile& src;
  FileId file;
  const std::vector<uint32_t>* off;  // decoded byte -> source offset (size n+1); null: whole `fallback`
  Span fallback;

  Pos pos_at(uint32_t o) const {
    auto it = std::upper_bound(src.line_starts.begin(), src.line_starts.end(), o);
    uint32_t line = static_cast<uint32_t>(it - src.line_starts.begin());
    uint32_t ls = src.line_starts[line - 1];
    return Pos{line, o - ls + 1, o};
  }
  Pos map(Pos p) const {
    if (!off || off->empty()) return fallback.begin;
    size_t i = std::min<size_t>(p.offset, off->size() - 1);
    return pos_at((*off)[i]);
  }
  void span(Span& s) const {
    if (!s.valid()) return;
    if (!off) {
      s = fallback;
      return;
    }
    Pos b = map(s.begin), e = map(s.end);
    if (e.offset < b.offset) e = b;
    s = Span{file, b, e};
  }
  void str(Located<std::string>& l) const { span(l.span); }
  void arg(Arg& a) const {
    span(a.span);
    for (auto& i : a.items) arg(i);
    for (auto& i : a.then_items) arg(i);
    for (auto& i : a.else_items) arg(i);
  }
  void io(IoSpec& s) const {
    str(s.name);
    span(s.type_span);
    span(s.default_span);
    span(s.span);
  }
  void component(Component& c) const {
    c.file = file;
    str(c.name);
    span(c.span);
    for (auto& i : c.inputs) io(i);
    for (auto& o : c.outputs) io(o);
    if (c.container) {
      Container& k = *c.container;
      str(k.image);
      span(k.span);
      for (auto& a : k.command) arg(a);
      for (auto& a : k.args) arg(a);
      for (auto& e : k.env) {
        str(e.name);
        span(e.span);
      }
      for (auto& [n, f] : k.file_outputs) str(f);
    }
    if (c.dag) {
      for (auto& t : c.dag->tasks) {
        str(t.name);
        span(t.span);
        span(t.ref.span);
        str(t.ref.name);
        for (auto& a : t.arguments) {
          str(a.input);
          span(a.span);
          span(a.source.span);
          span(a.source.task_span);
          span(a.source.output_span);
        }
        if (t.component) component(*t.component);
      }
    }
  }
  void diag(Diagnostic& d) const {
    span(d.span);
    for (auto& n : d.notes) diag(n);
    for (auto& f : d.fixits) span(f.span);
  }
};

std::string norm_path(std::string p) {
  while (p.rfind("./", 0) == 0) p = p.substr(2);
  std::replace(p.begin(), p.end(), '\\', '/');
  return p;
}

bool ends_with_path(const std::string& full, const std::string& tail) {
  if (tail.empty() || full.size() < tail.size()) return false;
  if (full.compare(full.size() - tail.size(), tail.size(), tail) != 0) return false;
  return full.size() == tail.size() || full[full.size() - tail.size() - 1] == '/';
}

// ComponentSpec.from_pipeline_spec_dict: an IR file whose deploymentSpec has
// the executor exec-<pipelineInfo.name> is a compiled component, a container
// component with the inputs and outputs of components[comp-<name>] (else of
// the root). Null for anything else (a compiled pipeline: pipeline_def below).
std::shared_ptr<Component> container_component_from_ir(const PipelineSpec& p) {
  const std::string& raw = p.name.value;
  const std::string exec = executor_label(raw);
  std::shared_ptr<Component> found;
  for (const auto& [key, c] : p.components)
    if (c && c->container && c->executor_label == exec) found = c;
  if (!found) return nullptr;
  auto io = p.components.find(component_key(raw));
  const Component* spec = io != p.components.end() && io->second ? io->second.get() : p.root.get();
  auto v2 = std::make_shared<Component>(*found);
  v2->format = Component::Format::IrComponent;
  v2->name = Located<std::string>{k8s_name(raw.empty() ? "name" : raw), p.name.span};
  v2->ir_key.clear();  // the pipeline that uses it names it (component_key / executor_label)
  v2->executor_label.clear();
  if (spec) {
    v2->inputs = spec->inputs;
    v2->outputs = spec->outputs;
  }
  return v2;
}

// A loaded component as a value to call.
Value component_value(std::shared_ptr<CompDef> def, Span at) {
  Value c;
  c.k = Value::K::Component;
  c.comp = std::move(def);
  c.span = at;
  return c;
}

// A compiled component read from IR as KFP's YamlComponent of it: a container
// component (no v1 view, no refusals).
std::shared_ptr<CompDef> container_def(std::shared_ptr<Component> v2, Span at) {
  auto def = std::make_shared<CompDef>();
  def->kind = CompDef::Kind::Container;
  def->span = at;
  def->v2 = std::move(v2);
  return def;
}

// A compiled pipeline read from IR as KFP's YamlComponent of it (a graph
// component, ComponentSpec.from_pipeline_spec_dict): called in a pipeline,
// it becomes a nested pipeline task, merged as a pipeline defined in Python
// is (kfp_build.cpp merge_pipeline). Already compiled: nothing to evaluate.
std::shared_ptr<CompDef> pipeline_def(std::shared_ptr<PipelineSpec> spec, Span at) {
  auto iface = std::make_shared<Component>();
  iface->format = Component::Format::IrPipeline;
  iface->file = spec->root ? spec->root->file : kNoFile;
  const std::string& raw = spec->name.value;
  iface->name = Located<std::string>{k8s_name(raw.empty() ? "pipeline" : raw), spec->name.span};
  iface->span = spec->span;
  if (spec->root) {
    iface->description = spec->root->description;
    iface->inputs = spec->root->inputs;
    iface->outputs = spec->root->outputs;
  }
  auto def = std::make_shared<CompDef>();
  def->kind = CompDef::Kind::Pipeline;
  def->span = at;
  def->v2 = std::move(iface);
  def->compiled = std::move(spec);
  def->attempted = true;
  return def;
}

const char* const kCompiledPipelineText =
    "a compiled pipeline, which this front-end loads from a file (load_component_from_file), not from text yet";

}  // namespace

Value Evaluator::load_component(const Expr& e, const std::string& fn, const std::map<std::string, Value>* locals) {
  const char* kw = fn == "load_component_from_text" ? "text" : fn == "load_component_from_file" ? "file_path" : "url";
  const Expr* arg = e.items.empty() ? nullptr : e.items[0].get();
  for (const auto& k : e.keywords) {
    if (k.name == kw && !arg) arg = k.value.get();
    else {
      sink_.report(DiagId::err_py_unexpected_arg, k.name_span.valid() ? k.name_span : k.span, {fn, k.name});
      return Value::opaque("", e.span, true);
    }
  }
  if (!arg || e.items.size() > 1) {
    sink_.report(DiagId::err_py_kfp_rejects, e.span,
                 {"TypeError: " + fn + "() takes exactly one argument: " + kw});
    return Value::opaque("", e.span, true);
  }
  if (fn == "load_component_from_url") {
    sink_.report(DiagId::err_py_dynamic, e.span,
                 {"load_component_from_url fetches the component over the network; open the component file and use "
                  "load_component_from_file instead"});
    return Value::opaque("", e.span, true);
  }
  Value v = eval(*arg, locals, nullptr);
  if (report_opaque(v, arg->span, "the argument of " + fn)) return Value::opaque("", e.span, true);
  if (v.k != Value::K::Const || !v.c.is_string()) {
    sink_.report(DiagId::err_py_bad_value, arg->span, {fn + "() needs a string"});
    return Value::opaque("", e.span, true);
  }
  const std::string text = v.c.get<std::string>();
  const SourceFile& self = ws_.file(file_);

  std::shared_ptr<Component> v1;
  if (fn == "load_component_from_text") {
    // Offsets into the literal when the text is written in place.
    const std::vector<uint32_t>* off = nullptr;
    if (arg->kind == ExprKind::Const && arg->ck == ConstKind::Str && arg->s_off.size() == text.size() + 1)
      off = &arg->s_off;
    Remap rm{self, file_, off, arg->span};
    Sink local;
    yaml::Tree tree = yaml::load(text, file_, local);
    bool yaml_ok = true;
    for (const auto& d : local.all())
      if (d.id != DiagId::err_yaml_duplicate_key) yaml_ok = false;
    std::shared_ptr<Component> from_ir;
    if (yaml_ok && !tree.docs.empty() && tree.docs[0].root && tree.docs[0].root->is_map() &&
        tree.docs[0].root->get("pipelineInfo")) {
      // Compiled (IR) text, as KFP's load_component_from_text also takes.
      if (auto spec = read_ir(tree, local)) from_ir = container_component_from_ir(*spec);
      if (!from_ir)
        local.report(DiagId::err_py_component_load, arg->span, {std::string("the text is ") + kCompiledPipelineText});
    } else if (yaml_ok && !tree.docs.empty() && tree.docs[0].root && tree.docs[0].root->is_map()) {
      v1 = read_v1_component(*tree.docs[0].root, file_, local);
    } else if (yaml_ok) {
      local.report(DiagId::err_py_component_load, arg->span, {"the text is not a component (a YAML mapping)"});
    }
    for (Diagnostic d : local.all()) {
      rm.diag(d);
      sink_.add(std::move(d));
    }
    if (v1) rm.component(*v1);
    if (from_ir) {
      rm.component(*from_ir);
      return component_value(container_def(std::move(from_ir), e.span), e.span);
    }
  } else if (auto def = compiled_file(text)) {
    return component_value(def, e.span);
  } else {
    std::string want = norm_path(text);
    const SourceFile* found = nullptr;
    for (const auto& f : ws_.files()) {
      if (f.get() == &self) continue;
      std::string have = norm_path(f->path);
      if (have == want || ends_with_path(have, want) || ends_with_path(want, have)) {
        found = f.get();
        break;
      }
    }
    if (!found) {
      sink_.report(DiagId::err_py_component_file, arg->span, {text});
      return Value::opaque("", e.span, true);
    }
    if (!found->component && found->pipeline) {
      if (auto v2 = container_component_from_ir(*found->pipeline))
        return component_value(container_def(std::move(v2), e.span), e.span);
      if (found->pipeline->root && found->pipeline->root->dag)
        return component_value(pipeline_def(found->pipeline, e.span), e.span);
    }
    if (!found->component) {
      sink_.report(DiagId::err_py_component_load, arg->span,
                   {"'" + found->path + "' is not a KFP component (" + std::string(file_kind_name(found->kind)) + ")"});
      return Value::opaque("", e.span, true);
    }
    v1 = found->component;
  }
  if (!v1) return Value::opaque("the component could not be loaded", e.span, true);

  auto def = std::make_shared<CompDef>();
  def->kind = CompDef::Kind::Container;
  def->span = e.span;
  std::vector<Diagnostic> diags;
  def->v2 = v2_component_from_v1(*v1, diags);
  if (!def->v2) {
    // KFP loads the component; it refuses it when a task is made (PipelineTask
    // checks the placeholders) or compiled. Keep the reasons for then.
    def->refusals = std::move(diags);
  }
  def->v1 = v1;
  return component_value(def, e.span);
}

}  // namespace kfp::py
