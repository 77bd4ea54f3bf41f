// @dsl.component (lightweight Python components) and @dsl.container_component:
// the decorator's options, the interface from the signature and docstring
// (component_factory.get_name_to_specs / extract_component_interface), and
// for lightweight components the container KFP writes (kfp_executor.h).
// Container components build theirs in kfp_container_component.cpp.
#include "core/python/kfp_component.h"

#include <set>

#include "core/checks/names.h"
#include "core/emit/names.h"
#include "core/emit/proto_value.h"
#include "core/python/kfp_docstring.h"
#include "core/python/kfp_executor.h"
#include "core/python/kfp_names.h"

namespace kfp::py {
namespace {

// _python_function_name_to_component_name, then ComponentSpec's k8s rename.
std::string component_name_of(const std::string& fn_name) {
  std::string spaced;
  for (char c : fn_name) {
    char x = c == '_' ? ' ' : c;
    if (x == ' ' && !spaced.empty() && spaced.back() == ' ') continue;
    spaced += x;
  }
  size_t b = spaced.find_first_not_of(' '), e = spaced.find_last_not_of(' ');
  spaced = b == std::string::npos ? "" : spaced.substr(b, e - b + 1);
  if (!spaced.empty() && spaced[0] >= 'a' && spaced[0] <= 'z') spaced[0] = static_cast<char>(spaced[0] - 32);
  return k8s_name(spaced);
}

// Strips Optional[X] / Union[X, None] (maybe_strip_optional_from_annotation).
const Expr* strip_optional(Evaluator& ev, const Expr* a) {
  while (a->kind == ExprKind::Subscript) {
    std::string p = ev.path_of(*a->value, nullptr);
    if (p == "typing.Optional") {
      a = a->index.get();
      continue;
    }
    if (p == "typing.Union" && a->index->kind == ExprKind::Tuple && a->index->items.size() == 2 &&
        a->index->items[1]->kind == ExprKind::Const && a->index->items[1]->ck == ConstKind::None) {
      a = a->index->items[0].get();
      continue;
    }
    break;
  }
  return a;
}

// The decorator's keyword arguments as constants.
struct ComponentOptions {
  std::string base_image = "python:3.11";
  ExecutorOptions exec;
  std::vector<const Stmt*> additional_funcs;
};

bool string_list(const Value& v, std::vector<std::string>* out) {
  if (v.k != Value::K::Const) return false;
  if (v.c.is_null()) return true;
  if (!v.c.is_array()) return false;
  for (const auto& i : v.c) {
    if (!i.is_string()) return false;
    out->push_back(i.get<std::string>());
  }
  return true;
}

bool read_options(Evaluator& ev, const Expr& d, ComponentOptions* o) {
  bool ok = true;
  if (!d.items.empty()) {
    ev.sink().report(DiagId::err_py_kfp_rejects, d.items[0]->span,
                     {"TypeError: component() takes from 0 to 1 positional arguments; the options are keyword-only"});
    ok = false;
  }
  for (const auto& k : d.keywords) {
    Span at = k.value ? k.value->span : k.span;
    if (k.name.empty()) {
      ev.sink().report(DiagId::err_py_dynamic, k.span, {"'**' arguments to @dsl.component"});
      ok = false;
      continue;
    }
    Value v = ev.eval(*k.value, nullptr, nullptr);
    if (ev.report_opaque(v, at, "the @dsl.component option '" + k.name + "'")) {
      ok = false;
      continue;
    }
    auto need = [&](bool good, const char* what) {
      if (!good) {
        ev.sink().report(DiagId::err_py_bad_value, at, {"@dsl.component(" + k.name + "=...) must be " + what});
        ok = false;
      }
      return good;
    };
    auto opt_string = [&](std::optional<std::string>* slot) {
      if (v.k == Value::K::Const && v.c.is_null()) return;
      if (need(v.k == Value::K::Const && v.c.is_string(), "a string")) *slot = v.c.get<std::string>();
    };
    auto boolean = [&](bool* slot) {
      if (need(v.k == Value::K::Const && v.c.is_boolean(), "True or False")) *slot = v.c.get<bool>();
    };
    auto strings = [&](std::vector<std::string>* slot) {
      slot->clear();
      need(string_list(v, slot), "a list of strings");
    };
    if (k.name == "base_image") {
      std::optional<std::string> s;
      opt_string(&s);
      if (s) o->base_image = *s;
    } else if (k.name == "target_image") {
      opt_string(&o->exec.target_image);
    } else if (k.name == "packages_to_install") {
      strings(&o->exec.packages_to_install);
    } else if (k.name == "pip_index_urls") {
      strings(&o->exec.pip_index_urls);
    } else if (k.name == "pip_trusted_hosts") {
      if (v.k != Value::K::Const || !v.c.is_null()) strings(&o->exec.pip_trusted_hosts.emplace());
    } else if (k.name == "install_kfp_package") {
      boolean(&o->exec.install_kfp_package);
    } else if (k.name == "kfp_package_path") {
      opt_string(&o->exec.kfp_package_path);
    } else if (k.name == "use_venv") {
      boolean(&o->exec.use_venv);
    } else if (k.name == "output_component_file") {
      // Writes a copy of the component to disk; the compiled pipeline is unchanged.
    } else if (k.name == "additional_funcs") {
      if (v.k == Value::K::Const && v.c.is_null()) continue;
      bool good = v.k == Value::K::List || v.k == Value::K::Tuple;
      for (const auto& i : v.items) good = good && i.k == Value::K::Function && i.fn;
      if (need(good, "a list of functions defined in this file"))
        for (const auto& i : v.items) o->additional_funcs.push_back(i.fn);
    } else if (k.name == "embedded_artifact_path" || k.name == "task_config_passthroughs") {
      if (v.k == Value::K::Const && v.c.is_null()) continue;
      ev.sink().report(DiagId::err_py_unsupported, k.span, {"@dsl.component(" + k.name + "=...)"});
      ok = false;
    } else {
      ev.sink().report(DiagId::err_py_unexpected_arg, k.name_span.valid() ? k.name_span : k.span,
                       {"component", k.name});
      ok = false;
    }
  }
  return ok;
}

// Is `a` (Optional already stripped) Input[...] or InputPath(...)?
bool wrapped_input(Evaluator& ev, const Expr& a) {
  if (a.kind == ExprKind::Subscript) return ev.path_of(*a.value, nullptr) == "kfp.dsl.Input";
  if (a.kind == ExprKind::Call) return ev.path_of(*a.value, nullptr) == "kfp.dsl.InputPath";
  return false;
}
bool is_output_path(Evaluator& ev, const Expr& a) {
  return a.kind == ExprKind::Call && ev.path_of(*a.value, nullptr) == "kfp.dsl.OutputPath";
}

// One output from a return annotation (or a NamedTuple field).
bool return_output(Evaluator& ev, const Expr& ann, const std::string& name, Component& c) {
  IoSpec o;
  o.name = Located<std::string>{name, ann.span};
  o.span = ann.span;
  o.type_span = ann.span;
  bool is_out = false, is_list = false;
  if (!ev.annotation_type(ann, name, &o.type, &is_out, &is_list)) return false;
  o.type.is_list = is_list;
  c.outputs.push_back(std::move(o));
  return true;
}

// The column of the body's first line, or -1 when the body shares the `def` line.
int body_column(const Stmt& fn) {
  if (fn.body.empty() || !fn.body[0]->span.valid()) return -1;
  if (fn.body[0]->span.begin.line == fn.span.end.line) return -1;
  return static_cast<int>(fn.body[0]->span.begin.col) - 1;
}

}  // namespace

// The NamedTuple fields of `-> NamedTuple('X', [('a', int), ...])` or
// `-> NamedTuple('X', a=int, ...)`, in order; false when `ann` is not one.
bool named_tuple_fields(Evaluator& ev, const Expr& ann, std::vector<std::pair<std::string, const Expr*>>* out,
                        bool* malformed) {
  *malformed = false;
  if (ann.kind == ExprKind::Name) {  // `-> Outputs` with `Outputs = NamedTuple(...)` at module level
    Value v = ev.eval(ann, nullptr, nullptr);
    if (v.k != Value::K::NamedTupleClass || v.field_types.size() != v.fields.size()) return false;
    for (size_t i = 0; i < v.fields.size(); ++i) out->emplace_back(v.fields[i], v.field_types[i]);
    return true;
  }
  if (ann.kind != ExprKind::Call) return false;
  std::string p = ev.path_of(*ann.value, nullptr);
  if (p != "typing.NamedTuple") return false;
  if (ann.items.size() == 2 && (ann.items[1]->kind == ExprKind::List || ann.items[1]->kind == ExprKind::Tuple)) {
    for (const auto& f : ann.items[1]->items) {
      if ((f->kind != ExprKind::Tuple && f->kind != ExprKind::List) || f->items.size() != 2 ||
          f->items[0]->kind != ExprKind::Const || f->items[0]->ck != ConstKind::Str) {
        *malformed = true;
        return true;
      }
      out->emplace_back(f->items[0]->s, f->items[1].get());
    }
    return true;
  }
  if (ann.items.size() == 1) {
    for (const auto& k : ann.keywords) {
      if (k.name.empty()) {
        *malformed = true;
        return true;
      }
      out->emplace_back(k.name, k.value.get());
    }
    return true;
  }
  *malformed = true;
  return true;
}

std::string dsl_placeholder_constant(const std::string& path) {
  static const std::pair<const char*, const char*> kConsts[] = {
      {"PIPELINE_JOB_NAME_PLACEHOLDER", "{{$.pipeline_job_name}}"},
      {"PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER", "{{$.pipeline_job_resource_name}}"},
      {"PIPELINE_JOB_ID_PLACEHOLDER", "{{$.pipeline_job_uuid}}"},
      {"PIPELINE_TASK_NAME_PLACEHOLDER", "{{$.pipeline_task_name}}"},
      {"PIPELINE_TASK_ID_PLACEHOLDER", "{{$.pipeline_task_uuid}}"},
      {"PIPELINE_TASK_EXECUTOR_OUTPUT_PATH_PLACEHOLDER", "{{$.outputs.output_file}}"},
      {"PIPELINE_TASK_EXECUTOR_INPUT_PLACEHOLDER", "{{$}}"},
      {"PIPELINE_ROOT_PLACEHOLDER", "{{$.pipeline_root}}"},
      {"PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER", "{{$.pipeline_job_create_time_utc}}"},
      {"PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER", "{{$.pipeline_job_schedule_time_utc}}"},
      {"WORKSPACE_PATH_PLACEHOLDER", "{{$.workspace_path}}"},
  };
  if (path.rfind("kfp.dsl.", 0) != 0) return "";
  std::string n = path.substr(8);
  for (const auto& [k, v] : kConsts)
    if (n == k) return v;
  return "";
}

std::shared_ptr<CompDef> Evaluator::python_component(const Stmt& fn, const Expr* decorator, bool container) {
  ComponentOptions opts;
  opts.exec.kfp_version = opts_.kfp_version;
  bool ok = true;
  if (decorator) {
    if (container && (!decorator->items.empty() || !decorator->keywords.empty())) {
      sink_.report(DiagId::err_py_kfp_rejects, decorator->span,
                   {"TypeError: container_component() takes exactly one argument (the function)"});
      return nullptr;
    }
    if (!container) ok = read_options(*this, *decorator, &opts);
  }
  if (fn.is_async) {
    sink_.report(DiagId::err_py_unsupported, fn.name_span, {"an async component function"});
    return nullptr;
  }
  auto comp = std::make_shared<Component>();
  comp->format = Component::Format::IrComponent;
  comp->file = file_;
  comp->name = Located<std::string>{component_name_of(fn.name), fn.name_span};
  comp->span = fn.span;
  std::map<std::string, ParamRole> roles;

  // Inputs and outputs from the parameters (get_name_to_specs).
  for (const auto& p : fn.params) {
    if (!p.star.empty()) {
      if (p.name.empty()) continue;  // a bare `*` or `/` marker
      sink_.report(DiagId::err_py_unsupported, p.span.valid() ? p.span : fn.span,
                   {"a '" + p.star + "' parameter in a component function"});
      ok = false;
      continue;
    }
    if (p.name == "Output") {
      sink_.report(DiagId::err_py_kfp_rejects, p.span, {"ValueError: \"Output\" is an invalid parameter name."});
      ok = false;
      continue;
    }
    if (!p.annotation) {
      sink_.report(DiagId::err_py_kfp_rejects, p.span, {"TypeError: Missing type annotation for argument: " + p.name});
      ok = false;
      continue;
    }
    const Expr& ann = *strip_optional(*this, p.annotation.get());
    IoSpec io;
    io.name = Located<std::string>{p.name, p.span};
    io.span = p.span;
    io.type_span = p.annotation->span;
    bool is_output = false, is_list = false;
    if (!annotation_type(*p.annotation, p.name, &io.type, &is_output, &is_list)) {
      ok = false;
      continue;
    }
    io.type.is_list = is_list;
    if (container && io.type.is_artifact && !is_output && !wrapped_input(*this, ann)) {
      const SourceFile& f = ws_.file(file_);
      std::string text = f.text.substr(ann.span.begin.offset, ann.span.end.offset - ann.span.begin.offset);
      sink_.report(DiagId::err_py_kfp_rejects, p.annotation->span,
                   {"TypeError: Container Components must wrap input and output artifact annotations with "
                    "Input/Output type markers (Input[<artifact>] or Output[<artifact>]). Got function input '" +
                    p.name + "' with annotation " + text + "."});
      ok = false;
      continue;
    }
    if (is_output) {
      roles[p.name] = is_output_path(*this, ann) ? ParamRole::OutputParameter
                      : is_list                  ? ParamRole::ListArtifact
                                                 : ParamRole::OutputArtifact;
      comp->outputs.push_back(std::move(io));
      continue;
    }
    // InputPath(...) is a value placeholder in a container component's body.
    roles[p.name] = is_list                                           ? ParamRole::ListArtifact
                    : io.type.is_artifact && ann.kind != ExprKind::Call ? ParamRole::InputArtifact
                                                                        : ParamRole::InputValue;
    if (p.default_value) {
      Json dv;
      if (!signature_default(*p.default_value, p.name, io.type.is_artifact, &dv)) {
        ok = false;
        continue;
      }
      io.optional = true;
      if (!dv.is_null()) {
        io.default_value = proto_value(dv);
        io.default_span = p.default_value->span;
      }
    }
    if (!io.type.is_artifact && io.type.param == ParamType::TaskFinalStatus) io.optional = true;
    comp->inputs.push_back(std::move(io));
  }

  // Outputs from the return annotation.
  if (fn.returns) {
    const Expr& r = *fn.returns;
    if (container) {
      std::string p = path_of(r, nullptr);
      if (p != "kfp.dsl.ContainerSpec") {
        sink_.report(DiagId::err_py_kfp_rejects, r.span,
                     {"TypeError: Return annotation should be either ContainerSpec or omitted for container "
                      "components."});
        ok = false;
      }
    } else if (r.kind == ExprKind::Const && r.ck == ConstKind::None) {
      // -> None: no outputs
    } else {
      std::vector<std::pair<std::string, const Expr*>> fields;
      bool malformed = false;
      if (named_tuple_fields(*this, r, &fields, &malformed)) {
        if (malformed) {
          sink_.report(DiagId::err_py_unsupported, r.span,
                       {kNamedTupleForm});
          ok = false;
        }
        for (const auto& [n, a] : fields) ok = return_output(*this, *a, n, *comp) && ok;
      } else {
        ok = return_output(*this, r, "Output", *comp) && ok;
      }
    }
  }
  // BaseComponent._prevent_using_output_lists_of_artifacts.
  for (const auto& o : comp->outputs)
    if (o.type.is_artifact && o.type.is_list) {
      sink_.report(DiagId::err_py_kfp_rejects, o.type_span,
                   {"ValueError: Output lists of artifacts are only supported for pipelines. Got output list of "
                    "artifacts for output parameter '" + o.name.value + "' of component '" + comp->name.value + "'."});
      ok = false;
    }

  // Descriptions from the docstring (inspect.getdoc + docstring_parser).
  if (fn.has_docstring) {
    std::string doc = clean_doc(fn.docstring);
    ParsedDocstring d = parse_docstring(doc);
    if (auto desc = docstring_description(d)) comp->description = *desc;
    for (auto& i : comp->inputs)
      if (auto it = d.params.find(i.name.value); it != d.params.end()) i.description = it->second;
    auto ret = docstring_return_params(doc);
    for (auto& o : comp->outputs)
      if (auto it = ret.find(o.name.value); it != ret.end()) o.description = it->second;
  }
  if (!ok) return nullptr;

  // The implementation.
  if (container) {
    if (!container_component_spec(*this, fn, roles, *comp)) return nullptr;
  } else {
    for (const auto& i : comp->inputs)
      if (i.type.is_artifact && i.type.schema_title.rfind("system.", 0) != 0) {
        sink_.report(DiagId::err_py_unsupported, i.type_span,
                     {"a custom artifact type in a lightweight component (KFP adds an import for it)"});
        return nullptr;
      }
    Container k;
    const std::string& text = ws_.file(file_).text;
    std::string src = function_source(text, fn.def_line_offset, fn.end_offset, body_column(fn));
    std::vector<std::string> extra_sources;
    for (const Stmt* f : opts.additional_funcs)
      extra_sources.push_back(function_source(text, f->def_line_offset, f->end_offset, body_column(*f)));
    std::vector<std::string> command = packages_install_command(opts.exec);
    std::vector<std::string> args = executor_args(fn.name);
    if (opts.exec.target_image) {
      k.image = Located<std::string>{*opts.exec.target_image, decorator ? decorator->span : fn.span};
      for (const char* s : {"python3", "-m", "kfp.dsl.executor_main"}) command.push_back(s);
    } else {
      k.image = Located<std::string>{opts.base_image, decorator ? decorator->span : fn.span};
      for (auto& s : lightweight_command(src, extra_sources, {})) command.push_back(std::move(s));
    }
    for (const auto& s : command) {
      Arg a;
      a.kind = Arg::Kind::Literal;
      a.text = s;
      a.span = fn.name_span;
      k.command.push_back(std::move(a));
    }
    for (const auto& s : args) {
      Arg a;
      a.kind = s == "{{$}}" ? Arg::Kind::ExecutorInput : Arg::Kind::Literal;
      a.text = s;
      a.span = fn.name_span;
      k.args.push_back(std::move(a));
    }
    k.has_command = k.has_args = true;
    k.span = fn.span;
    comp->container = std::move(k);
  }

  auto def = std::make_shared<CompDef>();
  def->kind = CompDef::Kind::Container;
  def->v2 = comp;
  def->fn = &fn;
  def->span = fn.name_span;
  return def;
}

std::shared_ptr<PipelineSpec> component_pipeline_spec(const CompDef& def, Sink& sink) {
  if (!def.v2) return nullptr;
  auto c = std::make_shared<Component>(*def.v2);
  const std::string name = c->name.value;
  if (!valid_pipeline_name(name)) {
    sink.report(DiagId::err_py_kfp_rejects, c->name.span,
                {"ValueError: Invalid pipeline name: " + name +
                 ".\nPlease specify a pipeline name that matches the regular expression \"^[a-z0-9][a-z0-9-]{0,127}$\" "
                 "using `dsl.pipeline(name=...)` decorator."});
    return nullptr;
  }
  auto spec = std::make_shared<PipelineSpec>();
  spec->name = c->name;
  spec->span = c->span;
  spec->sdk_version = "kfp-2.15.2";
  auto root = std::make_shared<Component>();
  root->format = Component::Format::IrPipeline;
  root->file = c->file;
  root->name = c->name;
  root->span = c->span;
  root->description = c->description;  // the file header's Description (pipelineInfo has none)
  root->inputs = c->inputs;
  root->outputs = c->outputs;
  root->dag = Dag{};
  c->ir_key = component_key(name);
  c->executor_label = executor_label(name);
  spec->components[c->ir_key] = c;
  Task t;
  t.name = Located<std::string>{name, c->name.span};
  t.display_name = name;
  t.ref.name = Located<std::string>{c->ir_key, {}};
  t.component = c;
  t.enable_cache = true;
  t.span = c->span;
  for (const auto& in : c->inputs) {
    TaskArgument a;
    a.input = in.name;
    a.is_artifact = in.type.is_artifact;
    a.source.kind = ArgumentSource::Kind::PipelineInput;
    a.source.input = in.name.value;
    t.arguments.push_back(std::move(a));
  }
  root->dag->tasks.push_back(std::move(t));
  for (const auto& o : c->outputs) {
    DagOutput d;
    d.name = o.name;
    d.is_artifact = o.type.is_artifact;
    d.selectors.emplace_back(name, o.name.value);
    root->dag->outputs.push_back(std::move(d));
  }
  spec->root = root;
  return spec;
}

}  // namespace kfp::py
