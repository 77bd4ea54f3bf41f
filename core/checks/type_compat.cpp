// [type-mismatch] Every argument against the input it feeds, with KFP's rules
// (type_rules.h) and KFP's message, at the argument; notes point at the
// producing declaration and at the consuming input.
#include "core/checks/checks.h"
#include "core/checks/connections.h"
#include "core/checks/names.h"
#include "core/checks/type_rules.h"

namespace kfp {
namespace {

// Formats whose constants are text (v1 YAML arguments, Argo parameters), as
// opposed to typed IR / Python values.
bool constants_are_text(const Component& c) {
  return c.format == Component::Format::V1Component || c.format == Component::Format::V1Graph ||
         c.format == Component::Format::Argo;
}

class TypeCompatCheck final : public Check {
 public:
  std::string_view id() const override { return "type-mismatch"; }

  // A DAG output fed by a task output (pipeline_spec_builder.
  // _validate_dag_output_types, checks_input=False).
  void on_dag(const Component& owner, Sink& out) override {
    for (const DagOutput& o : owner.dag->outputs) {
      const IoSpec* spec = owner.output(o.name.value);
      if (!spec) continue;  // the reader reports unknown outputValues
      for (const auto& [task, key] : o.selectors) {
        const Task* producer = owner.dag->find(task);
        if (!producer || !producer->component) continue;
        const IoSpec* given = producer->component->output(key);
        if (!given || channel_compatible(given->type, spec->type)) continue;
        // A single output surfaced as a list is KFP's own collection of a
        // loop's results (dsl.Collected through for-loop and nested groups).
        bool collected = spec->type.is_artifact ? (spec->type.is_list && !given->type.is_list)
                                                : (spec->type.param == ParamType::List && given->type.param != ParamType::List);
        if (collected) continue;
        std::string label = owner.outputs.size() == 1 ? "" : "'" + o.name.value + "' ";
        std::string given_text = kfp_type_text(given->type), expected_text = kfp_type_text(spec->type);
        out.report(DiagId::err_output_type_mismatch, o.name.span.valid() ? o.name.span : o.span,
                   {label, kfp_component_name(owner), given_text, expected_text})
            .note(DiagId::note_producer_output, io_span(*given), {key, task, given_text})
            .note(DiagId::note_pipeline_output, io_span(*spec), {o.name.value, owner.name.value, expected_text});
      }
    }
  }

  void on_argument(const Component& owner, const Task& t, const TaskArgument& a, Sink& out) override {
    if (!t.component) return;  // unresolved.cpp reports these as unchecked
    Connection c = resolve_connection(owner, t, a);
    if (!c.consumer_input) return;  // unknown_refs.cpp
    const Type& expected = c.consumer_input->type;
    const ArgumentSource& s = a.source;
    std::string given;
    Diagnostic note;
    switch (s.kind) {
      case ArgumentSource::Kind::TaskOutput:
        if (!c.producer_output || !s.expression.empty()) return;
        if (channel_compatible(c.producer_output->type, expected)) return;
        given = kfp_type_text(c.producer_output->type);
        note = make_diag(DiagId::note_producer_output, io_span(*c.producer_output),
                         {s.output, s.task, given});
        break;
      case ArgumentSource::Kind::PipelineInput:
        if (!c.dag_input || !s.expression.empty()) return;
        if (channel_compatible(c.dag_input->type, expected)) return;
        given = kfp_type_text(c.dag_input->type);
        note = make_diag(DiagId::note_pipeline_input, io_span(*c.dag_input),
                         {s.input, owner.name.value, given});
        break;
      case ArgumentSource::Kind::LoopItem:
        if (!c.dag_input || !s.expression.empty()) return;
        if (loop_item_compatible(c.dag_input->type, expected)) return;
        given = kfp_type_text(c.dag_input->type);
        note = make_diag(DiagId::note_loop_item, io_span(*c.dag_input), {s.input, given});
        break;
      case ArgumentSource::Kind::Constant:
        if (constant_compatible(s.constant, constants_are_text(owner), expected, &given)) return;
        break;
      case ArgumentSource::Kind::TaskFinalStatus:
        return;
    }
    std::string expected_text = kfp_type_text(expected);
    Diagnostic& d = out.report(DiagId::err_type_mismatch, argument_span(a),
                               {kfp_input_name(*t.component, a.input.value), kfp_component_name(*t.component),
                                given, expected_text});
    if (note.span.valid()) d.notes.push_back(std::move(note));
    d.note(DiagId::note_consumer_input, io_span(*c.consumer_input), {a.input.value, expected_text});
  }
};

}  // namespace

std::unique_ptr<Check> make_type_compat_check() { return std::make_unique<TypeCompatCheck>(); }

}  // namespace kfp
