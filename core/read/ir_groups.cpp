// Control flow of the IR reader. KFP compiles dsl.Condition / If / Elif /
// Else, dsl.ParallelFor and dsl.ExitHandler into DAG components named
// comp-condition-N, comp-condition-branches-N, comp-for-loop-N and
// comp-exit-handler-N (kfp/compiler/compiler_utils.py); any other DAG
// component used by a task is a nested pipeline. Inside a for-loop body (and
// the groups nested in it) the loop item arrives as a component input named
// by the loop task's `itemInput`; arguments reading it are LoopItems.
#include <cctype>
#include <set>

#include "core/read/ir_internal.h"

namespace kfp::ir {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool has_prefix_n(std::string_view key, std::string_view prefix) {
  return key.size() > prefix.size() && key.substr(0, prefix.size()) == prefix && digits(key.substr(prefix.size()));
}

GroupKind group_of(const std::string& key) {
  if (has_prefix_n(key, "comp-condition-branches-") || has_prefix_n(key, "comp-condition-")) return GroupKind::Condition;
  if (has_prefix_n(key, "comp-for-loop-")) return GroupKind::ParallelFor;
  if (has_prefix_n(key, "comp-exit-handler-")) return GroupKind::ExitHandler;
  return GroupKind::Pipeline;
}

// KFP's name for a raw-list loop item: pipelinechannel--loop-item-param-N.
bool loop_item_param_name(const std::string& s) {
  return has_prefix_n(s, "pipelinechannel--loop-item-param-");
}

void mark(Component& c, const std::set<std::string>& items) {
  if (!c.dag) return;
  for (auto& t : c.dag->tasks)
    for (auto& a : t.arguments) {
      ArgumentSource& s = a.source;
      if (s.kind != ArgumentSource::Kind::PipelineInput) continue;
      if (items.count(s.input) || loop_item_param_name(s.input)) s.kind = ArgumentSource::Kind::LoopItem;
    }
}

}  // namespace

void classify_groups(Reader& r) {
  for (auto& [key, c] : r.spec.components)
    if (c->dag) c->group = group_of(key);

  // Walk down from the root, carrying the loop items in scope. A nested
  // pipeline starts a fresh scope (it receives values as ordinary inputs).
  // Iterative, so that a long chain of nested components cannot exhaust the
  // (small, in wasm) stack.
  struct Frame {
    Component* c;
    std::set<std::string> items;
    size_t next = 0;
  };
  std::set<const Component*> on_path;
  std::set<std::pair<const Component*, std::set<std::string>>> done;  // shared components: once per scope
  std::vector<Frame> stack;
  auto enter = [&](Component* c, std::set<std::string> items) {
    if (!done.emplace(c, items).second) return;
    mark(*c, items);
    if (!c->dag) return;
    on_path.insert(c);
    stack.push_back(Frame{c, std::move(items), 0});
  };
  if (r.spec.root) enter(r.spec.root.get(), {});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next >= f.c->dag->tasks.size()) {
      on_path.erase(f.c);
      stack.pop_back();
      continue;
    }
    const Task& t = f.c->dag->tasks[f.next++];
    Component* child = t.component.get();
    if (!child || !child->dag) continue;
    if (on_path.count(child)) {
      r.sink.report(DiagId::err_ir_self_reference, t.ref.name.span, {child->ir_key, t.name.value});
      continue;
    }
    std::set<std::string> inner;
    if (child->group != GroupKind::Pipeline) inner = f.items;
    if (t.iterator && !t.iterator->item_input.empty()) inner.insert(t.iterator->item_input);
    enter(child, std::move(inner));  // may reallocate `stack`: `f` is not used after this
  }
  // Components not reachable from the root still get the name-based marking.
  for (auto& [key, c] : r.spec.components) mark(*c, {});
}

}  // namespace kfp::ir
