// The HTTP requests a submission makes, built in the core so that the CLI
// (libcurl) and the page (fetch, through wasm) send exactly the same thing.
// Shapes follow KFP's REST API v2beta1 (backend/api/v2beta1/swagger) and the
// Argo Server API. Nothing here performs I/O.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/yaml/scalar.h"  // Json

namespace kfp::submit {

struct Endpoint {
  std::string base_url;    // e.g. https://kfp.example.com/pipeline  (no trailing slash needed)
  std::string namespace_;  // KFP multi-user namespace / Argo namespace; may be empty for KFP
  std::string token;       // bearer token; sent only to base_url; never logged
  bool use_cookies = false;  // page only: credentials: 'include' for login-gateway deployments
};

struct HttpRequest {
  std::string method;  // GET, POST
  std::string url;     // absolute, query included
  std::vector<std::pair<std::string, std::string>> headers;  // Authorization included when a token is set
  std::string body;
  // For logs and error messages: the same request with the token replaced.
  std::string describe() const;
};

std::string url_encode(std::string_view s);
std::string join_url(const std::string& base, const std::string& path);

// --- KFP v2beta1 -------------------------------------------------------------
// POST /apis/v2beta1/pipelines/upload (multipart field "uploadfile").
HttpRequest kfp_upload_pipeline(const Endpoint& ep, const std::string& pipeline_yaml, const std::string& name,
                                const std::string& display_name, const std::string& description,
                                const std::string& boundary = "kfpcBoundary7MA4YWxkTrZu0gW");
// POST /apis/v2beta1/pipelines/upload_version (query pipelineid).
HttpRequest kfp_upload_version(const Endpoint& ep, const std::string& pipeline_yaml, const std::string& pipeline_id,
                               const std::string& name, const std::string& display_name,
                               const std::string& description,
                               const std::string& boundary = "kfpcBoundary7MA4YWxkTrZu0gW");
// GET /apis/v2beta1/pipelines/{id}/versions, newest first, one item.
HttpRequest kfp_latest_version(const Endpoint& ep, const std::string& pipeline_id);
// GET /apis/v2beta1/pipelines/names/{name}
HttpRequest kfp_get_pipeline_by_name(const Endpoint& ep, const std::string& name);
// GET /apis/v2beta1/experiments (filtered by display_name when given).
HttpRequest kfp_list_experiments(const Endpoint& ep, const std::string& display_name = "");
// POST /apis/v2beta1/experiments
HttpRequest kfp_create_experiment(const Endpoint& ep, const std::string& display_name);

struct RunSpec {
  std::string display_name;
  std::string description;
  std::string experiment_id;
  // Either a version reference...
  std::string pipeline_id, pipeline_version_id;
  // ...or the pipeline spec inline (the IR document as JSON).
  std::optional<Json> pipeline_spec;
  Json parameters = Json::object();  // typed values, from parse_parameters
  std::string pipeline_root;
};
// POST /apis/v2beta1/runs
HttpRequest kfp_create_run(const Endpoint& ep, const RunSpec& run);

struct Schedule {
  std::string cron;              // "0 0 * * *" (KFP's cron has a seconds field: "0 0 0 * * *")
  int64_t interval_seconds = 0;  // periodic when > 0
  int64_t max_concurrency = 1;
  bool no_catchup = true;
};
// POST /apis/v2beta1/recurringruns
HttpRequest kfp_create_recurring_run(const Endpoint& ep, const RunSpec& run, const Schedule& schedule);

std::string kfp_run_url(const Endpoint& ep, const std::string& run_id);  // link into the KFP UI

// --- Argo Server -------------------------------------------------------------
// POST /api/v1/workflows/{namespace}  {"namespace", "workflow"}
HttpRequest argo_submit(const Endpoint& ep, const Json& workflow);
// POST /api/v1/workflows/{namespace}/lint
HttpRequest argo_lint(const Endpoint& ep, const Json& workflow);

}  // namespace kfp::submit
