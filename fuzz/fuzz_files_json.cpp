// libFuzzer target "files_json": core/request_files must decline a request's
// `files` text or read exactly the files nlohmann's parser reads
// (tests/files_json_ref.h); a difference aborts, so the fuzzer keeps it as a
// crash. Seeds: tests/data/files_json/.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/request_files.h"
#include "tests/files_json_ref.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<kfp::InputFile> fast, ref;
  if (!kfp::read_files_json_fast(text, &fast)) {
    if (!fast.empty()) {
      std::fprintf(stderr, "read_files_json_fast declined a text but added files\n");
      std::abort();
    }
    return 0;
  }
  bool same = kfp::nlohmann_files(text, &ref) && ref.size() == fast.size();
  for (size_t i = 0; same && i < fast.size(); ++i) same = fast[i].path == ref[i].path && fast[i].text == ref[i].text;
  if (!same) {
    std::fprintf(stderr, "read_files_json_fast accepted a text and disagrees with nlohmann\n");
    std::abort();
  }
  return 0;
}
