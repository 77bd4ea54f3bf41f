// Shared by the fuzz targets: bytes -> one file of a given name -> the core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/api.h"
#include "core/api_json.h"

namespace kfp::fuzz {

inline std::vector<InputFile> one_file(const uint8_t* data, size_t size, const char* path) {
  return {{path, std::string(reinterpret_cast<const char*>(data), size)}};
}

// The bytes, prefixed with a header that makes the reader of interest pick
// the file up (format detection looks at top-level keys), so that the fuzzer
// spends its time inside that reader rather than in detection.
inline std::vector<InputFile> with_prefix(const char* prefix, const uint8_t* data, size_t size, const char* path) {
  return {{path, std::string(prefix) + std::string(reinterpret_cast<const char*>(data), size)}};
}

}  // namespace kfp::fuzz
