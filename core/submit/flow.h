// A submission as a pure state machine: start(config) gives the first request,
// step(state, response) the next one, until done. The CLI drives it with
// libcurl, the page with fetch through wasm; both get the same sequence:
//
//   KFP:  upload pipeline (or, if the name exists, find it and upload a new
//         version) -> latest version -> [find or create experiment -> create
//         run | create recurring run]
//   Argo: [lint] -> submit workflow
#pragma once
#include <optional>
#include <string>

#include "core/submit/errors.h"
#include "core/submit/requests.h"

namespace kfp::submit {

// config: {"target":"kfp"|"argo", "endpoint":{"base_url","namespace","token","use_cookies"},
//          "pipeline_yaml": "...", "pipeline_name": "...", "description": "...",
//          "run": bool, "run_name": "...", "experiment": "Default", "parameters": {...},
//          "schedule": {"cron": "..."} | {"interval_seconds": N},
//          "workflow": {...} (argo), "lint": bool (argo),
//          "pipeline_id": "..." (kfp: upload a new version of this pipeline)}
struct Step {
  Json state;                          // pass back to step()
  std::optional<HttpRequest> request;  // send this next (when not done)
  bool done = false;
  bool ok = false;
  // On success: {"pipeline_id","pipeline_version_id","experiment_id","run_id","run_url",
  //              "recurring_run_id","workflow_name","lint"}.
  Json result = Json::object();
  std::optional<Failure> failure;
};

Step start(const Json& config);
Step step(const Json& state, Transport transport, int status, const std::string& body, bool from_browser = false);

Endpoint endpoint_from_json(const Json& j);
Json request_json(const HttpRequest& r);  // {"method","url","headers":[[k,v]...],"body"}

}  // namespace kfp::submit
