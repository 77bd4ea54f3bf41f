// Fuzz target: the v1 graph reader, ref resolution and checks
#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto files = kfp::fuzz::one_file(data, size, "pipeline.yaml");
  files.push_back({"add.yaml", "name: Add\ninputs: [{name: a, type: Integer}]\noutputs: [{name: sum, type: Integer}]\nimplementation: {container: {image: x, args: [{inputValue: a}, {outputPath: sum}]}}\n"});
  (void)kfp::analyze(files);
  return 0;
}
