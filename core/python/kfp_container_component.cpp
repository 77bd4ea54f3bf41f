// The body of a @dsl.container_component function. KFP calls the function
// once, at decoration, with a placeholder for each parameter
// (make_input_for_parameterized_container_component_function) and keeps the
// ContainerSpec it returns (create_container_component_from_func). We run the
// same body statically: parameters are placeholders, artifact parameters
// give placeholders through .path / .uri / .metadata, f-strings over
// placeholders become text with the placeholder inside, ConcatPlaceholder and
// IfPresentPlaceholder build their JSON forms. Anything else in the body is a
// diagnostic.
#include <map>

#include "core/python/kfp_component.h"
#include "core/python/kfp_executor.h"
#include "core/python/kfp_names.h"
#include "core/read/ir_placeholders.h"
#include "core/util/py_json_quote.h"

namespace kfp::py {
namespace {

struct CVal {
  enum class K { Elem, List, Artifact, Spec, Null, Bad };
  K k = K::Bad;
  Arg arg;                  // Elem
  std::vector<CVal> items;  // List
  std::string name;         // Artifact: the parameter
  bool output = false;      // Artifact: Output[...]
  bool is_list = false;     // Elem: an IfPresent whose Then or Else is a list
  Container spec;           // Spec
  Span span;
};

CVal bad() { return CVal{}; }

CVal elem(Arg a, Span s) {
  CVal v;
  v.k = CVal::K::Elem;
  a.span = s;
  v.arg = std::move(a);
  v.span = s;
  return v;
}

Arg literal(std::string text) {
  Arg a;
  a.kind = Arg::Kind::Literal;
  a.text = std::move(text);
  return a;
}

Arg placeholder(Arg::Kind k, const std::string& name) {
  Arg a;
  a.kind = k;
  a.text = name;
  return a;
}

class BodyEval {
 public:
  BodyEval(Evaluator& ev, const std::map<std::string, ParamRole>& roles, const Component& comp)
      : ev_(ev), roles_(roles), comp_(comp) {}

  bool run(const Stmt& fn, Container* out) {
    for (const auto& sp : fn.body) {
      const Stmt& s = *sp;
      switch (s.kind) {
        case StmtKind::Pass:
          break;
        case StmtKind::Expr:
          if (s.value->kind == ExprKind::Const) break;  // the docstring
          ev_.sink().report(DiagId::err_py_unsupported, s.span, {"a statement other than assignments and `return "
                                                                 "dsl.ContainerSpec(...)` in a container component"});
          return false;
        case StmtKind::Assign: {
          CVal v = eval(*s.value);
          if (v.k == CVal::K::Bad) return false;
          for (const auto& t : s.targets) {
            if (t->kind != ExprKind::Name) {
              ev_.sink().report(DiagId::err_py_unsupported, t->span,
                                {"assigning to anything but a plain name in a container component"});
              return false;
            }
            locals_[t->name] = v;
          }
          break;
        }
        case StmtKind::Return: {
          if (!s.value) break;
          CVal v = eval(*s.value);
          if (v.k == CVal::K::Bad) return false;
          if (v.k != CVal::K::Spec) {
            ev_.sink().report(DiagId::err_py_bad_value, s.value->span,
                              {"a container component must return dsl.ContainerSpec(image=..., command=..., args=...)"});
            return false;
          }
          *out = std::move(v.spec);
          return true;
        }
        default:
          ev_.sink().report(DiagId::err_py_unsupported, s.span,
                            {"this statement in a container component (only assignments and `return "
                             "dsl.ContainerSpec(...)` are followed)"});
          return false;
      }
    }
    ev_.sink().report(DiagId::err_py_kfp_rejects, fn.name_span,
                      {"a container component must return dsl.ContainerSpec(...); this one returns None"});
    return false;
  }

 private:
  CVal fail(Span at, const std::string& msg, DiagId id = DiagId::err_py_bad_value) {
    ev_.sink().report(id, at, {msg});
    return bad();
  }

