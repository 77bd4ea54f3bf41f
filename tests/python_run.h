// Shared by the Python front-end tests: analyze .py text and keep what the
// assertions look at (the first file's IR as JSON, the diagnostics as
// "line:col [code] message" lines).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/api.h"
#include "core/emit/ir.h"

namespace test_python {

struct Run {
  kfp::Analysis a;
  kfp::Json ir;
  std::string diags;
};

inline Run run_files(std::vector<kfp::InputFile> files, const kfp::AnalyzeOptions& o = {}) {
  Run r;
  r.a = kfp::analyze(std::move(files), o);
  for (const auto& d : r.a.diagnostics)
    r.diags += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " [" +
               std::string(d.code()) + "] " + d.message() + "\n";
  if (r.a.ws.file(0).pipeline) r.ir = kfp::ir_json(*r.a.ws.file(0).pipeline);
  return r;
}

}  // namespace test_python
