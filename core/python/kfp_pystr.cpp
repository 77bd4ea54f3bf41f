// The pure, compile-time Python a pipeline file uses to build names and paths:
// methods of str constants (`name.removesuffix('.py')`, `'{}-x'.format(a)`,
// `'-'.join(parts)`), os.path over constants (`os.path.basename(__file__)`),
// and os.getenv / os.environ.get, which this reader answers as unset (there
// is no environment here) with a warning that says so. Anything else stays
// Opaque with the reason.
#include <algorithm>
#include <cctype>

#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {

bool const_str(const Value& v, std::string* out) {
  if (v.k != Value::K::Const || !v.c.is_string()) return false;
  *out = v.c.get<std::string>();
  return true;
}

bool ends_with(const std::string& s, const std::string& x) {
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

std::string strip_chars(const std::string& s, const std::string& chars, bool left, bool right) {
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && chars.find(s[b]) != std::string::npos) ++b;
  if (right)
    while (e > b && chars.find(s[e - 1]) != std::string::npos) --e;
  return s.substr(b, e - b);
}

// str(x) of a constant or a channel (its pattern, as KFP's str(channel)).
bool str_of(const Value& v, std::string* out) {
  if (v.k == Value::K::Const) return *out = v.c.is_string() ? v.c.get<std::string>() : python_repr(v.c), true;
  if (v.k == Value::K::Channel && v.chan) return *out = v.chan->pattern(), true;
  return false;
}

// posixpath, which KFP's Linux/macOS users run.
std::string basename(const std::string& p) {
  size_t i = p.rfind('/');
  return i == std::string::npos ? p : p.substr(i + 1);
}
std::string dirname(const std::string& p) {
  size_t i = p.rfind('/');
  if (i == std::string::npos) return "";
  std::string head = p.substr(0, i + 1);
  if (head.find_first_not_of('/') != std::string::npos) head = strip_chars(head, "/", false, true);
  return head;
}

}  // namespace

