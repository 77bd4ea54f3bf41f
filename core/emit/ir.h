// PipelineSpec (the model) -> KFP v2 IR YAML, written as the KFP SDK writes it
// (pipeline_spec_builder.write_pipeline_spec_to_file): the `# PIPELINE
// DEFINITION` header, then json_format.MessageToDict(spec) dumped by PyYAML
// with sorted keys (core/emit/yaml_writer.h), then the platform spec as a
// second document when there is one.
//
// compile_to_ir is the entry point for the CLI (`kfpc compile --to ir`) and
// the wasm bindings: it picks what to compile from an Analysis (an IR
// pipeline or a v1 graph, with the other files as component sources; else a
// lone v1 component as a one-step pipeline) and refuses when the inputs have
// errors or KFP itself would refuse.
#pragma once
#include <string>
#include <vector>

#include "core/api.h"
#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/util/json_tree.h"

namespace kfp {

struct CompileOptions {
  // sdkVersion written into the IR (KFP writes kfp-<version>).
  std::string sdk_version = std::string("kfpc-") + KFP_VERSION;
  // Which file to compile, by path; empty: choose (see above).
  std::string target;
};

struct CompileResult {
  std::string text;  // the IR YAML; empty when not compiled
  // Sorted. Errors mean `text` is empty, except for an IR file, which is
  // written back even when checks report errors in it.
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return !text.empty(); }
};

CompileResult compile_to_ir(const Analysis& a, const CompileOptions& opts = {});

// The PipelineSpec as the JSON dict KFP's MessageToDict would give (proto3
// defaults omitted), with the reader's `extra` merged back in: as an arena
// tree (call inside a jt::Arena; what the writers use) and as Json.
jt::Value ir_tree(const PipelineSpec& spec);
Json ir_json(const PipelineSpec& spec);

// The whole file: header comment (KFP's extract_comments_from_pipeline_spec,
// using `description` for the Description line), the spec, the platform spec.
std::string write_ir(const PipelineSpec& spec, const std::string& description);

// Just the `# PIPELINE DEFINITION ...` header for a spec dict.
std::string ir_header(const jt::Value& spec_json, const std::string& description);

}  // namespace kfp
