// Expressions: literals fold to JSON constants, names resolve through the
// pipeline function's locals then the module's globals, attribute access on
// modules builds KFP paths, and calls dispatch to what KFP would run.
#include <cmath>
#include <cstdio>

#include "core/python/kfp_component.h"
#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"

namespace kfp::py {
namespace {

bool is_builtin_type(const std::string& n) {
  return n == "int" || n == "float" || n == "str" || n == "bool" || n == "list" || n == "dict";
}

std::string py_float(double d) {
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  if (std::isnan(d)) return "nan";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string python_repr(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "None";
    case Json::value_t::boolean: return j.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return j.dump();
    case Json::value_t::number_float: return py_float(j.get<double>());
    case Json::value_t::string: {
      const std::string& s = j.get_ref<const std::string&>();
      char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
      std::string out(1, q);
      for (char c : s) {
        if (c == q || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
      }
      return out + q;
    }
    case Json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + python_repr(j[i]);
      return out + "]";
    }
    case Json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        out += (first ? "" : ", ") + python_repr(Json(it.key())) + ": " + python_repr(it.value());
        first = false;
      }
      return out + "}";
    }
    default: return j.dump();
  }
}

Json const_json(const Expr& e, bool* ok) {
  switch (e.kind) {
    case ExprKind::Const:
      switch (e.ck) {
        case ConstKind::None: return Json();
        case ConstKind::Bool: return Json(e.b);
        case ConstKind::Int: return e.int_overflow ? Json(e.f) : Json(e.i);
        case ConstKind::Float: return Json(e.f);
        case ConstKind::Str: return Json(e.s);
        default: *ok = false; return Json();
      }
    case ExprKind::UnaryOp:
      if ((e.name == "-" || e.name == "+") && e.value && e.value->kind == ExprKind::Const) {
        Json v = const_json(*e.value, ok);
        if (v.is_number_integer()) return e.name == "-" ? Json(-v.get<int64_t>()) : v;
        if (v.is_number_float()) return e.name == "-" ? Json(-v.get<double>()) : v;
      }
      *ok = false;
      return Json();
    case ExprKind::List:
    case ExprKind::Tuple: {
      Json a = Json::array();
      for (const auto& i : e.items) a.push_back(const_json(*i, ok));
      return a;
    }
    case ExprKind::Dict: {
      Json o = Json::object();
      for (size_t i = 0; i < e.items.size(); ++i) {
        if (!e.items[i]) {
          *ok = false;
          continue;
        }
        Json k = const_json(*e.items[i], ok);
        if (!k.is_string()) {
          *ok = false;
          continue;
        }
        o[k.get<std::string>()] = const_json(*e.values[i], ok);
      }
      return o;
    }
    default:
      *ok = false;
      return Json();
  }
}

Value Evaluator::lookup(const std::string& name, Span at, const std::map<std::string, Value>* locals) {
  if (locals) {
    auto it = locals->find(name);
    if (it != locals->end()) return it->second;
  }
  auto it = globals_.find(name);
  if (it != globals_.end()) return it->second;
  if (is_builtin_type(name) || name == "len" || name == "range" || name == "print" || name == "type" ||
      name == "isinstance" || name == "Exception" || name == "ValueError")
    return Value::module("builtins." + name, at);
  sink_.report(DiagId::err_py_undefined, at, {name});
  return Value::opaque("name '" + name + "' is not defined", at, true);
}

std::string Evaluator::path_of(const Expr& e, const std::map<std::string, Value>* locals) {
  if (e.kind == ExprKind::Name) {
    Value v;
    if (locals && locals->count(e.name)) v = locals->at(e.name);
    else if (globals_.count(e.name)) v = globals_.at(e.name);
    else if (is_builtin_type(e.name)) return "builtins." + e.name;
    else return "";
    return v.k == Value::K::Module ? v.path : "";
  }
  if (e.kind == ExprKind::Attribute && e.value) {
    std::string base = path_of(*e.value, locals);
    return base.empty() ? "" : canonical_module(base + "." + e.name);
  }
  return "";
}

