// Fuzz target: the IR reader and checks
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kfp::analyze(kfp::fuzz::with_prefix("pipelineInfo: {name: p}\n", data, size, "p.yaml"));
  (void)kfp::analyze(kfp::fuzz::one_file(data, size, "ir.yaml"));
  return 0;
}
