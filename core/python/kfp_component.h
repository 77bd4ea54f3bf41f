// Internal to core/python: what kfp_component.cpp (the interface of a
// @dsl.component / @dsl.container_component function) shares with
// kfp_container_component.cpp (the ContainerSpec its body returns).
#pragma once
#include <map>
#include <memory>
#include <string>

#include "core/python/kfp_eval.h"

namespace kfp::py {

// How a parameter of a component function shows up in its body, for the
// placeholders a container component builds (make_input_for_parameterized_
// container_component_function).
enum class ParamRole {
  InputValue,      // a parameter input (also InputPath(...): KFP passes a value placeholder)
  InputArtifact,   // Input[X]: .path / .uri / .metadata
  OutputParameter, // OutputPath(...): the output_file placeholder
  OutputArtifact,  // Output[X]: .path / .uri / .metadata
  ListArtifact,    // Input/Output[List[X]]: not followed
};

// Builds the container of a @dsl.container_component from its body's
// `return dsl.ContainerSpec(...)`. False when it could not (reported).
bool container_component_spec(Evaluator& ev, const Stmt& fn, const std::map<std::string, ParamRole>& roles,
                              Component& comp);

// The fields of `NamedTuple('X', [('a', int), ...])` or `NamedTuple('X', a=int)`
// in order; false when `ann` is not a typing.NamedTuple call (`malformed`:
// it is one, in a form not followed).
// What a malformed typing.NamedTuple(...) is called in diagnostics (the one wording for all its uses).
inline constexpr const char* kNamedTupleForm = "this NamedTuple form (write NamedTuple('Outputs', [('name', type), ...]))";

bool named_tuple_fields(Evaluator& ev, const Expr& ann, std::vector<std::pair<std::string, const Expr*>>* out,
                        bool* malformed);

// kfp.dsl's run-time placeholder constants ("kfp.dsl.PIPELINE_JOB_NAME_PLACEHOLDER"
// -> "{{$.pipeline_job_name}}"); "" for any other path.
std::string dsl_placeholder_constant(const std::string& path);

// The one-step pipeline KFP compiles a lone component into
// (ComponentSpec.to_pipeline_spec); null when KFP refuses (reported).
std::shared_ptr<PipelineSpec> component_pipeline_spec(const CompDef& def, Sink& sink);

}  // namespace kfp::py
