// The core's front door, shared by the CLI (cli/) and the wasm bindings
// (wasm/): files in, model + diagnostics out, and the emitters over them.
// Nothing here throws.
#pragma once
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/read/workspace.h"

namespace kfp {

struct AnalyzeOptions {
  bool run_checks = true;
  std::string python_function;  // `--function NAME` for .py files with several pipelines
  // The `kfp==<version>` pin lightweight Python components install (KFP writes
  // its own version); default: the KFP SDK release whose output we match.
  std::string kfp_version = "2.15.2";
};

struct Analysis {
  Workspace ws;
  std::vector<Diagnostic> diagnostics;  // sorted
  bool has_errors() const;
};

// Load every file (format detected from content and name), read it into the
// model, resolve component refs across files, run all checks.
Analysis analyze(const std::vector<InputFile>& files, const AnalyzeOptions& opts = {});

}  // namespace kfp
