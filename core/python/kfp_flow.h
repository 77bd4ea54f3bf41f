// KFP's pipeline channels and condition operations, as the Python front-end
// records them while it runs a pipeline body (kfp/dsl/pipeline_channel.py,
// for_loop.py). The compiler port in kfp_build.cpp reads them exactly as
// KFP's compiler reads its PipelineChannel objects: by name, producer task,
// full name ("task-name" + "-" + "output") and pattern.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/types.h"

namespace kfp::py {

struct Chan {
  enum class K {
    Param,         // PipelineParameterChannel (a pipeline parameter or a task output)
    Artifact,      // PipelineArtifactChannel
    LoopParam,     // for_loop.LoopParameterArgument (the ParallelFor item)
    LoopArtifact,  // for_loop.LoopArtifactArgument
    LoopVar,       // for_loop.LoopArgumentVariable (item.field)
    Collected,     // for_loop.Collected (fan-in of a loop output)
  };
  K k = K::Param;
  std::string name;       // channel name (output key, parameter name, loop-item name)
  std::string task;       // producer task (or, after fan-in surfacing, group) name; "" = none
  Type type;              // the IR type the channel carries
  std::string type_text;  // KFP's channel_type text ("typing.List[str]", "Dict[str, int]", "LIST")
  // Loop arguments: the list iterated, a channel or raw items.
  std::shared_ptr<Chan> items;
  std::optional<Json> raw;
  // LoopVar: the loop argument and the field.
  std::shared_ptr<Chan> loop_arg;
  std::string subvar;
  std::map<std::string, std::shared_ptr<Chan>> subvars;  // LoopParam: item.x, once each
  // Collected: what is collected.
  std::shared_ptr<Chan> output;
  // dsl.OneOf (a Param or Artifact channel produced by a condition-branches
  // group): the task outputs it selects from, one per branch.
  std::vector<std::shared_ptr<Chan>> oneof;

  bool is_loop() const { return k == K::LoopParam || k == K::LoopArtifact || k == K::LoopVar; }
  bool is_artifact() const {
    return k == K::Artifact || k == K::LoopArtifact || (k == K::Collected && output && output->is_artifact());
  }
  bool with_items() const {  // is_with_items_loop_argument
    if (k == K::LoopVar) return loop_arg && loop_arg->with_items();
    return (k == K::LoopParam || k == K::LoopArtifact) && !items;
  }
  std::string full_name() const { return task.empty() ? name : task + "-" + name; }
  std::string pattern() const { return "{{channel:task=" + task + ";name=" + name + ";type=" + type_text + ";}}"; }
};
using ChanP = std::shared_ptr<Chan>;

// pipeline_channel.ConditionOperation: `left op right`, maybe negated; an
// operand is a channel or a constant.
struct CondOp {
  std::string op;
  ChanP left, right;
  Json left_c, right_c;
  bool negate = false;
};

// KFP's additional_input_name_for_pipeline_channel.
inline std::string channel_input_name(const Chan& c) { return "pipelinechannel--" + c.full_name(); }
inline std::string channel_input_name(const std::string& full) { return "pipelinechannel--" + full; }

// type_utils.get_parameter_type over KFP's type text (short name, lower-cased).
bool param_type_of_text(const std::string& text, ParamType* out);
// for_loop._get_loop_item_type / _get_subvar_type ("" when no match).
std::string loop_item_type_text(const std::string& text);
std::string subvar_type_text(const std::string& text);

}  // namespace kfp::py
