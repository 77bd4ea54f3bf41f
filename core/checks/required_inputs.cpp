// [missing-input] A task that gives no argument to an input with no default
// that is not optional; KFP's message (BaseComponent.__call__), at the task.
#include <algorithm>

#include "core/checks/checks.h"
#include "core/checks/names.h"

namespace kfp {
namespace {

class RequiredInputsCheck final : public Check {
 public:
  std::string_view id() const override { return "missing-input"; }

  void on_task(const Component& owner, const Task& t, Sink& out) override {
    if (!t.component) return;
    std::vector<const IoSpec*> missing;
    for (const IoSpec& in : t.component->inputs) {
      if (in.optional || in.default_value) continue;
      if (!in.type.is_artifact && in.type.param == ParamType::TaskFinalStatus) continue;
      // A parallel-for body gets its loop item from the iterator, not an argument.
      if (t.iterator && t.iterator->item_input == in.name.value) continue;
      bool given = std::any_of(t.arguments.begin(), t.arguments.end(),
                               [&](const TaskArgument& a) { return a.input.value == in.name.value; });
      if (!given) missing.push_back(&in);
    }
    if (missing.empty()) return;
    std::string names;
    for (const IoSpec* in : missing) {
      if (!names.empty()) names += ", ";
      std::string n = kfp_input_name(*t.component, in->name.value);
      std::replace(n.begin(), n.end(), '-', '_');
      names += n;
    }
    Diagnostic& d = out.report(DiagId::err_missing_input, t.name.span,
                               {kfp_component_name(*t.component), std::to_string(missing.size()),
                                missing.size() == 1 ? "argument" : "arguments", names});
    for (const IoSpec* in : missing)
      d.note(DiagId::note_required_input, in->name.span.valid() ? in->name.span : in->span, {in->name.value});
  }
};

}  // namespace

std::unique_ptr<Check> make_required_inputs_check() { return std::make_unique<RequiredInputsCheck>(); }

}  // namespace kfp
