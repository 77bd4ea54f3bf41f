// Component input/output definitions and executors (container, importer,
// resolver) of the IR reader. See ir.cpp for where unmodelled fields go.
#include "core/read/ir_internal.h"
#include "core/read/ir_placeholders.h"

namespace kfp::ir {
namespace {

constexpr std::string_view kParamTypeNames =
    "NUMBER_DOUBLE, NUMBER_INTEGER, STRING, BOOLEAN, LIST, STRUCT, TASK_FINAL_STATUS, TASK_CONFIG";

// The deprecated PrimitiveType of schemaVersion 2.0.0 files (`type: INT`).
bool legacy_type(std::string_view s, ParamType* out) {
  if (s == "INT") *out = ParamType::Integer;
  else if (s == "DOUBLE") *out = ParamType::Double;
  else if (s == "STRING") *out = ParamType::String;
  else if (s == "PRIMITIVE_TYPE_UNSPECIFIED") *out = ParamType::Unspecified;
  else return false;
  return true;
}

// Does a (typed JSON) default fit the declared parameter type? Only clear
// mismatches count: protobuf Value numbers are doubles, so any number fits a
// number type.
bool default_fits(const Json& v, ParamType t) {
  if (v.is_null()) return true;
  switch (t) {
    case ParamType::String: return v.is_string();
    case ParamType::Integer:
    case ParamType::Double: return v.is_number();
    case ParamType::Boolean: return v.is_boolean();
    case ParamType::List: return v.is_array();
    case ParamType::Struct: return v.is_object();
    case ParamType::Unspecified:
    case ParamType::TaskFinalStatus: return true;
  }
  return true;
}

std::string json_kind(const Json& v) {
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "a mapping";
  return "null";
}

IoSpec read_parameter(Reader& r, const Entry& e, bool output, const std::string& what) {
  IoSpec io;
  io.name = Located<std::string>{e.first->value, e.first->span};
  io.span = join(e.first->span, e.second->span);
  std::string w = what + " parameter '" + e.first->value + "'";
  Msg m(e.second, w,
        output ? std::initializer_list<std::string_view>{"type", "parameterType", "description"}
               : std::initializer_list<std::string_view>{"type", "parameterType", "defaultValue", "isOptional",
                                                         "description", "literals"},
        r.sink);
  io.type.is_artifact = false;
  bool has_pt_key = m.key("parameterType") != nullptr, has_legacy_key = m.key("type") != nullptr;
  auto pt = m.str("parameterType");
  auto legacy = m.str("type");
  if (pt) {
    io.type_span = pt->span;
    if (pt->value == "TASK_CONFIG") {  // newer than the model's ParamType: kept as written
      io.type.param = ParamType::Unspecified;
      io.extra["parameterType"] = pt->value;
    } else if (!parse_ir_param_type(pt->value, &io.type.param)) {
      r.sink.report(DiagId::err_ir_unknown_param_type, pt->span, {pt->value, std::string(kParamTypeNames)});
    }
  }
  if (legacy) {
    ParamType t{};
    if (!legacy_type(legacy->value, &t)) {
      r.sink.report(DiagId::err_ir_bad_enum, legacy->span,
                    {legacy->value, "PrimitiveType", "INT, DOUBLE, STRING"});
    } else if (!pt) {
      io.type.param = t;
      io.type_span = legacy->span;
      io.extra["parameterType"] = nullptr;  // write `type:` back, not parameterType
    }
    io.extra["type"] = legacy->value;
  }
  if (!has_pt_key && !has_legacy_key) r.sink.report(DiagId::err_ir_no_type, io.name.span, {io.name.value});
  if (!output) {
    if (const yaml::Node* dv = m.take("defaultValue")) {
      io.default_value = yaml::to_json(dv);
      io.default_span = dv->span;
      if ((pt || legacy) && !default_fits(*io.default_value, io.type.param))
        r.sink.report(DiagId::warn_ir_default_type, dv->span,
                      {io.name.value, json_kind(*io.default_value), std::string(ir_name(io.type.param))});
    }
    if (auto o = m.boolean("isOptional")) io.optional = *o;
  }
  if (auto d = m.str("description")) io.description = d->value;
  m.merge_rest(io.extra);
  return io;
}

IoSpec read_artifact(Reader& r, const Entry& e, bool output, const std::string& what) {
  IoSpec io;
  io.name = Located<std::string>{e.first->value, e.first->span};
  io.span = join(e.first->span, e.second->span);
  std::string w = what + " artifact '" + e.first->value + "'";
  Msg m(e.second, w,
        output ? std::initializer_list<std::string_view>{"artifactType", "properties", "customProperties", "metadata",
                                                         "isArtifactList", "description"}
               : std::initializer_list<std::string_view>{"artifactType", "isArtifactList", "isOptional",
                                                         "description"},
        r.sink);
  io.type.is_artifact = true;
  const yaml::Node* at_node = m.take("artifactType");
  Msg at(at_node, w + " artifactType", {"schemaTitle", "schemaUri", "instanceSchema", "schemaVersion"}, r.sink);
  if (at_node) io.type_span = at_node->span;
  if (auto t = at.str("schemaTitle")) io.type.schema_title = t->value;
  if (auto v = at.str("schemaVersion")) io.type.schema_version = v->value;
  if (io.type.schema_title.empty() && !at.peek("instanceSchema") && !at.peek("schemaUri"))
    r.sink.report(DiagId::err_ir_no_artifact_type, at_node ? at_node->span : io.name.span, {io.name.value});
  at.keep_rest(io.extra, "artifactType");
  if (auto l = m.boolean("isArtifactList")) io.type.is_list = *l;
  if (!output)
    if (auto o = m.boolean("isOptional")) io.optional = *o;
  if (auto d = m.str("description")) io.description = d->value;
  m.merge_rest(io.extra);
  return io;
}

std::vector<Arg> read_args(Reader& r, Msg& m, std::string_view field, const Component& c, bool* present) {
  std::vector<Arg> out;
  const yaml::Node* list = m.seq(field);
  *present = list != nullptr || m.peek(field) != nullptr;
  if (!list) return out;
  for (const yaml::Node* item : list->items) {
    if (!is_str(*item)) {
      r.sink.report(DiagId::err_ir_wrong_kind, item->span,
                    {m.path(field) + " item", "a string", describe(*item)});
      continue;
    }
    out.push_back(parse_ir_arg(item->value, item->span, &c, &r.sink));
  }
  return out;
}

void read_resources(Reader& r, const yaml::Node* node, const std::string& what, Resources& res) {
  Msg m(node, what + " resources",
        {"cpuLimit", "memoryLimit", "cpuRequest", "memoryRequest", "resourceCpuLimit", "resourceMemoryLimit",
         "resourceCpuRequest", "resourceMemoryRequest", "accelerator"},
        r.sink);
  if (auto v = m.str("resourceCpuLimit")) res.cpu_limit = v->value;
  if (auto v = m.str("resourceMemoryLimit")) res.memory_limit = v->value;
  if (auto v = m.str("resourceCpuRequest")) res.cpu_request = v->value;
  if (auto v = m.str("resourceMemoryRequest")) res.memory_request = v->value;
  Msg acc(m.take("accelerator"), what + " resources.accelerator", {"type", "count", "resourceType", "resourceCount"},
          r.sink);
  if (auto v = acc.str("resourceType")) res.accelerator_type = v->value;
  if (auto v = acc.str("resourceCount")) res.accelerator_count = v->value;
  acc.keep_rest(res.extra, "accelerator", !res.accelerator_type && !res.accelerator_count);
  m.merge_rest(res.extra);
}

void read_container(Reader& r, const yaml::Node* node, const std::string& label, Component& c) {
  std::string what = "executor '" + label + "' container";
  Msg m(node, what, {"image", "command", "args", "lifecycle", "resources", "env"}, r.sink);
  Container k;
  k.span = node->span;
  const yaml::Node* image_key = m.key("image");
  if (auto img = m.str("image")) k.image = *img;
  if (!image_key && m.present()) r.sink.report(DiagId::warn_ir_no_image, node->span, {what});
  k.command = read_args(r, m, "command", c, &k.has_command);
  k.args = read_args(r, m, "args", c, &k.has_args);
  if (const yaml::Node* env = m.seq("env")) {
    for (const yaml::Node* item : env->items) {
      Msg e(item, what + " env item", {"name", "value"}, r.sink);
      EnvVar v;
      v.span = item->span;
      if (auto n = e.str("name")) v.name = *n;
      if (auto val = e.str("value")) v.value = val->value;
      if (e.present()) k.env.push_back(std::move(v));
    }
  }
  if (const yaml::Node* res = m.take("resources")) {
    read_resources(r, res, what, k.resources);
    if (k.resources.empty() && (res->is_map())) k.extra["resources"] = Json::object();  // `resources: {}`
  }
  m.merge_rest(k.extra);
  c.container = std::move(k);
}

}  // namespace

void read_io(Reader& r, const yaml::Node* defs, bool outputs, const std::string& what, Component& c) {
  const char* field = outputs ? "outputDefinitions" : "inputDefinitions";
  Msg m(defs, what + " " + field, {"artifacts", "parameters"}, r.sink);
  if (!m.present()) return;
  // Keep file order: whichever of the two maps comes first.
  const yaml::Node* ka = m.key("artifacts");
  const yaml::Node* kp = m.key("parameters");
  bool artifacts_first = ka && (!kp || ka->span.begin.offset < kp->span.begin.offset);
  std::vector<IoSpec>& out = outputs ? c.outputs : c.inputs;
  auto do_artifacts = [&] {
    for (const auto& e : map_entries(m.take("artifacts"), m.path("artifacts"), r.sink))
      if (e.first->is_scalar()) out.push_back(read_artifact(r, e, outputs, what));
  };
  auto do_params = [&] {
    for (const auto& e : map_entries(m.take("parameters"), m.path("parameters"), r.sink))
      if (e.first->is_scalar()) out.push_back(read_parameter(r, e, outputs, what));
  };
  if (artifacts_first) {
    do_artifacts();
    do_params();
  } else {
    do_params();
    do_artifacts();
  }
  m.keep_rest(c.extra, field);
}

void read_executor(Reader& r, const yaml::Node* executor, const std::string& label, Component& c) {
  std::string what = "executor '" + label + "'";
  Msg m(executor, what, {"container", "importer", "resolver", "customJob"}, r.sink);
  int kinds = 0;
  for (auto k : {"container", "importer", "resolver", "customJob"})
    if (m.peek(k)) ++kinds;
  if (kinds > 1) {
    std::vector<std::string> set;
    for (auto k : {"container", "importer", "resolver", "customJob"})
      if (m.peek(k)) set.emplace_back(k);
    r.sink.report(DiagId::err_ir_oneof, executor->span, {what, set[0], set[1]});
  }
  if (const yaml::Node* n = m.map("container")) {
    read_container(r, n, label, c);
  } else if (const yaml::Node* imp = m.map("importer")) {
    Msg im(imp, what + " importer",
           {"artifactUri", "typeSchema", "properties", "customProperties", "reimport", "metadata",
            "downloadToWorkspace"},
           r.sink);
    c.importer = yaml::to_json(imp);
  } else if (const yaml::Node* res = m.map("resolver")) {
    Msg rm(res, what + " resolver", {"outputArtifactQueries"}, r.sink);
    c.resolver = yaml::to_json(res);
  } else if (kinds == 0 && m.present()) {
    r.sink.report(DiagId::err_ir_missing_key, executor->span, {what, "container"});
  }
  Json rest = m.rest();
  if (!rest.empty())
    for (auto& [k, v] : rest.items()) r.spec.extra["deploymentSpec"]["executors"][label][k] = v;
}

}  // namespace kfp::ir
