// Every check, in one list. run_checks walks each file's model once with all
// of them.
#include "core/checks/registry.h"

#include "core/checks/checks.h"

namespace kfp {

void run_checks(const Workspace& ws, Sink& sink) {
  std::unique_ptr<Check> all[] = {
      make_type_compat_check(),     make_v2_compat_check(),   make_unknown_refs_check(),
      make_required_inputs_check(), make_unresolved_check(),  make_task_cycles_check(),
      make_duplicate_names_check(),
  };
  std::vector<Check*> checks;
  for (auto& c : all) checks.push_back(c.get());

  std::vector<const Component*> roots;
  for (const auto& f : ws.files()) {
    if (f->component) roots.push_back(f->component.get());
    if (f->pipeline) {
      if (f->pipeline->root) roots.push_back(f->pipeline->root.get());
      for (const auto& [key, comp] : f->pipeline->components) roots.push_back(comp.get());
    }
  }
  walk_components(roots, checks, sink);
}

}  // namespace kfp
