// Control flow inside a pipeline function, recorded as KFP records it while
// the function runs inside `with Pipeline(...)` (kfp/dsl/tasks_group.py,
// pipeline_context.py, for_loop.py): `with dsl.If/Elif/Else/Condition/
// ParallelFor/ExitHandler(...)` open numbered groups on a stack (ids from one
// counter per pipeline; Elif/Else wrap the chain in a condition-branches
// group and swap ids with the If, as KFP does), loop items and their fields
// are channels, dsl.Collected fans a loop output in, and `return` names the
// pipeline's outputs. kfp_build.cpp then compiles the groups.
#include <functional>
#include <set>

#include "core/python/kfp_component.h"
#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"
#include "core/util/patterns.h"

namespace kfp::py {
namespace {

// The type name a Python value has (type(x).__name__), for raw loop items.
std::string py_type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::boolean: return "bool";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "int";
    case Json::value_t::number_float: return "float";
    case Json::value_t::string: return "str";
    case Json::value_t::array: return "list";
    case Json::value_t::object: return "dict";
    default: return "NoneType";
  }
}

CondOp negated(CondOp c) {
  c.negate = true;
  return c;
}

}  // namespace

bool param_type_of_text(const std::string& text, ParamType* out) {
  // type_annotations.get_short_type_name: "typing.List[int]" -> "List".
  std::string name;
  if (!pat::typing_short_name(text, &name)) name = text;
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, ParamType> kMap = {
      {"integer", ParamType::Integer}, {"int", ParamType::Integer},   {"double", ParamType::Double},
      {"float", ParamType::Double},    {"string", ParamType::String}, {"str", ParamType::String},
      {"text", ParamType::String},     {"bool", ParamType::Boolean},  {"boolean", ParamType::Boolean},
      {"dict", ParamType::Struct},     {"list", ParamType::List},     {"jsonobject", ParamType::Struct},
      {"jsonarray", ParamType::List},  {"number_integer", ParamType::Integer},
      {"number_double", ParamType::Double}, {"struct", ParamType::Struct},
  };
  auto it = kMap.find(name);
  if (it == kMap.end()) return false;
  *out = it->second;
  return true;
}

