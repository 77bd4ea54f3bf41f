// v1 -> PipelineSpec, following kfp/dsl/structures.py (from_v1_component_spec,
// to_pipeline_spec), kfp/dsl/placeholders.py (maybe_convert_v1_yaml_
// placeholder_to_v2_placeholder), kfp/dsl/types/type_utils.py and
// kfp/compiler/pipeline_spec_builder.py (build_spec_by_group, build_task_spec_
// for_task) of KFP 2.15.
#include "core/emit/lower_v1.h"

#include "core/emit/lower_v1_internal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "core/emit/names.h"
#include "core/emit/proto_value.h"
#include "core/emit/pyfmt.h"
#include "core/read/ir_placeholders.h"
#include "core/util/patterns.h"
#include "core/util/py_json_quote.h"

#if __has_include("core/checks/v2_compat.h")
#include "core/checks/v2_compat.h"
#define KFP_HAVE_V2_COMPAT 1
#endif

namespace kfp {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim_ws(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n\r\f\v");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\n\r\f\v") - b + 1);
}

// type_utils.get_canonical_name_for_outer_generic.
std::string canonical_outer(std::string t) {
  if (t.rfind("typing.", 0) == 0) t = t.substr(7);
  std::string l = lower(t);
  if (l.rfind("list", 0) == 0 || l.rfind("dict", 0) == 0) return t.substr(0, t.find('['));
  return t;
}

bool param_type_by_name(const std::string& name, ParamType* out) {
  static const std::map<std::string, ParamType> m = {
      {"integer", ParamType::Integer}, {"int", ParamType::Integer},     {"double", ParamType::Double},
      {"float", ParamType::Double},    {"string", ParamType::String},   {"str", ParamType::String},
      {"text", ParamType::String},     {"bool", ParamType::Boolean},    {"boolean", ParamType::Boolean},
      {"dict", ParamType::Struct},     {"list", ParamType::List},       {"jsonobject", ParamType::Struct},
      {"jsonarray", ParamType::List},
  };
  auto it = m.find(lower(name));
  if (it == m.end()) return false;
  *out = it->second;
  return true;
}

// type_annotations.get_short_type_name: 'typing.List[int]' -> 'List'.
std::string short_type_name(const std::string& t) {
  std::string name;
  return pat::typing_short_name(t, &name) ? name : t;
}

// type_utils.is_parameter_type, used by the outputPath placeholder.
bool v1_is_parameter_type(const Json& t) {
  std::string name;
  if (t.is_string()) name = short_type_name(t.get<std::string>());
  else if (t.is_object() && !t.empty()) name = t.begin().key();
  else return false;
  ParamType p;
  return param_type_by_name(name, &p) || name == "PipelineTaskFinalStatus" || name == "TaskConfig";
}

// --- Python casts of v1 defaults ---------------------------------------------

// Python's int() of a str: optional sign, digits with single underscores
// between them, surrounding whitespace.
bool py_int(const std::string& raw, double* out) {
  std::string s = trim_ws(raw);
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i >= s.size()) return false;
  std::string digits;
  bool prev_us = true;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      digits += s[i];
      prev_us = false;
    } else if (s[i] == '_' && !prev_us) {
      prev_us = true;
    } else {
      return false;
    }
  }
  if (prev_us || digits.empty()) return false;
  *out = std::strtod(digits.c_str(), nullptr) * (neg ? -1 : 1);
  return true;
}

bool py_float(const std::string& raw, double* out) {
  std::string s = trim_ws(raw);
  std::string l = lower(s);
  std::string body = l;
  double sign = 1;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    sign = body[0] == '-' ? -1 : 1;
    body = body.substr(1);
  }
  if (body == "inf" || body == "infinity") {
    *out = sign * INFINITY;
    return true;
  }
  if (body == "nan") {
    *out = NAN;
    return true;
  }
  if (s.empty() || !pat::is_float_literal_shape(s)) return false;
  std::string clean;
  bool any_digit = false;
  for (char c : s) {
    if (c == '_') continue;
    if (std::isdigit(static_cast<unsigned char>(c))) any_digit = true;
    clean += c;
  }
  size_t e = lower(clean).find('e');
  std::string mant = e == std::string::npos ? clean : clean.substr(0, e);
  if (!any_digit || mant.find_first_of("0123456789") == std::string::npos) return false;
  *out = std::strtod(clean.c_str(), nullptr);
  return true;
}

