// One comparison of a KFP condition as the CEL text KFP writes into
// triggerPolicy.condition (kfp/compiler/pipeline_spec_builder.py,
// _single_binary_operation_to_cel_condition). Shared by the Python front-end
// (dsl.If) and the v1 graph lowering (isEnabled), which both reach KFP's
// ConditionOperation.
#pragma once
#include <string>

#include "core/model/model.h"

namespace kfp {

struct CelOperand {
  std::string channel_input;  // "pipelinechannel--…" for a channel; empty for a constant
  ParamType channel_type = ParamType::Unspecified;
  Json value;  // a constant: str, int, float or bool
  bool is_channel() const { return !channel_input.empty(); }
};

// `left op right` in CEL. False when KFP's compiler raises instead; *refusal
// is then its message ("ValueError: ...").
bool cel_comparison(const CelOperand& left, const std::string& op, const CelOperand& right, std::string* out,
                    std::string* refusal);

}  // namespace kfp
