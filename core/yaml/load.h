#pragma once
#include <string_view>

#include "core/diag/diagnostic.h"
#include "core/yaml/limits.h"
#include "core/yaml/node.h"

namespace kfp::yaml {

// Parses every document in `text`. Errors go to `sink` with positions in
// `file`; the returned tree holds what could be read (possibly no documents).
// Never throws.
Tree load(std::string_view text, FileId file, Sink& sink, const Limits& limits = {});

}  // namespace kfp::yaml
