// Lint of Argo files (Workflow, WorkflowTemplate, ClusterWorkflowTemplate,
// CronWorkflow): the structure Argo's JSON schema describes (schema_validate.h)
// and the semantic checks `argo lint` makes (Argo's workflow/validate):
// entrypoint and template references resolve, names are valid and unique,
// DAG dependencies exist and have no cycle, every {{variable}} with an Argo
// prefix resolves in its scope, tasks depend on the tasks whose outputs they
// use, required template inputs are supplied. Unlike Argo, which stops at the
// first error, every finding is reported with its line:col.
#pragma once
#include <string_view>

#include "core/diag/diagnostic.h"
#include "core/yaml/node.h"
#include "core/yaml/scalar.h"

namespace kfp::argo {

struct LintOptions {
  const Json* schema = nullptr;  // null: the embedded schema (builtin_schema())
  bool check_schema = true;
};

// Lints every document of `tree` whose `kind` is an Argo kind. `text` is the
// file's text (used to point at a {{variable}} inside a longer scalar); it may
// be empty. Returns the number of errors reported.
size_t lint(const yaml::Tree& tree, std::string_view text, Sink& sink, const LintOptions& opts = {});

// True in every build but the page's first-visit module, kfp_core_lite, which
// is linked without core/argo/ (wasm/argo_absent.cpp stands in for lint()).
bool lint_built();

// One document (its top-level mapping).
size_t lint_document(const yaml::Node& root, std::string_view text, Sink& sink, const LintOptions& opts = {});

}  // namespace kfp::argo
