// PLACEHOLDER until the v1 reader lands (issue 2).
#include "core/read/readers.h"
namespace kfp {
std::shared_ptr<Component> read_v1_component(const yaml::Node&, FileId, Sink&) { return nullptr; }
}
