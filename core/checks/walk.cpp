#include <set>

#include "core/checks/check.h"

namespace kfp {
namespace {

class Walker {
 public:
  Walker(const std::vector<Check*>& checks, Sink& out) : checks_(checks), out_(out) {}

  // Iterative over an explicit stack: a deep chain of nested graph components
  // must not overflow the native (or wasm) stack.
  void visit(const Component* root) {
    std::vector<const Component*> stack{root};
    while (!stack.empty()) {
      const Component* c = stack.back();
      stack.pop_back();
      if (!c || !seen_.insert(c).second) continue;
      for (Check* k : checks_) k->on_component(*c, out_);
      if (!c->dag) continue;
      for (Check* k : checks_) k->on_dag(*c, out_);
      for (const Task& t : c->dag->tasks) {
        for (Check* k : checks_) k->on_task(*c, t, out_);
        for (const TaskArgument& a : t.arguments)
          for (Check* k : checks_) k->on_argument(*c, t, a, out_);
      }
      for (Check* k : checks_) k->on_dag_end(*c, out_);
      // Children pushed in reverse so they are visited in file order.
      for (auto it = c->dag->tasks.rbegin(); it != c->dag->tasks.rend(); ++it)
        if (it->component) stack.push_back(it->component.get());
    }
  }

 private:
  const std::vector<Check*>& checks_;
  Sink& out_;
  std::set<const Component*> seen_;
};

}  // namespace

void walk_components(const std::vector<const Component*>& roots, const std::vector<Check*>& checks,
                     Sink& out) {
  Walker w(checks, out);
  for (const Component* r : roots) w.visit(r);
}

}  // namespace kfp
