// A @dsl.pipeline function's body, run the way the KFP SDK runs it inside
// `with Pipeline(name)`: each component call creates a task (named from the
// component, made unique with -2, -3 ...), task methods set options, and
// `.outputs['x']` / `.output` give channels that later calls consume.
// (kfp/dsl/graph_component.py, pipeline_context.py, pipeline_task.py,
// base_component.py.)
#include <cmath>
#include <set>
#include <utility>

#include "core/checks/names.h"
#include "core/emit/names.h"
#include "core/python/kfp_docstring.h"
#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"
#include "core/util/patterns.h"

namespace kfp::py {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

double memory_to_float(const std::string& m) {
  struct U {
    const char* suffix;
    double factor;
  };
  static const U kUnits[] = {{"Ei", 1152921504606846976.0 / 1e9}, {"Pi", 1125899906842624.0 / 1e9},
                             {"Ti", 1099511627776.0 / 1e9},       {"Gi", 1073741824.0 / 1e9},
                             {"Mi", 1048576.0 / 1e9},             {"Ki", 1024.0 / 1e9},
                             {"E", 1e18 / 1e9},                   {"P", 1e15 / 1e9},
                             {"T", 1e12 / 1e9},                   {"G", 1.0},
                             {"M", 1e6 / 1e9},                    {"K", 1e3 / 1e9}};
  for (const auto& u : kUnits) {
    std::string s = u.suffix;
    if (m.size() > s.size() && m.compare(m.size() - s.size(), s.size(), s) == 0)
      return std::strtod(m.substr(0, m.size() - s.size()).c_str(), nullptr) * u.factor;
  }
  return std::strtod(m.c_str(), nullptr) / 1e9;
}

}  // namespace

