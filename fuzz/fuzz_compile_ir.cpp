// Fuzz target: compile to IR
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kfp::compile_json(kfp::fuzz::one_file(data, size, "in.yaml"), "ir", {});
  return 0;
}
