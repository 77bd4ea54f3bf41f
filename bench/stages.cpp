#include "bench/stages.h"

#include <nlohmann/json.hpp>

#include "core/api_json.h"

namespace kfp::bench {

std::vector<Stage> all_stages() { return {Stage::Load, Stage::Validate, Stage::CompileIr, Stage::CompileArgo}; }

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::Load: return "load";
    case Stage::Validate: return "validate";
    case Stage::CompileIr: return "compile_ir";
    case Stage::CompileArgo: return "compile_argo";
  }
  return "?";
}

bool parse_stage(std::string_view name, Stage* out) {
  for (Stage s : all_stages())
    if (name == stage_name(s)) {
      *out = s;
      return true;
    }
  return false;
}

std::string files_json(const std::vector<InputFile>& files) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : files) a.push_back({{"path", f.path}, {"text", f.text}});
  return a.dump();
}

size_t run(Stage s, const std::string& files) {
  switch (s) {
    case Stage::Load: return analyze_json(files, R"({"checks": false})").size();
    case Stage::Validate: return analyze_json(files, "{}").size();
    case Stage::CompileIr: return compile_json(files, "ir", "{}").size();
    case Stage::CompileArgo: return compile_json(files, "argo", "{}").size();
  }
  return 0;
}

}  // namespace kfp::bench
