// libFuzzer target "v1_graph": see fuzz/entries.h for what the bytes are fed to.
#include <cstddef>
#include <cstdint>

#include "fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kfp::fuzz::run("v1_graph", {reinterpret_cast<const char*>(data), size});
  return 0;
}