std::shared_ptr<PipelineSpec> Evaluator::compile_pipeline(CompDef& def) {
  if (def.compiled || (def.attempted && !def.compiling)) return def.compiled;
  if (def.compiling) {
    sink_.report(DiagId::err_py_dynamic, def.span, {"a pipeline that calls itself"});
    return nullptr;
  }
  def.compiling = true;
  def.attempted = true;
  const Stmt& fn = *def.fn;
  // The pipeline's interface (component_factory.extract_component_interface).
  auto iface = std::make_shared<Component>();
  iface->format = Component::Format::IrPipeline;
  iface->file = file_;
  std::string cname = def.pipeline_name ? *def.pipeline_name : fn.name;
  if (!def.pipeline_name) {
    // _python_function_name_to_component_name, then maybe_rename_for_k8s.
    std::string spaced;
    for (char c : fn.name) spaced += c == '_' ? ' ' : c;
    cname = spaced;
  }
  iface->name = Located<std::string>{k8s_name(cname), fn.name_span};
  iface->span = fn.span;
  std::map<std::string, Value> locals;
  bool ok = true;
  for (const auto& p : fn.params) {
    if (!p.star.empty()) {
      sink_.report(DiagId::err_py_unsupported, p.span.valid() ? p.span : fn.span,
                   {"a '" + p.star + "' parameter in a pipeline function"});
      ok = false;
      continue;
    }
    if (!p.annotation) {
      sink_.report(DiagId::err_py_kfp_rejects, p.span, {"TypeError: Missing type annotation for argument: " + p.name});
      ok = false;
      continue;
    }
    IoSpec io;
    io.name = Located<std::string>{p.name, p.span};
    io.span = p.span;
    io.type_span = p.annotation->span;
    bool is_output = false, is_list_art = false;
    if (!annotation_type(*p.annotation, p.name, &io.type, &is_output, &is_list_art)) {
      ok = false;
      continue;
    }
    io.type.is_list = is_list_art;
    if (is_output) {
      sink_.report(DiagId::err_py_unsupported, p.annotation->span, {"an Output[...] parameter of a pipeline"});
      ok = false;
      continue;
    }
    if (p.default_value) {
      Json dv;
      if (!signature_default(*p.default_value, p.name, io.type.is_artifact, &dv)) {
        ok = false;
        continue;
      }
      io.optional = true;
      if (!dv.is_null()) {
        io.default_value = std::move(dv);
        io.default_span = p.default_value->span;
      }
    }
    if (!io.type.is_artifact && io.type.param == ParamType::TaskFinalStatus) io.optional = true;
    Value ch;
    ch.k = Value::K::Channel;
    ch.src.kind = ArgumentSource::Kind::PipelineInput;
    ch.src.input = p.name;
    ch.src.span = p.span;
    ch.type = io.type;
    ch.span = p.span;
    ch.chan = std::make_shared<Chan>();
    ch.chan->k = io.type.is_artifact ? Chan::K::Artifact : Chan::K::Param;
    ch.chan->name = p.name;
    ch.chan->type = io.type;
    ch.chan->type_text = annotation_text(*p.annotation);
    locals[p.name] = ch;
    iface->inputs.push_back(std::move(io));
  }
  // extract_component_interface: the description and the inputs' and
  // outputs' descriptions from the docstring (kfp_docstring.h).
  std::string doc = fn.has_docstring ? clean_doc(fn.docstring) : std::string();
  if (fn.has_docstring) {
    ParsedDocstring pd = parse_docstring(doc);
    if (!def.description) def.description = docstring_description(pd);
    for (auto& i : iface->inputs)
      if (auto it = pd.params.find(i.name.value); it != pd.params.end()) i.description = it->second;
  }
  if (fn.returns && !pipeline_outputs(*fn.returns, *iface)) ok = false;
  if (fn.has_docstring) {
    auto ret = docstring_return_params(doc);
    for (auto& o : iface->outputs)
      if (auto it = ret.find(o.name.value); it != ret.end()) o.description = it->second;
  }
  def.v2 = iface;
  if (!ok) {
    def.compiling = false;
    return nullptr;
  }
  Recorded rec;
  PGroup root;
  root.kind = GroupKind::Pipeline;
  root.name = iface->name.value;
  root.span = fn.span;
  rec.groups.push_back(root);
  for (const auto& [n, v] : locals)
    if (v.chan) rec.patterns[v.chan->pattern()] = v.chan;
  size_t errors_before = sink_.error_count();
  {
    // A pipeline's own body: its `return` gives pipeline outputs, even when a
    // helper function called the pipeline.
    Value* outer_return = std::exchange(helper_return_, nullptr);
    bool outer_returned = std::exchange(helper_returned_, false);
    run_body(fn.body, locals, rec);
    helper_return_ = outer_return;
    helper_returned_ = outer_returned;
  }
  def.compiling = false;
  // graph_component._validate_workspace_requirements: a task argument using
  // the workspace needs PipelineConfig(workspace=...) on this pipeline.
  if (!(def.pipeline_config && def.pipeline_config->contains("workspace"))) {
    bool reported = false;
    for (const auto& t : rec.tasks)
      for (const auto& a : t.args)
        if (!reported && a.source.kind == ArgumentSource::Kind::Constant && uses_workspace_path(a.source.constant)) {
          sink_.report(DiagId::err_py_kfp_rejects, a.source.span,
                       {"ValueError: Workspace features are used (e.g., dsl.WORKSPACE_PATH_PLACEHOLDER) but "
                        "PipelineConfig.workspace.size is not set."});
          reported = true;
        }
  }
  if (sink_.error_count() > errors_before && rec.tasks.empty()) return nullptr;
  if (rec.tasks.empty()) {
    sink_.report(DiagId::err_py_kfp_rejects, fn.name_span, {"ValueError: Task is missing from pipeline."});
    return nullptr;
  }
  def.compiled = build_pipeline_spec(def, rec, sink_);
  return def.compiled;
}

