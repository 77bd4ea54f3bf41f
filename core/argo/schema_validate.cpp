#include "core/argo/schema_validate.h"

#include <set>

#include "core/yaml/describe.h"

namespace kfp::argo {
namespace {

#ifndef KFP_NO_EMBEDDED_ARGO_SCHEMA
constexpr const char kBuiltinText[] =
#include "core/argo/schema_data.inc"
    ;
#else
// The wasm build leaves the schema out (it is 80 KB of text the page only
// needs for Argo files): the page fetches argo-schema.json, extracted from
// schema_data.inc by wasm/CMakeLists.txt, and hands it in with
// set_builtin_schema() before it analyzes an Argo file.
constexpr const char kBuiltinText[] = "";
#endif

constexpr std::string_view kApi = "io.argoproj.workflow.v1alpha1.";
constexpr const char* kKinds[] = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"};

std::string_view ref_name(const std::string& ref) {
  size_t slash = ref.rfind('/');
  return slash == std::string::npos ? std::string_view(ref) : std::string_view(ref).substr(slash + 1);
}

std::string_view short_name(std::string_view def) {
  size_t dot = def.rfind('.');
  return dot == std::string_view::npos ? def : def.substr(dot + 1);
}

std::string phrase(const std::string& type) {
  if (type == "integer") return "an integer";
  return "a " + type;
}

bool is_null(const yaml::Node& n) {
  return n.is_null() || (n.is_scalar() && yaml::resolve(n).type == yaml::ScalarType::Null);
}

class Validator {
 public:
  Validator(const Json& defs, Sink& sink) : defs_(defs), sink_(sink) {}

  // `lenient`: an AnyString field (numbers and booleans decode as strings).
  void value(const yaml::Node& n, const Json& schema, std::string_view owner, bool lenient) {
    if (is_null(n)) return;
    if (auto r = schema.find("$ref"); r != schema.end() && r->is_string()) {
      std::string_view name = ref_name(r->get_ref<const std::string&>());
      std::string_view sn = short_name(name);
      if (sn == "IntOrString" || sn == "Quantity") {
        if (!n.is_scalar() || yaml::resolve(n).type == yaml::ScalarType::Bool)
          type_error(n, "a string or a number");
        return;
      }
      auto d = defs_.find(std::string(name));
      if (d == defs_.end()) return;  // not in this schema: nothing to say
      value(n, *d, name, lenient);
      return;
    }
    auto t = schema.find("type");
    std::string type = t != schema.end() && t->is_string() ? t->get<std::string>() : "";
    if (type.empty() && schema.contains("properties")) type = "object";
    if (type == "object") return object(n, schema, owner);
    if (type == "array") {
      if (!n.is_seq()) return type_error(n, "a list");
      auto items = schema.find("items");
      for (size_t i = 0; i < n.items.size(); ++i) {
        size_t mark = path_.size();
        path_ += "[" + std::to_string(i) + "]";
        if (items != schema.end() && items->is_object()) value(*n.items[i], *items, owner, lenient);
        path_.resize(mark);
      }
      return;
    }
    if (type.empty()) return;  // Item, AnyString-like: anything goes
    if (!n.is_scalar()) return type_error(n, phrase(type));
    yaml::ScalarType st = yaml::resolve(n).type;
    if (type == "string") {
      if (!lenient && (st == yaml::ScalarType::Int || st == yaml::ScalarType::Float || st == yaml::ScalarType::Bool))
        return type_error(n, "a string (quote it)");
      if (auto c = schema.find("const"); c != schema.end() && c->is_string() && n.value != c->get<std::string>()) {
        ++errors_;
        sink_.report(DiagId::err_argo_const, n.span, {path_, c->get<std::string>(), n.value});
      }
    } else if (type == "integer") {
      if (st != yaml::ScalarType::Int) type_error(n, "an integer");
    } else if (type == "number") {
      if (st != yaml::ScalarType::Int && st != yaml::ScalarType::Float) type_error(n, "a number");
    } else if (type == "boolean") {
      if (st != yaml::ScalarType::Bool) type_error(n, "a boolean");
    }
  }

  size_t errors() const { return errors_; }

