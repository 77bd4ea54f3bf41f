// [duplicate-name] [name-collision] Two inputs, outputs or tasks with the same
// name, and names that differ as written but become the same once KFP
// sanitizes them (inputs/outputs: utils.sanitize_input_name; tasks:
// utils.maybe_rename_for_k8s). KFP v2 keys inputs by sanitized name, so a
// collision silently drops one of them.
#include <string_view>
#include <unordered_map>

#include "core/checks/checks.h"
#include "core/checks/names.h"

namespace kfp {
namespace {

template <class Item, class NameOf, class Sanitize>
void check_names(const std::vector<Item>& items, NameOf name_of, Sanitize sanitize, const char* what,
                 const char* what_plural, bool report_exact, Sink& out) {
  // Hashed (reports follow the items' order, not the maps'), name -> index
  // of the first item: the map types the core already has (no more code in
  // the page's wasm). Exact names are views of the items' own.
  std::unordered_map<std::string_view, size_t> exact;
  std::unordered_map<std::string, size_t> sanitized;
  exact.reserve(items.size());
  sanitized.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Located<std::string>& n = name_of(items[i]);
    auto [e, fresh] = exact.emplace(n.value, i);
    if (!fresh) {
      if (report_exact)
        out.report(DiagId::err_duplicate_name, n.span, {what, n.value})
          .note(DiagId::note_first_defined, name_of(items[e->second]).span, {n.value});
      continue;
    }
    std::string s = sanitize(n.value);
    auto [c, first] = sanitized.emplace(s, i);
    const Located<std::string>& earlier = name_of(items[c->second]);
    if (!first && earlier.value != n.value)
      out.report(DiagId::warn_name_collision, n.span, {what_plural, earlier.value, n.value, s})
          .note(DiagId::note_first_defined, earlier.span, {earlier.value});
  }
}

class DuplicateNamesCheck final : public Check {
 public:
  std::string_view id() const override { return "duplicate-name"; }

  void on_component(const Component& c, Sink& out) override {
    auto io_name = [](const IoSpec& io) -> const Located<std::string>& { return io.name; };
    // The v1 reader reports exact duplicates itself (KFP's "non-unique input name").
    bool v1 = c.format == Component::Format::V1Component || c.format == Component::Format::V1Graph;
    auto input_sanitize = [&](const std::string& n) { return v1 ? sanitize_input_name(n) : n; };
    check_names(c.inputs, io_name, input_sanitize, "input", "inputs", !v1, out);
    check_names(c.outputs, io_name, input_sanitize, "output", "outputs", !v1, out);
    if (c.dag) {
      auto task_name = [](const Task& t) -> const Located<std::string>& { return t.name; };
      check_names(c.dag->tasks, task_name, [](const std::string& n) { return k8s_name(n); }, "task", "tasks",
                  true, out);
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_duplicate_names_check() { return std::make_unique<DuplicateNamesCheck>(); }

}  // namespace kfp
