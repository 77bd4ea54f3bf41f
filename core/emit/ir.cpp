// The model -> the JSON dict of json_format.MessageToDict(pipeline_spec): the
// inverse of core/read/ir*.cpp (see the round-trip contract in ir.cpp there):
// modelled fields first, proto3 defaults (false, 0, "", empty lists and maps)
// omitted, then each object's `extra` deep-merged over them (a JSON null in
// `extra` deletes the key).
#include "core/emit/ir.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/emit/lower_v1.h"
#include "core/emit/pyfmt.h"
#include "core/emit/yaml_writer.h"
#include "core/read/ir_placeholders.h"

namespace kfp {
namespace {

// The document is built as an arena tree (core/util/json_tree.h): a
// 1,000-task spec is some 100,000 values, and as nlohmann::json their
// allocations and frees were a third of a compile.
using V = jt::Value;
// Room for this many members in each new object (most here have 1-3).
constexpr size_t kSmall = 2;

void merge(V& dst, const Json& extra) {
  if (!extra.is_object() && !extra.is_null()) return;  // null: the model's empty `extra`
  if (!dst.is_object()) dst = V::object(kSmall);
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    if (it.value().is_null()) {
      dst.erase(it.key());
    } else if (it.value().is_object() && std::as_const(dst)[it.key()].is_object()) {
      merge(dst[it.key()], it.value());
    } else {
      dst[it.key()] = V(it.value());
    }
  }
}

V io_json(const std::vector<IoSpec>& ios, bool outputs) {
  V params = V::object(kSmall), artifacts = V::object(kSmall);
  for (const auto& io : ios) {
    // Members in key order, here and below: the YAML writer then has none to sort.
    V j = V::object(kSmall);
    if (io.type.is_artifact) {
      V at = V::object(kSmall);
      if (!io.type.schema_title.empty()) at.add("schemaTitle") = io.type.schema_title;
      if (!io.type.schema_version.empty()) at.add("schemaVersion") = io.type.schema_version;
      j.add("artifactType") = std::move(at);
      if (!io.description.empty()) j.add("description") = io.description;
      if (io.type.is_list) j.add("isArtifactList") = true;
      if (!outputs && io.optional) j.add("isOptional") = true;
    } else {
      if (!outputs && io.default_value) j.add("defaultValue") = V(*io.default_value);
      if (!io.description.empty()) j.add("description") = io.description;
      if (!outputs && io.optional) j.add("isOptional") = true;
      if (io.type.param != ParamType::Unspecified) j.add("parameterType") = ir_name(io.type.param);
    }
    merge(j, io.extra);
    (io.type.is_artifact ? artifacts : params)[io.name.value] = std::move(j);
  }
  V out = V::object(kSmall);
  if (!artifacts.empty()) out.add("artifacts") = std::move(artifacts);
  if (!params.empty()) out.add("parameters") = std::move(params);
  return out;
}

V argument_json(const TaskArgument& a) {
  const ArgumentSource& s = a.source;
  V j = V::object(kSmall);
  auto producer = [&](const char* key_field, const char* field) {
    V p = V::object(kSmall);
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
      if (!s.constant.is_null()) j["runtimeValue"]["constant"] = V(s.constant);
      break;
    case ArgumentSource::Kind::TaskFinalStatus: {
      V p = V::object(kSmall);
      if (!s.task.empty()) p["producerTask"] = s.task;
      j["taskFinalStatus"] = std::move(p);
      break;
    }
  }
  if (!s.expression.empty()) j["parameterExpressionSelector"] = s.expression;
  merge(j, a.extra);
  return j;
}

V task_json(const Task& t) {
  V j = V::object(kSmall);
  // The common members in key order (the rare ones after them are sorted when written).
  if (t.enable_cache) {
    V& caching = j.add("cachingOptions") = V::object(kSmall);
    if (*t.enable_cache) caching.add("enableCache") = true;
  }
  if (!t.ref.name.value.empty()) j.add("componentRef").add("name") = t.ref.name.value;
  if (!t.after.empty()) {
    V deps = V::array();
    for (const auto& d : t.after) deps.push_back(d.value);
    j.add("dependentTasks") = std::move(deps);
  }
  V params = V::object(kSmall), artifacts = V::object(kSmall);
  for (const auto& a : t.arguments) (a.is_artifact ? artifacts : params)[a.input.value] = argument_json(a);
  if (!params.empty() || !artifacts.empty()) {
    V& inputs = j.add("inputs") = V::object(kSmall);
    if (!artifacts.empty()) inputs.add("artifacts") = std::move(artifacts);
    if (!params.empty()) inputs.add("parameters") = std::move(params);
  }
  if (!t.display_name.empty()) j.add("taskInfo").add("name") = t.display_name;
  if (t.condition) j["triggerPolicy"]["condition"] = t.condition->value;
  if (t.trigger_strategy) j["triggerPolicy"]["strategy"] = *t.trigger_strategy;
  if (t.iterator) {
    const Iterator& it = *t.iterator;
    V k = V::object(kSmall);
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
    V r = V::object(kSmall);
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

V selectors_json(const std::vector<std::pair<std::string, std::string>>& selectors, const char* key_field) {
  V sels = V::array();
  for (const auto& [task, key] : selectors) sels.push_back(V::object({{key_field, key}, {"producerSubtask", task}}));
  return sels;
}

V dag_json(const Dag& d) {
  V tasks = V::object(kSmall);
  for (const auto& t : d.tasks) tasks.add(t.name.value) = task_json(t);  // names are unique in a DAG
  V params = V::object(kSmall), artifacts = V::object(kSmall);
  for (const auto& o : d.outputs) {
    V x = V::object(kSmall);
    if (o.is_artifact) {
      if (!o.selectors.empty()) x["artifactSelectors"] = selectors_json(o.selectors, "outputArtifactKey");
    } else if (o.oneof) {
      x["valueFromOneof"] = V::object(kSmall);
      if (!o.selectors.empty())
        x["valueFromOneof"]["parameterSelectors"] = selectors_json(o.selectors, "outputParameterKey");
    } else if (!o.selectors.empty()) {
      x["valueFromParameter"] = V::object({{"outputParameterKey", o.selectors[0].second},
                                           {"producerSubtask", o.selectors[0].first}});
    }
    merge(x, o.extra);
    (o.is_artifact ? artifacts : params)[o.name.value] = std::move(x);
  }
  V j = V::object(kSmall);  // outputs, tasks: in key order
  if (!params.empty() || !artifacts.empty()) {
    V& outputs = j.add("outputs") = V::object(kSmall);
    if (!artifacts.empty()) outputs.add("artifacts") = std::move(artifacts);
    if (!params.empty()) outputs.add("parameters") = std::move(params);
  }
  if (!tasks.empty()) j.add("tasks") = std::move(tasks);
  merge(j, d.extra);
  return j;
}

V args_json(const std::vector<Arg>& args, const Component& owner) {
  V out = V::array();
  for (const auto& a : args) out.push_back(ir_placeholder_string(a, &owner));
  return out;
}

V container_json(const Container& k, const Component& owner) {
  V j = V::object(kSmall);  // args, command, env, image, resources: in key order
  if (!k.args.empty()) j.add("args") = args_json(k.args, owner);
  if (!k.command.empty()) j.add("command") = args_json(k.command, owner);
  if (!k.env.empty()) {
    V env = V::array();
    for (const auto& e : k.env) {
      V x = V::object(kSmall);
      if (!e.name.value.empty()) x["name"] = e.name.value;
      if (!e.value.empty()) x["value"] = e.value;
      env.push_back(std::move(x));
    }
    j.add("env") = std::move(env);
  }
  if (!k.image.value.empty()) j.add("image") = k.image.value;
  const Resources& r = k.resources;
  V res = V::object(kSmall);
  if (r.cpu_limit) res["resourceCpuLimit"] = *r.cpu_limit;
  if (r.memory_limit) res["resourceMemoryLimit"] = *r.memory_limit;
  if (r.cpu_request) res["resourceCpuRequest"] = *r.cpu_request;
  if (r.memory_request) res["resourceMemoryRequest"] = *r.memory_request;
  if (r.accelerator_type) res["accelerator"]["resourceType"] = *r.accelerator_type;
  if (r.accelerator_count) res["accelerator"]["resourceCount"] = *r.accelerator_count;
  merge(res, r.extra);
  if (!res.empty()) j.add("resources") = std::move(res);
  merge(j, k.extra);
  return j;
}

V component_json(const Component& c) {
  V j = V::object(kSmall);  // dag | executorLabel, inputDefinitions, outputDefinitions: in key order
  if (c.dag) j.add("dag") = dag_json(*c.dag);
  else if (!c.executor_label.empty()) j.add("executorLabel") = c.executor_label;
  V in = io_json(c.inputs, false), out = io_json(c.outputs, true);
  if (!in.empty()) j.add("inputDefinitions") = std::move(in);
  if (!out.empty()) j.add("outputDefinitions") = std::move(out);
  merge(j, c.extra);
  return j;
}

// deploymentSpec.executors, one per executor label. Two components naming one
// label (hand-written IR) share an entry, the earlier one's fields winning.
class Executors {
 public:
  void add(const Component& c) {
    if (c.executor_label.empty() || c.dag) return;
    V e = V::object(kSmall);
    if (c.container) e["container"] = container(c);
    else if (c.importer) e["importer"] = V(*c.importer);
    else if (c.resolver) e["resolver"] = V(*c.resolver);
    else return;
    if (seen_.insert(c.executor_label).second) {
      tree_.add(c.executor_label) = std::move(e);
    } else {
      merge(e, std::as_const(tree_)[c.executor_label].to_json());
      tree_[c.executor_label] = std::move(e);
    }
  }
  V take() { return std::move(tree_); }

 private:
  // A container's JSON, made once per container that tasks share (the v1
  // lowering gives every task a copy of its component, sharing the
  // container: model.h): rendering the placeholders again was most of an
  // executor. The text of an {outputPath} also depends on the owner's
  // outputs (a parameter's is its output_file), so a copy whose outputs
  // differ in name or kind is rendered on its own.
  V container(const Component& c) {
    const Container* k = &*c.container;
    auto same_outputs = [&](const Component& o) {
      if (o.outputs.size() != c.outputs.size()) return false;
      for (size_t i = 0; i < c.outputs.size(); ++i)
        if (o.outputs[i].name.value != c.outputs[i].name.value ||
            o.outputs[i].type.is_artifact != c.outputs[i].type.is_artifact)
          return false;
      return true;
    };
    auto it = rendered_.find(k);
    if (it != rendered_.end() && same_outputs(*it->second.first)) return it->second.second;
    V j = container_json(*k, c);
    rendered_.insert_or_assign(k, std::make_pair(&c, j));
    return j;
  }
  std::unordered_map<const Container*, std::pair<const Component*, V>> rendered_;
  V tree_ = V::object(kSmall);
  std::set<std::string> seen_;  // the labels in tree_ (a std::set<std::string>: the wasm has its code already)
};

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

void signature_lines(const V& defs, const char* heading, std::vector<std::string>& out) {
  out.push_back(heading);
  std::vector<std::pair<std::string, std::string>> rows;  // name, text after the name
  std::vector<const jt::Member*> members;
  defs["parameters"].sorted_members(members);
  for (const jt::Member* m : members) {
    const V& p = m->second;
    std::string line = ": " + comment_type(std::string(p["parameterType"].str()));
    if (p.contains("defaultValue")) {
      const V& d = p["defaultValue"];
      line += " [Default: " + (d.is_string() ? "'" + std::string(d.str()) + "'" : python_str(d.to_json())) + "]";
    }
    rows.emplace_back(m->first, line);
  }
  defs["artifacts"].sorted_members(members);
  for (const jt::Member* m : members)
    rows.emplace_back(m->first, ": " + std::string(m->second["artifactType"]["schemaTitle"].str()));
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

jt::Value ir_tree(const PipelineSpec& spec) {
  V j = V::object(kSmall);
  V comps = V::object(kSmall);
  Executors executors;
  for (const auto& [key, c] : spec.components) {
    if (!c) continue;
    comps.add(key) = component_json(*c);  // keys of a map: unique
    executors.add(*c);
  }
  if (spec.root) executors.add(*spec.root);
  V execs = executors.take();
  if (!comps.empty()) j["components"] = std::move(comps);
  if (!execs.empty()) j["deploymentSpec"]["executors"] = std::move(execs);
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

Json ir_json(const PipelineSpec& spec) {
  jt::Arena arena;
  return ir_tree(spec).to_json();
}

std::string ir_header(const jt::Value& spec_json, const std::string& description) {
  std::vector<std::string> lines;
  lines.push_back("# PIPELINE DEFINITION");
  lines.push_back("# Name: " + std::string(spec_json["pipelineInfo"]["name"].str()));
  if (!description.empty()) {
    std::string joined;
    auto parts = splitlines(description);
    for (size_t i = 0; i < parts.size(); ++i) joined += (i ? "\n#              " : "") + parts[i];
    lines.push_back("# Description: " + joined);
  }
  const V& root = spec_json["root"];
  if (root.contains("inputDefinitions")) signature_lines(root["inputDefinitions"], "# Inputs:", lines);
  if (root.contains("outputDefinitions")) signature_lines(root["outputDefinitions"], "# Outputs:", lines);
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string write_ir(const PipelineSpec& spec, const std::string& description) {
  jt::Arena arena;  // every tree below lives (and dies) in it
  std::vector<V> docs;
  docs.push_back(ir_tree(spec));
  std::string header = ir_header(docs.front(), description);
  if (spec.platform_spec && !spec.platform_spec->empty()) docs.emplace_back(*spec.platform_spec);
  YamlWriteOptions o;
  o.prefix = header;
  return write_yaml_all(docs, o);
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
      jt::Arena arena;
      std::vector<V> docs;
      docs.push_back(ir_tree(*target->pipeline));
      docs.front()["sdkVersion"] = opts.sdk_version;
      if (target->pipeline->platform_spec) docs.emplace_back(*target->pipeline->platform_spec);
      const std::string comments = leading_comments(target->text);
      YamlWriteOptions o;
      o.prefix = comments;
      text = write_yaml_all(docs, o);
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
