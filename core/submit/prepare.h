// Everything between "the user pressed Submit" and the first HTTP request,
// shared by `kfpc submit` and the page (through wasm): our own validation and
// compile, typed run parameters, the name to upload under, and the flow config
// (flow.h). Nothing here performs I/O.
#pragma once
#include <string>
#include <vector>

#include "core/api.h"
#include "core/submit/params.h"

namespace kfp::submit {

// The root component of the first pipeline among the files: its inputs are
// the run parameters. nullptr when there is none.
const Component* pipeline_root(const Analysis& a);
// The name to upload under: the pipeline's name, else its root's, else "pipeline".
std::string pipeline_name(const Analysis& a);

// request: {"target":"kfp"|"argo", "endpoint":{"base_url","namespace","token","use_cookies"},
//           "run":bool, "run_name", "experiment", "parameters":{name: "raw text"},
//           "schedule":{"cron"}|{"interval_seconds"}, "lint":bool, "force":bool,
//           "pipeline_id": "<upload a new version of this pipeline>", "pipeline_name", "description"}
// Run parameters are parsed (and required ones demanded) when a run or a
// recurring run is asked for, or when any are given.
struct Prepared {
  std::vector<Diagnostic> diagnostics;  // the compile's (analysis + emitter) and the run parameters'
  size_t errors = 0;
  bool submittable = false;  // no errors (or force) and the compile produced output
  std::string refusal;       // why not, when !submittable
  Json config;               // for start() (flow.h), when submittable
};
Prepared prepare(const Analysis& a, const Json& request);

}  // namespace kfp::submit