 private:
  void object(const yaml::Node& n, const Json& schema, std::string_view owner) {
    if (!n.is_map()) return type_error(n, "a mapping");
    auto props = schema.find("properties");
    auto extra = schema.find("additionalProperties");
    bool has_props = props != schema.end() && props->is_object();
    if (auto req = schema.find("required"); req != schema.end() && req->is_array()) {
      for (const auto& r : *req) {
        if (!r.is_string() || n.get(r.get<std::string>())) continue;
        ++errors_;
        sink_.report(DiagId::err_argo_missing_field, n.span,
                     {path_.empty() ? "the document" : path_, r.get<std::string>()});
      }
    }
    bool any_key = !has_props && extra == schema.end();  // a free-form object (Plugin, FieldsV1)
    bool param = short_name(owner) == "Parameter";
    for (const auto& [k, v] : n.entries) {
      if (!k->is_scalar()) continue;
      size_t mark = path_.size();
      path_ += (path_.empty() ? "" : ".") + k->value;
      if (has_props && props->contains(k->value)) {
        bool lenient = param && (k->value == "value" || k->value == "default" || k->value == "enum");
        value(*v, (*props)[k->value], owner, lenient);
      } else if (extra != schema.end() && extra->is_object()) {
        value(*v, *extra, owner, false);
      } else if (!any_key && !(extra != schema.end() && extra->is_boolean() && extra->get<bool>())) {
        ++errors_;
        std::string where = path_.substr(0, mark);
        std::string what = std::string(short_name(owner));
        sink_.report(DiagId::err_argo_unknown_field, k->span,
                     {k->value, where.empty() ? "the " + what : where + " (" + what + ")"});
      }
      path_.resize(mark);
    }
  }

  void type_error(const yaml::Node& n, const std::string& want) {
    ++errors_;
    sink_.report(DiagId::err_argo_schema_type, n.span, {path_, want, yaml::describe(n)});
  }

  const Json& defs_;
  Sink& sink_;
  std::string path_;
  size_t errors_ = 0;
};

void reach(const Json& defs, const Json& x, std::set<std::string>& seen) {
  if (x.is_object()) {
    for (auto it = x.begin(); it != x.end(); ++it) {
      if (it.key() == "$ref" && it->is_string()) {
        std::string n(ref_name(it->get<std::string>()));
        if (seen.insert(n).second && defs.contains(n)) reach(defs, defs[n], seen);
      } else {
        reach(defs, *it, seen);
      }
    }
  } else if (x.is_array()) {
    for (const auto& v : x) reach(defs, v, seen);
  }
}

Json prune_one(const Json& x) {
  Json out = Json::object();
  if (!x.is_object()) return out;
  for (auto it = x.begin(); it != x.end(); ++it) {
    const std::string& k = it.key();
    if (k == "properties" && it->is_object()) {
      Json p = Json::object();
      for (auto pi = it->begin(); pi != it->end(); ++pi) p[pi.key()] = prune_one(*pi);
      out[k] = std::move(p);
    } else if ((k == "items" || k == "additionalProperties") && it->is_object()) {
      out[k] = prune_one(*it);
    } else if (k == "type" || k == "required" || k == "$ref" || k == "const" || k == "items" ||
               k == "additionalProperties") {
      out[k] = *it;
    }
  }
  return out;
}

}  // namespace

namespace {
Json& schema_slot() {
  static Json schema = kBuiltinText[0] ? Json::parse(kBuiltinText, nullptr, /*allow_exceptions=*/false) : Json();
  return schema;
}
}  // namespace

const Json& builtin_schema() { return schema_slot(); }

bool have_builtin_schema() { return schema_slot().is_object(); }

bool set_builtin_schema(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  auto defs = j.is_object() ? j.find("definitions") : j.end();
  if (j.is_discarded() || !j.is_object() || defs == j.end() || !defs->is_object()) return false;
  schema_slot() = std::move(j);
  return true;
}

Json prune_schema(const Json& full) {
  Json out = {{"definitions", Json::object()}};
  auto defs = full.find("definitions");
  if (defs == full.end() || !defs->is_object()) return out;
  std::set<std::string> seen;
  for (const char* k : kKinds) {
    std::string n = std::string(kApi) + k;
    if (!defs->contains(n)) continue;
    seen.insert(n);
    reach(*defs, (*defs)[n], seen);
  }
  for (const auto& n : seen)
    if (defs->contains(n)) out["definitions"][n] = prune_one((*defs)[n]);
  return out;
}

size_t validate_schema(const yaml::Node& root, std::string_view kind, const Json& schema, Sink& sink) {
  auto defs = schema.find("definitions");
  if (defs == schema.end() || !defs->is_object()) return 0;
  std::string name = std::string(kApi) + std::string(kind);
  auto d = defs->find(name);
  if (d == defs->end()) return 0;
  Validator v(*defs, sink);
  v.value(root, *d, name, false);
  return v.errors();
}

}  // namespace kfp::argo
