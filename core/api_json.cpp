#include "core/api_json.h"

#include "core/request_files.h"

#include "core/diag/render.h"
#include "core/emit/argo.h"
#include "core/emit/graph_json.h"
#include "core/emit/ir.h"
#include "core/util/json_tree.h"

#include <atomic>

namespace kfp {
namespace {

// Never throws: strings from user files may hold invalid UTF-8.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json diagnostics_array(const std::vector<Diagnostic>& diags, const Workspace& ws, Json* summary) {
  Json arr = Json::array();
  size_t errors = 0, warnings = 0;
  for (const auto& d : diags) {
    arr.push_back(diagnostic_json(d, ws));
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
  }
  *summary = {{"errors", errors}, {"warnings", warnings}};
  return arr;
}

// A request the core cannot even start on: the result shape, one diagnostic.
Json bad_request(const std::string& why) {
  Workspace empty;
  std::vector<Diagnostic> d{make_diag(DiagId::err_api_bad_request, Span{}, {why})};
  Json r = Json::object();
  r["schema"] = 1;
  Json summary;
  r["diagnostics"] = diagnostics_array(d, empty, &summary);
  r["summary"] = summary;
  return r;
}

bool parse_files(std::string_view text, std::vector<InputFile>* files, std::string* why) {
  if (read_files_json_fast(text, files)) return true;
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *why = "files is not valid JSON";
    return false;
  }
  if (!j.is_array()) {
    *why = "files must be a JSON array of {\"path\", \"text\"}";
    return false;
  }
  for (size_t i = 0; i < j.size(); ++i) {
    const Json& f = j[i];
    if (!f.is_object() || !f.contains("text") || !f["text"].is_string()) {
      *why = "files[" + std::to_string(i) + "] must be an object with a string \"text\"";
      return false;
    }
    InputFile in;
    in.path = f.contains("path") && f["path"].is_string() ? f["path"].get<std::string>() : unnamed_input_path(i);
    in.text = f["text"].get<std::string>();
    files->push_back(std::move(in));
  }
  return true;
}

bool parse_options(std::string_view text, AnalyzeOptions* opts, std::string* why) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return true;  // "" = {}
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *why = "options must be a JSON object";
    return false;
  }
  if (auto it = j.find("function"); it != j.end() && it->is_string()) opts->python_function = it->get<std::string>();
  if (auto it = j.find("checks"); it != j.end() && it->is_boolean()) opts->run_checks = it->get<bool>();
  return true;
}

}  // namespace

std::string analyze_json(const std::vector<InputFile>& files, const AnalyzeOptions& opts, bool* has_errors) {
  Analysis a = analyze(files, opts);
  if (has_errors) *has_errors = a.has_errors();
  Json fl = Json::array();
  for (const auto& f : a.ws.files()) {
    Json entry = {{"path", f->path}, {"kind", std::string(file_kind_name(f->kind))}};
    // Python: what options.function can choose (pipelines first), for the page's picker.
    if (!f->functions.empty()) {
      Json fns = Json::array();
      for (const auto& [name, is_pipeline] : f->functions) fns.push_back({{"name", name}, {"kind", is_pipeline ? "pipeline" : "component"}});
      entry["functions"] = std::move(fns);
    }
    fl.push_back(std::move(entry));
  }
  Json summary;
  Json diagnostics = diagnostics_array(a.diagnostics, a.ws, &summary);
  // {"diagnostics","files","graph","schema","summary"}, in nlohmann's (sorted)
  // key order, with the graph spliced in as text: built as an nlohmann tree it
  // was most of the cost of a large analysis (core/util/json_tree.h).
  // Room for what the last answer took: one session's analyses are much alike (a keystroke each), and
  // growing the text by doubling copied it ~twice (4 % of a wasm analysis of 100 tasks).
  static std::atomic<size_t> last_size{0};
  std::string out;
  out.reserve(last_size.load(std::memory_order_relaxed));
  out += "{\"diagnostics\":" + dump(diagnostics) + ",\"files\":" + dump(fl) + ",\"graph\":";
  append_graph_json_text(a.ws, a.diagnostics, out);
  out += ",\"schema\":1,\"summary\":" + dump(summary) + "}";
  last_size.store(out.size(), std::memory_order_relaxed);
  return out;
}

Compiled compile_analysis(const Analysis& a, std::string_view target) {
  Compiled c;
  if (target == "ir") {
    // compile_to_ir's diagnostics include the analysis' (core/emit/ir.h).
    CompileResult r = compile_to_ir(a);
    c.text = std::move(r.text);
    c.diagnostics = std::move(r.diagnostics);
  } else {
    ArgoOptions opts;
    opts.workflow_json = false;  // the text is all that is returned
    ArgoResult r = compile_to_argo(a, "", opts);
    if (r.ok) c.text = std::move(r.text);
    c.diagnostics = a.diagnostics;
    for (auto& d : r.diagnostics) c.diagnostics.push_back(std::move(d));
    sort_diagnostics(c.diagnostics);
  }
  return c;
}

std::string compile_json(const std::vector<InputFile>& files, std::string_view target, const AnalyzeOptions& opts) {
  if (target != "ir" && target != "argo") return dump(bad_request("target must be \"ir\" or \"argo\""));
  Analysis a = analyze(files, opts);
  Compiled c = compile_analysis(a, target);
  Json summary;
  Json diagnostics = diagnostics_array(c.diagnostics, a.ws, &summary);
  // {"available","diagnostics","schema","summary","target","text"} in
  // nlohmann's (sorted) key order, the text escaped straight into place: a
  // compiled pipeline can be megabytes, and a Json copy of it cost more than
  // writing it.
  std::string out = "{\"available\":true,\"diagnostics\":" + dump(diagnostics) + ",\"schema\":1,\"summary\":" +
                    dump(summary) + ",\"target\":";
  jt::write_string(target, out);
  out += ",\"text\":";
  jt::write_string(c.text, out);
  out += '}';
  return out;
}

std::string analyze_json(std::string_view files_json, std::string_view options_json) {
  std::vector<InputFile> files;
  AnalyzeOptions opts;
  std::string why;
  if (!parse_files(files_json, &files, &why) || !parse_options(options_json, &opts, &why))
    return dump(bad_request(why));
  return analyze_json(files, opts);
}

std::string compile_json(std::string_view files_json, std::string_view target, std::string_view options_json) {
  std::vector<InputFile> files;
  AnalyzeOptions opts;
  std::string why;
  if (!parse_files(files_json, &files, &why) || !parse_options(options_json, &opts, &why))
    return dump(bad_request(why));
  return compile_json(files, target, opts);
}

std::string version_string() { return std::string("kfpc ") + KFP_VERSION; }

bool parse_json_request(std::string_view files_json, std::string_view options_json, std::vector<InputFile>* files,
                        AnalyzeOptions* opts, std::string* why) {
  return parse_files(files_json, files, why) && parse_options(options_json, opts, why);
}

Json diagnostics_json_array(const std::vector<Diagnostic>& diags, const Workspace& ws, Json* summary) {
  return diagnostics_array(diags, ws, summary);
}

std::string bad_request_json(const std::string& why) { return dump(bad_request(why)); }

}  // namespace kfp
