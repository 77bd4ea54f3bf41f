#include "core/checks/connections.h"

namespace kfp {

Connection resolve_connection(const Component& owner, const Task& t, const TaskArgument& a) {
  Connection c;
  if (t.component) c.consumer_input = t.component->input(a.input.value);
  const ArgumentSource& s = a.source;
  switch (s.kind) {
    case ArgumentSource::Kind::TaskOutput:
    case ArgumentSource::Kind::TaskFinalStatus:
      if (owner.dag) c.producer = owner.dag->find(s.task);
      if (c.producer && c.producer->component && s.kind == ArgumentSource::Kind::TaskOutput)
        c.producer_output = c.producer->component->output(s.output);
      break;
    case ArgumentSource::Kind::PipelineInput:
    case ArgumentSource::Kind::LoopItem:
      c.dag_input = owner.input(s.input);
      break;
    case ArgumentSource::Kind::Constant:
      break;
  }
  return c;
}

Span argument_span(const TaskArgument& a) {
  if (a.input.span.valid()) return a.input.span;
  if (a.span.valid()) return a.span;
  return a.source.span;
}

Span io_span(const IoSpec& io) { return io.name.span.valid() ? io.name.span : io.span; }

}  // namespace kfp
