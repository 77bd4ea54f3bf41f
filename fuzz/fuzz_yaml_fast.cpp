// libFuzzer target "yaml_fast": core/yaml/fast_parse must decline a text or
// give exactly yaml-cpp's events for it (tests/yaml_events.h); a difference
// aborts, so the fuzzer keeps it as a crash. Seeds: the project's YAML.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tests/yaml_events.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > (1u << 16)) return 0;  // the contract does not depend on size; keep runs fast
  bool accepted = false, ok = false;
  auto fast = yaml_events::from_fast_parse(text, &accepted);
  if (!accepted) return 0;
  auto ref = yaml_events::from_yaml_cpp(text, &ok);
  if (!ok || fast != ref) {
    std::fprintf(stderr, "fast_parse accepted a text and disagrees with yaml-cpp (yaml-cpp %s)\n",
                 ok ? "read it differently" : "rejects it");
    std::abort();
  }
  return 0;
}
