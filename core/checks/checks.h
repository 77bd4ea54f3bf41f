// Factories for every check; registry.cpp lists them in one array.
#pragma once
#include <memory>

#include "core/checks/check.h"

namespace kfp {

std::unique_ptr<Check> make_type_compat_check();      // type_compat.cpp     [type-mismatch]
std::unique_ptr<Check> make_v2_compat_check();        // v2_compat.cpp       [v2-compat]
std::unique_ptr<Check> make_unknown_refs_check();     // unknown_refs.cpp    [unknown-task|output|input]
std::unique_ptr<Check> make_required_inputs_check();  // required_inputs.cpp [missing-input]
std::unique_ptr<Check> make_unresolved_check();       // unresolved.cpp      [unresolved-component]
std::unique_ptr<Check> make_task_cycles_check();      // task_cycles.cpp     [cycle]
std::unique_ptr<Check> make_duplicate_names_check();  // duplicate_names.cpp [duplicate-name|name-collision]

}  // namespace kfp
