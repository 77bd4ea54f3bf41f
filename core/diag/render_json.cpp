#include "core/diag/render.h"

namespace kfp {
namespace {

Json position(const Span& s, const Workspace& ws) {
  Json j = Json::object();
  j["file"] = (s.file != kNoFile && static_cast<size_t>(s.file) < ws.size()) ? Json(ws.file(s.file).path)
                                                                               : Json(nullptr);
  j["line"] = s.begin.line;
  j["column"] = s.begin.col;
  j["endLine"] = s.end.valid() ? s.end.line : s.begin.line;
  j["endColumn"] = s.end.valid() ? s.end.col : s.begin.col;
  j["offset"] = s.begin.offset;
  j["endOffset"] = s.end.valid() ? s.end.offset : s.begin.offset;
  return j;
}

}  // namespace

Json diagnostic_json(const Diagnostic& d, const Workspace& ws) {
  Json j = position(d.span, ws);
  j["id"] = std::string(d.id_name());
  j["code"] = std::string(d.code());
  j["severity"] = std::string(severity_name(d.severity));
  j["message"] = d.message();
  j["args"] = d.args;
  Json notes = Json::array();
  for (const auto& n : d.notes) notes.push_back(diagnostic_json(n, ws));
  j["notes"] = notes;
  if (!d.fixits.empty()) {
    Json fx = Json::array();
    for (const auto& f : d.fixits) {
      Json x = position(f.span, ws);
      x["replacement"] = f.replacement;
      fx.push_back(x);
    }
    j["fixits"] = fx;
  }
  return j;
}

Json diagnostics_json(const std::vector<Diagnostic>& diags, const Workspace& ws) {
  Json arr = Json::array();
  size_t errors = 0, warnings = 0;
  for (const auto& d : diags) {
    arr.push_back(diagnostic_json(d, ws));
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
  }
  Json j = Json::object();
  j["schema"] = 1;
  j["diagnostics"] = arr;
  j["summary"] = {{"errors", errors}, {"warnings", warnings}};
  return j;
}

Json diagnostics_sarif(const std::vector<Diagnostic>& diags, const Workspace& ws) {
  Json results = Json::array();
  for (const auto& d : diags) {
    Json r;
    r["ruleId"] = std::string(d.code());
    r["level"] = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    r["message"] = {{"text", d.message()}};
    auto loc = [&](const Span& s) {
      Json l;
      l["physicalLocation"]["artifactLocation"]["uri"] =
          (s.file != kNoFile && static_cast<size_t>(s.file) < ws.size()) ? ws.file(s.file).path : "";
      l["physicalLocation"]["region"] = {{"startLine", s.begin.line}, {"startColumn", s.begin.col}};
      return l;
    };
    r["locations"] = Json::array({loc(d.span)});
    if (!d.notes.empty()) {
      Json rel = Json::array();
      for (const auto& n : d.notes) {
        Json l = loc(n.span);
        l["message"] = {{"text", n.message()}};
        rel.push_back(l);
      }
      r["relatedLocations"] = rel;
    }
    results.push_back(r);
  }
  Json run;
  run["tool"]["driver"] = {{"name", "kfpc"}, {"version", KFP_VERSION}};
  run["results"] = results;
  return Json{{"version", "2.1.0"},
              {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"runs", Json::array({run})}};
}

}  // namespace kfp
