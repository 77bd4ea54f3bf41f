// Fuzz target: the v1 component reader and checks
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kfp::analyze(kfp::fuzz::with_prefix("implementation:\n  container: {image: x}\n", data, size, "c.yaml"));
  (void)kfp::analyze(kfp::fuzz::one_file(data, size, "component.yaml"));
  return 0;
}
