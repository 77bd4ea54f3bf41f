// What an argument connects to, looked up in the enclosing DAG component:
// the producer task and its output, or the DAG input (pipeline input / loop
// item). Shared by the type, reference and cycle checks.
#pragma once
#include "core/model/model.h"

namespace kfp {

struct Connection {
  const IoSpec* consumer_input = nullptr;  // the input of the task's component (null: unknown/unresolved)
  const Task* producer = nullptr;          // TaskOutput / TaskFinalStatus: the producer task (null: unknown)
  const IoSpec* producer_output = nullptr; // TaskOutput: the producer component's output (null: unknown)
  const IoSpec* dag_input = nullptr;       // PipelineInput / LoopItem: the enclosing DAG's input
};

Connection resolve_connection(const Component& owner, const Task& t, const TaskArgument& a);

// Where a diagnostic about an argument points: the argument's key as written.
Span argument_span(const TaskArgument& a);
// Where a note about an input/output definition points: its name.
Span io_span(const IoSpec& io);

}  // namespace kfp
