// v1 graph `isEnabled` predicates -> the conditions of the KFP v2 Python a
// user would write for them (`with dsl.If(a == b):`), and those conditions ->
// KFP's CEL trigger condition (pipeline_spec_builder.
// _single_binary_operation_to_cel_condition). Internal to core/emit/lower_v1*.
//
// The Python equivalent of a predicate:
//   {"==": {op1, op2}} (and != > >= < <=)  one dsl.If(op1 == op2); a constant
//                                          on the left is swapped to the right,
//                                          as Python's reflected comparison does
//   {"and": {op1, op2}}                    dsl.If(op1) holding dsl.If(op2)
//   {"not": comparison}                    the opposite comparison (not a == b: a != b)
//   {"not": {"not": p}}                    p
// `or`, `not` over `and`/`or`, and a bare argument have no dsl.If form.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"

namespace kfp::v1_lower {

// A PipelineChannel: a pipeline input or a task output, as KFP names it.
struct Channel {
  std::string task;  // the producer's KFP task name; empty for a pipeline input
  std::string name;  // the output key, or the pipeline input name
  Type type;
  std::string full_name() const { return task.empty() ? name : task + "-" + name; }
  // compiler_utils.additional_input_name_for_pipeline_channel
  std::string input_name() const { return "pipelinechannel--" + full_name(); }
  bool operator<(const Channel& o) const { return task != o.task ? task < o.task : name < o.name; }
  bool operator==(const Channel& o) const { return task == o.task && name == o.name; }
};

struct Operand {
  std::optional<Channel> channel;
  Json value;  // when not a channel: the YAML constant (str, int, float, bool)
};

struct CondOp {  // pipeline_channel.ConditionOperation
  std::string op;  // == != < <= > >=
  Operand left, right;
};

struct CondError {
  DiagId id = DiagId::err_compile_refused;
  std::vector<std::string> args;
};

// A graphInput/taskOutput argument -> its channel, or nullopt with `*err` set.
using ChannelOf = std::function<std::optional<Channel>(const Json& arg, CondError* err)>;

// The nested dsl.If conditions for `pred`, outermost first.
bool predicate_conditions(const Json& pred, const ChannelOf& channel_of, std::vector<CondOp>* out, CondError* err);

// The CEL text KFP writes into triggerPolicy.condition for one operation.
bool cel_condition(const CondOp& op, std::string* out, CondError* err);

}  // namespace kfp::v1_lower