std::string loop_item_type_text(const std::string& text) {
  std::string s;
  if (!pat::typing_item_type(text, &s)) return "";
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string subvar_type_text(const std::string& text) {
  std::string s;
  if (!pat::typing_value_type(text, &s)) return "";
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string annotation_text(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Name: return e.name;
    case ExprKind::Attribute: return e.value ? annotation_text(*e.value) + "." + e.name : e.name;
    case ExprKind::Subscript: {
      std::string idx;
      if (e.index && e.index->kind == ExprKind::Tuple) {
        for (size_t i = 0; i < e.index->items.size(); ++i)
          idx += (i ? ", " : "") + annotation_text(*e.index->items[i]);
      } else if (e.index) {
        idx = annotation_text(*e.index);
      }
      return (e.value ? annotation_text(*e.value) : "") + "[" + idx + "]";
    }
    case ExprKind::Const: return e.ck == ConstKind::Str ? e.s : "None";
    default: return "";
  }
}

std::string output_type_text(const CompDef& def, const IoSpec& o) {
  if (o.type.is_artifact) return o.type.schema_title + "@" + o.type.schema_version;
  // A Python component's single return annotation (-> List[Dict[str, str]]).
  if (def.fn && def.fn->returns && o.name.value == "Output" && def.fn->returns->kind != ExprKind::Call)
    return annotation_text(*def.fn->returns);
  if (o.type.from_v1 && !o.type.v1_name().empty()) return o.type.v1_name();
  return std::string(ir_name(o.type.param));
}

// ---------------------------------------------------------------------------
// Arguments of dsl.If(...) etc. by Python's binding rules.
namespace {

struct Bound {
  std::map<std::string, const Expr*> args;
  bool ok = true;
};

Bound bind_call(Sink& sink, const Expr& call, const std::string& fname, const std::vector<std::string>& params,
                size_t required) {
  Bound b;
  if (call.items.size() > params.size()) {
    sink.report(DiagId::err_py_kfp_rejects, call.items[params.size()]->span,
                {"TypeError: " + fname + "() takes " + std::to_string(params.size()) + " positional arguments but " +
                 std::to_string(call.items.size()) + " were given"});
    b.ok = false;
    return b;
  }
  for (size_t i = 0; i < call.items.size(); ++i) b.args[params[i]] = call.items[i].get();
  for (const auto& k : call.keywords) {
    bool known = false;
    for (const auto& p : params) known = known || p == k.name;
    if (!known || b.args.count(k.name)) {
      sink.report(DiagId::err_py_kfp_rejects, k.name_span.valid() ? k.name_span : k.span,
                  {"TypeError: " + fname + "() got " +
                   (known ? "multiple values for argument '" : "an unexpected keyword argument '") + k.name + "'"});
      b.ok = false;
      return b;
    }
    b.args[k.name] = k.value.get();
  }
  for (size_t i = 0; i < required; ++i)
    if (!b.args.count(params[i])) {
      sink.report(DiagId::err_py_kfp_rejects, call.span,
                  {"TypeError: " + fname + "() missing 1 required positional argument: '" + params[i] + "'"});
      b.ok = false;
    }
  return b;
}

}  // namespace

// ---------------------------------------------------------------------------

void Evaluator::with_block(const Stmt& s, std::map<std::string, Value>& locals, Recorded& rec) {
  // `with A, B:` is `with A: with B:`.
  std::function<void(size_t)> enter = [&](size_t i) {
    if (i == s.items.size()) {
      run_body(s.body, locals, rec);
      return;
    }
    const WithItem& it = s.items[i];
    const Expr& ctx = *it.context;
    std::string p = ctx.kind == ExprKind::Call ? path_of(*ctx.value, &locals) : "";
    static const std::set<std::string> kGroups = {"kfp.dsl.If",          "kfp.dsl.Elif",    "kfp.dsl.Else",
                                                  "kfp.dsl.Condition",   "kfp.dsl.ParallelFor",
                                                  "kfp.dsl.ExitHandler"};
    if (!kGroups.count(p)) {
      const Expr& callee = ctx.kind == ExprKind::Call ? *ctx.value : ctx;
      sink_.report(DiagId::err_py_unsupported, callee.span,
                   {"`with " + (p.empty() ? std::string("...") : path_display(p)) +
                    "(...)` in a pipeline (only dsl.If/Elif/Else/Condition/ParallelFor/ExitHandler open groups)"});
      return;
    }
    std::string cls = p.substr(p.rfind('.') + 1);
    PGroup g;
    g.span = ctx.span;
    g.cond_class = cls;
    int parent = rec.stack.back();
    auto last_group = [&]() -> int {
      const auto& order = rec.groups[static_cast<size_t>(parent)].order;
      for (auto r = order.rbegin(); r != order.rend(); ++r)
        if (r->first) return r->second;
      return -1;
    };
    auto display = [&](const Bound& b) -> bool {
      auto n = b.args.find("name");
      if (n == b.args.end()) return true;
      Value v = eval(*n->second, &locals, &rec);
      if (report_opaque(v, n->second->span, "the group name")) return false;
      if (v.k == Value::K::Const && v.c.is_null()) return true;
      if (v.k != Value::K::Const || !v.c.is_string()) {
        sink_.report(DiagId::err_py_bad_value, n->second->span, {"the group name must be a string"});
        return false;
      }
      g.display_name = v.c.get<std::string>();
      return true;
    };
    bool pop_twice = false;
    Value bound;  // what `as x` binds
    if (cls == "If" || cls == "Condition" || cls == "Elif") {
      Bound b = bind_call(sink_, ctx, cls, {"condition", "name"}, 1);
      if (!b.ok || !display(b)) return;
      g.kind = GroupKind::Condition;
      CondOp c;
      if (!condition(*b.args["condition"], locals, rec, &c)) return;
      if (cls == "Elif") {
        int prev = last_group();
        const PGroup* pg = prev >= 0 ? &rec.groups[static_cast<size_t>(prev)] : nullptr;
        if (!pg || pg->kind != GroupKind::Condition || pg->branches || pg->cond_class == "Else") {
          sink_.report(DiagId::err_py_kfp_rejects, ctx.value->span,
                       {"InvalidControlFlowException: dsl.Elif can only be used following an upstream dsl.If or "
                        "dsl.Elif."});
          return;
        }
        g.conds = pg->negated;
        g.conds.push_back(c);
        g.negated = pg->negated;
        g.negated.push_back(negated(c));
      } else {
        g.conds = {c};
        g.negated = {negated(c)};
      }
    } else if (cls == "Else") {
      Bound b = bind_call(sink_, ctx, cls, {"name"}, 0);
      if (!b.ok || !display(b)) return;
      g.kind = GroupKind::Condition;
      int prev = last_group();
      const PGroup* pg = prev >= 0 ? &rec.groups[static_cast<size_t>(prev)] : nullptr;
      if (pg && pg->branches) {
        sink_.report(DiagId::err_py_kfp_rejects, ctx.value->span,
                     {"InvalidControlFlowException: Cannot use dsl.Else following another dsl.Else. dsl.Else can only "
                      "be used following an upstream dsl.If or dsl.Elif."});
        return;
      }
      if (!pg || pg->kind != GroupKind::Condition || pg->cond_class == "Else") {
        sink_.report(DiagId::err_py_kfp_rejects, ctx.value->span,
                     {"InvalidControlFlowException: dsl.Else can only be used following an upstream dsl.If or "
                      "dsl.Elif."});
        return;
      }
      g.conds = pg->negated;
      pop_twice = true;
    } else if (cls == "ParallelFor") {
      Bound b = bind_call(sink_, ctx, cls, {"items", "name", "parallelism"}, 1);
      if (!b.ok || !display(b)) return;
      g.kind = GroupKind::ParallelFor;
      if (b.args.count("parallelism")) {
        Value v = eval(*b.args["parallelism"], &locals, &rec);
        if (report_opaque(v, b.args["parallelism"]->span, "the parallelism")) return;
        if (v.k == Value::K::Const && v.c.is_number_integer()) {
          g.parallelism = v.c.get<int64_t>();
        } else if (!(v.k == Value::K::Const && v.c.is_null())) {
          sink_.report(DiagId::err_py_bad_value, b.args["parallelism"]->span, {"parallelism must be an integer"});
          return;
        }
        if (g.parallelism < 0) {
          sink_.report(DiagId::err_py_kfp_rejects, b.args["parallelism"]->span,
                       {"ValueError: ParallelFor parallelism must be >= 0. Got: " + std::to_string(g.parallelism) + "."});
          return;
        }
      }
      const Expr& ie = *b.args["items"];
      Value items = eval(ie, &locals, &rec);
      if (report_opaque(items, ie.span, "the items of dsl.ParallelFor")) return;
      auto arg = std::make_shared<Chan>();
      if (items.k == Value::K::Channel && items.chan && !items.chan->is_artifact()) {
        const ChanP& src = items.chan;
        if (src->k != Chan::K::LoopVar && src->type.param != ParamType::List) {
          sink_.report(DiagId::err_py_kfp_rejects, ie.span,
                       {"ValueError: Cannot iterate over a single parameter using `dsl.ParallelFor`. Expected a list "
                        "of parameters as argument to `items`."});
          return;
        }
        arg->k = Chan::K::LoopParam;
        arg->items = src;
        arg->name = src->name + "-loop-item";
        arg->task = src->task;
        arg->type_text = loop_item_type_text(src->type_text);
        if (arg->type_text.empty()) arg->type_text = "String";
        arg->type.param = ParamType::String;
        param_type_of_text(arg->type_text, &arg->type.param);
        g.items_is_channel = true;
      } else if (items.k == Value::K::Channel && items.chan) {
        const ChanP& src = items.chan;
        if (!src->type.is_list) {
          sink_.report(DiagId::err_py_kfp_rejects, ie.span,
                       {"ValueError: Cannot iterate over a single artifact using `dsl.ParallelFor`. Expected a list of "
                        "artifacts as argument to `items`."});
          return;
        }
        arg->k = Chan::K::LoopArtifact;
        arg->items = src;
        arg->name = src->name + "-loop-item";
        arg->task = src->task;
        arg->type = src->type;
        arg->type.is_list = false;
        arg->type_text = src->type_text;
        g.items_is_channel = true;
      } else if (items.k == Value::K::Const && items.c.is_array()) {
        if (items.c.empty()) {
          sink_.report(DiagId::err_py_kfp_rejects, ie.span, {"ValueError: Got an empty item list for loop argument."});
          return;
        }
        const Json& first = items.c[0];
        arg->k = Chan::K::LoopParam;
        arg->raw = items.c;
        arg->name = "loop-item-param-" + std::to_string(++rec.group_id);
        if (first.is_object() && !first.empty())
          arg->type_text = "Dict[str, " + py_type_name(first.begin().value()) + "]";
        else
          arg->type_text = py_type_name(first);
        arg->type.param = ParamType::String;
        param_type_of_text(arg->type_text, &arg->type.param);
      } else {
        sink_.report(DiagId::err_py_unsupported, ie.span,
                     {"dsl.ParallelFor over anything but a constant list, a list pipeline parameter or a task's list "
                      "output"});
        return;
      }
      g.loop_arg = arg;
      rec.patterns[arg->pattern()] = arg;
      bound.k = Value::K::Channel;
      bound.chan = arg;
      bound.type = arg->type;
      bound.is_loop_item = true;
      bound.span = it.target ? it.target->span : ctx.span;
    } else {  // ExitHandler
      Bound b = bind_call(sink_, ctx, cls, {"exit_task", "name"}, 1);
      if (!b.ok || !display(b)) return;
      g.kind = GroupKind::ExitHandler;
      Value v = eval(*b.args["exit_task"], &locals, &rec);
      if (report_opaque(v, b.args["exit_task"]->span, "the exit task")) return;
      if (v.k != Value::K::Task) {
        sink_.report(DiagId::err_py_bad_value, b.args["exit_task"]->span, {"dsl.ExitHandler takes a task"});
        return;
      }
      PTask& et = rec.tasks[static_cast<size_t>(v.task)];
      bool depends = !et.after.empty();
      for (const auto& [n, ch] : et.chan_of)
        if (!ch->is_artifact() && ch->k != Chan::K::Collected && !ch->task.empty()) depends = true;
      if (depends) {
        sink_.report(DiagId::err_py_kfp_rejects, b.args["exit_task"]->span,
                     {"ValueError: exit_task cannot depend on any other tasks."});
        return;
      }
      // Pipeline.remove_task_from_groups: the exit task leaves its group.
      for (auto& grp : rec.groups) {
        auto& order = grp.order;
        for (auto o = order.begin(); o != order.end();)
          o = (!o->first && o->second == v.task) ? order.erase(o) : o + 1;
      }
      et.in_groups = false;
      et.is_exit_task = true;
      g.exit_task = v.task;
    }

    // __enter__: Elif/Else first wrap the chain in a condition-branches group.
    if (cls == "Elif" || cls == "Else") {
      int prev = last_group();
      if (rec.groups[static_cast<size_t>(prev)].cond_class != "Elif") {
        PGroup w;
        w.kind = GroupKind::Condition;
        w.branches = true;
        w.span = rec.groups[static_cast<size_t>(prev)].span;
        int wid = ++rec.group_id;
        // swap_group_ids: the wrapper takes the If's id, the If the new one.
        std::string& if_name = rec.groups[static_cast<size_t>(prev)].name;
        std::string if_id = if_name.substr(if_name.rfind('-') + 1);
        w.name = "condition-branches-" + if_id;
        if_name = "condition-" + std::to_string(wid);
        auto& porder = rec.groups[static_cast<size_t>(parent)].order;
        for (auto o = porder.rbegin(); o != porder.rend(); ++o)
          if (o->first && o->second == prev) {
            porder.erase(std::next(o).base());
            break;
          }
        w.parent = parent;
        int wi = static_cast<int>(rec.groups.size());
        w.order.emplace_back(true, prev);
        rec.groups.push_back(std::move(w));
        rec.groups[static_cast<size_t>(parent)].order.emplace_back(true, wi);
        rec.groups[static_cast<size_t>(prev)].parent = wi;
        rec.stack.push_back(wi);  // stays open until an Else closes it (as in KFP)
        parent = wi;
      }
    }
    int id = ++rec.group_id;
    static const std::map<std::string, std::string> kType = {
        {"If", "condition"}, {"Condition", "condition"}, {"Elif", "condition"}, {"Else", "condition"},
        {"ParallelFor", "for-loop"}, {"ExitHandler", "exit-handler"}};
    g.name = kType.at(cls) + "-" + std::to_string(id);
    g.parent = parent;
    int gi = static_cast<int>(rec.groups.size());
    rec.groups.push_back(std::move(g));
    rec.groups[static_cast<size_t>(parent)].order.emplace_back(true, gi);
    rec.stack.push_back(gi);
    if (it.target) {
      if (it.target->kind != ExprKind::Name) {
        sink_.report(DiagId::err_py_unsupported, it.target->span, {"unpacking a `with ... as` target"});
      } else {
        if (bound.k == Value::K::Undefined) {
          bound.k = Value::K::Group;
          bound.group = gi;
          bound.span = it.target->span;
        }
        locals[it.target->name] = bound;
      }
    }
    size_t depth = rec.stack.size();
    enter(i + 1);
    // __exit__ (the stack is as the body left it: KFP's Elif leaves its
    // condition-branches wrapper open).
    while (rec.stack.size() > depth) rec.stack.pop_back();
    rec.stack.pop_back();
    if (pop_twice && rec.stack.size() > 1) rec.stack.pop_back();
  };
  enter(0);
}

bool Evaluator::condition(const Expr& e, std::map<std::string, Value>& locals, Recorded& rec, CondOp* out) {
  if (e.kind == ExprKind::BoolOp || (e.kind == ExprKind::UnaryOp && e.name == "not")) {
    sink_.report(DiagId::err_py_unsupported, e.span,
                 {"`and` / `or` / `not` in a KFP condition (KFP evaluates Python truthiness and keeps only one "
                  "comparison); nest dsl.If blocks instead"});
    return false;
  }
  if (e.kind != ExprKind::Compare || e.ops.size() != 1) {
    Value v = eval(e, &locals, &rec);
    if (report_opaque(v, e.span, "the condition")) return false;
    if (v.k == Value::K::Const && v.c.is_boolean()) {
      sink_.report(DiagId::err_py_kfp_rejects, e.span,
                   {std::string("ValueError: Got constant boolean ") + (v.c.get<bool>() ? "True" : "False") +
                    " as a condition. This is likely because the provided condition evaluated immediately. At least "
                    "one of the operands must be an output from an upstream task or a pipeline parameter."});
      return false;
    }
    sink_.report(DiagId::err_py_unsupported, e.span,
                 {"a condition that is not one comparison (`a == b`, `a < b`, ...) of a pipeline parameter or task "
                  "output"});
    return false;
  }
  static const std::map<std::string, std::string> kReflect = {{"==", "=="}, {"!=", "!="}, {"<", ">"},
                                                               {">", "<"},  {"<=", ">="}, {">=", "<="}};
  std::string op = e.ops[0];
  if (!kReflect.count(op)) {
    sink_.report(DiagId::err_py_unsupported, e.span, {"the operator '" + op + "' in a KFP condition"});
    return false;
  }
  Value l = eval(*e.items[0], &locals, &rec), r = eval(*e.items[1], &locals, &rec);
  if (report_opaque(l, e.items[0]->span, "the condition's left operand") ||
      report_opaque(r, e.items[1]->span, "the condition's right operand"))
    return false;
  auto operand_ok = [&](const Value& v, const Expr& x) {
    if (v.k == Value::K::Channel && v.chan) {
      if (v.chan->is_artifact()) {
        sink_.report(DiagId::err_py_kfp_rejects, x.span,
                     {"ValueError: Conditional requires primitive parameter values for comparison. Found input \"" +
                      channel_input_name(*v.chan) + "\" of an artifact type in pipeline definition instead."});
        return false;
      }
      return true;
    }
    if (v.k == Value::K::Const && (v.c.is_string() || v.c.is_number() || v.c.is_boolean())) return true;
    sink_.report(DiagId::err_py_bad_value, x.span,
                 {"a KFP condition compares a pipeline parameter or task output with a string, number or boolean"});
    return false;
  };
  if (!operand_ok(l, *e.items[0]) || !operand_ok(r, *e.items[1])) return false;
  if (l.k == Value::K::Const && r.k == Value::K::Const) {
    bool eq = l.c == r.c;
    sink_.report(DiagId::err_py_kfp_rejects, e.span,
                 {std::string("ValueError: Got constant boolean ") + ((op == "==" ? eq : !eq) ? "True" : "False") +
                  " as a condition. This is likely because the provided condition evaluated immediately. At least "
                  "one of the operands must be an output from an upstream task or a pipeline parameter."});
    return false;
  }
  CondOp c;
  if (l.k == Value::K::Const) {  // 'x' == ch: Python calls the reflected ch.__eq__('x')
    c.op = kReflect.at(op);
    c.left = r.chan;
    c.right_c = l.c;
  } else {
    c.op = op;
    c.left = l.chan;
    if (r.k == Value::K::Channel) c.right = r.chan;
    else c.right_c = r.c;
  }
  for (const ChanP& ch : {c.left, c.right}) {
    if (!ch) continue;
    ParamType t = ch->type.param;
    if (t == ParamType::Struct || t == ParamType::List || t == ParamType::Unspecified) {
      static const std::map<ParamType, std::string> kText = {
          {ParamType::Struct, "Dict"}, {ParamType::List, "List"}, {ParamType::Unspecified, "None"}};
      sink_.report(DiagId::err_py_kfp_rejects, e.span,
                   {"ValueError: Conditional requires primitive parameter values for comparison. Found input \"" +
                    channel_input_name(*ch) + "\" of type " + (ch->type_text.empty() ? kText.at(t) : ch->type_text) +
                    " in pipeline definition instead."});
      return false;
    }
  }
  *out = c;
  return true;
}

void Evaluator::return_outputs(const Stmt& s, std::map<std::string, Value>& locals, Recorded& rec) {
  Value v = eval(*s.value, &locals, &rec);
  if (report_opaque(v, s.value->span, "the returned value")) return;
  if (v.k == Value::K::Const && v.c.is_null()) return;
  // convert_pipeline_outputs_to_dict: one channel is the output "Output"; a
  // NamedTuple gives its fields, task.outputs its outputs, by name.
  std::vector<std::pair<std::string, Value>> named;
  if (v.k == Value::K::Tuple && !v.fields.empty()) {
    for (size_t i = 0; i < v.fields.size(); ++i) named.emplace_back(v.fields[i], v.items[i]);
  } else if (v.k == Value::K::Outputs && v.task >= 0 && static_cast<size_t>(v.task) < rec.tasks.size()) {
    Value task;
    task.k = Value::K::Task;
    task.task = v.task;
    task.span = v.span;
    for (const auto& o : rec.tasks[static_cast<size_t>(v.task)].comp->outputs) {
      Expr at;  // only its spans are used
      at.span = at.name_span = s.value->span;
      named.emplace_back(o.name.value, task_attribute(at, task, "outputs:" + o.name.value, &rec));
    }
  } else {
    named.emplace_back("Output", v);
  }
  for (auto& [name, out] : named)
    if (pipeline_output(name, out, s.value->span, rec)) rec.outputs.emplace_back(name, out);
}

bool Evaluator::pipeline_output(const std::string& name, const Value& v, Span at, Recorded& rec) {
  if (report_opaque(v, at, "the returned value '" + name + "'")) return false;
  if (v.k != Value::K::Channel || !v.chan) {
    sink_.report(DiagId::err_py_unsupported, at,
                 {"returning anything but task outputs (one, a NamedTuple of them, or task.outputs) or "
                  "dsl.Collected from a pipeline"});
    return false;
  }
  if (!v.chan->oneof.empty()) {
    int cb = -1;
    for (size_t i = 0; i < rec.groups.size(); ++i)
      if (rec.groups[i].name == v.chan->task) cb = static_cast<int>(i);
    if (cb >= 0 && rec.groups[static_cast<size_t>(cb)].parent != 0) {
      sink_.report(DiagId::err_py_kfp_rejects, at,
                   {"InvalidTopologyException: Pipeline outputs may only be returned from the top level of the "
                    "pipeline function scope. Got pipeline output dsl.OneOf from within the control flow group dsl." +
                    rec.groups[static_cast<size_t>(rec.groups[static_cast<size_t>(cb)].parent)].cond_class + "."});
      return false;
    }
  } else if (v.chan->k != Chan::K::Collected) {
    // validate_pipeline_outputs_dict: outputs come from the top level only.
    int producer = -1;
    for (size_t i = 0; i < rec.tasks.size(); ++i)
      if (rec.tasks[i].name == v.chan->task) producer = static_cast<int>(i);
    if (producer < 0) {
      sink_.report(DiagId::err_py_unsupported, at, {"returning a pipeline parameter or loop item"});
      return false;
    }
    const PTask& pt = rec.tasks[static_cast<size_t>(producer)];
    if (pt.group != 0 || !pt.in_groups) {
      static const std::map<GroupKind, std::string> kCls = {{GroupKind::Condition, "Condition"},
                                                            {GroupKind::ParallelFor, "ParallelFor"},
                                                            {GroupKind::ExitHandler, "ExitHandler"}};
      const PGroup& pg = rec.groups[static_cast<size_t>(pt.group)];
      std::string cls = pg.branches ? "ConditionBranches" : pg.cond_class.empty() ? kCls.at(pg.kind) : pg.cond_class;
      sink_.report(DiagId::err_py_kfp_rejects, at,
                   {"InvalidTopologyException: Pipeline outputs may only be returned from the top level of the "
                    "pipeline function scope. Got pipeline output from within the control flow group dsl." +
                    cls + "."});
      return false;
    }
  }
  return true;
}

bool Evaluator::pipeline_outputs(const Expr& returns, Component& iface) {
  if (returns.kind == ExprKind::Const && returns.ck == ConstKind::None) return true;
  std::vector<std::pair<std::string, const Expr*>> fields;
  bool malformed = false;
  if (named_tuple_fields(*this, returns, &fields, &malformed)) {
    if (malformed) {
      sink_.report(DiagId::err_py_unsupported, returns.span,
                   {kNamedTupleForm});
      return false;
    }
  } else {
    fields.emplace_back("Output", &returns);
  }
  for (const auto& [name, ann] : fields) {
    Type t;
    bool is_output = false, is_list = false;
    if (!annotation_type(*ann, name, &t, &is_output, &is_list)) return false;
    t.is_list = t.is_list || is_list;
    IoSpec o;
    o.name = Located<std::string>{name, ann->span};
    o.type = t;
    o.type_span = ann->span;
    o.span = ann->span;
    iface.outputs.push_back(std::move(o));
  }
  return true;
}

Value Evaluator::channel_attribute(const Expr& e, const Value& base, Recorded* rec) {
  const ChanP& c = base.chan;
  if (c->k == Chan::K::LoopParam) {
    // LoopParameterArgument.__getattr__: item.field, one variable per field.
    if (!pat::is_legal_subvar_name(e.name)) return Value::opaque("an illegal loop item field", e.name_span);
    ChanP& v = c->subvars[e.name];
    if (!v) {
      v = std::make_shared<Chan>();
      v->k = Chan::K::LoopVar;
      // Non-owning (aliasing a null owner): `c` owns `v` through subvars, so
      // an owning back link would be a cycle never freed. The loop group owns
      // `c` for the whole compile.
      v->loop_arg = ChanP(ChanP(), c.get());
      v->subvar = e.name;
      v->name = c->name + "-subvar-" + e.name;
      v->task = c->task;
      v->type_text = subvar_type_text(c->type_text);
      if (v->type_text.empty()) v->type_text = "String";
      v->type.param = ParamType::String;
      param_type_of_text(v->type_text, &v->type.param);
      if (rec) rec->patterns[v->pattern()] = v;
    }
    Value out;
    out.k = Value::K::Channel;
    out.chan = v;
    out.type = v->type;
    out.is_loop_item = true;
    out.span = e.span;
    return out;
  }
  return Value::opaque("the attribute '" + e.name + "' of a pipeline channel", e.name_span);
}

Value Evaluator::collected(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec) {
  Bound b = bind_call(sink_, call, "Collected", {"output"}, 1);
  if (!b.ok) return Value::opaque("", call.span, true);
  Value v = eval(*b.args["output"], locals, rec);
  if (report_opaque(v, b.args["output"]->span, "the argument of dsl.Collected")) return Value::opaque("", call.span, true);
  if (v.k != Value::K::Channel || !v.chan || v.chan->task.empty() ||
      (v.chan->k != Chan::K::Param && v.chan->k != Chan::K::Artifact)) {
    sink_.report(DiagId::err_py_bad_value, b.args["output"]->span, {"dsl.Collected takes a task output"});
    return Value::opaque("", call.span, true);
  }
  auto c = std::make_shared<Chan>();
  c->k = Chan::K::Collected;
  c->output = v.chan;
  c->name = v.chan->name;
  c->task = v.chan->task;
  if (v.chan->is_artifact()) {
    c->type = v.chan->type;
    c->type.is_list = true;
    c->type_text = v.chan->type_text;
  } else {
    c->type.param = ParamType::List;
    c->type_text = "LIST";
  }
  Value out;
  out.k = Value::K::Channel;
  out.chan = c;
  out.type = c->type;
  out.span = call.span;
  out.src.kind = ArgumentSource::Kind::TaskOutput;
  out.src.task = c->task;
  out.src.output = c->name;
  return out;
}

Value Evaluator::one_of(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec) {
  // pipeline_channel.OneOfParameter / OneOfArtifact.
  if (!call.keywords.empty() || call.items.empty()) {
    sink_.report(DiagId::err_py_kfp_rejects, call.span, {"dsl.OneOf takes task outputs as positional arguments"});
    return Value::opaque("", call.span, true);
  }
  std::vector<ChanP> chans;
  for (const auto& i : call.items) {
    Value v = eval(*i, locals, rec);
    if (report_opaque(v, i->span, "an argument of dsl.OneOf")) return Value::opaque("", call.span, true);
    if (v.k != Value::K::Channel || !v.chan) {
      sink_.report(DiagId::err_py_bad_value, i->span, {"dsl.OneOf takes task outputs"});
      return Value::opaque("", call.span, true);
    }
    if (v.chan->k == Chan::K::Collected) {
      sink_.report(DiagId::err_py_kfp_rejects, i->span, {"ValueError: dsl.Collected cannot be used inside of dsl.OneOf."});
      return Value::opaque("", call.span, true);
    }
    if (!v.chan->oneof.empty()) {
      sink_.report(DiagId::err_py_kfp_rejects, i->span,
                   {"ValueError: dsl.OneOf cannot be used inside of another dsl.OneOf."});
      return Value::opaque("", call.span, true);
    }
    chans.push_back(v.chan);
  }
  // The condition-branches group: the first producer's group's parent.
  int producer = -1;
  for (size_t t = 0; t < rec->tasks.size(); ++t)
    if (rec->tasks[t].name == chans[0]->task) producer = static_cast<int>(t);
  int cb = producer >= 0 ? rec->groups[static_cast<size_t>(rec->tasks[static_cast<size_t>(producer)].group)].parent : -1;
  if (cb < 0 || !rec->groups[static_cast<size_t>(cb)].branches) {
    sink_.report(DiagId::err_py_kfp_rejects, call.items[0]->span,
                 {"dsl.OneOf takes outputs of tasks in the branches of one dsl.If / dsl.Elif / dsl.Else chain"});
    return Value::opaque("", call.span, true);
  }
  PGroup& g = rec->groups[static_cast<size_t>(cb)];
  bool artifact = chans[0]->is_artifact();
  for (const auto& c : chans)
    if (c->is_artifact() != artifact) {
      sink_.report(DiagId::err_py_kfp_rejects, call.span,
                   {"TypeError: Task outputs passed to dsl.OneOf must be the same type. Found a mix of parameters and "
                    "artifacts passed to dsl.OneOf."});
      return Value::opaque("", call.span, true);
    }
  int last = -1;
  for (const auto& [is_group, i] : g.order)
    if (is_group) last = i;
  if (last < 0 || rec->groups[static_cast<size_t>(last)].cond_class != "Else") {
    sink_.report(DiagId::err_py_kfp_rejects, call.span,
                 {"ValueError: dsl.OneOf must include an output from a task in a dsl.Else group to ensure at least one "
                  "output is available at runtime."});
    return Value::opaque("", call.span, true);
  }
  for (size_t i = 1; i < chans.size(); ++i) {
    bool same = artifact ? chans[i]->type.schema_title == chans[0]->type.schema_title &&
                               chans[i]->type.is_list == chans[0]->type.is_list
                         : chans[i]->type.param == chans[0]->type.param;
    if (!same) {
      sink_.report(DiagId::err_py_kfp_rejects, call.items[i]->span,
                   {"TypeError: Task outputs passed to dsl.OneOf must be the same type. Got two channels with different "
                    "types: " + chans[0]->type.display() + " at index 0 and " + chans[i]->type.display() +
                    " at index " + std::to_string(i) + "."});
      return Value::opaque("", call.span, true);
    }
  }
  auto o = std::make_shared<Chan>();
  o->k = artifact ? Chan::K::Artifact : Chan::K::Param;
  o->name = channel_input_name(g.name + "-oneof-" + std::to_string(++g.oneof_id));
  o->task = g.name;
  o->type = chans[0]->type;
  o->type_text = chans[0]->type_text;
  o->oneof = chans;
  Value out;
  out.k = Value::K::Channel;
  out.chan = o;
  out.type = o->type;
  out.span = call.span;
  out.src.kind = ArgumentSource::Kind::TaskOutput;
  out.src.task = o->task;
  out.src.output = o->name;
  return out;
}

bool Evaluator::channel_argument(const Value& v, Json* out, std::vector<ChanP>* chans, Recorded* rec) {
  auto from_string = [&](const std::string& s) {
    // extract_pipeline_channels_from_string: fresh plain channels per pattern.
    pat::ChannelMatch m;
    for (size_t from = 0; pat::find_channel_placeholder(s, from, pat::ChannelTypeChars::KfpTypeChars, &m); from = m.end) {
      auto it = rec ? rec->patterns.find(s.substr(m.begin, m.end - m.begin)) : decltype(rec->patterns.end()){};
      auto c = std::make_shared<Chan>();
      c->task = std::string(m.task);
      c->name = std::string(m.name);
      c->type_text = std::string(m.type);
      if (rec && it != rec->patterns.end()) {
        c->type = it->second->type;
        c->type.is_list = false;
        c->k = c->type.is_artifact ? Chan::K::Artifact : Chan::K::Param;
      }
      bool dup = false;
      for (const auto& h : *chans) dup = dup || h->pattern() == c->pattern();
      if (!dup) chans->push_back(c);
    }
  };
  switch (v.k) {
    case Value::K::Const: {
      std::function<void(const Json&)> walk = [&](const Json& j) {
        if (j.is_string()) from_string(j.get<std::string>());
        else if (j.is_array())
          for (const auto& x : j) walk(x);
        else if (j.is_object())
          for (auto it = j.begin(); it != j.end(); ++it) {
            from_string(it.key());
            walk(it.value());
          }
      };
      walk(v.c);
      *out = v.c;
      return true;
    }
    case Value::K::Channel:
      if (!v.chan) return false;
      chans->push_back(v.chan);
      *out = v.chan->pattern();  // recursive_replace_placeholders: str(channel)
      return true;
    case Value::K::List:
    case Value::K::Tuple: {
      Json a = Json::array();
      for (const auto& i : v.items) {
        Json j;
        if (!channel_argument(i, &j, chans, rec)) return false;
        a.push_back(j);
      }
      *out = a;
      return true;
    }
    case Value::K::Dict: {
      Json o = Json::object();
      for (size_t i = 0; i < v.items.size(); ++i) {
        Json k, x;
        if (!channel_argument(v.items[i], &k, chans, rec) || !k.is_string()) return false;
        if (!channel_argument(v.values[i], &x, chans, rec)) return false;
        o[k.get<std::string>()] = x;
      }
      *out = o;
      return true;
    }
    default: return false;
  }
}

}  // namespace kfp::py