Value Evaluator::string_method(const Expr& call, const std::string& self, const std::string& method,
                               const std::map<std::string, Value>* locals, Recorded* rec) {
  std::vector<Value> args;
  for (const auto& a : call.items) {
    args.push_back(eval(*a, locals, rec));
    if (args.back().k == Value::K::Opaque) return args.back();
  }
  auto str_args = [&](size_t lo, size_t hi, std::vector<std::string>* out) {
    if (args.size() < lo || args.size() > hi || (!call.keywords.empty() && method != "format")) return false;
    for (const auto& a : args) {
      std::string s;
      if (!const_str(a, &s)) return false;
      out->push_back(s);
    }
    return true;
  };
  auto str = [&](std::string s) { return Value::constant(Json(std::move(s)), call.span); };
  std::vector<std::string> a;
  if ((method == "removesuffix" || method == "removeprefix") && str_args(1, 1, &a)) {
    if (method == "removesuffix") return str(ends_with(self, a[0]) ? self.substr(0, self.size() - a[0].size()) : self);
    return str(self.rfind(a[0], 0) == 0 ? self.substr(a[0].size()) : self);
  }
  if ((method == "startswith" || method == "endswith") && str_args(1, 1, &a))
    return Value::constant(Json(method == "endswith" ? ends_with(self, a[0]) : self.rfind(a[0], 0) == 0), call.span);
  if (method == "replace" && str_args(2, 2, &a)) {
    if (a[0].empty()) return Value::opaque("str.replace with an empty pattern", call.span);
    std::string out;
    for (size_t i = 0;;) {
      size_t j = self.find(a[0], i);
      if (j == std::string::npos) return str(out + self.substr(i));
      out += self.substr(i, j - i) + a[1];
      i = j + a[0].size();
    }
  }
  if ((method == "lower" || method == "upper") && str_args(0, 0, &a)) {
    std::string out = self;
    for (char& c : out)
      if (static_cast<unsigned char>(c) < 128) c = static_cast<char>(method == "lower" ? std::tolower(c) : std::toupper(c));
    return str(out);
  }
  if ((method == "strip" || method == "lstrip" || method == "rstrip") && str_args(0, 1, &a))
    return str(strip_chars(self, a.empty() ? " \t\n\r\f\v" : a[0], method != "rstrip", method != "lstrip"));
  if (method == "join" && args.size() == 1 && call.keywords.empty()) {
    const Value& seq = args[0];
    std::vector<std::string> parts;
    if (seq.k == Value::K::Const && seq.c.is_array()) {
      for (const auto& i : seq.c) {
        if (!i.is_string()) return Value::opaque("TypeError: str.join of a non-string item", call.items[0]->span);
        parts.push_back(i.get<std::string>());
      }
    } else if (seq.k == Value::K::List || seq.k == Value::K::Tuple) {
      for (const auto& i : seq.items) {
        std::string s;
        if (!(i.k == Value::K::Const && i.c.is_string()) && !(i.k == Value::K::Channel && i.chan))
          return Value::opaque("str.join over items known only at run time", call.items[0]->span);
        str_of(i, &s);
        parts.push_back(s);
      }
    } else {
      return Value::opaque("str.join over a value this reader does not model", call.items[0]->span);
    }
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? self : "") + parts[i];
    return str(out);
  }
  if (method == "format") {
    // Fields `{}`, `{0}`, `{name}` with no conversion or spec; `{{`/`}}` escape.
    std::map<std::string, Value> kw;
    for (const auto& k : call.keywords) {
      if (k.name.empty()) return Value::opaque("str.format(**mapping)", k.span);
      kw[k.name] = eval(*k.value, locals, rec);
      if (kw[k.name].k == Value::K::Opaque) return kw[k.name];
    }
    std::string out;
    size_t next = 0;
    for (size_t i = 0; i < self.size(); ++i) {
      char c = self[i];
      if ((c == '{' || c == '}') && i + 1 < self.size() && self[i + 1] == c) {
        out += c;
        ++i;
        continue;
      }
      if (c == '}') return Value::opaque("ValueError: Single '}' encountered in format string", call.span);
      if (c != '{') {
        out += c;
        continue;
      }
      size_t close = self.find('}', i);
      if (close == std::string::npos) return Value::opaque("ValueError: Single '{' encountered in format string", call.span);
      std::string field = self.substr(i + 1, close - i - 1);
      i = close;
      const Value* v = nullptr;
      if (field.empty()) {
        if (next < args.size()) v = &args[next++];
      } else if (std::all_of(field.begin(), field.end(), [](char d) { return d >= '0' && d <= '9'; })) {
        size_t n = std::stoul(field.substr(0, 6));
        if (n < args.size()) v = &args[n];
      } else if (kw.count(field)) {
        v = &kw[field];
      } else if (field.find_first_of(":!.[") != std::string::npos) {
        return Value::opaque("a format field with a conversion, spec, attribute or index", call.span);
      }
      std::string s;
      if (!v) return Value::opaque("IndexError/KeyError: the format field {" + field + "} has no argument", call.span);
      if (!str_of(*v, &s)) return Value::opaque("a format argument known only at run time", v->span);
      out += s;
    }
    return str(out);
  }
  return Value::opaque("the str method '" + method + "' with these arguments, which this reader does not evaluate",
                       call.span);
}

Value Evaluator::os_call(const Expr& call, const std::string& fn, const std::map<std::string, Value>* locals,
                         Recorded* rec) {
  if (!call.keywords.empty()) return Value::opaque(fn + "() with keyword arguments", call.span);
  const bool getenv = fn == "os.getenv" || fn == "os.environ.get";
  std::vector<Value> args;
  for (const auto& i : call.items) {
    args.push_back(eval(*i, locals, rec));
    if (args.back().k == Value::K::Opaque) return args.back();
    if (args.back().k != Value::K::Const)
      return Value::opaque("the argument of " + fn + "() known only at run time", i->span);
  }
  // Every argument a str, except getenv's default (any constant).
  std::vector<std::string> a;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string t;
    if (const_str(args[i], &t)) a.push_back(t);
    else if (!(getenv && i == 1)) return Value::opaque("a non-string argument of " + fn + "()", args[i].span);
  }
  auto str = [&](std::string s) { return Value::constant(Json(std::move(s)), call.span); };
  if (fn == "os.path.basename" && a.size() == 1) return str(basename(a[0]));
  if (fn == "os.path.dirname" && a.size() == 1) return str(dirname(a[0]));
  if (fn == "os.path.join" && !a.empty()) {
    std::string out;
    for (const auto& p : a) {
      if (!p.empty() && p[0] == '/') out = p;
      else if (out.empty() || out.back() == '/') out += p;
      else out += "/" + p;
    }
    return str(out);
  }
  if (getenv && !a.empty() && (args.size() == 1 || args.size() == 2)) {
    sink_.report(DiagId::warn_py_env_unset, call.span, {fn, a[0]});
    return Value::constant(args.size() == 2 ? args[1].c : Json(nullptr), call.span);
  }
  return Value::opaque("the result of " + fn + "(), which this reader does not evaluate", call.span);
}

}  // namespace kfp::py
