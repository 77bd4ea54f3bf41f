// The stages a benchmark measures, each as one call into the core's API.
#pragma once
#include <string_view>
#include <vector>

#include "core/api.h"

namespace kfp::bench {

enum class Stage { Validate, CompileIr, CompileArgo };
std::vector<Stage> all_stages();
const char* stage_name(Stage s);
bool parse_stage(std::string_view name, Stage* out);
// Runs the stage; returns a size (diagnostics or output bytes) so it can't be optimised away.
size_t run(Stage s, const std::vector<InputFile>& files);

}  // namespace kfp::bench