void Evaluator::run_body(const std::vector<StmtP>& body, std::map<std::string, Value>& locals, Recorded& rec) {
  for (const auto& sp : body) {
    if (helper_returned_) return;  // a helper's `return` ran in a nested block
    const Stmt& s = *sp;
    switch (s.kind) {
      case StmtKind::Pass:
        break;
      case StmtKind::Expr:
        if (s.value->kind == ExprKind::Const) break;  // docstring or a stray literal
        {
          Value v = eval(*s.value, &locals, &rec);
          if (v.k == Value::K::Opaque && !v.reported && s.value->kind == ExprKind::Call)
            report_opaque(v, s.value->span, "this call");
        }
        break;
      case StmtKind::Assign:
      case StmtKind::AnnAssign: {
        if (!s.value) break;
        Value v = eval(*s.value, &locals, &rec);
        for (const auto& t : s.targets) {
          if (t->kind == ExprKind::Name) {
            Value b = v;
            if (b.k == Value::K::Opaque && !b.def_span.valid()) b.def_span = s.value->span;
            locals[t->name] = b;
          } else {
            sink_.report(DiagId::err_py_unsupported, t->span, {"assigning to anything but a plain name in a pipeline"});
          }
        }
        break;
      }
      case StmtKind::If: {
        // Python's own `if` runs once, when the pipeline is compiled: follow it
        // when the condition is a compile-time constant.
        Value t = eval(*s.test, &locals, &rec);
        if (t.k == Value::K::Const) {
          bool truth = !(t.c.is_null() || t.c == false || t.c == 0 || t.c == "" ||
                         (t.c.is_structured() && t.c.empty()));
          run_body(truth ? s.body : s.orelse, locals, rec);
          break;
        }
        if (t.k == Value::K::Opaque && t.reported) break;
        sink_.report(DiagId::err_py_dynamic, s.test->span,
                     {"a Python 'if' on a value known only at run time (it runs once, at compile time); use "
                      "`with dsl.If(...):` for a run-time condition"});
        break;
      }
      case StmtKind::For: {
        Value it = eval(*s.iter, &locals, &rec);
        if (it.k == Value::K::Const && it.c.is_array() && s.target->kind == ExprKind::Name) {
          for (const auto& item : it.c) {
            locals[s.target->name] = Value::constant(item, s.target->span);
            run_body(s.body, locals, rec);
          }
          break;
        }
        if (it.k == Value::K::Opaque && it.reported) break;
        sink_.report(DiagId::err_py_dynamic, s.iter->span,
                     {"a Python 'for' loop over a value known only at run time (it runs once, at compile time); "
                      "use `with dsl.ParallelFor(...) as item:`"});
        break;
      }
      case StmtKind::With:
        with_block(s, locals, rec);
        break;
      case StmtKind::Return:
        if (helper_return_) {
          if (s.value) *helper_return_ = eval(*s.value, &locals, &rec);
          helper_returned_ = true;
        } else if (s.value) {
          return_outputs(s, locals, rec);
        }
        return;
      case StmtKind::Import:
      case StmtKind::ImportFrom:
        import_stmt(s);
        break;
      case StmtKind::FunctionDef: {
        Value f;
        f.k = Value::K::Function;
        f.fn = &s;
        f.span = s.name_span;
        locals[s.name] = f;
        break;
      }
      default:
        sink_.report(DiagId::err_py_unsupported, s.span,
                     {s.kind == StmtKind::While ? std::string("a 'while' loop in a pipeline function")
                      : s.kind == StmtKind::ClassDef ? std::string("a class defined in a pipeline function")
                      : s.kind == StmtKind::AugAssign ? std::string("an augmented assignment in a pipeline function")
                                                       : s.what + " in a pipeline function"});
        break;
    }
  }
}

