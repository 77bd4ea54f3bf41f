// KFP's naming rules (kfp/dsl/utils.py), applied when compiling v1 inputs so
// that component keys, executor labels, task names and input/output names
// come out exactly as the KFP SDK names them.
#pragma once
#include <set>
#include <string>
#include <string_view>

#include "core/checks/names.h"

namespace kfp {

// k8s_name (maybe_rename_for_k8s) and sanitize_input_name live in
// core/checks/names.h; the checks report names the way the compiler makes them.

// "comp-" + k8s_name / "exec-" + k8s_name.
std::string component_key(std::string_view name);
std::string executor_label(std::string_view name);

// make_name_unique_by_adding_index: `name` if unused, else name-2, name-3...
std::string unique_name(const std::string& name, const std::set<std::string>& used,
                        std::string_view delimiter = "-");

// validate_pipeline_name: ^[a-z0-9][a-z0-9-]{0,127}$
bool valid_pipeline_name(std::string_view name);

}  // namespace kfp