// str(x) of a YAML-typed v1 value.
std::string py_str_of(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  if (v.is_number_float()) return python_float_repr(v.get<double>());
  if (v.is_number()) return v.dump();
  return python_repr(v);
}

}  // namespace

Type v2_type_from_v1(const Json& v1, bool is_input) {
  Type t;
  t.v1_type = v1;
  t.from_v1 = true;
  auto artifact = [&](std::string title) {
    t.is_artifact = true;
    t.schema_title = std::move(title);
    t.schema_version = "0.0.1";
    return t;
  };
  if (!v1.is_string()) return artifact("system.Artifact");
  std::string name = canonical_outer(v1.get<std::string>());
  if (is_input && name == "PipelineTaskFinalStatus") {
    t.is_artifact = false;
    t.param = ParamType::TaskFinalStatus;
    return t;
  }
  if (param_type_by_name(name, &t.param)) {
    t.is_artifact = false;
    return t;
  }
  if (pat::is_google_type_name(name)) return artifact(name);
  static const std::map<std::string, std::string> classes = {
      {"artifact", "system.Artifact"},
      {"model", "system.Model"},
      {"dataset", "system.Dataset"},
      {"metrics", "system.Metrics"},
      {"classificationmetrics", "system.ClassificationMetrics"},
      {"slicedclassificationmetrics", "system.SlicedClassificationMetrics"},
      {"html", "system.HTML"},
      {"markdown", "system.Markdown"},
  };
  auto it = classes.find(lower(name));
  return artifact(it != classes.end() ? it->second : "system.Artifact");
}

bool v1_default_to_ir(const Json& v1_type, const Json& value, ParamType param, Json* out, std::string* error) {
  // deserialize_v1_component_yaml_default: a cast chosen by the raw type name.
  Json v = value;
  if (v1_type.is_string()) {
    std::string t = lower(v1_type.get<std::string>());
    if (t == "integer" || t == "int") {
      double d;
      if (v.is_string()) {
        if (!py_int(v.get<std::string>(), &d)) {
          *error = "ValueError: invalid literal for int() with base 10: " + python_str_repr(v.get<std::string>());
          return false;
        }
        v = d;
      } else if (v.is_number() || v.is_boolean()) {
        v = std::trunc(v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>());
      }
    } else if (t == "double" || t == "float") {
      double d;
      if (v.is_string()) {
        if (!py_float(v.get<std::string>(), &d)) {
          *error = "ValueError: could not convert string to float: " + python_str_repr(v.get<std::string>());
          return false;
        }
        v = d;
      } else if (v.is_boolean()) {
        v = v.get<bool>() ? 1.0 : 0.0;
      }
    } else if (t == "string" || t == "str" || t == "text") {
      v = py_str_of(v);
    } else if (t == "bool" || t == "boolean") {
      if (v.is_string()) {
        std::string l = lower(v.get<std::string>());
        if (l == "y" || l == "yes" || l == "t" || l == "true" || l == "on" || l == "1") v = true;
        else if (l == "n" || l == "no" || l == "f" || l == "false" || l == "off" || l == "0") v = false;
        else {
          *error = "ValueError: invalid truth value " + python_str_repr(v.get<std::string>());
          return false;
        }
      }
    } else if (t == "dict" || t == "list" || t == "jsonobject" || t == "jsonarray") {
      if (v.is_string()) {
        Json parsed = Json::parse(v.get<std::string>(), nullptr, false);
        if (!parsed.is_discarded()) v = parsed;
      }
    }
  }
  // _fill_in_component_input_default_value by the IR parameter type.
  switch (param) {
    case ParamType::Integer:
    case ParamType::Double:
      if (!v.is_number() && !v.is_boolean()) {
        *error = "TypeError: " + python_repr(v) + " has type " + (v.is_string() ? "str" : "object") +
                 ", but expected one of: int, float";
        return false;
      }
      *out = v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>();
      return true;
    case ParamType::String:
      if (!v.is_string()) {
        *error = "TypeError: " + python_repr(v) + " has type " + (v.is_number() ? "int" : "object") +
                 ", but expected one of: bytes, str";
        return false;
      }
      *out = v;
      return true;
    case ParamType::Boolean:
      *out = v.is_boolean() ? v : Json(v.is_number() ? v.get<double>() != 0 : !v.empty());
      return true;
    default:
      *out = proto_value(v);
      return true;
  }
}

