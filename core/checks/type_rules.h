// KFP's type-compatibility rules (kfp/dsl/types/type_utils.py
// verify_type_compatibility), as pure functions over model types so that they
// can be tested without a pipeline around them.
#pragma once
#include <string>

#include "core/model/types.h"

namespace kfp {

// How KFP spells a type in its messages: "NUMBER_INTEGER",
// "system.Model@0.0.1", "List[system.Dataset@0.0.1]".
std::string kfp_type_text(const Type& t);

// A channel (task output, pipeline input, loop item) of type `given` passed to
// an input of type `expected`:
//  - parameter vs artifact never connects;
//  - parameters need the same type (an unspecified type matches any);
//  - artifacts need the same list-ness, then either side system.Artifact, or
//    the same schema title and the same major schema version.
bool channel_compatible(const Type& given, const Type& expected);

// A loop item: KFP relaxes the check when the item is a String
// (type_utils: LoopParameterArgument/LoopArgumentVariable with 'String').
bool loop_item_compatible(const Type& item, const Type& expected);

// A constant argument. `v1_text`: the value comes from v1 YAML, where every
// constant is the text of a value (KFP deserializes it by the input's type:
// int(), float(), strtobool, json.loads); otherwise it is a typed IR value
// (protobuf Value: every number is a double, so an integral number fits an
// Integer). On failure `given` gets KFP's name for the constant's type.
bool constant_compatible(const Json& value, bool v1_text, const Type& expected, std::string* given);

}  // namespace kfp
