#include "core/checks/v2_compat.h"

#include <map>

#include "core/checks/checks.h"
#include "core/checks/names.h"

namespace kfp {
namespace {

// KFP v2 keys a v1 component's inputs and outputs by sanitized name; a later
// input with the same sanitized name replaces an earlier one (a dict).
std::map<std::string, const IoSpec*> by_sanitized_name(const std::vector<IoSpec>& ios) {
  std::map<std::string, const IoSpec*> m;
  for (const auto& io : ios) m[sanitize_input_name(io.name.value)] = &io;
  return m;
}

Span io_name_span(const IoSpec& io) { return io.name.span.valid() ? io.name.span : io.span; }

class Scanner {
 public:
  explicit Scanner(const Component& c)
      : inputs_(by_sanitized_name(c.inputs)), outputs_(by_sanitized_name(c.outputs)) {}

  void scan(const std::vector<Arg>& args) {
    for (const Arg& a : args) scan(a);
  }

  std::vector<Diagnostic> take() { return std::move(found_); }

 private:
  void scan(const Arg& a) {
    switch (a.kind) {
      case Arg::Kind::InputValue:
        input(a, /*want_parameter=*/true, "InputValuePlaceholder");
        break;
      case Arg::Kind::InputPath:
        input(a, false, "InputPathPlaceholder");
        break;
      case Arg::Kind::InputUri:
        input(a, false, "InputUriPlaceholder");
        break;
      case Arg::Kind::OutputUri: {
        auto it = outputs_.find(sanitize_input_name(a.text));
        if (it == outputs_.end() || it->second->type.is_artifact) break;
        report(DiagId::warn_v2_output_placeholder, a, *it->second, "OutputUriPlaceholder");
        break;
      }
      case Arg::Kind::IfPresent:
        scan(a.then_items);
        scan(a.else_items);
        break;
      case Arg::Kind::Concat:
      case Arg::Kind::Template:
        scan(a.items);
        break;
      default:
        break;
    }
  }

  void input(const Arg& a, bool want_parameter, const char* placeholder) {
    auto it = inputs_.find(sanitize_input_name(a.text));
    if (it == inputs_.end()) return;  // an unknown input: the v1 reader reports it
    if (it->second->type.is_artifact != want_parameter) return;
    report(DiagId::warn_v2_input_placeholder, a, *it->second, placeholder);
  }

  void report(DiagId id, const Arg& a, const IoSpec& io, const char* placeholder) {
    Diagnostic d = make_diag(id, a.span, {sanitize_input_name(a.text), v2_spec_type(io.type), placeholder});
    std::string v1 = io.type.v1_name();
    if (!io.type.is_artifact)
      d.note(DiagId::note_v2_parameter_io, io_name_span(io), {io.name.value, v1.empty() ? v2_spec_type(io.type) : v1});
    else if (v1.empty())
      d.note(DiagId::note_v2_untyped_io, io_name_span(io), {io.name.value});
    else
      d.note(DiagId::note_v2_artifact_io, io_name_span(io), {io.name.value, v1});
    found_.push_back(std::move(d));
  }

  std::map<std::string, const IoSpec*> inputs_, outputs_;
  std::vector<Diagnostic> found_;
};

class V2CompatCheck final : public Check {
 public:
  std::string_view id() const override { return "v2-compat"; }
  void on_component(const Component& c, Sink& out) override {
    if (c.format != Component::Format::V1Component && c.format != Component::Format::V1Graph) return;
    for (auto& d : v2_incompatibilities(c)) out.add(std::move(d));
  }
};

}  // namespace

std::string v2_spec_type(const Type& t) {
  if (t.is_artifact) return t.display();
  // type_utils.IR_TYPE_TO_IN_MEMORY_SPEC_TYPE
  switch (t.param) {
    case ParamType::String: return "String";
    case ParamType::Integer: return "Integer";
    case ParamType::Double: return "Float";
    case ParamType::Boolean: return "Boolean";
    case ParamType::List: return "List";
    case ParamType::Struct: return "Dict";
    case ParamType::TaskFinalStatus: return "PipelineTaskFinalStatus";
    case ParamType::Unspecified: break;
  }
  return "String";
}

std::vector<Diagnostic> v2_incompatibilities(const Component& c) {
  if (!c.container) return {};
  Scanner s(c);
  s.scan(c.container->command);
  s.scan(c.container->args);
  return s.take();
}

std::unique_ptr<Check> make_v2_compat_check() { return std::make_unique<V2CompatCheck>(); }

}  // namespace kfp