bool v1_constant_to_ir(const Json& v1_type, const Json& value, ParamType param, Json* out, std::string* error) {
  return v1_default_to_ir(v1_type, value, param, out, error);
}

namespace {

struct Converter {
  const Component& v1;
  std::vector<Diagnostic>& diags;
  const Component& v2;
  const std::string* text = nullptr;  // the v1 file, when known
  bool ok = true;

  // Was the branch starting at `item` written as a single item (`else: x`)
  // rather than a list? Looks at the source text before the item.
  bool scalar_branch(const Arg& item) const {
    if (!text || item.span.file != v1.file || !item.span.valid()) return false;
    size_t i = item.span.begin.offset;
    while (i > 0) {
      char c = (*text)[i - 1];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        --i;
        continue;
      }
      return c == ':';
    }
    return false;
  }

  static std::string elem(const Arg& x) {
    if (x.kind == Arg::Kind::Concat || x.kind == Arg::Kind::IfPresent) return ir_placeholder_canonical(x);
    return py_json_quote(ir_placeholder_canonical(x));
  }

  // KFP's text for an `if` whose then/else was a single item: `"Then": x`;
  // a single `else` item is kept unconverted (placeholders.py discards the
  // conversion), which for a plain string is the string itself.
  void scalar_branches(const Arg& src, Arg& o) const {
    bool then_scalar = src.then_items.size() == 1 && scalar_branch(src.then_items[0]);
    bool else_scalar = o.has_else && src.else_items.size() == 1 && scalar_branch(src.else_items[0]) &&
                       src.else_items[0].kind == Arg::Kind::Literal;
    if (!then_scalar && !else_scalar) return;
    // `if self.else_:` -- an empty string is no else at all.
    bool has_else = o.has_else && !(else_scalar && src.else_items[0].text.empty());
    auto list = [](const std::vector<Arg>& v) {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + elem(v[i]);
      return out + "]";
    };
    std::string out = "{\"IfPresent\": {\"InputName\": " + py_json_quote(o.text) +
                      ", \"Then\": " + (then_scalar ? elem(o.then_items[0]) : list(o.then_items));
    if (has_else) out += ", \"Else\": " + (else_scalar ? py_json_quote(src.else_items[0].text) : list(o.else_items));
    o.ir_text = out + "}}";
  }

  void refuse(Span span, const std::string& msg) {
    diags.push_back(make_diag(DiagId::err_compile_refused, span, {msg}));
    ok = false;
  }

  bool has_input(const std::string& n) const { return v2.input(n) != nullptr; }
  bool has_output(const std::string& n) const { return v2.output(n) != nullptr; }

