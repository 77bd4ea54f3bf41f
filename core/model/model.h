// The one in-memory model of KFP. Every reader (v1 component, v1 graph, IR,
// later Python) produces it; every check and emitter consumes it. The shape
// follows the IR (PipelineSpec): a component is a container, importer or
// resolver executor, or a DAG of tasks; control-flow groups (condition,
// parallel-for, exit handler) and nested pipelines are DAG components used by
// a task, exactly as KFP compiles them. Everything carries its Span.
//
// Fields a reader does not model are kept in `extra` (JSON) so that an IR file
// can be written back unchanged. `extra` is null until a reader keeps
// something there (then an object; null reads as {}): an empty object costs
// an allocation to make and to copy, and the model is copied per task when
// compiling.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diag/span.h"
#include "core/model/shared_value.h"
#include "core/model/types.h"

namespace kfp {

struct IoSpec {  // a component input or output
  Located<std::string> name;
  Type type;
  Span type_span;
  std::optional<Json> default_value;  // typed JSON (IR) or the v1 string as written
  Span default_span;
  bool optional = false;              // v1 `optional: true`, or IR isOptional
  std::string description;
  Json extra;
  Span span;
};

// A command/args item: a placeholder tree. v1 placeholders map 1:1; IR
// strings are parsed into the same tree (a string with embedded placeholders
// becomes a Template; a {"Concat": ...} string a Concat).
struct Arg {
  enum class Kind {
    Literal,        // text
    InputValue,     // {inputValue: x}        {{$.inputs.parameters['x']}}
    InputPath,      // {inputPath: x}         {{$.inputs.artifacts['x'].path}}
    InputUri,       // {inputUri: x}          {{$.inputs.artifacts['x'].uri}}
    InputMetadata,  //                        {{$.inputs.artifacts['x'].metadata}}
    OutputPath,     // {outputPath: y}        {{$.outputs.parameters['y'].output_file}} / artifacts path
    OutputUri,      // {outputUri: y}         {{$.outputs.artifacts['y'].uri}}
    OutputMetadata, //                        {{$.outputs.artifacts['y'].metadata}}
    ExecutorInput,  // {executorInput: }      {{$}}
    Concat,         // {concat: [...]}        {"Concat": [...]}
    IfPresent,      // {if: {cond: {isPresent: x}, then, else}}   {"IfPresent": {...}}
    Template,       // IR only: literal text with embedded placeholders, parts in `items`
  };
  Kind kind = Kind::Literal;
  std::string text;             // Literal text, or the input/output name
  std::vector<Arg> items;       // Concat / Template parts
  std::vector<Arg> then_items;  // IfPresent
  std::vector<Arg> else_items;  // IfPresent
  bool has_else = false;
  // v1 `if` with a constant/inputValue condition rather than isPresent.
  std::optional<Json> cond_value;
  // IR only (see core/read/ir_placeholders.h): the key of a metadata['key']
  // placeholder (Input/OutputMetadata; empty = the whole metadata); an
  // OutputPath written as `.output_file` (an output parameter, not an
  // artifact path); the item exactly as written when printing the tree would
  // not give it back (non-canonical JSON spacing, a scalar Then/Else, ...).
  std::string key;
  bool output_parameter = false;
  std::string ir_text;
  Span span;
};

struct EnvVar {
  Located<std::string> name;
  std::string value;
  Span span;
};

struct Resources {  // IR PipelineContainerSpec.ResourceSpec, as strings where KFP writes strings
  std::optional<std::string> cpu_limit, cpu_request, memory_limit, memory_request;
  std::optional<std::string> accelerator_type;
  std::optional<std::string> accelerator_count;
  Json extra;
  bool empty() const {
    return !cpu_limit && !cpu_request && !memory_limit && !memory_request && !accelerator_type &&
           !accelerator_count && extra.empty();
  }
};

struct Container {
  Located<std::string> image;
  std::vector<Arg> command;
  std::vector<Arg> args;
  bool has_command = false, has_args = false;
  std::vector<EnvVar> env;
  Resources resources;
  std::map<std::string, Located<std::string>> file_outputs;  // v1 fileOutputs
  Json extra;                                                  // lifecycle, ...
  Span span;
};

struct Component;
struct Task;

// Where a task input gets its value from.
struct ArgumentSource {
  enum class Kind {
    Constant,         // runtimeValue.constant / v1 constant string
    PipelineInput,    // componentInputParameter / componentInputArtifact / v1 graphInput
    TaskOutput,       // taskOutputParameter / taskOutputArtifact / v1 taskOutput
    LoopItem,         // the parallel-for item (IR: componentInputParameter naming the loop item)
    TaskFinalStatus,  // taskFinalStatus
  };
  Kind kind = Kind::Constant;
  Json constant;            // Constant
  std::string input;        // PipelineInput / LoopItem: the enclosing DAG's input name
  std::string task;         // TaskOutput / TaskFinalStatus: producer task name
  std::string output;       // TaskOutput: producer output key
  std::string expression;   // IR parameterExpressionSelector (e.g. a loop item field)
  Span span;                // the value as written
  Span task_span;           // the producer task name as written
  Span output_span;         // the output name as written
};

struct TaskArgument {
  Located<std::string> input;  // the consuming input's name
  bool is_artifact = false;    // IR: listed under artifacts (v1: decided from the input type)
  ArgumentSource source;
  Json extra;
  Span span;
};

struct RetryPolicy {
  int64_t max_retry_count = 0;
  std::optional<std::string> backoff_duration;     // "0s"
  std::optional<double> backoff_factor;
  std::optional<std::string> backoff_max_duration;  // "3600s"
  Span span;
};

struct Iterator {                  // parameterIterator / artifactIterator
  bool artifact = false;
  std::optional<std::string> raw;  // items.raw: JSON text of a literal list
  std::string input;               // items.inputParameter / inputArtifact
  std::string item_input;          // the loop item's input name inside the body
  Span span;
};

struct ComponentRef {
  Located<std::string> name;    // IR componentRef.name, or v1 componentRef.name
  Located<std::string> url;     // v1
  Located<std::string> digest;  // v1 (sha256 hex)
  bool inline_spec = false;     // v1 componentRef.spec
  Span span;
};

enum class GroupKind { None, Condition, ParallelFor, ExitHandler, Pipeline };

struct Task {
  Located<std::string> name;          // key in the DAG's tasks
  std::string display_name;           // IR taskInfo.name
  ComponentRef ref;
  std::shared_ptr<Component> component;  // resolved; null when unresolved
  std::vector<TaskArgument> arguments;
  std::vector<Located<std::string>> after;  // IR dependentTasks / v1 `after`
  // Task options.
  std::optional<bool> enable_cache;
  std::optional<RetryPolicy> retry;
  std::optional<Located<std::string>> condition;      // triggerPolicy.condition (CEL-ish)
  std::optional<std::string> trigger_strategy;        // "ALL_UPSTREAM_TASKS_COMPLETED"
  std::optional<Iterator> iterator;
  std::optional<int64_t> parallelism;                 // iteratorPolicy.parallelismLimit
  std::optional<Located<std::string>> v1_is_enabled;  // v1 graph isEnabled, as written (JSON text)
  Json extra;
  Span span;
};

struct DagOutput {  // IR dag.outputs / v1 graph outputValues
  Located<std::string> name;
  bool is_artifact = false;
  std::vector<std::pair<std::string, std::string>> selectors;  // (producer task, output key)
  bool oneof = false;                                           // valueFromOneof
  Json extra;
  Span span;
};

struct Dag {
  std::vector<Task> tasks;
  std::vector<DagOutput> outputs;
  Json extra;
  // By task name. Hashed (built on first use, rebuilt when tasks were added)
  // so that checks over large DAGs stay linear.
  const Task* find(std::string_view name) const {
    if (tasks.size() < 16) {
      for (const auto& t : tasks)
        if (t.name.value == name) return &t;
      return nullptr;
    }
    if (index_size_ != tasks.size() || (!tasks.empty() && index_data_ != tasks.data())) {
      index_.clear();
      for (const auto& t : tasks) index_.emplace(t.name.value, &t);  // first wins
      index_size_ = tasks.size();
      index_data_ = tasks.data();
    }
    auto it = index_.find(name);  // no std::string made to look up
    return it == index_.end() ? nullptr : it->second;
  }