  CVal eval(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Const:
        if (e.ck == ConstKind::Str) return elem(literal(e.s), e.span);
        if (e.ck == ConstKind::None) {
          CVal v;
          v.k = CVal::K::Null;
          v.span = e.span;
          return v;
        }
        return fail(e.span, "a command-line item must be a string or a placeholder (KFP writes strings only)");
      case ExprKind::Name: {
        if (auto it = locals_.find(e.name); it != locals_.end()) return it->second;
        if (auto it = roles_.find(e.name); it != roles_.end()) return param(e.name, it->second, e.span);
        return global(e);
      }
      case ExprKind::Attribute: {
        if (e.value->kind == ExprKind::Name && !locals_.count(e.value->name) && roles_.count(e.value->name)) {
          CVal base = eval(*e.value);
          if (base.k == CVal::K::Bad) return base;
          if (base.k != CVal::K::Artifact)
            return fail(e.name_span, "AttributeError: a parameter placeholder has no attribute '" + e.name + "'",
                        DiagId::err_py_kfp_rejects);
          Arg::Kind k;
          if (e.name == "path") k = base.output ? Arg::Kind::OutputPath : Arg::Kind::InputPath;
          else if (e.name == "uri") k = base.output ? Arg::Kind::OutputUri : Arg::Kind::InputUri;
          else if (e.name == "metadata") k = base.output ? Arg::Kind::OutputMetadata : Arg::Kind::InputMetadata;
          else
            return fail(e.name_span, "AttributeError: Cannot access artifact attribute \"" + e.name + "\".",
                        DiagId::err_py_kfp_rejects);
          return elem(placeholder(k, base.name), e.span);
        }
        return global(e);
      }
      case ExprKind::FString:
        return fstring(e);
      case ExprKind::List:
      case ExprKind::Tuple: {
        CVal v;
        v.k = CVal::K::List;
        v.span = e.span;
        for (const auto& i : e.items) {
          CVal x = eval(*i);
          if (x.k == CVal::K::Bad) return x;
          v.items.push_back(std::move(x));
        }
        return v;
      }
      case ExprKind::Call:
        return call(e);
      default:
        return global(e);
    }
  }

  CVal param(const std::string& name, ParamRole r, Span at) {
    switch (r) {
      case ParamRole::InputValue: return elem(placeholder(Arg::Kind::InputValue, name), at);
      case ParamRole::OutputParameter: {
        Arg a = placeholder(Arg::Kind::OutputPath, name);
        a.output_parameter = true;
        return elem(a, at);
      }
      case ParamRole::InputArtifact:
      case ParamRole::OutputArtifact: {
        CVal v;
        v.k = CVal::K::Artifact;
        v.name = name;
        v.output = r == ParamRole::OutputArtifact;
        v.span = at;
        return v;
      }
      case ParamRole::ListArtifact:
        // InputListOfArtifactsPlaceholder: a text the backend fills in.
        return elem(literal("{{$.inputs.artifacts['" + name + "']}}"), at);
    }
    return bad();
  }

  // A name or expression from outside the function: a module constant.
  CVal global(const Expr& e) {
    Value v = ev_.eval(e, nullptr, nullptr);
    if (v.k == Value::K::Module) {
      std::string c = dsl_placeholder_constant(v.path);
      if (!c.empty()) return elem(literal(c), e.span);
    }
    if (ev_.report_opaque(v, e.span, "this value in a container component")) return bad();
    if (v.k == Value::K::Const && v.c.is_string()) return elem(literal(v.c.get<std::string>()), e.span);
    if (v.k == Value::K::Const && v.c.is_array()) {
      CVal l;
      l.k = CVal::K::List;
      l.span = e.span;
      for (const auto& i : v.c) {
        if (!i.is_string()) return fail(e.span, "a command-line item must be a string or a placeholder");
        l.items.push_back(elem(literal(i.get<std::string>()), e.span));
      }
      return l;
    }
    return fail(e.span, "a command-line item must be a string or a placeholder (KFP writes strings only)");
  }

  // str(placeholder) inside an f-string.
  CVal fstring(const Expr& e) {
    Arg t;
    t.kind = Arg::Kind::Template;
    std::string text;
    auto flush = [&] {
      if (!text.empty()) t.items.push_back(literal(text));
      text.clear();
    };
    for (const auto& p : e.parts) {
      if (!p.is_expr) {
        text += p.text;
        continue;
      }
      if (!p.conversion.empty() || !p.format_spec.empty())
        return fail(p.span, "a conversion or format spec in an f-string field", DiagId::err_py_unsupported);
      CVal v = eval(*p.expr);
      if (v.k == CVal::K::Bad) return v;
      if (v.k == CVal::K::Artifact)
        return fail(p.span,
                    "ValueError: Cannot access artifact by itself in the container definition. Please use .uri or "
                    ".path instead to access the artifact.",
                    DiagId::err_py_kfp_rejects);
      if (v.k != CVal::K::Elem) return fail(p.span, "this f-string field is not a string or a placeholder");
      if (v.arg.kind == Arg::Kind::Concat || v.arg.kind == Arg::Kind::IfPresent)
        return fail(p.span,
                    std::string("ValueError: Cannot use ") +
                        (v.arg.kind == Arg::Kind::Concat ? "ConcatPlaceholder" : "IfPresentPlaceholder") +
                        " in an f-string.",
                    DiagId::err_py_kfp_rejects);
      if (v.arg.kind == Arg::Kind::Literal) {
        text += v.arg.text;
      } else if (v.arg.kind == Arg::Kind::Template) {
        for (auto& i : v.arg.items) {
          if (i.kind == Arg::Kind::Literal) {
            text += i.text;
          } else {
            flush();
            t.items.push_back(i);
          }
        }
      } else {
        flush();
        t.items.push_back(v.arg);
      }
    }
    flush();
    if (t.items.empty()) return elem(literal(""), e.span);
    if (t.items.size() == 1) return elem(t.items[0], e.span);
    return elem(t, e.span);
  }