  Arg convert(const Arg& a) {
    Arg o = a;
    o.items.clear();
    o.then_items.clear();
    o.else_items.clear();
    switch (a.kind) {
      case Arg::Kind::InputValue:
      case Arg::Kind::InputPath:
      case Arg::Kind::InputUri: {
        o.text = sanitize_input_name(a.text);
        const char* cls = a.kind == Arg::Kind::InputValue  ? "InputValuePlaceholder"
                          : a.kind == Arg::Kind::InputPath ? "InputPathPlaceholder"
                                                           : "InputUriPlaceholder";
        if (!has_input(o.text))
          refuse(a.span, std::string("ValueError: Argument \"") + cls + "\" references nonexistant input: \"" +
                             o.text + "\".");
        break;
      }
      case Arg::Kind::OutputPath: {
        const IoSpec* out = v1.output(a.text);
        if (!out) {
          refuse(a.span, "ValueError: " + a.text +
                             " not found in component outputs. Could not process placeholders.");
          break;
        }
        o.text = sanitize_input_name(a.text);
        o.output_parameter = v1_is_parameter_type(out->type.v1_type);
        break;
      }
      case Arg::Kind::OutputUri:
        o.text = sanitize_input_name(a.text);
        if (!has_output(o.text))
          refuse(a.span, "ValueError: Argument \"OutputUriPlaceholder\" references nonexistant output: \"" + o.text +
                             "\".");
        break;
      case Arg::Kind::IfPresent: {
        if (a.cond_value) {
          const Json& c = *a.cond_value;
          refuse(a.span, c.is_object() ? "KeyError: 'isPresent'"
                         : c.is_string() ? "TypeError: string indices must be integers"
                                         : std::string("TypeError: '") + (c.is_boolean() ? "bool" : "int") +
                                               "' object is not subscriptable");
          break;
        }
        o.text = sanitize_input_name(a.text);
        if (!has_input(o.text))
          refuse(a.span, "ValueError: Argument \"IfPresentPlaceholder\" references nonexistant input: \"" + o.text +
                             "\".");
        for (const auto& x : a.then_items) o.then_items.push_back(convert(x));
        for (const auto& x : a.else_items) o.else_items.push_back(convert(x));
        o.has_else = a.has_else && !a.else_items.empty();
        scalar_branches(a, o);
        break;
      }
      case Arg::Kind::Concat:
      case Arg::Kind::Template:
        for (const auto& x : a.items) o.items.push_back(convert(x));
        break;
      default:
        break;
    }
    return o;
  }
};

}  // namespace

std::shared_ptr<Component> v2_component_from_v1(const Component& v1, std::vector<Diagnostic>& diags,
                                                const Workspace* ws) {
  if (!v1.container) {
    diags.push_back(make_diag(DiagId::err_compile_refused, v1.span,
                              {"NotImplementedError: Container implementation not found."}));
    return nullptr;
  }
  auto c = std::make_shared<Component>();
  c->format = Component::Format::IrComponent;
  c->file = v1.file;
  c->name = Located<std::string>{k8s_name(v1.name.value.empty() ? "name" : v1.name.value), v1.name.span};
  c->description = v1.description;
  c->span = v1.span;
  c->digest = v1.digest;
  bool ok = true;

  // Inputs: a dict keyed by sanitized name (a later duplicate replaces the
  // earlier one in place).
  for (const auto& in : v1.inputs) {
    IoSpec io;
    io.name = Located<std::string>{sanitize_input_name(in.name.value), in.name.span};
    io.type = v2_type_from_v1(in.type.v1_type, true);
    io.type_span = in.type_span;
    io.span = in.span;
    bool has_default = in.default_value && !in.default_value->is_null();
    io.optional = in.optional || has_default;
    if (!io.type.is_artifact && io.type.param == ParamType::TaskFinalStatus) {
      io.optional = true;
    } else if (!io.type.is_artifact && has_default) {
      Json v;
      std::string err;
      if (v1_default_to_ir(in.type.v1_type, *in.default_value, io.type.param, &v, &err)) {
        io.default_value = v;
        io.default_span = in.default_span;
      } else {
        diags.push_back(make_diag(DiagId::err_compile_refused, in.default_span.valid() ? in.default_span : in.span,
                                  {err}));
        ok = false;
      }
    }
    auto same = std::find_if(c->inputs.begin(), c->inputs.end(),
                             [&](const IoSpec& x) { return x.name.value == io.name.value; });
    if (same != c->inputs.end()) *same = std::move(io);
    else c->inputs.push_back(std::move(io));
  }
  for (const auto& out : v1.outputs) {
    IoSpec io;
    io.name = Located<std::string>{sanitize_input_name(out.name.value), out.name.span};
    io.type = v2_type_from_v1(out.type.v1_type, false);
    io.type_span = out.type_span;
    io.span = out.span;
    auto same = std::find_if(c->outputs.begin(), c->outputs.end(),
                             [&](const IoSpec& x) { return x.name.value == io.name.value; });
    if (same != c->outputs.end()) *same = std::move(io);
    else c->outputs.push_back(std::move(io));
  }

  Container k;
  const Container& src = *v1.container;
  k.image = src.image;
  k.span = src.span;
  Converter conv{v1, diags, *c};
  if (ws && v1.file >= 0 && static_cast<size_t>(v1.file) < ws->size()) conv.text = &ws->file(v1.file).text;
  for (const auto& a : src.command) k.command.push_back(conv.convert(a));
  for (const auto& a : src.args) k.args.push_back(conv.convert(a));
  k.has_command = !k.command.empty();
  k.has_args = !k.args.empty();
  k.env = src.env;
  c->container = std::move(k);
  ok = ok && conv.ok;

#ifdef KFP_HAVE_V2_COMPAT
  // PipelineTask.__init__ checks placeholder/IO pairing: KFP's TypeError.
  if (ok) {
    for (Diagnostic d : v2_incompatibilities(v1)) {
      d.severity = Severity::Error;
      diags.push_back(std::move(d));
      ok = false;
      break;  // KFP stops at the first
    }
  }
#endif
  return ok ? c : nullptr;
}