Value Evaluator::make_task(const Expr& e, std::shared_ptr<CompDef> def, const std::map<std::string, Value>* locals,
                           Recorded* rec) {
  if (def->kind == CompDef::Kind::Pipeline && !def->compiled) {
    compile_pipeline(*def);
    if (!def->compiled) {
      sink_.report(DiagId::err_py_dynamic, e.value->span, {"the pipeline called here could not be compiled"});
      return Value::opaque("", e.span, true);
    }
  }
  if (!def->v2) {
    if (!def->refusals_reported) {
      def->refusals_reported = true;
      for (const auto& d : def->refusals) sink_.add(d);
      if (def->refusals.empty())
        sink_.report(DiagId::err_py_component_load, e.span, {"KFP cannot use this component"});
    }
    return Value::opaque("", e.span, true);
  }
  const Component& c = *def->v2;
  const std::string cname = c.name.value;
  if (!e.items.empty()) {
    sink_.report(DiagId::err_py_too_many_args, e.items[0]->span, {std::to_string(e.items.size()), cname});
    return Value::opaque("", e.span, true);
  }
  PTask t;
  t.def = def;
  t.comp = std::make_shared<Component>(c);
  t.span = e.span;
  t.enable_cache = true;  // Pipeline.get_execution_caching_default()
  bool ok = true;
  std::set<std::string> given;
  std::vector<ChanP> extracted;  // channels inside constants, after the direct ones (as KFP orders them)
  for (const auto& k : e.keywords) {
    if (k.name.empty()) {
      sink_.report(DiagId::err_py_dynamic, k.span, {"'**' arguments to a component"});
      ok = false;
      continue;
    }
    const IoSpec* in = c.input(k.name);
    if (!in) {
      Diagnostic& d = sink_.report(DiagId::err_py_unexpected_arg, k.name_span, {cname, k.name});
      std::vector<const std::string*> names;
      for (const auto& i : c.inputs) names.push_back(&i.name.value);
      (void)d;
      ok = false;
      continue;
    }
    given.insert(k.name);
    Value v = eval(*k.value, locals, rec);
    TaskArgument a;
    a.input = Located<std::string>{k.name, k.name_span};
    a.span = k.span;
    a.source.span = k.value->span;
    switch (v.k) {
      case Value::K::Const: {
        a.source.kind = ArgumentSource::Kind::Constant;
        a.source.constant = v.c;
        a.is_artifact = in->type.is_artifact;
        if (v.c.is_null()) continue;  // None: the input is left unset, as KFP drops it
        // An f-string with channels in it carries their patterns (str(channel)).
        std::vector<ChanP> chans;
        Json j;
        if (channel_argument(v, &j, &chans, rec)) extracted.insert(extracted.end(), chans.begin(), chans.end());
        break;
      }
      case Value::K::Channel: {
        Span keep = a.source.span;
        a.source = v.src;
        a.source.span = keep;
        a.is_artifact = v.type.is_artifact;
        if (v.chan) {
          t.chan_of[k.name] = v.chan;
          t.channel_inputs.push_back(v.chan);
        }
        break;
      }
      case Value::K::Opaque:
        report_opaque(v, k.value->span, "the value for '" + k.name + "'");
        ok = false;
        continue;
      case Value::K::Task:
        sink_.report(DiagId::err_py_bad_value, k.value->span,
                     {"a task is not a value: pass one of its outputs (task.output or task.outputs['name'])"});
        ok = false;
        continue;
      case Value::K::List:
      case Value::K::Tuple:
      case Value::K::Dict: {
        // KFP keeps the list/dict and replaces each channel by its pattern
        // (pipeline_task.py: extract_pipeline_channels_from_any).
        std::vector<ChanP> chans;
        Json j;
        if (!channel_argument(v, &j, &chans, rec)) {
          sink_.report(DiagId::err_py_unsupported, k.value->span,
                       {"a list or dict holding values other than constants, pipeline parameters and task outputs"});
          ok = false;
          continue;
        }
        a.source.kind = ArgumentSource::Kind::Constant;
        a.source.constant = j;
        a.is_artifact = in->type.is_artifact;
        extracted.insert(extracted.end(), chans.begin(), chans.end());
        break;
      }
      default:
        sink_.report(DiagId::err_py_bad_value, k.value->span, {"this value cannot be passed to a component input"});
        ok = false;
        continue;
    }
    t.args.push_back(std::move(a));
  }
  for (const auto& ch : extracted) {
    bool dup = false;
    for (const auto& have : t.channel_inputs) dup = dup || have->pattern() == ch->pattern();
    if (!dup) t.channel_inputs.push_back(ch);
  }
  std::vector<std::string> missing;
  for (const auto& in : c.inputs)
    if (!in.optional && !in.default_value && !given.count(in.name.value)) missing.push_back(in.name.value);
  if (!missing.empty()) {
    sink_.report(DiagId::err_py_missing_arg, e.span,
                 {cname, std::to_string(missing.size()), missing.size() == 1 ? "argument" : "arguments",
                  join(missing, ", ")});
    ok = false;
  }
  if (!ok) return Value::opaque("", e.span, true);
  // Pipeline.add_task: the name from the component, unique in the pipeline.
  std::set<std::string> used;
  for (const auto& o : rec->tasks) used.insert(o.name);
  std::string base = k8s_name(cname);
  t.name = unique_name(base, used);
  if (t.name.empty()) t.name = unique_name("task", used);
  t.group = rec->stack.back();
  int idx = static_cast<int>(rec->tasks.size());
  rec->tasks.push_back(std::move(t));
  rec->groups[static_cast<size_t>(rec->stack.back())].order.emplace_back(false, idx);
  Value out;
  out.k = Value::K::Task;
  out.task = idx;
  out.span = e.span;
  return out;
}

