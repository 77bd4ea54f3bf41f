// The reference the fast `files` reader (core/request_files.h) is held to,
// shared by tests/request_files_test.cpp and fuzz/fuzz_files_json.cpp: what
// nlohmann's parser reads, in parse_files' (core/api_json.cpp) terms.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/api.h"
#include "core/yaml/scalar.h"  // Json

namespace kfp {

// False where nlohmann fails or the shape is not [{"path"?: string, "text": string}].
inline bool nlohmann_files(std::string_view text, std::vector<InputFile>* out) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_array()) return false;
  for (size_t i = 0; i < j.size(); ++i) {
    const Json& f = j[i];
    if (!f.is_object() || !f.contains("text") || !f["text"].is_string()) return false;
    InputFile in;
    in.path = f.contains("path") && f["path"].is_string() ? f["path"].get<std::string>()
                                                           : "input-" + std::to_string(i) + ".yaml";
    in.text = f["text"].get<std::string>();
    out->push_back(in);
  }
  return true;
}

}  // namespace kfp
