// One Argo container template per task, as KFP v1's _op_to_template does:
// placeholders resolved to Argo variables and fixed paths, outputs exposed
// as files under /tmp/outputs, pod labels KFP's backend reads.
#include "core/emit/argo_internal.h"

namespace kfp::argo_emit {
namespace {

using V = jt::Value;

std::string file_part(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {  // ASCII tests inline: std::isalnum is a call per byte (the C locale's answer)
    bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                ch == '-' || ch == '.';
    if (!keep) ch = '_';
  }
  return out.empty() ? "_" : out;
}

bool truthy(const Json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    return !s.empty() && s != "false" && s != "False" && s != "0";
  }
  if (v.is_number()) return v.get<double>() != 0;
  return !v.is_null();
}

struct Renderer {
  const Task& task;
  const Component& comp;
  Sink& sink;
  ContainerTemplate& out;
  std::set<std::string> warned;

  bool present(const std::string& input) const {
    for (const auto& a : task.arguments)
      if (a.input.value == input) return true;
    const IoSpec* io = comp.input(input);
    return io && io->default_value.has_value();
  }

  void warn_once(DiagId id, Span s, const std::string& what, const std::string& why) {
    if (warned.insert(what).second) sink.report(id, s, {what, task.name.value, why});
  }

  std::string output_file(const std::string& name) const {
    if (comp.container) {
      auto it = comp.container->file_outputs.find(name);
      if (it != comp.container->file_outputs.end()) return it->second.value;
    }
    return output_path(name);
  }

  // One placeholder as text (Concat parts and Templates join these).
  std::string text(const Arg& a) {
    std::string s;
    render(a, s);
    return s;
  }

  // Where render() puts each string: joined into one, or appended to a
  // command line (straight into the tree: no list of strings in between).
  static void put(std::string& joined, std::string_view s) { joined += s; }
  static void put(jt::Value& list, std::string_view s) { list.push_back(jt::Value(s)); }

  template <class Out>
  void render(const Arg& a, Out& outv) {
    switch (a.kind) {
      case Arg::Kind::Literal:
        put(outv, a.text);
        return;
      case Arg::Kind::InputValue:
        out.param_inputs.insert(a.text);
        put(outv, "{{inputs.parameters." + param_name(a.text) + "}}");
        return;
      case Arg::Kind::InputUri:
        warn_once(DiagId::warn_argo_emit_placeholder, a.span, "the URI of input '" + a.text + "'",
                  "the local path is used");
        [[fallthrough]];
      case Arg::Kind::InputPath:
        out.artifact_inputs.insert(a.text);
        put(outv, input_path(a.text));
        return;
      case Arg::Kind::InputMetadata:
      case Arg::Kind::OutputMetadata:
        warn_once(DiagId::warn_argo_emit_placeholder, a.span, "the metadata of '" + a.text + "'", "'{}' is passed");
        put(outv, "{}");
        return;
      case Arg::Kind::OutputUri:
        warn_once(DiagId::warn_argo_emit_placeholder, a.span, "the URI of output '" + a.text + "'",
                  "the local path is used");
        [[fallthrough]];
      case Arg::Kind::OutputPath:
        put(outv, output_file(a.text));
        return;
      case Arg::Kind::ExecutorInput:
        warn_once(DiagId::warn_argo_emit_placeholder, a.span, "the executor input ({{$}})",
                  "the component expects KFP v2's launcher and is passed the text '{{$}}'");
        put(outv, "{{$}}");
        return;
      case Arg::Kind::Concat:
      case Arg::Kind::Template: {
        std::string s;
        for (const auto& i : a.items) render(i, s);
        put(outv, s);
        return;
      }
      case Arg::Kind::IfPresent: {
        bool cond = a.cond_value ? truthy(*a.cond_value) : present(a.text);
        for (const auto& i : cond ? a.then_items : a.else_items) render(i, outv);
        return;
      }
    }
  }