  // Binds a call's arguments to `params` (positional then keyword).
  bool bind(const Expr& e, const std::string& fname, const std::vector<std::string>& params, size_t required,
            std::map<std::string, const Expr*>* out) {
    if (e.items.size() > params.size()) {
      ev_.sink().report(DiagId::err_py_kfp_rejects, e.items[params.size()]->span,
                        {"TypeError: " + fname + "() takes " + std::to_string(params.size()) + " arguments"});
      return false;
    }
    for (size_t i = 0; i < e.items.size(); ++i) (*out)[params[i]] = e.items[i].get();
    for (const auto& k : e.keywords) {
      bool known = false;
      for (const auto& p : params) known = known || p == k.name;
      if (!known || out->count(k.name)) {
        ev_.sink().report(DiagId::err_py_kfp_rejects, k.name_span.valid() ? k.name_span : k.span,
                          {"TypeError: " + fname + "() got " +
                           (known ? "multiple values for argument '" : "an unexpected keyword argument '") + k.name +
                           "'"});
        return false;
      }
      (*out)[k.name] = k.value.get();
    }
    for (size_t i = 0; i < required; ++i)
      if (!out->count(params[i])) {
        ev_.sink().report(DiagId::err_py_kfp_rejects, e.span,
                          {"TypeError: " + fname + "() missing 1 required argument: '" + params[i] + "'"});
        return false;
      }
    return true;
  }

  // A command-line list (None or a list of elements).
  bool elems(const CVal& v, std::vector<Arg>* out, Span at) {
    if (v.k == CVal::K::Null) return true;
    if (v.k != CVal::K::List) {
      ev_.sink().report(DiagId::err_py_bad_value, at, {"expected a list of strings and placeholders"});
      return false;
    }
    for (const auto& i : v.items) {
      if (i.k == CVal::K::Artifact) {
        ev_.sink().report(DiagId::err_py_kfp_rejects, i.span,
                          {"ValueError: Cannot access artifact by itself in the container definition. Please use "
                           ".uri or .path instead to access the artifact."});
        return false;
      }
      if (i.k != CVal::K::Elem) {
        ev_.sink().report(DiagId::err_py_bad_value, i.span, {"a command-line item must be a string or a placeholder"});
        return false;
      }
      out->push_back(i.arg);
    }
    return true;
  }

  // Then/Else of an IfPresentPlaceholder: one element or a list.
  bool branch(const CVal& v, std::vector<Arg>* out, bool* is_list, Span at) {
    *is_list = v.k == CVal::K::List;
    if (v.k == CVal::K::List) return elems(v, out, at);
    CVal l;
    l.k = CVal::K::List;
    l.items.push_back(v);
    return elems(l, out, at);
  }

