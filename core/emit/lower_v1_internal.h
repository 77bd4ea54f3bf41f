// Shared by the v1 lowering files (core/emit/lower_v1*.cpp); not an API.
#pragma once
#include <memory>
#include <string>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"

namespace kfp {

// An empty PipelineSpec named `name` whose root DAG component stands for `src`.
std::shared_ptr<PipelineSpec> new_pipeline_spec(const std::string& name, const Component& src);

// utils.validate_pipeline_name's ValueError, at `span`.
Diagnostic invalid_pipeline_name(const std::string& name, const Span& span);

}  // namespace kfp