namespace {

// The root DAG output for each of `outs`, read from `task`'s same-named output.
void connect_outputs(Component& root, const std::vector<IoSpec>& outs, const std::string& task) {
  for (const auto& o : outs) {
    DagOutput d;
    d.name = o.name;
    d.is_artifact = o.type.is_artifact;
    d.selectors.emplace_back(task, o.name.value);
    root.dag->outputs.push_back(std::move(d));
  }
}


}  // namespace

std::shared_ptr<PipelineSpec> new_pipeline_spec(const std::string& name, const Component& src) {
  auto spec = std::make_shared<PipelineSpec>();
  spec->name = Located<std::string>{name, src.name.span};
  spec->span = src.span;
  spec->root = std::make_shared<Component>();
  spec->root->format = Component::Format::IrPipeline;
  spec->root->file = src.file;
  spec->root->name = spec->name;
  spec->root->span = src.span;
  spec->root->dag = Dag{};
  return spec;
}

Diagnostic invalid_pipeline_name(const std::string& name, const Span& span) {
  return make_diag(DiagId::err_compile_refused, span,
                   {"ValueError: Invalid pipeline name: " + name +
                    ".\nPlease specify a pipeline name that matches the regular expression \"^[a-z0-9][a-z0-9-]{0,127}$\" "
                    "using `dsl.pipeline(name=...)` decorator."});
}

LowerResult lower_v1_component(const Component& v1, const Workspace* ws) {
  LowerResult r;
  auto c = v2_component_from_v1(v1, r.diagnostics, ws);
  if (!c) return r;
  const std::string name = c->name.value;
  if (!valid_pipeline_name(name)) {
    r.diagnostics.push_back(invalid_pipeline_name(name, v1.name.span.valid() ? v1.name.span : v1.span));
    return r;
  }
  auto spec = new_pipeline_spec(name, v1);
  Component& root = *spec->root;
  root.description = v1.description;
  root.inputs = c->inputs;
  root.outputs = c->outputs;

  c->ir_key = component_key(name);
  c->executor_label = executor_label(name);
  spec->components[c->ir_key] = c;

  Task t;
  t.name = Located<std::string>{name, v1.name.span};
  t.display_name = name;
  t.ref.name = Located<std::string>{c->ir_key, {}};
  t.component = c;
  t.enable_cache = true;
  t.span = v1.span;
  // Every component input becomes a pipeline input passed straight through.
  for (const auto& in : c->inputs) {
    TaskArgument a;
    a.input = in.name;
    a.is_artifact = in.type.is_artifact;
    a.source.kind = ArgumentSource::Kind::PipelineInput;
    a.source.input = in.name.value;
    t.arguments.push_back(std::move(a));
  }
  root.dag->tasks.push_back(std::move(t));
  connect_outputs(root, c->outputs, name);
  r.spec = spec;
  return r;
}

LowerResult lower_v1(const Component& v1, const Workspace* ws) {
  if (v1.dag) return lower_v1_graph(v1, ws);
  return lower_v1_component(v1, ws);
}

}  // namespace kfp
