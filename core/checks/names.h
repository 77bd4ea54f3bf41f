// How KFP renames things (kfp/dsl/utils.py), and "did you mean" suggestions.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.h"

namespace kfp {

// utils.sanitize_input_name: lower-case, runs of [^_0-9a-z] -> '_', strip '_'.
std::string sanitize_input_name(std::string_view name);
// utils.maybe_rename_for_k8s (task and component names): lower-case, runs of
// [^-0-9a-z] -> '-', squeeze '-', strip '-'.
std::string k8s_name(std::string_view name);

// The component name KFP prints in its messages (ComponentSpec.name after
// maybe_rename_for_k8s). IR components without a name use their key.
std::string kfp_component_name(const Component& c);
// The input name as the KFP v2 SDK knows it (v1 names are sanitized).
std::string kfp_input_name(const Component& c, std::string_view input);

// The closest candidate to `wrong` (edit distance, case-insensitive), or
// nullptr when nothing is close enough to be a plausible typo.
const std::string* closest_name(std::string_view wrong, const std::vector<const std::string*>& candidates);

}  // namespace kfp
