#include "bench/stages.h"

#include "core/api_json.h"

namespace kfp::bench {

std::vector<Stage> all_stages() { return {Stage::Validate, Stage::CompileIr, Stage::CompileArgo}; }

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::Validate: return "validate";
    case Stage::CompileIr: return "compile_ir";
    case Stage::CompileArgo: return "compile_argo";
  }
  return "?";
}

bool parse_stage(std::string_view name, Stage* out) {
  for (Stage s : {Stage::Validate, Stage::CompileIr, Stage::CompileArgo})
    if (name == stage_name(s)) {
      *out = s;
      return true;
    }
  return false;
}

size_t run(Stage s, const std::vector<InputFile>& files) {
  switch (s) {
    case Stage::Validate: {
      Analysis a = analyze(files);
      return a.diagnostics.size() + a.ws.size();
    }
    // Compiles go through the same JSON front door as the page and the CLI
    // (analysis + compile + JSON wrapping), so the figures compare like for like.
    case Stage::CompileIr: return compile_json(files, "ir", AnalyzeOptions{}).size();
    case Stage::CompileArgo: return compile_json(files, "argo", AnalyzeOptions{}).size();
  }
  return 0;
}

}  // namespace kfp::bench
