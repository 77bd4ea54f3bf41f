// The `files` argument of the JSON front door, [{"path": ..., "text": ...}],
// read without building a JSON tree. The page sends it on every keystroke and
// nlohmann's parser read it at ~75 instructions a byte (5% of validating a
// 1,000-task pipeline); this reader copies each text with its escapes
// resolved in one pass. It declines (returns false, having added nothing)
// anything but that plain shape, and the caller then parses the text with
// nlohmann as before: other keys, values that are not strings, a key twice,
// invalid JSON or UTF-8 (nlohmann says what is wrong).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/api.h"

namespace kfp {

bool read_files_json_fast(std::string_view text, std::vector<InputFile>* files);

// The path given to files[index] when the request names none.
std::string unnamed_input_path(size_t index);

}  // namespace kfp
