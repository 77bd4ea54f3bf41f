// The submission as JSON strings, for the page (wasm/bindings.cpp, documented
// in docs/wasm-api.md). Each is a thin wrapper over prepare.h / flow.h /
// requests.h / errors.h, so the page sends what `kfpc submit` sends and
// explains failures in the same words. Nothing here performs I/O or throws.
#pragma once
#include <string>
#include <string_view>

namespace kfp::submit {

// The run form for the files' pipeline:
// {"schema":1,"pipeline_name","fields":[{"name","type","required","default","default_text","description"}],
//  "diagnostics":[...],"summary":{...}}
std::string form_json(std::string_view files_json, std::string_view options_json);

// prepare() (prepare.h): {"schema":1,"submittable","refusal","config","diagnostics","summary"}
std::string prepare_json(std::string_view files_json, std::string_view options_json, std::string_view request_json);

// The flow (flow.h). A step is {"state","request":{"method","url","headers":[[k,v]...],"body"}|null,
// "done","ok","result","failure":{"code","message","hint"}|null}.
// response: {"transport":"ok|unreachable|timeout|cors|tls","status":N,"body":"...","from_browser":true,
//            "origin":"the page's origin, named in a CORS hint"}
std::string start_json(std::string_view config_json);
std::string step_json(std::string_view state_json, std::string_view response_json);

// One request outside the flow (e.g. to fill the experiment list):
// kind "list_experiments" (args {"display_name"}), "get_pipeline_by_name" (args {"name"}).
// {"request":{...}} or {"error":"..."}.
std::string one_request_json(std::string_view kind, std::string_view endpoint_json, std::string_view args_json);

// explain() (errors.h) for a failed exchange outside the flow: {"code","message","hint"}.
std::string explain_json(std::string_view response_json, std::string_view endpoint_json);

}  // namespace kfp::submit
