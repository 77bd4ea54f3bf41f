// [v2-compat] Placeholders that KFP v2 refuses for a v1 component although
// KFP v1 ran them (pipeline_task.check_primitive_placeholder_is_used_for_
// correct_io_type): inputValue on an input KFP v2 reads as an artifact
// (untyped, GCSPath, {JsonObject: {...}}, ...), inputPath / inputUri on a
// parameter, outputUri on a parameter output. Messages are KFP's TypeError
// text. `validate` shows them as warnings; the IR compiler turns them into
// errors.
#pragma once
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"

namespace kfp {

// In KFP's order (command, then args, depth first), so that the first one is
// the error KFP raises. Severity Warning; callers may promote it. Empty for
// components without a container.
std::vector<Diagnostic> v2_incompatibilities(const Component& c);

// The type string KFP v2 keeps for a v1 input/output (InputSpec.type):
// "String", "Integer", "Float", "Boolean", "List", "Dict",
// "PipelineTaskFinalStatus" for parameters, "system.Artifact@0.0.1" style for
// artifacts.
std::string v2_spec_type(const Type& t);

}  // namespace kfp
