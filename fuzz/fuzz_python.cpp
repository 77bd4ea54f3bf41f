// Fuzz target: the Python DSL reader
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kfp::analyze(kfp::fuzz::one_file(data, size, "pipeline.py"));
  return 0;
}
