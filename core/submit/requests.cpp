#include "core/submit/requests.h"

#include <cctype>

namespace kfp::submit {
namespace {

void auth(const Endpoint& ep, HttpRequest& r) {
  if (!ep.token.empty()) r.headers.emplace_back("Authorization", "Bearer " + ep.token);
}

HttpRequest json_request(const Endpoint& ep, std::string method, std::string url, const Json& body) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("Accept", "application/json");
  auth(ep, r);
  r.body = body.dump();
  return r;
}

HttpRequest get_request(const Endpoint& ep, std::string url) {
  HttpRequest r;
  r.method = "GET";
  r.url = std::move(url);
  r.headers.emplace_back("Accept", "application/json");
  auth(ep, r);
  return r;
}

std::string query(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::string q;
  for (const auto& [k, v] : kv) {
    if (v.empty()) continue;
    q += q.empty() ? '?' : '&';
    q += url_encode(k) + "=" + url_encode(v);
  }
  return q;
}

HttpRequest multipart(const Endpoint& ep, std::string url, const std::string& yaml_text, const std::string& boundary) {
  HttpRequest r;
  r.method = "POST";
  r.url = std::move(url);
  r.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
  r.headers.emplace_back("Accept", "application/json");
  auth(ep, r);
  r.body = "--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\"pipeline.yaml\"\r\n"
           "Content-Type: application/x-yaml\r\n\r\n" +
           yaml_text + "\r\n--" + boundary + "--\r\n";
  return r;
}

Json run_body(const RunSpec& run) {
  Json b = Json::object();
  b["display_name"] = run.display_name;
  if (!run.description.empty()) b["description"] = run.description;
  if (!run.experiment_id.empty()) b["experiment_id"] = run.experiment_id;
  if (run.pipeline_spec) {
    b["pipeline_spec"] = *run.pipeline_spec;
  } else {
    Json ref = {{"pipeline_id", run.pipeline_id}};
    if (!run.pipeline_version_id.empty()) ref["pipeline_version_id"] = run.pipeline_version_id;
    b["pipeline_version_reference"] = ref;
  }
  Json rc = Json::object();
  rc["parameters"] = run.parameters.is_object() ? run.parameters : Json::object();
  if (!run.pipeline_root.empty()) rc["pipeline_root"] = run.pipeline_root;
  b["runtime_config"] = rc;
  return b;
}

}  // namespace

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      o += static_cast<char>(c);
    } else {
      o += '%';
      o += hex[c >> 4];
      o += hex[c & 15];
    }
  }
  return o;
}

std::string join_url(const std::string& base, const std::string& path) {
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b + path;
}

std::string HttpRequest::describe() const {
  std::string s = method + " " + url;
  for (const auto& [k, v] : headers) {
    s += "\n" + k + ": ";
    s += (k == "Authorization") ? std::string("Bearer <redacted>") : v;
  }
  return s;
}

HttpRequest kfp_upload_pipeline(const Endpoint& ep, const std::string& yaml_text, const std::string& name,
                                const std::string& display_name, const std::string& description,
                                const std::string& boundary) {
  std::string url = join_url(ep.base_url, "/apis/v2beta1/pipelines/upload") +
                    query({{"name", name}, {"display_name", display_name}, {"description", description},
                           {"namespace", ep.namespace_}});
  return multipart(ep, url, yaml_text, boundary);
}

HttpRequest kfp_upload_version(const Endpoint& ep, const std::string& yaml_text, const std::string& pipeline_id,
                               const std::string& name, const std::string& display_name,
                               const std::string& description, const std::string& boundary) {
  std::string url = join_url(ep.base_url, "/apis/v2beta1/pipelines/upload_version") +
                    query({{"pipelineid", pipeline_id}, {"name", name}, {"display_name", display_name},
                           {"description", description}});
  return multipart(ep, url, yaml_text, boundary);
}

HttpRequest kfp_latest_version(const Endpoint& ep, const std::string& pipeline_id) {
  return get_request(ep, join_url(ep.base_url, "/apis/v2beta1/pipelines/" + url_encode(pipeline_id) + "/versions") +
                             query({{"sort_by", "created_at desc"}, {"page_size", "1"}}));
}

HttpRequest kfp_get_pipeline_by_name(const Endpoint& ep, const std::string& name) {
  return get_request(ep, join_url(ep.base_url, "/apis/v2beta1/pipelines/names/" + url_encode(name)) +
                             query({{"namespace", ep.namespace_}}));
}

HttpRequest kfp_list_experiments(const Endpoint& ep, const std::string& display_name) {
  std::string filter;
  if (!display_name.empty()) {
    // v2beta1 filter: a JSON-encoded Filter message (filter.swagger.json).
    Json f = {{"predicates", Json::array({{{"key", "display_name"},
                                           {"operation", "EQUALS"},
                                           {"string_value", display_name}}})}};
    filter = f.dump();
  }
  return get_request(ep, join_url(ep.base_url, "/apis/v2beta1/experiments") +
                             query({{"namespace", ep.namespace_}, {"filter", filter}, {"page_size", "100"}}));
}

HttpRequest kfp_create_experiment(const Endpoint& ep, const std::string& display_name) {
  Json b = {{"display_name", display_name}};
  if (!ep.namespace_.empty()) b["namespace"] = ep.namespace_;
  return json_request(ep, "POST", join_url(ep.base_url, "/apis/v2beta1/experiments"), b);
}

HttpRequest kfp_create_run(const Endpoint& ep, const RunSpec& run) {
  return json_request(ep, "POST", join_url(ep.base_url, "/apis/v2beta1/runs"), run_body(run));
}

HttpRequest kfp_create_recurring_run(const Endpoint& ep, const RunSpec& run, const Schedule& s) {
  Json b = run_body(run);
  b["mode"] = "ENABLE";
  b["max_concurrency"] = std::to_string(s.max_concurrency);  // int64 is a string in the swagger
  b["no_catchup"] = s.no_catchup;
  if (s.interval_seconds > 0)
    b["trigger"] = {{"periodic_schedule", {{"interval_second", std::to_string(s.interval_seconds)}}}};
  else
    b["trigger"] = {{"cron_schedule", {{"cron", s.cron}}}};
  if (!ep.namespace_.empty()) b["namespace"] = ep.namespace_;
  return json_request(ep, "POST", join_url(ep.base_url, "/apis/v2beta1/recurringruns"), b);
}

std::string kfp_run_url(const Endpoint& ep, const std::string& run_id) {
  return join_url(ep.base_url, "/#/runs/details/" + url_encode(run_id));
}

HttpRequest argo_submit(const Endpoint& ep, const Json& workflow) {
  std::string ns = ep.namespace_.empty() ? "argo" : ep.namespace_;
  return json_request(ep, "POST", join_url(ep.base_url, "/api/v1/workflows/" + url_encode(ns)),
                      {{"namespace", ns}, {"workflow", workflow}});
}

HttpRequest argo_lint(const Endpoint& ep, const Json& workflow) {
  std::string ns = ep.namespace_.empty() ? "argo" : ep.namespace_;
  return json_request(ep, "POST", join_url(ep.base_url, "/api/v1/workflows/" + url_encode(ns) + "/lint"),
                      {{"namespace", ns}, {"workflow", workflow}});
}

}  // namespace kfp::submit
