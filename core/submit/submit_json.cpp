#include "core/submit/submit_json.h"

#include "core/api_json.h"
#include "core/submit/flow.h"
#include "core/submit/prepare.h"

namespace kfp::submit {
namespace {

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json parse_object(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : Json::object();
}

// Type-checked reads: a value of the wrong type is the default, never an exception.
std::string get_str(const Json& j, const char* k, std::string def = "") {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : def;
}
int get_int(const Json& j, const char* k) {
  return j.contains(k) && j[k].is_number_integer() ? j[k].get<int>() : 0;
}
bool get_bool(const Json& j, const char* k, bool def) {
  return j.contains(k) && j[k].is_boolean() ? j[k].get<bool>() : def;
}

// Last line of defence: the page gets a JSON error, never a trap.
template <class F>
std::string guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return dump(Json{{"schema", 1}, {"error", std::string("internal error: ") + e.what()}});
  }
}

Transport transport_of(const std::string& s) {
  if (s == "unreachable") return Transport::Unreachable;
  if (s == "timeout") return Transport::Timeout;
  if (s == "cors") return Transport::Cors;
  if (s == "tls") return Transport::Tls;
  return Transport::Ok;
}

Json failure_json(const Failure& f) { return {{"code", f.code}, {"message", f.message}, {"hint", f.hint}}; }

// The page knows its own origin; a CORS hint that names it says exactly what
// the server must allow.
void name_origin(Json* failure, const Json& resp) {
  const std::string origin = get_str(resp, "origin");
  if (origin.empty() || !failure->is_object() || failure->value("code", "") != "cors") return;
  std::string hint = (*failure)["hint"].get<std::string>();
  const std::string what = "this page's origin";
  if (size_t at = hint.find(what); at != std::string::npos) hint.insert(at + what.size(), " (" + origin + ")");
  (*failure)["hint"] = hint;
}

Json step_to_json(const Step& s) {
  Json j = Json::object();
  j["state"] = s.state;
  j["request"] = s.request ? request_json(*s.request) : Json(nullptr);
  j["done"] = s.done;
  j["ok"] = s.ok;
  j["result"] = s.result;
  j["failure"] = s.failure ? failure_json(*s.failure) : Json(nullptr);
  return j;
}

// What a text field shows for a default: strings as they are, the rest as JSON.
std::string default_text(const Json& v) { return v.is_string() ? v.get<std::string>() : dump(v); }

}  // namespace

std::string form_json(std::string_view files_json, std::string_view options_json) {
  return guarded([&]() -> std::string {
    std::vector<InputFile> files;
    AnalyzeOptions opts;
    std::string why;
    if (!parse_json_request(files_json, options_json, &files, &opts, &why)) return bad_request_json(why);
    Analysis a = analyze(files, opts);
    Json fields = Json::array();
    if (const Component* root = pipeline_root(a)) {
      for (const ParamField& f : param_fields(*root)) {
        Json j = {{"name", f.name}, {"type", f.type}, {"required", f.required}, {"description", f.description}};
        j["default"] = f.default_value ? *f.default_value : Json(nullptr);
        j["default_text"] = f.default_value ? default_text(*f.default_value) : "";
        fields.push_back(std::move(j));
      }
    }
    Json r = {{"schema", 1}, {"pipeline_name", pipeline_name(a)}, {"has_pipeline", pipeline_root(a) != nullptr},
              {"fields", fields}};
    Json summary;
    r["diagnostics"] = diagnostics_json_array(a.diagnostics, a.ws, &summary);
    r["summary"] = summary;
    return dump(r);
  });
}

std::string prepare_json(std::string_view files_json, std::string_view options_json, std::string_view request_json) {
  return guarded([&]() -> std::string {
    std::vector<InputFile> files;
    AnalyzeOptions opts;
    std::string why;
    if (!parse_json_request(files_json, options_json, &files, &opts, &why)) return bad_request_json(why);
    Analysis a = analyze(files, opts);
    Prepared p = prepare(a, parse_object(request_json));
    Json r = {{"schema", 1}, {"submittable", p.submittable}, {"refusal", p.refusal}};
    r["config"] = p.submittable ? p.config : Json(nullptr);
    Json summary;
    r["diagnostics"] = diagnostics_json_array(p.diagnostics, a.ws, &summary);
    r["summary"] = summary;
    return dump(r);
  });
}

std::string start_json(std::string_view config_json) {
  return guarded([&]() -> std::string { return dump(step_to_json(start(parse_object(config_json)))); });
}

std::string step_json(std::string_view state_json, std::string_view response_json) {
  return guarded([&]() -> std::string {
    Json resp = parse_object(response_json);
    Step s = step(parse_object(state_json), transport_of(get_str(resp, "transport", "ok")),
                  get_int(resp, "status"), get_str(resp, "body"), get_bool(resp, "from_browser", true));
    Json out = step_to_json(s);
    name_origin(&out["failure"], resp);
    return dump(out);
  });
}

std::string one_request_json(std::string_view kind, std::string_view endpoint_json, std::string_view args_json) {
  return guarded([&]() -> std::string {
    Endpoint ep = endpoint_from_json(parse_object(endpoint_json));
    Json args = parse_object(args_json);
    if (ep.base_url.empty()) return dump(Json{{"error", "no endpoint is configured"}});
    if (kind == "list_experiments")
      return dump(Json{{"request", request_json(kfp_list_experiments(ep, get_str(args, "display_name")))}});
    if (kind == "get_pipeline_by_name")
      return dump(Json{{"request", request_json(kfp_get_pipeline_by_name(ep, get_str(args, "name")))}});
    return dump(Json{{"error", "unknown request kind '" + std::string(kind) + "'"}});
  });
}

std::string explain_json(std::string_view response_json, std::string_view endpoint_json) {
  return guarded([&]() -> std::string {
    Json resp = parse_object(response_json);
    Failure f = explain(transport_of(get_str(resp, "transport", "ok")), get_int(resp, "status"),
                        get_str(resp, "body"), endpoint_from_json(parse_object(endpoint_json)),
                        get_bool(resp, "from_browser", true));
    Json out = failure_json(f);
    name_origin(&out, resp);
    return dump(out);
  });
}

}  // namespace kfp::submit
