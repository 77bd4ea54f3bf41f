// KFP v1 component.yaml -> Component. Fields and their kinds follow
// kfp/components/_structures.py (1.8.22): ComponentSpec, InputSpec,
// OutputSpec, ContainerSpec, MetadataSpec. The reader keeps going after a
// problem so that one run reports everything it can.
#include <unordered_map>

#include "core/read/readers.h"
#include "core/read/v1_graph.h"
#include "core/read/v1_placeholders.h"
#include "core/read/v1_util.h"

namespace kfp {
namespace {

using yaml::Node;

Located<std::string> loc(const Node& n) { return {n.value, n.span}; }

Span join(const Span& a, const Span& b) { return Span{a.file, a.begin, b.end.offset >= a.begin.offset ? b.end : a.end}; }

bool is_null_value(const Node& n) {
  return n.is_null() || (n.is_scalar() && yaml::resolve(n).type == yaml::ScalarType::Null);
}

// A mapping of string -> string (metadata.annotations, env, fileOutputs...).
void check_str_map(const Node& m, std::string_view what, Sink& sink) {
  if (!v1::want_map(m, what, sink)) return;
  for (const auto& [k, v] : v1::entries(m)) v1::want_str(*v, std::string(what) + "." + k->value, sink);
}

void read_metadata(const Node& m, Component& c, Sink& sink) {
  if (is_null_value(m) || !v1::want_map(m, "metadata", sink)) return;
  v1::check_keys(m, {"annotations", "labels"}, "metadata", sink);
  for (const char* k : {"annotations", "labels"})
    if (const Node* v = v1::get(m, k); v && !is_null_value(*v)) check_str_map(*v, std::string("metadata.") + k, sink);
  c.metadata = yaml::to_json(&m);
}

// One inputs/outputs item. Returns false when it has no usable name.
bool read_io(const Node& n, bool is_input, IoSpec& io, Sink& sink) {
  const char* list = is_input ? "inputs" : "outputs";
  io.span = n.span;
  if (!v1::want_map(n, std::string(list) + " item", sink)) return false;
  if (is_input)
    v1::check_keys(n, {"name", "type", "description", "default", "optional", "annotations"}, "an input", sink);
  else
    v1::check_keys(n, {"name", "type", "description", "annotations"}, "an output", sink);

  const Node* type = v1::get(n, "type");
  if (type && !is_null_value(*type)) {
    // TypeSpecType = Union[str, Dict, List]
    if (!(v1::is_str(*type) || type->is_map() || type->is_seq()))
      sink.report(DiagId::err_v1_wrong_kind, type->span, {"type", "a string or a mapping", v1::describe(*type)});
    io.type = type_from_v1(yaml::to_json(type));
    io.type_span = type->span;
  } else {
    io.type = type_from_v1(Json());
  }
  if (const Node* d = v1::get(n, "description"); d && !is_null_value(*d) && v1::want_str(*d, "description", sink))
    io.description = d->value;
  if (const Node* a = v1::get(n, "annotations"); a && !is_null_value(*a) && v1::want_map(*a, "annotations", sink))
    io.extra["annotations"] = yaml::to_json(a);
  if (is_input) {
    if (const Node* d = v1::get(n, "default"); d && !is_null_value(*d)) {
      // PrimitiveTypes = Union[str, int, float, bool]
      if (!d->is_scalar())
        sink.report(DiagId::err_v1_wrong_kind, d->span, {"default", "a string, number or boolean", v1::describe(*d)});
      io.default_value = yaml::to_json(d);
      io.default_span = d->span;
    }
    if (const Node* o = v1::get(n, "optional"); o && !is_null_value(*o)) {
      if (o->is_scalar() && yaml::resolve(*o).type == yaml::ScalarType::Bool) io.optional = yaml::resolve(*o).b;
      else sink.report(DiagId::err_v1_wrong_kind, o->span, {"optional", "true or false", v1::describe(*o)});
    }
  }
  const Node* name = v1::get(n, "name");
  if (!name) {
    sink.report(DiagId::err_v1_missing_key, n.span, {is_input ? "an input" : "an output", "name"});
    return false;
  }
  if (!v1::want_str(*name, "name", sink)) return false;
  io.name = loc(*name);
  return true;
}

void read_ios(const Node* list, bool is_input, std::vector<IoSpec>& out, Sink& sink) {
  if (!list || is_null_value(*list)) return;
  if (!v1::want_seq(*list, is_input ? "inputs" : "outputs", sink)) return;
  std::unordered_map<std::string, size_t> seen;  // name -> index in out
  for (const Node* item : list->items) {
    IoSpec io;
    if (!read_io(*item, is_input, io, sink)) continue;
    auto [it, fresh] = seen.emplace(io.name.value, out.size());
    if (!fresh) {
      const IoSpec* first = &out[it->second];
      // KFP: ValueError('Non-unique input name "x"'); keep the first.
      sink.report(is_input ? DiagId::err_v1_duplicate_input : DiagId::err_v1_duplicate_output, io.name.span,
                  {io.name.value})
          .note(DiagId::note_v1_first_defined, first->name.span, {io.name.value});
      continue;
    }
    out.push_back(std::move(io));
  }
}

void read_container(const Node& n, const Node* key, Component& c, Sink& sink) {
  const v1::IoNames names = v1::IoNames::of(c);
  Container ct;
  ct.span = n.span;
  if (!v1::want_map(n, "implementation.container", sink)) {
    c.container = std::move(ct);
    return;
  }
  v1::check_keys(n, {"image", "command", "args", "env", "fileOutputs"}, "implementation.container", sink);
  if (const Node* image = v1::get(n, "image")) {
    if (v1::want_str(*image, "image", sink)) ct.image = loc(*image);
  } else {
    sink.report(DiagId::err_v1_missing_key, key ? key->span : n.span, {"implementation.container", "image"});
  }
  if (const Node* cmd = v1::get(n, "command")) {
    ct.has_command = !is_null_value(*cmd);
    ct.command = read_v1_arg_list(*cmd, "command", names, sink);
  }
  if (const Node* args = v1::get(n, "args")) {
    ct.has_args = !is_null_value(*args);
    ct.args = read_v1_arg_list(*args, "args", names, sink);
  }
  if (const Node* env = v1::get(n, "env"); env && !is_null_value(*env) && v1::want_map(*env, "env", sink)) {
    for (const auto& [k, v] : v1::entries(*env)) {
      // Mapping[str, str]: PyYAML makes `PORT: 8080` an int, which KFP rejects.
      v1::want_str(*v, "env." + k->value, sink);
      EnvVar e;
      e.name = loc(*k);
      e.value = v->is_scalar() ? v->value : "";
      e.span = join(k->span, v->span);
      ct.env.push_back(std::move(e));
    }
  }
  if (const Node* fo = v1::get(n, "fileOutputs"); fo && !is_null_value(*fo) && v1::want_map(*fo, "fileOutputs", sink)) {
    for (const auto& [k, v] : v1::entries(*fo)) {
      if (!names.output(k->value)) sink.report(DiagId::err_v1_file_output_unknown, k->span, {k->value});
      if (v1::want_str(*v, "fileOutputs." + k->value, sink)) ct.file_outputs[k->value] = loc(*v);
    }
  }
  c.container = std::move(ct);
}

void read_implementation(const Node& root, Component& c, FileId file, Sink& sink) {
  const Node* impl = v1::get(root, "implementation");
  if (!impl) {
    sink.report(DiagId::err_v1_no_implementation, Span{root.span.file, root.span.begin, root.span.begin});
    return;
  }
  const Node* impl_key = v1::key_of(root, "implementation");
  if (!v1::want_map(*impl, "implementation", sink)) return;
  v1::check_keys(*impl, {"container", "graph"}, "implementation", sink);
  if (const Node* ct = v1::get(*impl, "container")) {
    read_container(*ct, v1::key_of(*impl, "container"), c, sink);
  } else if (const Node* g = v1::get(*impl, "graph")) {
    c.format = Component::Format::V1Graph;
    c.dag = read_v1_graph(*g, c, file, sink);
    if (!c.dag) c.dag.emplace();
  } else {
    sink.report(DiagId::err_v1_implementation_kind, impl_key ? impl_key->span : impl->span);
  }
}

}  // namespace

std::shared_ptr<Component> read_v1_component(const yaml::Node& root, FileId file, Sink& sink) {
  auto c = std::make_shared<Component>();
  c->format = Component::Format::V1Component;
  c->file = file;
  c->span = root.span;
  if (!v1::want_map(root, "component", sink)) return c;
  v1::check_keys(root, {"name", "description", "metadata", "inputs", "outputs", "implementation", "version"},
                 "the component", sink);
  if (const Node* n = v1::get(root, "name"); n && !is_null_value(*n) && v1::want_str(*n, "name", sink))
    c->name = loc(*n);
  if (const Node* d = v1::get(root, "description"); d && !is_null_value(*d) && v1::want_str(*d, "description", sink))
    c->description = d->value;
  if (const Node* m = v1::get(root, "metadata")) read_metadata(*m, *c, sink);
  if (const Node* v = v1::get(root, "version"); v && v1::want_str(*v, "version", sink))
    c->extra["version"] = v->value;
  // Inputs and outputs first: placeholders and graph wiring refer to them.
  read_ios(v1::get(root, "inputs"), true, c->inputs, sink);
  read_ios(v1::get(root, "outputs"), false, c->outputs, sink);
  read_implementation(root, *c, file, sink);
  return c;
}

}  // namespace kfp
