#include "core/submit/prepare.h"

#include "core/api_json.h"
#include "core/emit/argo.h"

namespace kfp::submit {

const Component* pipeline_root(const Analysis& a) {
  for (const auto& f : a.ws.files())
    if (f->pipeline && f->pipeline->root) return f->pipeline->root.get();
  for (const auto& f : a.ws.files())
    if (f->component && f->component->dag) return f->component.get();
  for (const auto& f : a.ws.files())
    if (f->component) return f->component.get();
  return nullptr;
}

std::string pipeline_name(const Analysis& a) {
  std::string name;
  for (const auto& f : a.ws.files())
    if (f->pipeline && !f->pipeline->name.value.empty()) name = f->pipeline->name.value;
  if (name.empty())
    if (const Component* root = pipeline_root(a)) name = root->name.value;
  return name.empty() ? "pipeline" : name;
}

namespace {

std::string str(const Json& j, const char* k, std::string def = "") {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : def;
}

bool flag(const Json& j, const char* k) { return j.contains(k) && j[k].is_boolean() && j[k].get<bool>(); }

}  // namespace

Prepared prepare(const Analysis& a, const Json& request) {
  Prepared p;
  const Json req = request.is_object() ? request : Json::object();
  const std::string target = str(req, "target", "kfp");
  const bool wants_run = flag(req, "run") || (req.contains("schedule") && req["schedule"].is_object());

  // 1. Our own validation and the compile, exactly as `kfpc compile`.
  std::string text;
  Json workflow;
  if (target == "argo") {
    ArgoResult r = compile_to_argo(a);
    if (r.ok) {
      text = std::move(r.text);
      workflow = std::move(r.workflow);
    }
    p.diagnostics = a.diagnostics;
    for (auto& d : r.diagnostics) p.diagnostics.push_back(std::move(d));
  } else {
    Compiled c = compile_analysis(a, "ir");
    text = std::move(c.text);
    p.diagnostics = std::move(c.diagnostics);
  }

  // 2. Typed run parameters, checked against the pipeline's inputs.
  Json typed = Json::object();
  const bool has_params = req.contains("parameters") && req["parameters"].is_object() && !req["parameters"].empty();
  if ((wants_run || has_params) && target == "kfp") {
    std::map<std::string, std::string> raw;
    if (req.contains("parameters") && req["parameters"].is_object()) {
      for (const auto& [k, v] : req["parameters"].items())
        raw[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
    Sink sink;
    if (const Component* root = pipeline_root(a)) typed = parse_parameters(*root, raw, sink);
    for (const auto& d : sink.all()) p.diagnostics.push_back(d);
  }
  sort_diagnostics(p.diagnostics);
  for (const auto& d : p.diagnostics)
    if (d.severity == Severity::Error) ++p.errors;

  if (req.contains("schedule")) {
    const Json& sc = req["schedule"];
    bool cron = sc.is_object() && sc.contains("cron") && sc["cron"].is_string() && !sc["cron"].get<std::string>().empty();
    bool every = sc.is_object() && sc.contains("interval_seconds") && sc["interval_seconds"].is_number_integer() &&
                 sc["interval_seconds"].get<int64_t>() > 0;
    if (!cron && !every) {
      p.refusal = "not submitted: a recurring run needs a cron expression or a whole number of seconds > 0";
      return p;
    }
  }
  if (text.empty()) {
    p.refusal = "nothing to submit: the compile produced no output";
    return p;
  }
  if (p.errors && !flag(req, "force")) {
    p.refusal = "not submitted: validation found " + std::to_string(p.errors) + " error" + (p.errors == 1 ? "" : "s");
    return p;
  }

  // 3. The flow's config.
  Json cfg = {{"target", target},
              {"endpoint", req.value("endpoint", Json::object())},
              {"run", flag(req, "run")},
              {"experiment", str(req, "experiment").empty() ? "Default" : str(req, "experiment")},
              {"parameters", typed},
              {"lint", flag(req, "lint")}};
  if (!str(req, "run_name").empty()) cfg["run_name"] = str(req, "run_name");
  if (!str(req, "description").empty()) cfg["description"] = str(req, "description");
  if (req.contains("schedule") && req["schedule"].is_object()) cfg["schedule"] = req["schedule"];
  if (target == "kfp") {
    cfg["pipeline_yaml"] = text;
    cfg["pipeline_name"] = str(req, "pipeline_name").empty() ? pipeline_name(a) : str(req, "pipeline_name");
    if (!str(req, "pipeline_id").empty()) cfg["pipeline_id"] = str(req, "pipeline_id");
  } else {
    // The Argo Server takes the Workflow as JSON: the same compile, as JSON.
    cfg["workflow"] = workflow;
  }
  p.config = std::move(cfg);
  p.submittable = true;
  return p;
}

}  // namespace kfp::submit
