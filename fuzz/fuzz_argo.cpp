// Fuzz target: the Argo reader and lint
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)kfp::analyze(kfp::fuzz::with_prefix("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n", data, size, "wf.yaml"));
  return 0;
}
