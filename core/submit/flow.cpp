#include "core/submit/flow.h"

#include <cstdint>

namespace kfp::submit {
namespace {

std::string str(const Json& j, const char* k, std::string def = "") {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : def;
}

// send/finish/fail take the state by rvalue reference, not by value: callers
// write send(std::move(st), ..., request_from(st)), and a by-value parameter
// would be move-constructed before or after the request is built depending on
// the compiler's argument order (GCC and clang differ). A reference binds
// without moving; the move happens inside, after every argument exists.
Step send(Json&& state, std::string phase, HttpRequest r) {
  Step s;
  state["phase"] = std::move(phase);
  s.state = std::move(state);
  s.request = std::move(r);
  return s;
}

Step finish(Json&& state) {
  Step s;
  s.done = true;
  s.ok = true;
  s.result = state.value("result", Json::object());
  state["phase"] = "done";
  s.state = std::move(state);
  return s;
}

Step fail(Json&& state, Failure f) {
  Step s;
  s.done = true;
  s.failure = std::move(f);
  state["phase"] = "failed";
  s.state = std::move(state);
  return s;
}

RunSpec run_spec(const Json& st) {
  RunSpec r;
  r.display_name = str(st, "run_name", str(st, "pipeline_name") + " run");
  r.description = str(st, "description");
  r.experiment_id = st["result"].value("experiment_id", "");
  r.pipeline_id = st["result"].value("pipeline_id", "");
  r.pipeline_version_id = st["result"].value("pipeline_version_id", "");
  r.parameters = st.value("parameters", Json::object());
  return r;
}

bool wants_run(const Json& st) { return st.value("run", false) || st.contains("schedule"); }

Step after_version(Json st, const Endpoint& ep) {
  if (!wants_run(st)) return finish(std::move(st));
  return send(std::move(st), "find_experiment", kfp_list_experiments(ep, str(st, "experiment", "Default")));
}

Step create_run(Json st, const Endpoint& ep) {
  if (st.contains("schedule")) {
    Schedule s;
    const Json& j = st["schedule"];
    s.cron = str(j, "cron");
    s.interval_seconds = j.value("interval_seconds", static_cast<int64_t>(0));
    s.max_concurrency = j.value("max_concurrency", static_cast<int64_t>(1));
    return send(std::move(st), "create_recurring_run", kfp_create_recurring_run(ep, run_spec(st), s));
  }
  return send(std::move(st), "create_run", kfp_create_run(ep, run_spec(st)));
}

// FNV-1a: the same on every platform (std::hash differs between the CLI's
// libstdc++ and the wasm's libc++), so the CLI and the page name a version alike.
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// A new version of an existing pipeline: named after the pipeline and a hash
// of the spec, so uploading the same text twice names the same version.
Step upload_version(Json st, const Endpoint& ep, const std::string& pipeline_id) {
  std::string version_name = str(st, "pipeline_name") + "-" + std::to_string(fnv1a(str(st, "pipeline_yaml")) % 100000000);
  return send(std::move(st), "upload_version",
              kfp_upload_version(ep, str(st, "pipeline_yaml"), pipeline_id, version_name, version_name,
                                 str(st, "description")));
}

bool already_exists(int status, const std::string& body) {
  if (status == 409) return true;
  std::string m = server_message(body);
  return (status == 400 || status == 500) && (m.find("already exist") != std::string::npos ||
                                               m.find("AlreadyExists") != std::string::npos);
}

}  // namespace

Endpoint endpoint_from_json(const Json& j) {
  Endpoint e;
  e.base_url = str(j, "base_url");
  e.namespace_ = str(j, "namespace");
  e.token = str(j, "token");
  e.use_cookies = j.value("use_cookies", false);
  return e;
}

Json request_json(const HttpRequest& r) {
  Json h = Json::array();
  for (const auto& [k, v] : r.headers) h.push_back(Json::array({k, v}));
  return {{"method", r.method}, {"url", r.url}, {"headers", h}, {"body", r.body}};
}

Step start(const Json& config) {
  Json st = config;
  st["result"] = Json::object();
  Endpoint ep = endpoint_from_json(st.value("endpoint", Json::object()));
  if (ep.base_url.empty()) {
    return fail(std::move(st), {"no-endpoint", "no endpoint is configured", "set the KFP or Argo endpoint URL first"});
  }
  if (str(st, "target") == "argo") {
    const Json wf = st.value("workflow", Json::object());
    if (st.value("lint", false)) return send(std::move(st), "argo_lint", argo_lint(ep, wf));
    return send(std::move(st), "argo_submit", argo_submit(ep, wf));
  }
  // A chosen pipeline: upload a new version of it.
  if (!str(st, "pipeline_id").empty()) {
    std::string id = str(st, "pipeline_id");
    st["result"]["pipeline_id"] = id;
    return upload_version(std::move(st), ep, id);
  }
  return send(std::move(st), "upload",
              kfp_upload_pipeline(ep, str(st, "pipeline_yaml"), str(st, "pipeline_name"), str(st, "pipeline_name"),
                                  str(st, "description")));
}

Step step(const Json& state, Transport t, int status, const std::string& body, bool from_browser) {
  Json st = state;
  Endpoint ep = endpoint_from_json(st.value("endpoint", Json::object()));
  std::string phase = str(st, "phase");
  Json resp = Json::parse(body, nullptr, false);
  if (resp.is_discarded() || !resp.is_object()) resp = Json::object();
  bool ok = t == Transport::Ok && status >= 200 && status < 300;

  if (phase == "upload" && t == Transport::Ok && already_exists(status, body)) {
    return send(std::move(st), "find_pipeline", kfp_get_pipeline_by_name(ep, str(st, "pipeline_name")));
  }
  if (!ok) {
    // A 404 from the lint endpoint means an older Argo Server without it: submit anyway.
    if (phase == "argo_lint" && t == Transport::Ok && status == 404) {
      st["result"]["lint"] = "unavailable";
      return send(std::move(st), "argo_submit", argo_submit(ep, st.value("workflow", Json::object())));
    }
    Failure f = explain(t, status, body, ep, from_browser);
    f.message = "[" + phase + "] " + f.message;
    return fail(std::move(st), std::move(f));
  }
  Json& res = st["result"];
  if (phase == "upload") {
    res["pipeline_id"] = str(resp, "pipeline_id");
    return send(std::move(st), "latest_version", kfp_latest_version(ep, str(resp, "pipeline_id")));
  }
  if (phase == "find_pipeline") {
    res["pipeline_id"] = str(resp, "pipeline_id");
    return upload_version(std::move(st), ep, str(resp, "pipeline_id"));
  }
  if (phase == "upload_version") {
    res["pipeline_version_id"] = str(resp, "pipeline_version_id");
    return after_version(std::move(st), ep);
  }
  if (phase == "latest_version") {
    if (resp.contains("pipeline_versions") && resp["pipeline_versions"].is_array() &&
        !resp["pipeline_versions"].empty())
      res["pipeline_version_id"] = str(resp["pipeline_versions"][0], "pipeline_version_id");
    return after_version(std::move(st), ep);
  }
  if (phase == "find_experiment") {
    if (resp.contains("experiments") && resp["experiments"].is_array()) {
      for (const auto& e : resp["experiments"]) {
        if (str(e, "display_name") == str(st, "experiment", "Default")) {
          res["experiment_id"] = str(e, "experiment_id");
          return create_run(std::move(st), ep);
        }
      }
    }
    return send(std::move(st), "create_experiment", kfp_create_experiment(ep, str(st, "experiment", "Default")));
  }
  if (phase == "create_experiment") {
    res["experiment_id"] = str(resp, "experiment_id");
    return create_run(std::move(st), ep);
  }
  if (phase == "create_run") {
    res["run_id"] = str(resp, "run_id");
    res["run_url"] = kfp_run_url(ep, str(resp, "run_id"));
    return finish(std::move(st));
  }
  if (phase == "create_recurring_run") {
    res["recurring_run_id"] = str(resp, "recurring_run_id");
    return finish(std::move(st));
  }
  if (phase == "argo_lint") {
    res["lint"] = "ok";
    return send(std::move(st), "argo_submit", argo_submit(ep, st.value("workflow", Json::object())));
  }
  if (phase == "argo_submit") {
    if (resp.contains("metadata")) res["workflow_name"] = str(resp["metadata"], "name");
    return finish(std::move(st));
  }
  return fail(std::move(st), {"internal", "unexpected submission phase '" + phase + "'", ""});
}

}  // namespace kfp::submit