// A value we could not follow, used where it matters: one diagnostic at the
// use, with a note at the definition. Returns true when `v` was Opaque.
bool Evaluator::report_opaque(const Value& v, Span use, const std::string& what) {
  if (v.k != Value::K::Opaque) return false;
  if (v.reported) return true;
  Diagnostic& d = sink_.report(DiagId::err_py_dynamic, use, {what + ": " + v.why});
  if (v.def_span.valid() && (v.def_span.begin.offset != use.begin.offset))
    d.note(DiagId::note_py_defined_here, v.def_span, {"it"});
  return true;
}

Value Evaluator::eval(const Expr& e, const std::map<std::string, Value>* locals, Recorded* rec) {
  switch (e.kind) {
    case ExprKind::Const: {
      bool ok = true;
      Json j = const_json(e, &ok);
      if (!ok) {
        std::string what = e.ck == ConstKind::Bytes ? "a bytes literal" : e.ck == ConstKind::Complex ? "a complex number" : "'...'";
        return Value::opaque(what + " is not a value KFP can pass", e.span);
      }
      return Value::constant(std::move(j), e.span);
    }
    case ExprKind::Name: {
      Value v = lookup(e.name, e.span, locals);
      if (v.k != Value::K::Opaque) v.span = e.span;
      // `from kfp.dsl import PIPELINE_JOB_NAME_PLACEHOLDER`: a string constant.
      if (v.k == Value::K::Module)
        if (std::string c = dsl_placeholder_constant(v.path); !c.empty()) return Value::constant(Json(c), e.span);
      return v;
    }
    case ExprKind::UnaryOp: {
      Value v = eval(*e.value, locals, rec);
      if (v.k == Value::K::Const) {
        if (e.name == "not") return Value::constant(Json(v.c.is_null() || v.c == false || v.c == 0 || v.c == "" ||
                                                         (v.c.is_structured() && v.c.empty())),
                                                    e.span);
        if (e.name == "-" && v.c.is_number_integer()) return Value::constant(Json(-v.c.get<int64_t>()), e.span);
        if (e.name == "-" && v.c.is_number_float()) return Value::constant(Json(-v.c.get<double>()), e.span);
        if (e.name == "+" && v.c.is_number()) return Value::constant(v.c, e.span);
      }
      if (v.k == Value::K::Opaque) return v;
      return Value::opaque("the operator '" + e.name + "' is applied to a value known only at run time", e.span);
    }
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Set: {
      Value out;
      out.k = e.kind == ExprKind::Tuple ? Value::K::Tuple : Value::K::List;
      out.span = e.span;
      bool all_const = e.kind != ExprKind::Set;
      for (const auto& i : e.items) {
        if (i->kind == ExprKind::Starred) return Value::opaque("a starred item in a literal", i->span);
        Value v = eval(*i, locals, rec);
        all_const = all_const && v.k == Value::K::Const;
        out.items.push_back(std::move(v));
      }
      if (e.kind == ExprKind::Set) return Value::opaque("a set literal is not a value KFP can pass", e.span);
      if (all_const) {
        Json a = Json::array();
        for (auto& v : out.items) a.push_back(v.c);
        return Value::constant(std::move(a), e.span);
      }
      return out;
    }
    case ExprKind::Dict: {
      Value out;
      out.k = Value::K::Dict;
      out.span = e.span;
      bool all_const = true;
      for (size_t i = 0; i < e.items.size(); ++i) {
        if (!e.items[i]) return Value::opaque("a '**' item in a dict literal", e.values[i]->span);
        Value k = eval(*e.items[i], locals, rec);
        if (k.k != Value::K::Const || !k.c.is_string()) {
          if (k.k == Value::K::Const && k.c.is_number()) {
            // json.dumps turns number keys into strings; keep as KFP would serialize.
            k.c = Json(k.c.dump());
          } else if (k.k == Value::K::Channel && k.chan) {
            all_const = false;  // a channel as a key (importer metadata; KFP keeps the channel)
          } else {
            return Value::opaque("a dict key that is not a string", e.items[i]->span);
          }
        }
        Value v = eval(*e.values[i], locals, rec);
        all_const = all_const && v.k == Value::K::Const;
        out.items.push_back(std::move(k));
        out.values.push_back(std::move(v));
      }
      if (all_const) {
        Json o = Json::object();
        for (size_t i = 0; i < out.items.size(); ++i) o[out.items[i].c.get<std::string>()] = out.values[i].c;
        return Value::constant(std::move(o), e.span);
      }
      return out;
    }
    case ExprKind::FString: {
      std::string s;
      for (const auto& p : e.parts) {
        if (!p.is_expr) {
          s += p.text;
          continue;
        }
        Value v = eval(*p.expr, locals, rec);
        if (v.k == Value::K::Const && p.conversion.empty() && p.format_spec.empty()) {
          s += v.c.is_string() ? v.c.get<std::string>() : python_repr(v.c);
          continue;
        }
        if (v.k == Value::K::Opaque) return v;
        if (v.k == Value::K::Channel && v.chan && p.conversion.empty() && p.format_spec.empty()) {
          s += v.chan->pattern();  // str(channel), replaced by a placeholder when compiled (kfp_build.cpp)
          continue;
        }
        if (v.k == Value::K::Channel)
          return Value::opaque("an f-string with a pipeline parameter or task output in it", p.span);
        return Value::opaque("an f-string field this reader cannot format", p.span);
      }
      return Value::constant(Json(s), e.span);
    }
    case ExprKind::BinOp: {
      Value a = eval(*e.items[0], locals, rec);
      Value b = eval(*e.items[1], locals, rec);
      if (a.k == Value::K::Opaque) return a;
      if (b.k == Value::K::Opaque) return b;
      if (a.k == Value::K::Const && b.k == Value::K::Const) {
        const Json &x = a.c, &y = b.c;
        if (e.name == "+" && x.is_string() && y.is_string())
          return Value::constant(Json(x.get<std::string>() + y.get<std::string>()), e.span);
        if (e.name == "+" && x.is_array() && y.is_array()) {
          Json r = x;
          for (const auto& i : y) r.push_back(i);
          return Value::constant(r, e.span);
        }
        if (x.is_number() && y.is_number() && !x.is_boolean() && !y.is_boolean()) {
          bool ints = x.is_number_integer() && y.is_number_integer();
          if (ints && (e.name == "+" || e.name == "-" || e.name == "*")) {
            int64_t p = x.get<int64_t>(), q = y.get<int64_t>();
            return Value::constant(Json(e.name == "+" ? p + q : e.name == "-" ? p - q : p * q), e.span);
          }
          double p = x.get<double>(), q = y.get<double>();
          if (e.name == "+") return Value::constant(Json(p + q), e.span);
          if (e.name == "-") return Value::constant(Json(p - q), e.span);
          if (e.name == "*") return Value::constant(Json(p * q), e.span);
          if (e.name == "/" && q != 0) return Value::constant(Json(p / q), e.span);
        }
      }
      if (e.name == "%" && a.k == Value::K::Const && a.c.is_string() &&
          (b.k == Value::K::Channel || b.k == Value::K::Tuple || b.k == Value::K::Const)) {
        // 'text %s' % channel: str(channel) is its pattern, compiled to a
        // placeholder (kfp_build.cpp). Only %s and %% are followed. A tuple
        // of constants arrives folded into one constant list.
        std::vector<Value> consts;
        if (b.k == Value::K::Const && e.items[1]->kind == ExprKind::Tuple && b.c.is_array())
          for (const auto& i : b.c) consts.push_back(Value::constant(i, b.span));
        std::vector<const Value*> args;
        if (b.k == Value::K::Tuple)
          for (const auto& i : b.items) args.push_back(&i);
        else if (!consts.empty() || (b.k == Value::K::Const && e.items[1]->kind == ExprKind::Tuple))
          for (const auto& i : consts) args.push_back(&i);
        else
          args.push_back(&b);
        const std::string f = a.c.get<std::string>();
        std::string out;
        size_t n = 0;
        for (size_t i = 0; i < f.size(); ++i) {
          if (f[i] != '%') {
            out += f[i];
            continue;
          }
          if (i + 1 < f.size() && f[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
          }
          if (i + 1 >= f.size() || f[i + 1] != 's' || n >= args.size())
            return Value::opaque("a '%' format other than %s with a pipeline parameter or task output", e.span);
          const Value& v = *args[n++];
          if (v.k == Value::K::Channel && v.chan) out += v.chan->pattern();
          else if (v.k == Value::K::Const) out += v.c.is_string() ? v.c.get<std::string>() : python_repr(v.c);
          else return Value::opaque("this '%' formatting", e.span);
          ++i;
        }
        if (n != args.size()) return Value::opaque("TypeError: not all arguments converted during string formatting", e.span);
        return Value::constant(Json(out), e.span);
      }
      if (a.k == Value::K::Channel || b.k == Value::K::Channel)
        return Value::opaque("the operator '" + e.name +
                                 "' on a pipeline parameter or task output (its value exists only at run time)",
                             e.span);
      return Value::opaque("the operator '" + e.name + "' on these operands", e.span);
    }
    case ExprKind::IfExp: {
      Value t = eval(*e.items[1], locals, rec);
      if (t.k == Value::K::Const && (t.c.is_boolean() || t.c.is_null()))
        return eval(t.c == true ? *e.items[0] : *e.items[2], locals, rec);
      if (t.k == Value::K::Opaque) return t;
      return Value::opaque("a conditional expression whose condition is known only at run time (use dsl.If)", e.span);
    }
    case ExprKind::Attribute: {
      Value base = eval(*e.value, locals, rec);
      if (base.k == Value::K::Module) {
        Value v = Value::module(canonical_module(base.path + "." + e.name), e.span);
        if (std::string c = dsl_placeholder_constant(v.path); !c.empty()) return Value::constant(Json(c), e.span);
        return v;
      }
      if (base.k == Value::K::Task) return task_attribute(e, base, e.name, rec);
      if (base.k == Value::K::Channel && base.chan) return channel_attribute(e, base, rec);
      if (base.k == Value::K::Opaque) return base;
      return Value::opaque("the attribute '" + e.name + "' of a value this reader does not model", e.name_span);
    }
    case ExprKind::Subscript: {
      Value base = eval(*e.value, locals, rec);
      if (base.k == Value::K::Opaque) return base;
      if (base.k == Value::K::Module) {
        // typing generics (List[int]) only matter in annotations; see kfp_types.cpp.
        if (base.path.rfind("typing.", 0) == 0 || base.path.rfind("builtins.", 0) == 0)
          return Value::opaque("a subscripted type used as a value", e.span);
        return Value::opaque("'" + path_display(base.path) + "[...]' is known only when the file runs", e.span);
      }
      Value idx = eval(*e.index, locals, rec);
      if (idx.k == Value::K::Opaque) return idx;
      if (base.k == Value::K::Outputs) {
        if (idx.k != Value::K::Const || !idx.c.is_string())
          return Value::opaque("task.outputs[...] needs a string literal key", e.index->span);
        Value t;
        t.k = Value::K::Task;
        t.task = base.task;
        t.span = base.span;
        Expr fake;  // only its spans are used
        fake.span = e.span;
        fake.name_span = e.index->span;
        return task_attribute(fake, t, "outputs:" + idx.c.get<std::string>(), rec);
      }
      if (base.k == Value::K::Const && idx.k == Value::K::Const) {
        if (base.c.is_array() && idx.c.is_number_integer()) {
          int64_t i = idx.c.get<int64_t>(), n = static_cast<int64_t>(base.c.size());
          if (i < 0) i += n;
          if (i >= 0 && i < n) return Value::constant(base.c[static_cast<size_t>(i)], e.span);
          return Value::opaque("list index out of range", e.index->span);
        }
        if (base.c.is_object() && idx.c.is_string()) {
          auto it = base.c.find(idx.c.get<std::string>());
          if (it != base.c.end()) return Value::constant(*it, e.span);
          return Value::opaque("KeyError: " + python_repr(idx.c), e.index->span);
        }
      }
      if (base.k == Value::K::Channel)
        return Value::opaque("subscripting a pipeline parameter or task output (its value exists only at run time)",
                             e.span);
      return Value::opaque("this subscript", e.span);
    }
    case ExprKind::Call:
      return call(e, locals, rec);
    case ExprKind::Compare:
    case ExprKind::BoolOp: {
      // Constant comparisons fold; comparisons of channels are conditions,
      // meaningful only as the argument of dsl.If / dsl.Condition (kfp_pipeline.cpp).
      std::vector<Value> vs;
      for (const auto& i : e.items) {
        vs.push_back(eval(*i, locals, rec));
        if (vs.back().k == Value::K::Opaque) return vs.back();
      }
      bool all_const = true;
      for (auto& v : vs) all_const = all_const && v.k == Value::K::Const;
      if (all_const && e.kind == ExprKind::Compare && e.ops.size() == 1 && (e.ops[0] == "==" || e.ops[0] == "!=")) {
        bool eq = vs[0].c == vs[1].c;
        return Value::constant(Json(e.ops[0] == "==" ? eq : !eq), e.span);
      }
      // Ordering of two numbers or two strings, as Python compares them.
      if (all_const && e.kind == ExprKind::Compare && e.ops.size() == 1 && vs.size() == 2) {
        const Json &x = vs[0].c, &y = vs[1].c;
        int cmp = 2;
        if (x.is_number() && y.is_number() && !x.is_boolean() && !y.is_boolean()) {
          double p = x.get<double>(), q = y.get<double>();
          cmp = p < q ? -1 : p > q ? 1 : 0;
        } else if (x.is_string() && y.is_string()) {
          int c = x.get<std::string>().compare(y.get<std::string>());
          cmp = c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        const std::string& op = e.ops[0];
        if (cmp != 2 && (op == "<" || op == "<=" || op == ">" || op == ">="))
          return Value::constant(Json(op == "<" ? cmp < 0 : op == "<=" ? cmp <= 0 : op == ">" ? cmp > 0 : cmp >= 0),
                                 e.span);
      }
      return Value::opaque("a comparison of values known only at run time (use it in dsl.If(...))", e.span);
    }
    case ExprKind::Lambda: return Value::opaque("a lambda", e.span);
    case ExprKind::Comprehension: return Value::opaque("a comprehension", e.span);
    case ExprKind::Starred: return Value::opaque("a starred expression", e.span);
    case ExprKind::Slice: return Value::opaque("a slice", e.span);
  }
  return Value::opaque("this expression", e.span);
}

Value Evaluator::call(const Expr& e, const std::map<std::string, Value>* locals, Recorded* rec) {
  const Expr& fe = *e.value;
  // Task methods: task.after(...), task.set_xxx(...).
  if (fe.kind == ExprKind::Attribute) {
    Value base = eval(*fe.value, locals, rec);
    if (base.k == Value::K::Task) return task_method(e, base, fe.name, locals, rec);
    if (base.k == Value::K::Const && base.c.is_string())
      return string_method(e, base.c.get<std::string>(), fe.name, locals, rec);
    if (base.k == Value::K::Opaque) {
      report_opaque(base, fe.value->span, "the object of ." + fe.name + "()");
      return Value::opaque("", e.span, true);
    }
  }
  Value f = eval(fe, locals, rec);
  if (f.k == Value::K::Opaque) {
    report_opaque(f, fe.span, "the function called here");
    return Value::opaque("", e.span, true);
  }
  if (f.k == Value::K::Component) {
    if (!rec) {
      sink_.report(DiagId::err_py_dynamic, e.span,
                   {"a component called outside a pipeline function runs it locally (kfp.local), which this reader "
                    "does not model"});
      return Value::opaque("", e.span, true);
    }
    return make_task(e, f.comp, locals, rec);
  }
  if (f.k == Value::K::Function && rec) return call_helper(e, f, locals, rec);
  if (f.k == Value::K::Function) {
    return Value::opaque("the result of the helper function '" + f.fn->name +
                             "' (this reader does not run plain Python functions)",
                         e.span);
  }
  if (f.k == Value::K::NamedTupleClass) return named_tuple(e, f, locals, rec);
  if (f.k != Value::K::Module) return Value::opaque("calling a value that is not a function", fe.span);
  const std::string& p = f.path;
  if (p == "kfp.components.load_component_from_text" || p == "kfp.components.load_component_from_file" ||
      p == "kfp.components.load_component_from_url")
    return load_component(e, p.substr(p.rfind('.') + 1), locals);
  if (std::string hint = v1_only_hint(p); !hint.empty()) {
    sink_.report(DiagId::err_py_v1_only, fe.span, {path_display(p), hint});
    return Value::opaque("", e.span, true);
  }
  if (p == "builtins.str" || p == "builtins.int" || p == "builtins.float" || p == "builtins.bool") {
    if (e.items.size() == 1 && e.keywords.empty()) {
      Value v = eval(*e.items[0], locals, rec);
      if (v.k == Value::K::Const) {
        const Json& c = v.c;
        if (p == "builtins.str") return Value::constant(Json(c.is_string() ? c.get<std::string>() : python_repr(c)), e.span);
        if (p == "builtins.float" && c.is_number()) return Value::constant(Json(c.get<double>()), e.span);
        if (p == "builtins.int" && c.is_number()) return Value::constant(Json(static_cast<int64_t>(c.get<double>())), e.span);
        if (p == "builtins.bool") return Value::constant(Json(!(c.is_null() || c == false || c == 0 || c == "")), e.span);
      }
      if (v.k == Value::K::Opaque) return v;
    }
    return Value::opaque("a conversion of a value known only at run time", e.span);
  }
  if (p == "os.path.basename" || p == "os.path.dirname" || p == "os.path.join" || p == "os.getenv" ||
      p == "os.environ.get")
    return os_call(e, p, locals, rec);
  if (p == "typing.NamedTuple" || p == "collections.namedtuple") return named_tuple_class(e, p);
  if (p == "kfp.dsl.Collected" && rec) return collected(e, locals, rec);
  if (p == "kfp.dsl.OneOf" && rec) return one_of(e, locals, rec);
  if (p == "kfp.dsl.importer" && rec) return importer(e, locals, rec);
  if (p.rfind("kfp.kubernetes.", 0) == 0 && rec) return kubernetes_call(e, p.substr(15), locals, rec);
  if (is_pipeline_config_class(p)) return pipeline_config_object(e, p, locals, rec);
  if (p == "kfp.dsl.Collected" || p == "kfp.dsl.importer" || p == "kfp.dsl.OneOf")
    return Value::opaque(path_display(p) + "(...) is not supported by this reader yet", e.span);
  return Value::opaque("the result of " + path_display(p) + "(), which this reader does not evaluate", e.span);
}

}  // namespace kfp::py
