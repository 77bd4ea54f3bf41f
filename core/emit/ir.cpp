// The model -> the JSON dict of json_format.MessageToDict(pipeline_spec): the
// inverse of core/read/ir*.cpp (see the round-trip contract in ir.cpp there):
// modelled fields first, proto3 defaults (false, 0, "", empty lists and maps)
// omitted, then each object's `extra` deep-merged over them (a JSON null in
// `extra` deletes the key).
#include "core/emit/ir.h"

#include <algorithm>

#include "core/emit/lower_v1.h"
#include "core/emit/pyfmt.h"
#include "core/emit/yaml_writer.h"
#include "core/read/ir_placeholders.h"

namespace kfp {
namespace {

void merge(Json& dst, const Json& extra) {
  if (!extra.is_object()) return;
  if (!dst.is_object()) dst = Json::object();
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    if (it.value().is_null()) {
      dst.erase(it.key());
    } else if (it.value().is_object() && dst.contains(it.key()) && dst[it.key()].is_object()) {
      merge(dst[it.key()], it.value());
    } else {
      dst[it.key()] = it.value();
    }
  }
}

Json io_json(const std::vector<IoSpec>& ios, bool outputs) {
  Json params = Json::object(), artifacts = Json::object();
  for (const auto& io : ios) {
    Json j = Json::object();
    if (io.type.is_artifact) {
      Json at = Json::object();
      if (!io.type.schema_title.empty()) at["schemaTitle"] = io.type.schema_title;
      if (!io.type.schema_version.empty()) at["schemaVersion"] = io.type.schema_version;
      j["artifactType"] = std::move(at);
      if (io.type.is_list) j["isArtifactList"] = true;
      if (!outputs && io.optional) j["isOptional"] = true;
    } else {
      if (io.type.param != ParamType::Unspecified) j["parameterType"] = std::string(ir_name(io.type.param));
      if (!outputs && io.default_value) j["defaultValue"] = *io.default_value;
      if (!outputs && io.optional) j["isOptional"] = true;
    }
    if (!io.description.empty()) j["description"] = io.description;
    merge(j, io.extra);
    (io.type.is_artifact ? artifacts : params)[io.name.value] = std::move(j);
  }
  Json out = Json::object();
  if (!params.empty()) out["parameters"] = std::move(params);
  if (!artifacts.empty()) out["artifacts"] = std::move(artifacts);
  return out;
}

Json argument_json(const TaskArgument& a) {
  const ArgumentSource& s = a.source;
  Json j = Json::object();
  auto producer = [&](const char* key_field, const char* field) {
    Json p = Json::object();
    if (!s.output.empty()) p[key_field] = s.output;
    if (!s.task.empty()) p["producerTask"] = s.task;
    j[field] = std::move(p);
  };
  switch (s.kind) {
    case ArgumentSource::Kind::PipelineInput:
    case ArgumentSource::Kind::LoopItem:
      j[a.is_artifact ? "componentInputArtifact" : "componentInputParameter"] = s.input;
      break;
    case ArgumentSource::Kind::TaskOutput:
      if (a.is_artifact) producer("outputArtifactKey", "taskOutputArtifact");
      else producer("outputParameterKey", "taskOutputParameter");
      break;
    case ArgumentSource::Kind::Constant:
      if (!s.constant.is_null()) j["runtimeValue"]["constant"] = s.constant;
      break;
    case ArgumentSource::Kind::TaskFinalStatus: {
      Json p = Json::object();
      if (!s.task.empty()) p["producerTask"] = s.task;
      j["taskFinalStatus"] = std::move(p);
      break;
    }
  }
  if (!s.expression.empty()) j["parameterExpressionSelector"] = s.expression;
  merge(j, a.extra);
  return j;
}

Json task_json(const Task& t) {
  Json j = Json::object();
  if (!t.display_name.empty()) j["taskInfo"]["name"] = t.display_name;
  if (!t.ref.name.value.empty()) j["componentRef"]["name"] = t.ref.name.value;
  Json params = Json::object(), artifacts = Json::object();
  for (const auto& a : t.arguments) (a.is_artifact ? artifacts : params)[a.input.value] = argument_json(a);
  if (!params.empty()) j["inputs"]["parameters"] = std::move(params);
  if (!artifacts.empty()) j["inputs"]["artifacts"] = std::move(artifacts);
  if (!t.after.empty()) {
    Json deps = Json::array();
    for (const auto& d : t.after) deps.push_back(d.value);
    j["dependentTasks"] = std::move(deps);
  }
  if (t.enable_cache) {
    j["cachingOptions"] = Json::object();
    if (*t.enable_cache) j["cachingOptions"]["enableCache"] = true;
  }
  if (t.condition) j["triggerPolicy"]["condition"] = t.condition->value;
  if (t.trigger_strategy) j["triggerPolicy"]["strategy"] = *t.trigger_strategy;
  if (t.iterator) {
    const Iterator& it = *t.iterator;
    Json k = Json::object();
    if (it.artifact) {
      if (!it.input.empty()) k["items"]["inputArtifact"] = it.input;
    } else if (it.raw) {
      k["items"]["raw"] = *it.raw;
    } else if (!it.input.empty()) {
      k["items"]["inputParameter"] = it.input;
    }
    if (!it.item_input.empty()) k["itemInput"] = it.item_input;
    j[it.artifact ? "artifactIterator" : "parameterIterator"] = std::move(k);
  }
  if (t.retry) {
    const RetryPolicy& p = *t.retry;
    Json r = Json::object();
    if (p.max_retry_count) r["maxRetryCount"] = p.max_retry_count;
    if (p.backoff_duration && !p.backoff_duration->empty()) r["backoffDuration"] = *p.backoff_duration;
    if (p.backoff_factor && *p.backoff_factor != 0) r["backoffFactor"] = *p.backoff_factor;
    if (p.backoff_max_duration && !p.backoff_max_duration->empty()) r["backoffMaxDuration"] = *p.backoff_max_duration;
    j["retryPolicy"] = std::move(r);
  }
  if (t.parallelism && *t.parallelism != 0) j["iteratorPolicy"]["parallelismLimit"] = *t.parallelism;
  merge(j, t.extra);
  return j;
}

Json dag_json(const Dag& d) {
  Json j = Json::object();
  Json tasks = Json::object();
  for (const auto& t : d.tasks) tasks[t.name.value] = task_json(t);
  if (!tasks.empty()) j["tasks"] = std::move(tasks);
  Json params = Json::object(), artifacts = Json::object();
  for (const auto& o : d.outputs) {
    Json x = Json::object();
    if (o.is_artifact) {
      Json sels = Json::array();
      for (const auto& [task, key] : o.selectors)
        sels.push_back(Json{{"outputArtifactKey", key}, {"producerSubtask", task}});
      if (!sels.empty()) x["artifactSelectors"] = std::move(sels);
    } else if (o.oneof) {
      Json sels = Json::array();
      for (const auto& [task, key] : o.selectors)
        sels.push_back(Json{{"outputParameterKey", key}, {"producerSubtask", task}});
      x["valueFromOneof"] = Json::object();
      if (!sels.empty()) x["valueFromOneof"]["parameterSelectors"] = std::move(sels);
    } else if (!o.selectors.empty()) {
      x["valueFromParameter"] = Json{{"outputParameterKey", o.selectors[0].second},
                                     {"producerSubtask", o.selectors[0].first}};
    }
    merge(x, o.extra);
    (o.is_artifact ? artifacts : params)[o.name.value] = std::move(x);
  }
  if (!params.empty()) j["outputs"]["parameters"] = std::move(params);
  if (!artifacts.empty()) j["outputs"]["artifacts"] = std::move(artifacts);
  merge(j, d.extra);
  return j;
}

Json args_json(const std::vector<Arg>& args, const Component& owner) {
  Json out = Json::array();
  for (const auto& a : args) out.push_back(ir_placeholder_string(a, &owner));
  return out;
}

Json container_json(const Container& k, const Component& owner) {
  Json j = Json::object();
  if (!k.image.value.empty()) j["image"] = k.image.value;
  if (!k.command.empty()) j["command"] = args_json(k.command, owner);
  if (!k.args.empty()) j["args"] = args_json(k.args, owner);
  if (!k.env.empty()) {
    Json env = Json::array();
    for (const auto& e : k.env) {
      Json x = Json::object();
      if (!e.name.value.empty()) x["name"] = e.name.value;
      if (!e.value.empty()) x["value"] = e.value;
      env.push_back(std::move(x));
    }
    j["env"] = std::move(env);
  }
  const Resources& r = k.resources;
  Json res = Json::object();
  if (r.cpu_limit) res["resourceCpuLimit"] = *r.cpu_limit;
  if (r.memory_limit) res["resourceMemoryLimit"] = *r.memory_limit;
  if (r.cpu_request) res["resourceCpuRequest"] = *r.cpu_request;
  if (r.memory_request) res["resourceMemoryRequest"] = *r.memory_request;
  if (r.accelerator_type) res["accelerator"]["resourceType"] = *r.accelerator_type;
  if (r.accelerator_count) res["accelerator"]["resourceCount"] = *r.accelerator_count;
  merge(res, r.extra);
  if (!res.empty()) j["resources"] = std::move(res);
  merge(j, k.extra);
  return j;
}

Json component_json(const Component& c) {
  Json j = Json::object();
  Json in = io_json(c.inputs, false), out = io_json(c.outputs, true);
  if (!in.empty()) j["inputDefinitions"] = std::move(in);
  if (!out.empty()) j["outputDefinitions"] = std::move(out);
  if (c.dag) j["dag"] = dag_json(*c.dag);
  else if (!c.executor_label.empty()) j["executorLabel"] = c.executor_label;
  merge(j, c.extra);
  return j;
}

void add_executor(Json& executors, const Component& c) {
  if (c.executor_label.empty() || c.dag) return;
  Json e = Json::object();
  if (c.container) e["container"] = container_json(*c.container, c);
  else if (c.importer) e["importer"] = *c.importer;
  else if (c.resolver) e["resolver"] = *c.resolver;
  else return;
  if (executors.contains(c.executor_label)) merge(e, executors[c.executor_label]);
  executors[c.executor_label] = std::move(e);
}

// Python str.splitlines() separators.
std::vector<std::string> splitlines(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  bool pending = false;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t brk = 0;
    if (c == '\r') brk = (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    else if (c == '\n' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e) brk = 1;
    else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) brk = 2;
    else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
             (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
      brk = 3;
    if (brk) {
      out.push_back(cur);
      cur.clear();
      i += brk;
      pending = false;
      continue;
    }
    cur += s[i++];
    pending = true;
  }
  if (pending) out.push_back(cur);
  return out;
}

std::string comment_type(const std::string& ir) {
  static const std::map<std::string, std::string> m = {
      {"STRING", "str"},   {"NUMBER_INTEGER", "int"}, {"NUMBER_DOUBLE", "float"},
      {"LIST", "list"},    {"STRUCT", "dict"},        {"BOOLEAN", "bool"},
      {"TASK_FINAL_STATUS", "PipelineTaskFinalStatus"}, {"TASK_CONFIG", "TaskConfig"},
  };
  auto it = m.find(ir);
  return it == m.end() ? ir : it->second;
}

void signature_lines(const Json& defs, const char* heading, std::vector<std::string>& out) {
  out.push_back(heading);
  std::vector<std::pair<std::string, std::string>> rows;  // name, text after the name
  if (defs.contains("parameters") && defs["parameters"].is_object()) {
    for (auto it = defs["parameters"].begin(); it != defs["parameters"].end(); ++it) {
      const Json& p = it.value();
      std::string line = ": " + comment_type(p.value("parameterType", std::string()));
      if (p.contains("defaultValue")) {
        const Json& d = p["defaultValue"];
        line += " [Default: " + (d.is_string() ? "'" + d.get<std::string>() + "'" : python_str(d)) + "]";
      }
      rows.emplace_back(it.key(), line);
    }
  }
  if (defs.contains("artifacts") && defs["artifacts"].is_object()) {
    for (auto it = defs["artifacts"].begin(); it != defs["artifacts"].end(); ++it) {
      std::string title;
      if (it.value().contains("artifactType")) title = it.value()["artifactType"].value("schemaTitle", std::string());
      rows.emplace_back(it.key(), ": " + title);
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [name, rest] : rows) out.push_back("#    " + name + rest);
}

// The comment block KFP put at the top of an IR file, verbatim.
std::string leading_comments(const std::string& text) {
  size_t p = 0;
  while (p < text.size() && text[p] == '#') {
    size_t nl = text.find('\n', p);
    if (nl == std::string::npos) return text + "\n";
    p = nl + 1;
  }
  return text.substr(0, p);
}

}  // namespace

Json ir_json(const PipelineSpec& spec) {
  Json j = Json::object();
  Json comps = Json::object(), executors = Json::object();
  for (const auto& [key, c] : spec.components) {
    if (!c) continue;
    comps[key] = component_json(*c);
    add_executor(executors, *c);
  }
  if (spec.root) add_executor(executors, *spec.root);
  if (!comps.empty()) j["components"] = std::move(comps);
  if (!executors.empty()) j["deploymentSpec"]["executors"] = std::move(executors);
  if (!spec.name.value.empty()) j["pipelineInfo"]["name"] = spec.name.value;
  if (!spec.display_name.empty()) j["pipelineInfo"]["displayName"] = spec.display_name;
  if (!spec.description.empty()) j["pipelineInfo"]["description"] = spec.description;
  if (spec.root) j["root"] = component_json(*spec.root);
  if (!spec.schema_version.empty()) j["schemaVersion"] = spec.schema_version;
  if (!spec.sdk_version.empty()) j["sdkVersion"] = spec.sdk_version;
  if (spec.default_pipeline_root) j["defaultPipelineRoot"] = *spec.default_pipeline_root;
  merge(j, spec.extra);
  return j;
}

std::string ir_header(const Json& spec_json, const std::string& description) {
  std::vector<std::string> lines;
  lines.push_back("# PIPELINE DEFINITION");
  std::string name;
  if (spec_json.contains("pipelineInfo")) name = spec_json["pipelineInfo"].value("name", std::string());
  lines.push_back("# Name: " + name);
  if (!description.empty()) {
    std::string joined;
    auto parts = splitlines(description);
    for (size_t i = 0; i < parts.size(); ++i) joined += (i ? "\n#              " : "") + parts[i];
    lines.push_back("# Description: " + joined);
  }
  if (spec_json.contains("root")) {
    const Json& root = spec_json["root"];
    if (root.contains("inputDefinitions")) signature_lines(root["inputDefinitions"], "# Inputs:", lines);
    if (root.contains("outputDefinitions")) signature_lines(root["outputDefinitions"], "# Outputs:", lines);
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string write_ir(const PipelineSpec& spec, const std::string& description) {
  // Moved, not copied (an initializer list copies): a 1,000-task spec is megabytes of Json.
  std::vector<Json> docs;
  docs.push_back(ir_json(spec));
  std::string header = ir_header(docs.front(), description);
  if (spec.platform_spec && !spec.platform_spec->empty()) docs.push_back(*spec.platform_spec);
  return header + write_yaml_all(docs);
}

CompileResult compile_to_ir(const Analysis& a, const CompileOptions& opts) {
  CompileResult r;
  const SourceFile* target = nullptr;
  for (const auto& f : a.ws.files())
    if (!opts.target.empty() && f->path == opts.target) target = f.get();
  if (!opts.target.empty() && !target) {
    r.diagnostics.push_back(make_diag(DiagId::err_compile_nothing, Span{}, {"no input file '" + opts.target + "'"}));
    return r;
  }
  // A .py file is what the user compiles when one is open (the others are
  // the components it loads).
  if (!target)
    for (const auto& f : a.ws.files())
      if (!target && f->kind == FileKind::Python && (f->pipeline || f->component)) target = f.get();
  if (!target)
    for (const auto& f : a.ws.files())
      if (!target && (f->kind == FileKind::IrPipeline || f->kind == FileKind::V1Graph)) target = f.get();
  if (!target)
    for (const auto& f : a.ws.files())
      if (!target && f->kind == FileKind::V1Component) target = f.get();

  // Check findings (core/diag/diag_checks.def rows) do not stop the round
  // trip of an IR file, which KFP has already compiled; load errors do.
  auto is_check = [](const Diagnostic& d) {
    return d.id >= DiagId::err_type_mismatch && d.id < DiagId::err_compile_refused;
  };
  bool blocking = false;
  for (const auto& d : a.diagnostics)
    if (d.severity == Severity::Error && !(target && target->kind == FileKind::IrPipeline && is_check(d)))
      blocking = true;

  std::vector<Diagnostic> mine;
  std::string text;
  if (blocking) {
    // The inputs must load cleanly first; their errors say why.
  } else if (!target) {
    mine.push_back(make_diag(DiagId::err_compile_nothing, Span{},
                             {"no KFP component, v1 graph or IR pipeline among the inputs"}));
  } else if (target->kind == FileKind::IrPipeline) {
    if (!target->pipeline) {
      mine.push_back(make_diag(DiagId::err_compile_nothing, Span{}, {"the IR file could not be read"}));
    } else {
      // Written back unchanged but for sdkVersion; KFP's header kept as it was.
      std::vector<Json> docs;
      docs.push_back(ir_json(*target->pipeline));
      docs.front()["sdkVersion"] = opts.sdk_version;
      if (target->pipeline->platform_spec) docs.push_back(*target->pipeline->platform_spec);
      text = leading_comments(target->text) + write_yaml_all(docs);
    }
  } else if (target->kind == FileKind::Python && target->pipeline) {
    // The Python reader builds the PipelineSpec named as KFP names things.
    PipelineSpec spec = *target->pipeline;
    spec.sdk_version = opts.sdk_version;
    // A lone component has no pipelineInfo.description; KFP's header still
    // shows the component's (kept on the root).
    text = write_ir(spec, spec.description.empty() && spec.root ? spec.root->description : spec.description);
  } else if (!target->component) {
    mine.push_back(make_diag(DiagId::err_compile_nothing, Span{}, {"the component could not be read"}));
  } else {
    LowerResult lr = lower_v1(*target->component, &a.ws);
    for (auto& d : lr.diagnostics) mine.push_back(std::move(d));
    if (lr.spec) {
      lr.spec->sdk_version = opts.sdk_version;
      text = write_ir(*lr.spec, lr.spec->root->description);  // KFP: header only
    }
  }
  // The analysis' own findings, minus the ones compiling promoted to errors.
  for (const auto& d : a.diagnostics) {
    bool dup = std::any_of(mine.begin(), mine.end(), [&](const Diagnostic& m) {
      return m.id == d.id && m.span.file == d.span.file && m.span.begin.offset == d.span.begin.offset &&
             m.message() == d.message();
    });
    if (!dup) r.diagnostics.push_back(d);
  }
  bool failed = blocking;
  for (auto& d : mine) {
    if (d.severity == Severity::Error) failed = true;
    r.diagnostics.push_back(std::move(d));
  }
  sort_diagnostics(r.diagnostics);
  if (!failed) r.text = std::move(text);
  return r;
}

}  // namespace kfp
