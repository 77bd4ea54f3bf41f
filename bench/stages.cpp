#include "bench/stages.h"

namespace kfp::bench {

// Compile stages join once the emitters expose their API (core/emit/ir.h, argo.h).
std::vector<Stage> all_stages() { return {Stage::Validate}; }

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
    case Stage::Validate:
    case Stage::CompileIr:
    case Stage::CompileArgo: {
      Analysis a = analyze(files);
      return a.diagnostics.size() + a.ws.size();
    }
  }
  return 0;
}

}  // namespace kfp::bench
