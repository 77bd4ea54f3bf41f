// The stages a benchmark measures, each as one call into the core's JSON front
// door: exactly what the wasm module runs for the page (wasm/bindings.cpp), so
// native, Node and Chromium figures compare like for like.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/api.h"

namespace kfp::bench {

// load: read every file into the model + graph JSON, no checks ({"checks": false})
// validate: load + every check (one keystroke in the page)
// compile_ir / compile_argo: validate + emit
enum class Stage { Load, Validate, CompileIr, CompileArgo };
std::vector<Stage> all_stages();
const char* stage_name(Stage s);
bool parse_stage(std::string_view name, Stage* out);

// The files as the page sends them: [{"path": ..., "text": ...}, ...]
std::string files_json(const std::vector<InputFile>& files);

// Runs the stage; returns the output size so it can't be optimised away.
size_t run(Stage s, const std::string& files_json);

}  // namespace kfp::bench
