// The module's top level, as Python runs it on import: imports bind module
// names, assignments bind values (component loads among them), decorated
// functions become pipelines and components. Control flow at the top level is
// not followed: names it assigns become Opaque (see taint_assigned).
#include <algorithm>

#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"

namespace kfp::py {
namespace {

bool is_main_guard(const Expr& test) {
  if (test.kind != ExprKind::Compare || test.ops.size() != 1 || test.ops[0] != "==") return false;
  const Expr& a = *test.items[0];
  const Expr& b = *test.items[1];
  auto is_name = [](const Expr& e) { return e.kind == ExprKind::Name && e.name == "__name__"; };
  auto is_main = [](const Expr& e) { return e.kind == ExprKind::Const && e.ck == ConstKind::Str && e.s == "__main__"; };
  return (is_name(a) && is_main(b)) || (is_main(a) && is_name(b));
}

void collect_assigned(const Expr& t, std::vector<std::pair<std::string, Span>>& out) {
  if (t.kind == ExprKind::Name) out.emplace_back(t.name, t.span);
  if (t.kind == ExprKind::Tuple || t.kind == ExprKind::List)
    for (const auto& i : t.items) collect_assigned(*i, out);
  if (t.kind == ExprKind::Starred && t.value) collect_assigned(*t.value, out);
}

}  // namespace

void Evaluator::run_module(const Module& m) {
  // __file__: the path the file was opened as (what os.path.basename(__file__) names).
  bind("__file__", Value::constant(Json(ws_.file(file_).path), Span{}));
  for (const auto& sp : m.body) module_stmt(*sp);
}

void Evaluator::module_stmt(const Stmt& s) {
  {
    switch (s.kind) {
      case StmtKind::Import:
      case StmtKind::ImportFrom:
        import_stmt(s);
        break;
      case StmtKind::Assign:
      case StmtKind::AnnAssign:
        module_assign(s);
        break;
      case StmtKind::AugAssign: {
        std::vector<std::pair<std::string, Span>> names;
        collect_assigned(*s.targets[0], names);
        for (auto& [n, sp2] : names) {
          Value v = Value::opaque("'" + n + "' is changed by an augmented assignment ('" + s.op + "')", sp2);
          v.def_span = s.span;
          bind(n, v);
        }
        break;
      }
      case StmtKind::FunctionDef:
        function_def(s);
        break;
      case StmtKind::ClassDef: {
        if (artifact_class_def(s)) break;
        Value v = Value::opaque("'" + s.name + "' is a class defined in this file", s.name_span);
        v.def_span = s.name_span;
        bind(s.name, v);
        break;
      }
      case StmtKind::If:
        if (s.test && is_main_guard(*s.test)) {
          // `if __name__ == '__main__':` runs only as a script; remember its
          // Compiler().compile(...) call, which names the pipeline to compile.
          // (or, failing that, its client.create_run_from_pipeline_func(X, ...)).
          for (const auto& b : s.body)
            if (b->kind == StmtKind::Import || b->kind == StmtKind::ImportFrom) import_stmt(*b);
          for (const auto& b : s.body) {
            const Expr* v = b->kind == StmtKind::Expr || b->kind == StmtKind::Assign ? b->value.get() : nullptr;
            if (!v || v->kind != ExprKind::Call || v->value->kind != ExprKind::Attribute) continue;
            const Expr& callee = *v->value;
            bool compile = callee.name == "compile" && callee.value->kind == ExprKind::Call &&
                           path_of(*callee.value->value, nullptr) == "kfp.compiler.Compiler";
            if (compile && (!main_compile_ || main_is_run_)) {
              main_compile_ = v;
              main_is_run_ = false;
            } else if (callee.name == "create_run_from_pipeline_func" && !main_compile_) {
              main_compile_ = v;
              main_is_run_ = true;
            }
          }
          break;
        }
        taint_assigned(s.body, "it is assigned inside an 'if' statement");
        taint_assigned(s.orelse, "it is assigned inside an 'if' statement");
        break;
      case StmtKind::For:
      case StmtKind::While:
        if (s.target) {
          std::vector<std::pair<std::string, Span>> names;
          collect_assigned(*s.target, names);
          for (auto& [n, sp2] : names) bind(n, Value::opaque("'" + n + "' is a loop variable", sp2));
        }
        taint_assigned(s.body, "it is assigned inside a loop");
        taint_assigned(s.orelse, "it is assigned inside a loop");
        break;
      case StmtKind::With:
        if (temp_dir_block(s)) break;
        for (const auto& it : s.items)
          if (it.target) {
            std::vector<std::pair<std::string, Span>> names;
            collect_assigned(*it.target, names);
            for (auto& [n, sp2] : names) bind(n, Value::opaque("'" + n + "' is bound by a 'with' statement", sp2));
          }
        taint_assigned(s.body, "it is assigned inside a 'with' statement");
        break;
      case StmtKind::Other:
        taint_assigned(s.body, "it is assigned inside " + s.what);
        taint_assigned(s.orelse, "it is assigned inside " + s.what);
        break;
      case StmtKind::Expr:
        // A bare expression at the top level (a print) does not change what a
        // pipeline compiles to -- except a compile call whose file is loaded back.
        if (s.value && s.value->kind == ExprKind::Call) compile_to_file(*s.value);
        break;
      case StmtKind::Return:
      case StmtKind::Pass:
        break;
    }
  }
}

// Names bound inside top-level control flow: we do not know whether (or how
// often) the block ran, so the names are Opaque; function definitions inside
// it likewise.
void Evaluator::taint_assigned(const std::vector<StmtP>& body, const std::string& why) {
  for (const auto& sp : body) {
    const Stmt& s = *sp;
    std::vector<std::pair<std::string, Span>> names;
    if (s.kind == StmtKind::Assign || s.kind == StmtKind::AnnAssign || s.kind == StmtKind::AugAssign)
      for (const auto& t : s.targets) collect_assigned(*t, names);
    if (s.kind == StmtKind::FunctionDef || s.kind == StmtKind::ClassDef) names.emplace_back(s.name, s.name_span);
    if (s.kind == StmtKind::Import || s.kind == StmtKind::ImportFrom) {
      // Conditional imports (try: import x except: ...) are common and harmless:
      // take the first branch's binding.
      import_stmt(s);
      continue;
    }
    for (auto& [n, sp2] : names) {
      Value v = Value::opaque("'" + n + "' is not known statically: " + why, sp2);
      v.def_span = sp2;
      bind(n, v);
    }
    taint_assigned(s.body, why);
    taint_assigned(s.orelse, why);
  }
}

void Evaluator::import_stmt(const Stmt& s) {
  if (s.kind == StmtKind::Import) {
    for (const auto& a : s.names) {
      if (a.name == "kfp.v2" || a.name.rfind("kfp.v2.", 0) == 0)
        sink_.report(DiagId::warn_py_deprecated, a.span, {"kfp.v2", "import directly from the kfp namespace"});
      if (!a.asname.empty()) {
        bind(a.asname, Value::module(canonical_module(a.name), a.span));
      } else {
        std::string top = a.name.substr(0, a.name.find('.'));
        bind(top, Value::module(top, a.span));
      }
    }
    return;
  }
  if (s.level > 0) {
    // A relative import: another file of the user's package.
    for (const auto& a : s.names)
      bind(a.asname.empty() ? a.name : a.asname,
           Value::opaque("'" + a.name + "' comes from a relative import, which this reader does not follow", a.span));
    return;
  }
  if (s.module == "kfp.v2" || s.module.rfind("kfp.v2.", 0) == 0)
    sink_.report(DiagId::warn_py_deprecated, s.span, {"kfp.v2", "import directly from the kfp namespace"});
  std::string mod = canonical_module(s.module);
  for (const auto& a : s.names) {
    if (a.name == "*") {
      for (const std::string& n : star_exports(mod)) bind(n, Value::module(mod + "." + n, a.span));
      continue;
    }
    bind(a.asname.empty() ? a.name : a.asname, Value::module(canonical_module(mod + "." + a.name), a.span));
  }
}

void Evaluator::module_assign(const Stmt& s) {
  if (!s.value) return;  // `x: int` alone binds nothing
  Value v = eval(*s.value, nullptr, nullptr);
  for (const auto& t : s.targets) {
    if (t->kind == ExprKind::Name) {
      Value b = v;
      if (b.k == Value::K::Opaque && !b.def_span.valid()) b.def_span = t->span;
      bind(t->name, b);
      if (b.k == Value::K::Component && b.comp && !b.comp->fn) {
        // A loaded component bound to a name: a candidate for --function.
        bool known = false;
        for (const auto& [n, d] : defs_) known = known || d == b.comp;
        if (!known) defs_.emplace_back(t->name, b.comp);
      }
      continue;
    }
    std::vector<std::pair<std::string, Span>> names;
    collect_assigned(*t, names);
    for (auto& [n, sp2] : names) {
      Value o = Value::opaque("'" + n + "' is assigned by unpacking, which this reader does not follow", sp2);
      o.def_span = sp2;
      bind(n, o);
    }
  }
}

void Evaluator::function_def(const Stmt& s) {
  if (s.decorators.empty()) {
    Value v;
    v.k = Value::K::Function;
    v.fn = &s;
    v.span = s.name_span;
    bind(s.name, v);
    return;
  }
  // Decorators apply bottom-up; KFP's are used alone in practice, so we
  // follow exactly one KFP decorator and refuse stacks we cannot follow.
  if (s.decorators.size() > 1) {
    sink_.report(DiagId::err_py_unsupported, s.decorators[1]->span, {"more than one decorator on a function"});
    bind(s.name, Value::opaque("'" + s.name + "' has several decorators", s.name_span, true));
    return;
  }
  const Expr& d = *s.decorators[0];
  const Expr& callee = d.kind == ExprKind::Call ? *d.value : d;
  std::string path = path_of(callee, nullptr);
  if (path == "kfp.dsl.pipeline") {
    auto def = std::make_shared<CompDef>();
    def->kind = CompDef::Kind::Pipeline;
    def->fn = &s;
    def->span = s.name_span;
    if (d.kind == ExprKind::Call) {
      if (!d.items.empty()) sink_.report(DiagId::err_py_kfp_rejects, d.items[0]->span,
                                         {"TypeError: pipeline() takes 0 positional arguments but " +
                                          std::to_string(d.items.size() + 1) + " were given"});
      for (const auto& k : d.keywords) {
        Value v = eval(*k.value, nullptr, nullptr);
        auto str_opt = [&](std::optional<std::string>& slot) {
          if (v.k == Value::K::Const && v.c.is_null()) return;
          if (v.k == Value::K::Const && v.c.is_string()) {
            slot = v.c.get<std::string>();
            return;
          }
          if (!report_opaque(v, k.value->span, "the pipeline's " + k.name))
            sink_.report(DiagId::err_py_bad_value, k.value->span, {"@dsl.pipeline(" + k.name + "=...) must be a string"});
        };
        if (k.name == "name") str_opt(def->pipeline_name);
        else if (k.name == "description") str_opt(def->description);
        else if (k.name == "display_name") str_opt(def->display_name);
        else if (k.name == "pipeline_root") str_opt(def->pipeline_root);
        else if (k.name == "pipeline_config") {
          if (v.k == Value::K::Const && v.path == "kfp.dsl.PipelineConfig") def->pipeline_config = v.c;
          else if (!(v.k == Value::K::Const && v.c.is_null()) &&
                   !report_opaque(v, k.value->span, "the pipeline's pipeline_config"))
            sink_.report(DiagId::err_py_bad_value, k.value->span,
                         {"@dsl.pipeline(pipeline_config=...) takes a dsl.PipelineConfig(...)"});
        } else {
          sink_.report(DiagId::err_py_unexpected_arg, k.name_span.valid() ? k.name_span : k.span, {"pipeline", k.name});
        }
      }
    }
    Value v;
    v.k = Value::K::Component;
    v.comp = def;
    v.span = s.name_span;
    bind(s.name, v);
    defs_.emplace_back(s.name, def);
    return;
  }
  if (path == "kfp.dsl.component" || path == "kfp.dsl.container_component") {
    auto def = python_component(s, d.kind == ExprKind::Call ? &d : nullptr, path == "kfp.dsl.container_component");
    if (!def) {
      bind(s.name, Value::opaque("the component '" + s.name + "' could not be read", s.name_span, true));
      return;
    }
    Value v;
    v.k = Value::K::Component;
    v.comp = def;
    v.span = s.name_span;
    bind(s.name, v);
    defs_.emplace_back(s.name, def);
    return;
  }
  if (std::string hint = v1_only_hint(path); !hint.empty()) {
    sink_.report(DiagId::err_py_v1_only, callee.span, {path_display(path), hint});
    bind(s.name, Value::opaque("'" + s.name + "' uses a KFP v1 decorator", s.name_span, true));
    return;
  }
  Value v = Value::opaque("'" + s.name + "' is decorated with '" + (path.empty() ? "?" : path) +
                              "', which this reader does not know",
                          s.name_span);
  v.def_span = d.span;
  bind(s.name, v);
}

}  // namespace kfp::py