 private:
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, const Task*, NameHash, std::equal_to<>> index_;
  mutable size_t index_size_ = 0;
  mutable const Task* index_data_ = nullptr;
};

struct Component {
  enum class Format { V1Component, V1Graph, IrPipeline, IrComponent, Argo };
  Format format = Format::V1Component;
  FileId file = kNoFile;
  Located<std::string> name;
  std::string description;
  Json metadata;  // v1 metadata (annotations, labels); null when absent, as `extra`
  std::vector<IoSpec> inputs;
  std::vector<IoSpec> outputs;

  // Exactly one implementation (or none for an unresolved/broken component).
  SharedValue<Container> container;  // shared by copies until one changes it
  std::optional<Dag> dag;           // v1 graph, IR DAG component, control-flow group
  std::optional<Json> importer;     // IR importer executor, as JSON
  std::optional<Json> resolver;     // IR resolver executor, as JSON
  GroupKind group = GroupKind::None;

  // IR bookkeeping (empty for v1): the key under `components`, the executor label.
  std::string ir_key;
  std::string executor_label;
  std::string digest;  // sha256 hex of the v1 file text
  Json extra;
  Span span;

  const IoSpec* input(std::string_view n) const {
    for (const auto& i : inputs)
      if (i.name.value == n) return &i;
    return nullptr;
  }
  const IoSpec* output(std::string_view n) const {
    for (const auto& o : outputs)
      if (o.name.value == n) return &o;
    return nullptr;
  }
};

// A whole IR document: `components` by key, the root DAG, and document-level
// fields. For v1 inputs, the compile step builds one (core/emit/lower_*).
struct PipelineSpec {
  Located<std::string> name;          // pipelineInfo.name
  std::string description;            // pipelineInfo.description
  std::string display_name;           // pipelineInfo.displayName
  std::shared_ptr<Component> root;    // the root DAG component
  std::map<std::string, std::shared_ptr<Component>> components;  // "comp-x" -> component
  std::string schema_version = "2.1.0";
  std::string sdk_version;
  std::optional<std::string> default_pipeline_root;
  std::optional<Json> platform_spec;  // the optional second `platforms:` document
  Json extra;
  Span span;
};

}  // namespace kfp
