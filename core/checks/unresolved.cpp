// [unresolved-component] A task whose component could not be resolved (a
// v1 componentRef by name/url/digest not among the open files, an IR
// componentRef to a missing key): nothing about its connections can be type
// checked, so say so, one note per connection in or out, instead of guessing.
// When the reader already warned about the reference (v1 resolve_refs, the IR
// reader), the notes join that diagnostic rather than repeating it.
#include <algorithm>

#include "core/checks/checks.h"
#include "core/checks/connections.h"

namespace kfp {
namespace {

std::string describe_source(const ArgumentSource& s) {
  switch (s.kind) {
    case ArgumentSource::Kind::TaskOutput: return "task '" + s.task + "' output '" + s.output + "'";
    case ArgumentSource::Kind::TaskFinalStatus: return "final status of task '" + s.task + "'";
    case ArgumentSource::Kind::PipelineInput: return "pipeline input '" + s.input + "'";
    case ArgumentSource::Kind::LoopItem: return "loop item '" + s.input + "'";
    case ArgumentSource::Kind::Constant: return "a constant";
  }
  return "";
}

bool within(const Span& inner, const Span& outer) {
  return inner.file == outer.file && inner.begin.offset >= outer.begin.offset &&
         inner.begin.offset <= std::max(outer.end.offset, outer.begin.offset);
}

// The reader's diagnostic about this task's component reference, if any.
Diagnostic* reader_report(const Task& t, Sink& out) {
  if (!t.ref.span.valid()) return nullptr;
  for (auto& d : out.all()) {
    bool about_ref = d.id == DiagId::warn_v1_ref_unresolved || d.id == DiagId::warn_v1_ref_ambiguous ||
                     d.id == DiagId::warn_v1_ref_cycle || d.id == DiagId::err_ir_unknown_component;
    if (about_ref && within(d.span, t.ref.span)) return &d;
  }
  return nullptr;
}

class UnresolvedCheck final : public Check {
 public:
  std::string_view id() const override { return "unresolved-component"; }

  void on_task(const Component& owner, const Task& t, Sink& out) override {
    // An inline spec that failed to read has its own errors from the reader.
    if (t.component || t.ref.inline_spec) return;
    Diagnostic d = make_diag(DiagId::warn_unresolved_component,
                             t.ref.span.valid() ? t.ref.span : t.name.span, {t.name.value, ""});
    size_t n = 0;
    for (const TaskArgument& a : t.arguments) {
      d.note(DiagId::note_unchecked_connection, argument_span(a),
             {"input '" + a.input.value + "' <- " + describe_source(a.source)});
      ++n;
    }
    // Uses of this task's outputs by other tasks.
    for (const Task& other : owner.dag->tasks) {
      for (const TaskArgument& a : other.arguments) {
        if (a.source.kind != ArgumentSource::Kind::TaskOutput || a.source.task != t.name.value) continue;
        d.note(DiagId::note_unchecked_connection, argument_span(a),
               {"task '" + other.name.value + "' input '" + a.input.value + "' <- output '" + a.source.output +
                "'"});
        ++n;
      }
    }
    d.args[1] = std::to_string(n);
    if (Diagnostic* r = reader_report(t, out)) {
      for (auto& note : d.notes) r->notes.push_back(std::move(note));
      return;
    }
    out.add(std::move(d));
  }
};

}  // namespace

std::unique_ptr<Check> make_unresolved_check() { return std::make_unique<UnresolvedCheck>(); }

}  // namespace kfp
