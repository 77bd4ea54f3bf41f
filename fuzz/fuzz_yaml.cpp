// Fuzz target: the located-YAML loader (any text)
#include "fuzz/fuzz_common.h"
#include "core/yaml/load.h"
#include "core/yaml/scalar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kfp::Sink sink;
  std::string text(reinterpret_cast<const char*>(data), size);
  kfp::yaml::Tree t = kfp::yaml::load(text, 0, sink);
  for (const auto& d : t.docs) (void)kfp::yaml::to_json(d.root, 1u << 16);
  return 0;
}
