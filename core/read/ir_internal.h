// The IR reader's parts (core/read/ir*.cpp), shared between its files only.
// ir.cpp reads the document and the components, ir_io.cpp the input/output
// definitions and executors, ir_dag.cpp the DAGs, ir_groups.cpp the control
// flow groups and loop items.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/read/ir_msg.h"
#include "core/yaml/node.h"

namespace kfp::ir {

struct Reader {
  Sink& sink;
  PipelineSpec& spec;
  struct Executor {
    const yaml::Node* key = nullptr;
    const yaml::Node* value = nullptr;
    bool used = false;
  };
  std::map<std::string, Executor> executors;  // deploymentSpec.executors by label
  struct PendingDag {
    Component* owner;
    const yaml::Node* dag;
  };
  std::vector<PendingDag> dags;  // read once every component exists

  Reader(Sink& s, PipelineSpec& p) : sink(s), spec(p) {}
};

// inputDefinitions / outputDefinitions of `c` (`what` names the component in messages).
void read_io(Reader& r, const yaml::Node* defs, bool outputs, const std::string& what, Component& c);

// deploymentSpec.executors[label] into `c` (container / importer / resolver).
void read_executor(Reader& r, const yaml::Node* executor, const std::string& label, Component& c);

// One DagSpec into `owner.dag`, with the references inside it checked.
void read_dag(Reader& r, const yaml::Node* dag, Component& owner);

// Control-flow groups (Component::group) and loop items (ArgumentSource::LoopItem),
// once every DAG is read.
void classify_groups(Reader& r);

// Names for messages: "component 'comp-x'", or "the root component".
std::string component_label(const Component& c);

// "a, b, c" (at most `max` names, then "...").
std::string name_list(const std::vector<std::string>& names, size_t max = 12);

}  // namespace kfp::ir