  jt::Value list(const std::vector<Arg>& args) {
    jt::Value v = jt::Value::array();
    for (const auto& a : args) render(a, v);
    return v;
  }
};

}  // namespace

std::string input_path(std::string_view input) { return "/tmp/inputs/" + file_part(input) + "/data"; }
std::string output_path(std::string_view output) { return "/tmp/outputs/" + file_part(output) + "/data"; }

ContainerTemplate container_template(const std::string& name, const Task& task, const Component& comp,
                                     const PipelineSpec& p, Sink& sink) {
  ContainerTemplate ct;
  const Container& c = *comp.container;
  Renderer r{task, comp, sink, ct, {}};
  // Objects are built with their members in key order where the code can
  // (the order the YAML writer lists them in): sorting members that came out
  // of order was a twentieth of compiling 1,000 tasks.
  V command = r.list(c.command), args = r.list(c.args);
  V container = V::object();
  // Moved, not copied, here and below: the copies of nested values were a
  // quarter of compiling 1,000 tasks to Argo.
  if (!args.empty()) container.add("args") = std::move(args);
  if (!command.empty()) container.add("command") = std::move(command);
  if (!c.env.empty()) {
    V env = V::array();
    for (const auto& e : c.env) env.push_back(V::object({{"name", e.name.value}, {"value", e.value}}));
    container.add("env") = std::move(env);
  }
  container.add("image") = c.image.value;
  // A resource set from a pipeline parameter or task output holds the IR
  // placeholder of the task input carrying it (KFP's resource_cpu_limit,
  // ...): the Argo template reads that input instead.
  Resources res = c.resources;
  for (auto* f : {&res.cpu_limit, &res.memory_limit, &res.cpu_request, &res.memory_request, &res.accelerator_type,
                  &res.accelerator_count}) {
    static const std::string open = "{{$.inputs.parameters['", close = "']}}";
    if (!*f || (*f)->size() <= open.size() + close.size() || (*f)->rfind(open, 0) != 0 ||
        (*f)->compare((*f)->size() - close.size(), close.size(), close) != 0)
      continue;
    Arg in;
    in.kind = Arg::Kind::InputValue;
    in.text = (*f)->substr(open.size(), (*f)->size() - open.size() - close.size());
    in.span = c.span;
    *f = r.text(in);
  }
  V limits = V::object(), requests = V::object();
  if (res.cpu_limit) limits["cpu"] = *res.cpu_limit;
  if (res.memory_limit) limits["memory"] = *res.memory_limit;
  if (res.cpu_request) requests["cpu"] = *res.cpu_request;
  if (res.memory_request) requests["memory"] = *res.memory_request;
  if (res.accelerator_count) {
    std::string key = res.accelerator_type && res.accelerator_type->find('/') != std::string::npos
                          ? *res.accelerator_type
                          : "nvidia.com/gpu";
    limits[key] = *res.accelerator_count;
  }
  if (!limits.empty() || !requests.empty()) {
    V resources = V::object();
    if (!limits.empty()) resources.add("limits") = std::move(limits);
    if (!requests.empty()) resources.add("requests") = std::move(requests);
    container.add("resources") = std::move(resources);
  }
  V t = V::object();
  t.add("container") = std::move(container);

  // Inputs the command uses (v1 declares only those), plus the ones the task
  // passes or that have a default (a KFP v2 component reads its inputs
  // through {{$}}, not through placeholders), with defaults for the ones the
  // task does not pass.
  auto passed = [&](const std::string& n) {
    for (const auto& a : task.arguments)
      if (a.input.value == n) return true;
    return false;
  };
  for (const auto& io : comp.inputs) {
    const std::string& n = io.name.value;
    if (ct.param_inputs.count(n) || ct.artifact_inputs.count(n)) continue;
    if (io.type.is_artifact) {
      if (passed(n)) ct.artifact_inputs.insert(n);
    } else if (passed(n) || io.default_value) {
      ct.param_inputs.insert(n);
    }
  }
  V in_params = V::array(), in_arts = V::array();
  for (const auto& n : ct.param_inputs) {
    const IoSpec* io = comp.input(n);
    V pj = V::object(2);
    if (!passed(n) && io && io->default_value) pj.add("default") = value_text(*io->default_value);
    pj.add("name") = param_name(n);
    in_params.push_back(std::move(pj));
  }
  for (const auto& n : ct.artifact_inputs) {
    V aj = V::object({{"name", param_name(n)}, {"path", input_path(n)}});
    const IoSpec* io = comp.input(n);
    if (!passed(n)) {
      if (io && io->default_value && !io->type.is_artifact)
        aj["raw"]["data"] = value_text(*io->default_value);
      else
        aj["optional"] = true;
    }
    in_arts.push_back(std::move(aj));
  }
  if (!in_params.empty() || !in_arts.empty()) {
    V inputs = V::object();
    if (!in_arts.empty()) inputs.add("artifacts") = std::move(in_arts);
    if (!in_params.empty()) inputs.add("parameters") = std::move(in_params);
    t.add("inputs") = std::move(inputs);
  }

  // Pod metadata KFP's backend reads.
  std::string sdk = p.sdk_version.rfind("kfp-", 0) == 0 ? p.sdk_version.substr(4) : p.sdk_version;
  V annotations = V::object();
  if (!comp.digest.empty())
    annotations.add("pipelines.kubeflow.org/component_ref") = "{\"digest\": \"" + comp.digest + "\"}";
  if (!task.display_name.empty() && task.display_name != task.name.value)
    annotations.add("pipelines.kubeflow.org/task_display_name") = task.display_name;
  V labels = V::object(3);
  labels.add("pipelines.kubeflow.org/enable_caching") = task.enable_cache.value_or(true) ? "true" : "false";
  if (!sdk.empty()) labels.add("pipelines.kubeflow.org/kfp_sdk_version") = sdk;
  labels.add("pipelines.kubeflow.org/pipeline-sdk-type") = "kfp";
  V metadata = V::object(2);
  if (!annotations.empty()) metadata.add("annotations") = std::move(annotations);
  metadata.add("labels") = std::move(labels);
  t.add("metadata") = std::move(metadata);
  t.add("name") = name;

  // Every output as an artifact; parameter outputs also as parameters.
  V out_params = V::array(), out_arts = V::array();
  for (const auto& o : comp.outputs) {
    std::string on = task_output_name(name, o.name.value);
    std::string path = r.output_file(o.name.value);
    if (!o.type.is_artifact)
      out_params.push_back(V::object({{"name", on}, {"valueFrom", V::object({{"path", path}})}}));
    out_arts.push_back(V::object({{"name", on}, {"path", path}}));
  }
  if (!out_params.empty() || !out_arts.empty()) {
    V outputs = V::object();
    if (!out_arts.empty()) outputs.add("artifacts") = std::move(out_arts);
    if (!out_params.empty()) outputs.add("parameters") = std::move(out_params);
    t.add("outputs") = std::move(outputs);
  }

  if (task.retry && task.retry->max_retry_count > 0) {
    V backoff = V::object();
    if (task.retry->backoff_duration) backoff["duration"] = *task.retry->backoff_duration;
    if (task.retry->backoff_factor) {
      double f = *task.retry->backoff_factor;
      if (f == static_cast<double>(static_cast<int64_t>(f)))
        backoff["factor"] = static_cast<int64_t>(f);
      else
        backoff["factor"] = Json(f).dump();
    }
    if (task.retry->backoff_max_duration) backoff["maxDuration"] = *task.retry->backoff_max_duration;
    V rs = V::object(2);
    if (!backoff.empty()) rs.add("backoff") = std::move(backoff);
    rs.add("limit") = task.retry->max_retry_count;
    t.add("retryStrategy") = std::move(rs);
  }
  ct.tmpl = std::move(t);
  apply_platform(p, task, comp, ct, sink);
  return ct;
}

}  // namespace kfp::argo_emit