Value Evaluator::task_attribute(const Expr& e, const Value& task, const std::string& attr, Recorded* rec) {
  if (!rec || task.task < 0 || static_cast<size_t>(task.task) >= rec->tasks.size())
    return Value::opaque("a task of another pipeline", e.span);
  const PTask& t = rec->tasks[static_cast<size_t>(task.task)];
  auto channel = [&](const IoSpec& o, Span out_span) {
    Value ch;
    ch.k = Value::K::Channel;
    ch.src.kind = ArgumentSource::Kind::TaskOutput;
    ch.src.task = t.name;
    ch.src.output = o.name.value;
    ch.src.span = e.span;
    ch.src.task_span = task.span;
    ch.src.output_span = out_span;
    ch.type = o.type;
    ch.task = task.task;
    ch.span = e.span;
    ch.chan = std::make_shared<Chan>();
    ch.chan->k = o.type.is_artifact ? Chan::K::Artifact : Chan::K::Param;
    ch.chan->name = o.name.value;
    ch.chan->task = t.name;
    ch.chan->type = o.type;
    ch.chan->type_text = output_type_text(*t.def, o);
    rec->patterns[ch.chan->pattern()] = ch.chan;
    return ch;
  };
  if (attr == "outputs") {
    Value v;
    v.k = Value::K::Outputs;
    v.task = task.task;
    v.span = e.span;
    return v;
  }
  if (attr.rfind("outputs:", 0) == 0) {
    std::string key = attr.substr(8);
    if (const IoSpec* o = t.comp->output(key)) return channel(*o, e.name_span);
    std::vector<std::string> names;
    for (const auto& o : t.comp->outputs) names.push_back("'" + o.name.value + "'");
    sink_.report(DiagId::err_py_no_output, e.name_span, {t.name, key, names.empty() ? "none" : join(names, ", ")});
    return Value::opaque("", e.span, true);
  }
  if (attr == "output") {
    if (t.comp->outputs.size() != 1) {
      sink_.report(DiagId::err_py_output_ambiguous, e.name_span, {t.name, std::to_string(t.comp->outputs.size())});
      return Value::opaque("", e.span, true);
    }
    return channel(t.comp->outputs[0], e.name_span);
  }
  if (attr == "name") return Value::constant(Json(t.name), e.span);
  return Value::opaque("the task attribute '" + attr + "'", e.name_span);
}

