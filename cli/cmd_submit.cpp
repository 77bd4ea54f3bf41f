// `kfpc submit --to kfp|argo FILE...`: compile, then drive the core's
// submission flow (core/submit/flow.h) over libcurl. Settings come from flags
// or the environment; the token only from KFP_TOKEN / --token-file, never a
// flag (it would show in `ps` and shell history).
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "cli/http_curl.h"
#include "core/api.h"
#include "core/api_json.h"
#include "core/diag/render.h"
#include "core/submit/flow.h"
#include "core/submit/prepare.h"

namespace kfpc {
namespace {

constexpr const char* kSubmitUsage =
    "usage: kfpc submit --to kfp|argo FILE... [options]\n"
    "  --endpoint URL        KFP API base (e.g. https://host/pipeline) or Argo Server URL  [env KFP_ENDPOINT]\n"
    "  --namespace NS        namespace                                                      [env KFP_NAMESPACE]\n"
    "  --token-file FILE     file holding a bearer token        [env KFP_TOKEN, KFP_TOKEN_FILE]\n"
    "  --run                 also start a run (KFP)\n"
    "  --experiment NAME     experiment for the run (default: Default; created when missing)\n"
    "  --run-name NAME       run display name\n"
    "  --param NAME=VALUE    run parameter, checked against the pipeline input's type (repeatable)\n"
    "  --cron EXPR           create a recurring run on a cron schedule instead of one run\n"
    "  --every SECONDS       create a periodic recurring run\n"
    "  --lint                (argo) ask the Argo Server to lint before submitting\n"
    "  --force               submit even when validation finds errors\n"
    "  --timeout SECONDS     per request (default 30)\n"
    "  --function NAME       pipeline function in a .py file\n";

std::string env(const char* k) {
  const char* v = std::getenv(k);
  return v ? v : "";
}

bool read_text(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  while (!out->empty() && (out->back() == '\n' || out->back() == '\r' || out->back() == ' ')) out->pop_back();
  return true;
}

}  // namespace

int cmd_submit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string to, endpoint = env("KFP_ENDPOINT"), ns = env("KFP_NAMESPACE"), token_file = env("KFP_TOKEN_FILE");
  std::string experiment = "Default", run_name, cron, function;
  long every = 0, timeout = 30;
  bool run = false, force = false, lint = false;
  std::map<std::string, std::string> params;
  std::vector<kfp::InputFile> files;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& s = args[i];
    auto value = [&](std::string* dst) {
      if (i + 1 >= args.size()) return false;
      *dst = args[++i];
      return true;
    };
    std::string v;
    bool ok = true;
    if (s == "--to") ok = value(&to);
    else if (s == "--endpoint") ok = value(&endpoint);
    else if (s == "--namespace") ok = value(&ns);
    else if (s == "--token-file") ok = value(&token_file);
    else if (s == "--experiment") ok = value(&experiment);
    else if (s == "--run-name") ok = value(&run_name);
    else if (s == "--cron") ok = value(&cron);
    else if (s == "--function") ok = value(&function);
    else if (s == "--every" || s == "--timeout") {
      ok = value(&v);
      long n = ok ? std::strtol(v.c_str(), nullptr, 10) : 0;
      ok = ok && n > 0;
      (s == "--every" ? every : timeout) = n;
    } else if (s == "--param") {
      ok = value(&v) && v.find('=') != std::string::npos && v.find('=') > 0;
      if (ok) params[v.substr(0, v.find('='))] = v.substr(v.find('=') + 1);
    } else if (s == "--run") run = true;
    else if (s == "--force") force = true;
    else if (s == "--lint") lint = true;
    else if (s == "--token") {
      err << "kfpc submit: pass the token in KFP_TOKEN or --token-file, not on the command line\n";
      return 2;
    } else if (!s.empty() && s[0] == '-') ok = false;
    else {
      kfp::InputFile f;
      f.path = s;
      std::ifstream in(s, std::ios::binary);
      if (!in) {
        err << "kfpc: cannot read " << s << "\n";
        return 2;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      f.text = ss.str();
      files.push_back(std::move(f));
    }
    if (!ok) {
      err << "kfpc submit: bad option " << s << "\n" << kSubmitUsage;
      return 2;
    }
  }
  if ((to != "kfp" && to != "argo") || files.empty() || endpoint.empty()) {
    err << "kfpc submit: need --to kfp|argo, an --endpoint (or KFP_ENDPOINT) and at least one file\n" << kSubmitUsage;
    return 2;
  }
  std::string token = env("KFP_TOKEN");
  if (token.empty() && !token_file.empty() && !read_text(token_file, &token)) {
    err << "kfpc submit: cannot read token file " << token_file << "\n";
    return 2;
  }

  // Our own validation, the compile, typed parameters and the flow's config:
  // the same core function the page calls through wasm (core/submit/prepare.h).
  kfp::AnalyzeOptions opts;
  opts.python_function = function;
  kfp::Analysis a = kfp::analyze(files, opts);
  kfp::Json raw = kfp::Json::object();
  for (const auto& [k, v] : params) raw[k] = v;
  kfp::Json request = {{"target", to},
                       {"endpoint", {{"base_url", endpoint}, {"namespace", ns}, {"token", token}}},
                       {"run", run},
                       {"experiment", experiment},
                       {"parameters", raw},
                       {"lint", lint},
                       {"force", force}};
  if (!run_name.empty()) request["run_name"] = run_name;
  if (!cron.empty()) request["schedule"] = {{"cron", cron}};
  if (every > 0) request["schedule"] = {{"interval_seconds", every}};
  kfp::submit::Prepared prep = kfp::submit::prepare(a, request);
  err << kfp::render_text(prep.diagnostics, a.ws);
  if (!prep.submittable) {
    err << "kfpc submit: " << prep.refusal << (prep.errors ? " (use --force to submit anyway)" : "") << "\n";
    return 1;
  }
  kfp::Json config = prep.config;
  kfp::submit::Step st = kfp::submit::start(config);
  while (!st.done && st.request) {
    HttpResponse r = http_send(*st.request, timeout);
    st = kfp::submit::step(st.state, r.transport, r.status, r.body);
  }
  if (!st.ok) {
    err << "kfpc submit: " << st.failure->message << "\n  hint: " << st.failure->hint << "\n";
    return 1;
  }
  const kfp::Json& res = st.result;
  auto field = [&](const char* k) { return res.value(k, std::string()); };
  if (to == "kfp") {
    out << "pipeline_id: " << field("pipeline_id") << "\n";
    if (!field("pipeline_version_id").empty()) out << "pipeline_version_id: " << field("pipeline_version_id") << "\n";
    if (!field("experiment_id").empty()) out << "experiment_id: " << field("experiment_id") << "\n";
    if (!field("run_id").empty()) out << "run_id: " << field("run_id") << "\nrun_url: " << field("run_url") << "\n";
    if (!field("recurring_run_id").empty()) out << "recurring_run_id: " << field("recurring_run_id") << "\n";
  } else {
    out << "workflow: " << field("workflow_name") << "\n";
  }
  return 0;
}

}  // namespace kfpc
