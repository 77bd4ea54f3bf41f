// Structural validation of Argo documents against Argo's JSON schema, on the
// located YAML so that every finding has a line:col. A small validator for the
// subset of JSON schema that Argo's schema uses (type, properties, required,
// items, additionalProperties, $ref, const), with the decoding rules of the Go
// types behind it:
//   - null is accepted anywhere (Go leaves the zero value);
//   - IntOrString and Quantity accept numbers as well as strings (the
//     published schema says string only; Kubernetes and KFP v1 use numbers);
//   - Parameter value/default/enum are AnyString: numbers and booleans pass;
//   - unknown fields are errors, as `argo lint` decodes strictly.
#pragma once
#include <string>
#include <string_view>

#include "core/diag/diagnostic.h"
#include "core/yaml/node.h"
#include "core/yaml/scalar.h"

namespace kfp::argo {

// The definitions the product needs, embedded (core/argo/schema_data.inc), so
// no schema file is needed at run time. Parsed once.
const Json& builtin_schema();

// Builds with -DKFP_NO_EMBEDDED_ARGO_SCHEMA (the wasm core) start without it:
// the caller hands in the same JSON text (wasm `setArgoSchema`). Until then the
// schema pass is skipped and the other Argo checks still run. Returns false
// (and keeps the old schema) when the text is not a schema with definitions.
bool have_builtin_schema();
bool set_builtin_schema(std::string_view text);

// Reduces a full Argo schema (api/jsonschema/schema.json) to what the
// validator reads: the definitions reachable from the four Argo kinds, with
// only the keywords above. builtin_schema() == prune_schema(full) is a test.
Json prune_schema(const Json& full);

// Validates one document whose top level is an Argo object of `kind`
// ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow")
// against `schema` (builtin_schema() or a full/pruned schema with
// "definitions"). Returns the number of errors reported.
size_t validate_schema(const yaml::Node& root, std::string_view kind, const Json& schema, Sink& sink);

}  // namespace kfp::argo
