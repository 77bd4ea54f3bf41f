// KFP v1 command-line placeholders ({inputValue: x}, {concat: [...]},
// {if: {cond: ..., then: ..., else: ...}}, ...) -> the model's Arg tree.
// Which placeholders exist and what they may name follow KFP v1's
// _structures.py as KFP v2 still loads it (kfp/dsl/placeholders.py drops the
// v1 preview placeholders inputMetadata, inputOutputPortName, outputMetadata).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/read/v1_util.h"
#include "core/yaml/node.h"

namespace kfp {

// One command/args item. `names` holds the declared inputs and outputs that
// placeholders may name. Returns nothing for an item that cannot be modelled
// at all (null); every problem is reported to `sink`.
std::optional<Arg> read_v1_arg(const yaml::Node& n, const v1::IoNames& names, Sink& sink);

// A `command:` / `args:` list (`what` names it in messages).
std::vector<Arg> read_v1_arg_list(const yaml::Node& list, std::string_view what, const v1::IoNames& names,
                                  Sink& sink);

}  // namespace kfp