  CVal call(const Expr& e) {
    std::string p = ev_.path_of(*e.value, nullptr);
    if (p == "kfp.dsl.ContainerSpec") {
      std::map<std::string, const Expr*> a;
      if (!bind(e, "ContainerSpec", {"image", "command", "args"}, 1, &a)) return bad();
      CVal out;
      out.k = CVal::K::Spec;
      out.span = e.span;
      CVal img = eval(*a["image"]);
      if (img.k == CVal::K::Bad) return img;
      if (img.k != CVal::K::Elem || img.arg.kind != Arg::Kind::Literal)
        return fail(a["image"]->span, "the image of a container component must be a string");
      out.spec.image = Located<std::string>{img.arg.text, a["image"]->span};
      for (const char* field : {"command", "args"}) {
        auto it = a.find(field);
        if (it == a.end()) continue;
        CVal l = eval(*it->second);
        if (l.k == CVal::K::Bad) return l;
        std::vector<Arg>& dst = std::string(field) == "command" ? out.spec.command : out.spec.args;
        if (!elems(l, &dst, it->second->span)) return bad();
      }
      out.spec.has_command = !out.spec.command.empty();
      out.spec.has_args = !out.spec.args.empty();
      out.spec.span = e.span;
      return out;
    }
    if (p == "kfp.dsl.ConcatPlaceholder") {
      std::map<std::string, const Expr*> a;
      if (!bind(e, "ConcatPlaceholder", {"items"}, 1, &a)) return bad();
      CVal l = eval(*a["items"]);
      if (l.k == CVal::K::Bad) return l;
      Arg c;
      c.kind = Arg::Kind::Concat;
      if (!elems(l, &c.items, a["items"]->span)) return bad();
      // Inside a Concat, an IfPresent's Then/Else must be single elements.
      if (l.k == CVal::K::List)
        for (const auto& i : l.items)
          if (i.is_list)
            return fail(i.span, "ValueError: Cannot use IfPresentPlaceholder within ConcatPlaceholder when `then` and "
                                "`else_` arguments to IfPresentPlaceholder are lists. Please use a single element for "
                                "`then` and `else_` only.", DiagId::err_py_kfp_rejects);
      return elem(c, e.span);
    }
    if (p == "kfp.dsl.IfPresentPlaceholder") {
      std::map<std::string, const Expr*> a;
      if (!bind(e, "IfPresentPlaceholder", {"input_name", "then", "else_"}, 2, &a)) return bad();
      Value n = ev_.eval(*a["input_name"], nullptr, nullptr);
      if (ev_.report_opaque(n, a["input_name"]->span, "the input_name of IfPresentPlaceholder")) return bad();
      if (n.k != Value::K::Const || !n.c.is_string())
        return fail(a["input_name"]->span, "IfPresentPlaceholder(input_name=...) must be a string");
      std::string name = n.c.get<std::string>();
      if (!comp_.input(name))
        return fail(a["input_name"]->span,
                    "ValueError: Argument \"IfPresentPlaceholder(input_name='" + name +
                        "')\" references nonexistant input.",
                    DiagId::err_py_kfp_rejects);
      Arg x;
      x.kind = Arg::Kind::IfPresent;
      x.text = name;
      bool then_list = false, else_list = false;
      CVal t = eval(*a["then"]);
      if (t.k == CVal::K::Bad || !branch(t, &x.then_items, &then_list, a["then"]->span)) return bad();
      if (a.count("else_")) {
        CVal el = eval(*a["else_"]);
        if (el.k == CVal::K::Bad) return el;
        if (el.k != CVal::K::Null && !(el.k == CVal::K::List && el.items.empty())) {
          if (!branch(el, &x.else_items, &else_list, a["else_"]->span)) return bad();
          x.has_else = true;
        }
      }
      // The printer writes Then/Else as lists outside a Concat and as single
      // elements inside one; KFP writes them as given. Keep KFP's text for a
      // single element outside a Concat (inside one the printer agrees).
      if (!then_list || (x.has_else && !else_list)) x.ir_text = scalar_text(x, then_list, else_list);
      CVal out = elem(x, e.span);
      out.is_list = then_list || else_list;
      return out;
    }
    if (p == "textwrap.dedent" && e.items.size() == 1 && e.keywords.empty()) {
      // A script passed inline (`python -c textwrap.dedent('''...''')`).
      Value v = ev_.eval(*e.items[0], nullptr, nullptr);
      if (ev_.report_opaque(v, e.items[0]->span, "the text given to textwrap.dedent")) return bad();
      if (v.k == Value::K::Const && v.c.is_string()) return elem(literal(py_dedent(v.c.get<std::string>())), e.span);
    }
    return global(e);
  }

  // KFP's json.dumps of an IfPresent whose Then/Else are written as given.
  std::string scalar_text(const Arg& x, bool then_list, bool else_list) {
    auto one = [&](const Arg& a) {
      if (a.kind == Arg::Kind::Concat || a.kind == Arg::Kind::IfPresent) return ir_placeholder_canonical(a, &comp_);
      return py_json_quote(ir_placeholder_canonical(a, &comp_));
    };
    auto part = [&](const std::vector<Arg>& v, bool as_list) {
      if (!as_list && v.size() == 1) return one(v[0]);
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + one(v[i]);
      return out + "]";
    };
    std::string s = "{\"IfPresent\": {\"InputName\": " + py_json_quote(x.text) + ", \"Then\": " +
                    part(x.then_items, then_list);
    if (x.has_else) s += ", \"Else\": " + part(x.else_items, else_list);
    return s + "}}";
  }

  Evaluator& ev_;
  const std::map<std::string, ParamRole>& roles_;
  const Component& comp_;
  std::map<std::string, CVal> locals_;
};

}  // namespace

bool container_component_spec(Evaluator& ev, const Stmt& fn, const std::map<std::string, ParamRole>& roles,
                              Component& comp) {
  BodyEval b(ev, roles, comp);
  Container k;
  if (!b.run(fn, &k)) return false;
  comp.container = std::move(k);
  return true;
}

}  // namespace kfp::py
