// [unknown-task] [unknown-output] [unknown-input] Names in a DAG that point
// nowhere: an argument's producer task or output, a pipeline input, an
// argument for an input the component does not have, an `after` entry. Each
// comes with a "did you mean" note at the closest existing name.
//
// The readers already report what their format's loader rejects (v1: unknown
// task and graph input; IR: unknown task, output, DAG input and dependent
// task), so those are checked here only for models from other front ends.
#include "core/checks/checks.h"
#include "core/checks/connections.h"
#include "core/checks/names.h"

namespace kfp {
namespace {

Span or_else(Span a, Span b) { return a.valid() ? a : b; }

void suggest_task(Diagnostic& d, const Component& owner, std::string_view wrong) {
  std::vector<const std::string*> names;
  for (const auto& t : owner.dag->tasks) names.push_back(&t.name.value);
  if (const std::string* best = closest_name(wrong, names))
    d.note(DiagId::note_did_you_mean, owner.dag->find(*best)->name.span, {*best});
}

void suggest_io(Diagnostic& d, const std::vector<IoSpec>& ios, std::string_view wrong) {
  std::vector<const std::string*> names;
  for (const auto& io : ios) names.push_back(&io.name.value);
  if (const std::string* best = closest_name(wrong, names))
    for (const auto& io : ios)
      if (&io.name.value == best) d.note(DiagId::note_did_you_mean, io_span(io), {*best});
}

bool is_v1(const Component& c) {
  return c.format == Component::Format::V1Graph || c.format == Component::Format::V1Component;
}
bool is_ir(const Component& c) {
  return c.format == Component::Format::IrPipeline || c.format == Component::Format::IrComponent;
}

class UnknownRefsCheck final : public Check {
 public:
  std::string_view id() const override { return "unknown-refs"; }

  void on_task(const Component& owner, const Task& t, Sink& out) override {
    if (is_ir(owner)) return;
    for (const auto& dep : t.after) {
      if (owner.dag->find(dep.value)) continue;
      Diagnostic& d = out.report(DiagId::err_unknown_after, dep.span, {t.name.value, dep.value});
      suggest_task(d, owner, dep.value);
    }
  }

  void on_argument(const Component& owner, const Task& t, const TaskArgument& a, Sink& out) override {
    Connection c = resolve_connection(owner, t, a);
    const ArgumentSource& s = a.source;
    // IR tasks may pass inputs their component does not declare: the
    // compiler adds the `pipelinechannel--*` values that a triggerPolicy
    // condition or a resource field reads.
    if (t.component && !c.consumer_input && !is_ir(owner)) {
      Diagnostic& d = out.report(DiagId::err_unexpected_input, argument_span(a),
                                 {kfp_component_name(*t.component), a.input.value});
      suggest_io(d, t.component->inputs, a.input.value);
    }
    switch (s.kind) {
      case ArgumentSource::Kind::TaskOutput:
      case ArgumentSource::Kind::TaskFinalStatus:
        if (is_ir(owner)) break;
        if (!c.producer) {
          if (is_v1(owner)) break;
          Diagnostic& d = out.report(DiagId::err_unknown_task, or_else(s.task_span, argument_span(a)),
                                     {a.input.value, t.name.value, s.task});
          suggest_task(d, owner, s.task);
        } else if (s.kind == ArgumentSource::Kind::TaskOutput && c.producer->component && !c.producer_output) {
          Diagnostic& d = out.report(DiagId::err_unknown_output, or_else(s.output_span, argument_span(a)),
                                     {s.task, c.producer->component->name.value, s.output});
          suggest_io(d, c.producer->component->outputs, s.output);
        }
        break;
      case ArgumentSource::Kind::PipelineInput:
      case ArgumentSource::Kind::LoopItem:
        if (!c.dag_input && !is_v1(owner) && !is_ir(owner)) {
          Diagnostic& d = out.report(DiagId::err_unknown_dag_input, or_else(s.span, argument_span(a)),
                                     {s.input, owner.name.value});
          suggest_io(d, owner.inputs, s.input);
        }
        break;
      case ArgumentSource::Kind::Constant:
        break;
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_unknown_refs_check() { return std::make_unique<UnknownRefsCheck>(); }

}  // namespace kfp