Value Evaluator::task_method(const Expr& call, const Value& task, const std::string& method,
                             const std::map<std::string, Value>* locals, Recorded* rec) {
  if (!rec || task.task < 0 || static_cast<size_t>(task.task) >= rec->tasks.size())
    return Value::opaque("a task of another pipeline", call.span);
  // The task by index, never held by reference: evaluating an argument can
  // create tasks (set_cpu_limit(other_op().output)) and move the vector.
  const size_t task_index = static_cast<size_t>(task.task);
  auto tk = [&]() -> PTask& { return rec->tasks[task_index]; };
  const std::string where = "." + method + "()";
  // Arguments by Python's rules for a method with these parameter names.
  auto bind_args = [&](std::vector<std::string> params, size_t required,
                       std::map<std::string, std::pair<Value, Span>>& out) -> bool {
    if (call.items.size() > params.size()) {
      std::string msg = "TypeError: PipelineTask." + method + "() takes " + std::to_string(params.size() + 1) +
                        " positional argument" + (params.size() ? "s" : "") + " but " +
                        std::to_string(call.items.size() + 1) + " were given";
      Diagnostic& d = sink_.report(DiagId::err_py_kfp_rejects, call.items[params.size()]->span, {msg});
      if (method == "add_node_selector_constraint")
        d.args[0] += "; KFP 2 has no node-selector labels on tasks: write "
                     "kubernetes.add_node_selector(task, label_key=..., label_value=...) (from kfp import kubernetes)";
      return false;
    }
    for (size_t i = 0; i < call.items.size(); ++i)
      out[params[i]] = {eval(*call.items[i], locals, rec), call.items[i]->span};
    for (const auto& k : call.keywords) {
      bool known = false;
      for (const auto& p : params) known = known || p == k.name;
      if (!known || out.count(k.name)) {
        sink_.report(DiagId::err_py_kfp_rejects, k.name_span.valid() ? k.name_span : k.span,
                     {"TypeError: PipelineTask." + method + "() got " +
                      (known ? "multiple values for argument '" : "an unexpected keyword argument '") + k.name + "'"});
        return false;
      }
      out[k.name] = {eval(*k.value, locals, rec), k.value->span};
    }
    for (size_t i = 0; i < required; ++i)
      if (!out.count(params[i])) {
        sink_.report(DiagId::err_py_kfp_rejects, call.span,
                     {"TypeError: PipelineTask." + method + "() missing 1 required positional argument: '" +
                      params[i] + "'"});
        return false;
      }
    for (auto& [n, vs] : out)
      if (report_opaque(vs.first, vs.second, "the argument '" + n + "' of " + where)) return false;
    return true;
  };
  auto str_arg = [&](std::map<std::string, std::pair<Value, Span>>& a, const std::string& n,
                     std::string* out) -> bool {
    auto it = a.find(n);
    if (it == a.end()) return false;
    const Value& v = it->second.first;
    if (v.k == Value::K::Const && v.c.is_string()) {
      *out = v.c.get<std::string>();
      return true;
    }
    if (v.k == Value::K::Channel) {
      sink_.report(DiagId::err_py_unsupported, it->second.second, {"a pipeline parameter as the value of " + where});
      return false;
    }
    sink_.report(DiagId::err_py_bad_value, it->second.second, {where + " needs a string for '" + n + "'"});
    return false;
  };
  // A resource setter's value given as a channel: KFP keeps str(channel), its
  // pattern, in the ResourceSpec field (pipeline_task.py) without the format
  // checks a constant gets. Returns 1 for a channel (pattern in *out), 0 for
  // anything else, -1 when reported.
  auto chan_arg = [&](std::map<std::string, std::pair<Value, Span>>& a, const std::string& n,
                      std::string* out) -> int {
    auto it = a.find(n);
    if (it == a.end() || it->second.first.k != Value::K::Channel) return 0;
    const Value& v = it->second.first;
    if (!v.chan || v.chan->is_artifact() || v.type.is_artifact) {
      sink_.report(DiagId::err_py_unsupported, it->second.second,
                   {"an artifact (or a channel this reader cannot name) as the value of " + where +
                    "; pass a parameter: a pipeline parameter or a task's parameter output"});
      return -1;
    }
    rec->patterns[v.chan->pattern()] = v.chan;
    *out = v.chan->pattern();
    return 1;
  };
  auto self = [&]() {
    Value v = task;
    v.span = call.span;
    return v;
  };
  std::map<std::string, std::pair<Value, Span>> a;
  auto container = [&]() -> Container* {
    if (!tk().comp->container) {
      sink_.report(DiagId::err_py_kfp_rejects, call.span,
                   {"ValueError: " + method +
                    " can only be used on single-step components, not pipelines used as components, or special "
                    "components like importers."});
      return nullptr;
    }
    return &*tk().comp->container;
  };

  if (method == "after") {
    for (const auto& k : call.keywords) {
      sink_.report(DiagId::err_py_kfp_rejects, k.span, {"TypeError: after() got an unexpected keyword argument '" + k.name + "'"});
      return Value::opaque("", call.span, true);
    }
    for (const auto& i : call.items) {
      Value v = eval(*i, locals, rec);
      if (report_opaque(v, i->span, "the argument of .after()")) continue;
      if (v.k == Value::K::Group && v.group >= 0) {
        const PGroup& g = rec->groups[static_cast<size_t>(v.group)];
        if (g.kind != GroupKind::ExitHandler) {
          sink_.report(DiagId::err_py_kfp_rejects, i->span,
                       {"ValueError: \".after()\" on task group \"" + g.name + "\" of type dsl." + g.cond_class +
                        " is not supported. Only dsl.ExitHandler groups can be used as .after() dependencies."});
          continue;
        }
        tk().after.push_back(Located<std::string>{g.name, i->span});
        continue;
      }
      if (v.k != Value::K::Task) {
        sink_.report(DiagId::err_py_bad_value, i->span, {".after() takes tasks"});
        continue;
      }
      tk().after.push_back(Located<std::string>{rec->tasks[static_cast<size_t>(v.task)].name, i->span});
    }
    return self();
  }
  if (method == "set_display_name") {
    if (!bind_args({"name"}, 1, a)) return Value::opaque("", call.span, true);
    std::string s;
    if (str_arg(a, "name", &s)) tk().display_name = s;
    return self();
  }
  if (method == "set_caching_options") {
    if (!bind_args({"enable_caching", "cache_key"}, 1, a)) return Value::opaque("", call.span, true);
    const Value& v = a["enable_caching"].first;
    if (v.k == Value::K::Const && v.c.is_boolean()) tk().enable_cache = v.c.get<bool>();
    else sink_.report(DiagId::err_py_bad_value, a["enable_caching"].second, {"enable_caching must be True or False"});
    if (a.count("cache_key")) {
      std::string key;
      if (a["cache_key"].first.k == Value::K::Const && a["cache_key"].first.c.is_null()) return self();
      if (str_arg(a, "cache_key", &key)) tk().cache_key = key;
    }
    return self();
  }
  if (method == "set_retry") {
    if (!bind_args({"num_retries", "backoff_duration", "backoff_factor", "backoff_max_duration"}, 1, a))
      return Value::opaque("", call.span, true);
    RetryPolicy p;
    p.span = call.span;
    const Value& n = a["num_retries"].first;
    if (n.k == Value::K::Const && n.c.is_number_integer()) p.max_retry_count = n.c.get<int64_t>();
    else {
      sink_.report(DiagId::err_py_bad_value, a["num_retries"].second, {"num_retries must be an integer"});
      return self();
    }
    std::string s;
    if (a.count("backoff_duration") && !(a["backoff_duration"].first.k == Value::K::Const && a["backoff_duration"].first.c.is_null()))
      if (str_arg(a, "backoff_duration", &s)) p.backoff_duration = s;
    if (a.count("backoff_max_duration") && !(a["backoff_max_duration"].first.k == Value::K::Const && a["backoff_max_duration"].first.c.is_null()))
      if (str_arg(a, "backoff_max_duration", &s)) p.backoff_max_duration = s;
    if (a.count("backoff_factor")) {
      const Value& f = a["backoff_factor"].first;
      if (f.k == Value::K::Const && f.c.is_number()) p.backoff_factor = f.c.get<double>();
    }
    tk().retry = p;
    return self();
  }
  if (method == "set_cpu_limit" || method == "set_cpu_request") {
    if (!bind_args({"cpu"}, 1, a)) return Value::opaque("", call.span, true);
    std::string cpu;
    int chan = chan_arg(a, "cpu", &cpu);
    if (chan < 0 || (!chan && !str_arg(a, "cpu", &cpu))) return self();
    if (!chan && !pat::is_cpu_quantity(cpu)) {
      sink_.report(DiagId::err_py_kfp_rejects, a["cpu"].second,
                   {"ValueError: Invalid cpu string. Should be float or integer, or integer followed by \"m\"."});
      return self();
    }
    Container* k = container();
    if (!k) return self();
    double f = cpu.back() == 'm' ? std::strtod(cpu.substr(0, cpu.size() - 1).c_str(), nullptr) / 1000
                                 : std::strtod(cpu.c_str(), nullptr);
    const bool limit = method == "set_cpu_limit";
    (limit ? k->resources.cpu_limit : k->resources.cpu_request) = cpu;
    const char* typed = limit ? "cpuLimit" : "cpuRequest";  // the deprecated float, for constants only
    if (!chan) k->resources.extra[typed] = f;
    else if (k->resources.extra.is_object()) k->resources.extra.erase(typed);  // null: nothing to drop
    tk().resource_spans[limit ? "cpu_limit" : "cpu_request"] = a["cpu"].second;
    return self();
  }
  if (method == "set_memory_limit" || method == "set_memory_request") {
    if (!bind_args({"memory"}, 1, a)) return Value::opaque("", call.span, true);
    std::string mem;
    int chan = chan_arg(a, "memory", &mem);
    if (chan < 0 || (!chan && !str_arg(a, "memory", &mem))) return self();
    if (!chan && !pat::is_memory_quantity(mem)) {
      sink_.report(DiagId::err_py_kfp_rejects, a["memory"].second,
                   {"ValueError: Invalid memory string. Should be a number or a number followed by one of \"E\", "
                    "\"Ei\", \"P\", \"Pi\", \"T\", \"Ti\", \"G\", \"Gi\", \"M\", \"Mi\", \"K\", \"Ki\"."});
      return self();
    }
    Container* k = container();
    if (!k) return self();
    const bool limit = method == "set_memory_limit";
    (limit ? k->resources.memory_limit : k->resources.memory_request) = mem;
    const char* typed = limit ? "memoryLimit" : "memoryRequest";
    if (!chan) k->resources.extra[typed] = memory_to_float(mem);
    else if (k->resources.extra.is_object()) k->resources.extra.erase(typed);
    tk().resource_spans[limit ? "memory_limit" : "memory_request"] = a["memory"].second;
    return self();
  }
  if (method == "set_accelerator_type" || method == "add_node_selector_constraint") {
    if (!bind_args({"accelerator"}, 1, a)) return Value::opaque("", call.span, true);
    std::string acc;
    int chan = chan_arg(a, "accelerator", &acc);
    if (chan < 0 || (!chan && !str_arg(a, "accelerator", &acc))) return self();
    Container* k = container();
    if (!k) return self();
    k->resources.accelerator_type = acc;
    if (!k->resources.accelerator_count) k->resources.accelerator_count = "1";
    tk().resource_spans["accelerator_type"] = a["accelerator"].second;
    return self();
  }
  if (method == "set_accelerator_limit" || method == "set_gpu_limit") {
    std::string pname = method == "set_gpu_limit" ? "gpu" : "limit";
    if (!bind_args({pname}, 1, a)) return Value::opaque("", call.span, true);
    const Value& v = a[pname].first;
    std::string lim;
    int chan = chan_arg(a, pname, &lim);
    if (chan < 0) return self();
    if (chan) {
      // str(channel), unchecked
    } else if (v.k == Value::K::Const && v.c.is_number_integer() && !v.c.is_boolean()) {
      if (v.c.get<int64_t>() < 0) {
        sink_.report(DiagId::err_py_kfp_rejects, a[pname].second, {"ValueError: limit must be a non-negative integer."});
        return self();
      }
      lim = std::to_string(v.c.get<int64_t>());
    } else if (v.k == Value::K::Const && v.c.is_string()) {
      lim = v.c.get<std::string>();
      if (!pat::is_digits(lim)) {
        sink_.report(DiagId::err_py_kfp_rejects, a[pname].second, {"ValueError: limit must be a non-negative integer."});
        return self();
      }
    } else {
      sink_.report(DiagId::err_py_bad_value, a[pname].second, {"the accelerator limit must be an integer"});
      return self();
    }
    Container* k = container();
    if (!k) return self();
    k->resources.accelerator_count = lim;
    tk().resource_spans["accelerator_count"] = a[pname].second;
    return self();
  }
  if (method == "set_env_variable") {
    if (!bind_args({"name", "value"}, 2, a)) return Value::opaque("", call.span, true);
    std::string n, v;
    if (!str_arg(a, "name", &n) || !str_arg(a, "value", &v)) return self();
    Container* k = container();
    if (!k) return self();
    bool replaced = false;
    for (auto& ev : k->env)
      if (ev.name.value == n) {
        ev.value = v;
        replaced = true;
      }
    if (!replaced) k->env.push_back(EnvVar{Located<std::string>{n, a["name"].second}, v, call.span});
    return self();
  }
  if (method == "ignore_upstream_failure") {
    if (!bind_args({}, 0, a)) return Value::opaque("", call.span, true);
    tk().ignore_upstream_failure = true;
    return self();
  }
  if (method == "set_container_image") {
    if (!bind_args({"name"}, 1, a)) return Value::opaque("", call.span, true);
    std::string img;
    if (!str_arg(a, "name", &img)) return self();
    Container* k = container();
    if (!k) return self();
    k->image = Located<std::string>{img, a["name"].second};
    return self();
  }
  if (std::string hint = v1_only_hint("kfp.dsl.ContainerOp." + method); method == "add_pvolumes" ||
      method == "apply" || method == "add_volume" || method == "add_volume_mount" || method == "set_image_pull_policy" ||
      method == "add_env_variable" || method == "container" || method == "add_toleration" ||
      method == "add_affinity" || method == "set_timeout" || method == "add_pod_annotation" ||
      method == "add_pod_label" || method == "set_gpu_limit_v1" || method == "add_resource_limit" ||
      method == "add_resource_request" || method == "add_sidecar" || method == "add_init_container") {
    (void)hint;
    sink_.report(DiagId::err_py_v1_only, call.value->span,
                 {"PipelineTask." + method,
                  "KFP 2 tasks have no such method; use the kfp.kubernetes helpers (e.g. kubernetes.add_toleration, "
                  "kubernetes.mount_pvc, kubernetes.add_pod_annotation) or set_env_variable / set_cpu_limit / "
                  "set_memory_limit"});
    return Value::opaque("", call.span, true);
  }
  sink_.report(DiagId::err_py_kfp_rejects, call.value->span,
               {"AttributeError: 'PipelineTask' object has no attribute '" + method + "'"});
  return Value::opaque("", call.span, true);
}

}  // namespace kfp::py
