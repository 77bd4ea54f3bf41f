// The check interface: a visitor over the model with do-nothing hooks. A check
// overrides only what it needs and reports to one Sink. The walker
// (walk.cpp) visits every distinct Component once — v1 component files, v1
// graphs with their inline and resolved task components, IR pipelines with
// their root and `components` — recursing into nested DAG components.
// Checks never touch yaml-cpp and never throw.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"

namespace kfp {

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view id() const = 0;
  // Every distinct component (containers, importers, DAGs).
  virtual void on_component(const Component& c, Sink& out) {}
  // A component with a dag, before its tasks are visited.
  virtual void on_dag(const Component& owner, Sink& out) {}
  // Each task of `owner`'s dag, in file order.
  virtual void on_task(const Component& owner, const Task& t, Sink& out) {}
  // Each argument of each task.
  virtual void on_argument(const Component& owner, const Task& t, const TaskArgument& a, Sink& out) {}
  // After all tasks of `owner`'s dag (whole-graph checks: cycles).
  virtual void on_dag_end(const Component& owner, Sink& out) {}
};

// Runs the hooks of every check over the component tree rooted at each of
// `roots` (each distinct component visited once, in a stable order).
void walk_components(const std::vector<const Component*>& roots, const std::vector<Check*>& checks,
                     Sink& out);

}  // namespace kfp
