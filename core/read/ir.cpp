// KFP v2 IR reader: a PipelineSpec YAML (api/v2alpha1/pipeline_spec.proto),
// optionally followed by a `platforms:` document, into the model.
//
// Round-trip contract (for the IR emitter). Every mapping the reader walks
// stands for a proto message; the keys it models go to model fields, every
// other key (known but unmodelled, or unknown — the latter also reported) is
// kept as JSON in the `extra` of the nearest model object, nested under the
// same path as in the file relative to that object:
//   PipelineSpec::extra  the document root: unknown top-level keys,
//                        {"pipelineInfo": {...}} unmodelled keys,
//                        {"deploymentSpec": {"executors": {label: {...}}}} for
//                        executors no component uses and executor keys other
//                        than container/importer/resolver (customJob), and
//                        other deploymentSpec keys.
//   Component::extra     the ComponentSpec: singlePlatformSpecs,
//                        taskConfigPassthroughs, {"inputDefinitions": {...}}
//                        unknown keys.
//   Container::extra     the PipelineContainerSpec: lifecycle, ...
//   Resources::extra     the ResourceSpec: the deprecated doubles cpuLimit,
//                        memoryLimit, cpuRequest, memoryRequest and
//                        {"accelerator": {"type", "count"}} (deprecated).
//                        Modelled: resourceCpuLimit -> cpu_limit,
//                        resourceMemoryLimit -> memory_limit,
//                        resourceCpuRequest -> cpu_request, resourceMemoryRequest
//                        -> memory_request, accelerator.resourceType /
//                        resourceCount -> accelerator_type / accelerator_count.
//   Component::importer / resolver: the whole ImporterSpec / ResolverSpec.
//   IoSpec::extra        the Parameter/ArtifactSpec: literals, properties,
//                        customProperties, metadata, {"artifactType":
//                        {"instanceSchema"...}} (schemaTitle / schemaVersion
//                        are modelled).
//   Dag::extra           the DagSpec; {"outputs": {...}} unknown keys.
//   DagOutput::extra     the DagOutput{Parameter,Artifact}Spec.
//   Task::extra          the PipelineTaskSpec: {"cachingOptions": {"cacheKey"}},
//                        {"inputs": {...}} unknown keys, {"triggerPolicy": {}}
//                        when present but empty, ...
//   TaskArgument::extra  the Input{Parameter,Artifact}Spec: runtimeValue
//                        alternatives (runtimeParameter, constantValue).
//   Platform document    PipelineSpec::platform_spec, the whole document.
// The emitter writes the modelled fields the way protobuf's MessageToDict
// does (proto3 defaults — false, 0, "", empty lists — are omitted; e.g.
// Task::enable_cache == false is `cachingOptions: {}`) and then deep-merges
// `extra` over them, where a JSON null in `extra` means "omit this key".
// Legacy spellings use that null: an old (schemaVersion 2.0.0) parameter
// `type: STRING` is modelled as Type::param and kept as IoSpec::extra
// {"type": "STRING", "parameterType": null}; an old `runtimeValue:
// {constantValue: {intValue: 5}}` is modelled as a Constant and kept as
// TaskArgument::extra {"runtimeValue": {"constantValue": {...}, "constant": null}}.
// Command/args strings: see core/read/ir_placeholders.h (Arg::ir_text).
// Known limit: snake_case field names (accepted by protobuf) are read but
// would be written back in lowerCamel.
#include <map>
#include <vector>

#include "core/read/ir_internal.h"
#include "core/read/readers.h"

namespace kfp {
namespace ir {

std::string component_label(const Component& c) {
  if (c.ir_key.empty()) return "the root component";
  return "component '" + c.ir_key + "'";
}

std::string name_list(const std::vector<std::string>& names, size_t max) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max) out += ", ...";
  return out;
}

namespace {

Span point(const yaml::Node* n) {
  Span s = n ? n->span : Span{};
  s.end = s.begin;
  return s;
}

void read_component_spec(Reader& r, const yaml::Node* node, const std::string& what, Component& c) {
  Msg m(node, what, {"inputDefinitions", "outputDefinitions", "dag", "executorLabel", "singlePlatformSpecs",
                     "taskConfigPassthroughs"},
        r.sink);
  read_io(r, m.take("inputDefinitions"), false, what, c);
  read_io(r, m.take("outputDefinitions"), true, what, c);
  const yaml::Node* dag_key = m.key("dag");
  const yaml::Node* dag = m.map("dag");
  auto label = m.str("executorLabel");
  if (dag_key && label) {
    r.sink.report(DiagId::err_ir_oneof, dag_key->span, {what, "dag", "executorLabel"});
  } else if (!dag_key && !label && m.present()) {
    r.sink.report(DiagId::err_ir_no_implementation, point(node), {c.ir_key.empty() ? "root" : c.ir_key});
  }
  if (dag_key && !label) {
    c.dag = Dag{};
    r.dags.push_back({&c, dag});
  } else if (label) {  // with both, the executor is read (and the dag ignored)
    c.executor_label = label->value;
    auto it = r.executors.find(label->value);
    if (it == r.executors.end()) {
      std::vector<std::string> labels;
      for (const auto& [k, v] : r.executors) labels.push_back(k);
      Diagnostic& d = r.sink.report(DiagId::err_ir_unknown_executor, label->span,
                                    {c.ir_key.empty() ? "root" : c.ir_key, label->value});
      std::string guess = closest(label->value, labels);
      if (!guess.empty()) d.note(DiagId::note_ir_did_you_mean, label->span, {guess});
    } else {
      it->second.used = true;
      read_executor(r, it->second.value, label->value, c);
    }
  }
  m.merge_rest(c.extra);
}

void read_deployment(Reader& r, const yaml::Node* node) {
  Msg m(node, "deploymentSpec", {"executors"}, r.sink);
  for (const auto& [k, v] : map_entries(m.take("executors"), "deploymentSpec.executors", r.sink)) {
    if (!k->is_scalar()) continue;
    r.executors[k->value] = Reader::Executor{k, v, false};
  }
  m.keep_rest(r.spec.extra, "deploymentSpec");
}

void read_platforms(Reader& r, const yaml::Node* doc) {
  // PlatformSpec: {platforms: {kubernetes: {deploymentSpec: ..., pipelineConfig: ...}}}.
  // Its executors are google.protobuf.Struct: kept whole, not checked.
  Msg m(doc, "the platform spec", {"platforms"}, r.sink);
  if (m.present()) r.spec.platform_spec = yaml::to_json(doc);
}


// A component that contains itself (reported by classify_groups) would make
// the shared_ptr links Component -> Dag -> Task -> Component a cycle that is
// never freed. Links that close a cycle are made non-owning (aliasing a null
// owner): they still point at the component, which the spec's map owns.
void disown_cycles(PipelineSpec& spec) {
  enum class Mark { New, Open, Done };
  std::map<const Component*, Mark> mark;
  std::vector<std::pair<Component*, size_t>> stack;
  auto visit = [&](Component* start) {
    if (!start || mark[start] != Mark::New) return;
    mark[start] = Mark::Open;
    stack.emplace_back(start, 0);
    while (!stack.empty()) {
      auto& [c, next] = stack.back();
      if (!c->dag || next >= c->dag->tasks.size()) {
        mark[c] = Mark::Done;
        stack.pop_back();
        continue;
      }
      Task& t = c->dag->tasks[next++];
      Component* child = t.component.get();
      if (!child) continue;
      Mark& m = mark[child];
      if (m == Mark::Open) {
        t.component = std::shared_ptr<Component>(std::shared_ptr<Component>(), child);
      } else if (m == Mark::New) {
        m = Mark::Open;
        stack.emplace_back(child, 0);
      }
    }
  };
  visit(spec.root.get());
  for (auto& [key, c] : spec.components) visit(c.get());
}

}  // namespace
}  // namespace ir

std::shared_ptr<PipelineSpec> read_ir(const yaml::Tree& tree, Sink& sink) {
  using namespace ir;
  if (tree.docs.empty() || !tree.docs[0].root) return nullptr;
  const yaml::Node* doc = tree.docs[0].root;
  auto spec = std::make_shared<PipelineSpec>();
  spec->span = doc->span;
  Reader r(sink, *spec);

  Msg top(doc, "the PipelineSpec",
          {"pipelineInfo", "deploymentSpec", "sdkVersion", "schemaVersion", "components", "root",
           "defaultPipelineRoot"},
          sink);
  if (!top.present()) return spec;  // wrong kind reported

  // pipelineInfo
  const yaml::Node* info_key = top.key("pipelineInfo");
  Msg info(top.take("pipelineInfo"), "pipelineInfo", {"name", "displayName", "description"}, sink);
  if (!info_key) {
    sink.report(DiagId::err_ir_missing_key, point(doc), {"the PipelineSpec", "pipelineInfo"});
  } else {
    const yaml::Node* name_key = info.key("name");
    auto name = info.str("name");
    if (name && !name->value.empty()) {
      spec->name = *name;
    } else if (name_key) {
      sink.report(DiagId::err_ir_empty_value, name_key->span, {"pipelineInfo.name"});
    } else if (info.present() || info_key) {
      sink.report(DiagId::err_ir_missing_key, info.present() ? point(info.node()) : info_key->span,
                  {"pipelineInfo", "name"});
    }
    if (auto d = info.str("displayName")) spec->display_name = d->value;
    if (auto d = info.str("description")) spec->description = d->value;
    info.keep_rest(spec->extra, "pipelineInfo");
  }
  if (auto v = top.str("schemaVersion")) spec->schema_version = v->value;
  if (auto v = top.str("sdkVersion")) spec->sdk_version = v->value;
  if (auto v = top.str("defaultPipelineRoot")) spec->default_pipeline_root = v->value;

  read_deployment(r, top.take("deploymentSpec"));

  // Every component exists before any is read, so DAG tasks can link to them.
  const yaml::Node* comps_key = top.key("components");
  auto comps = map_entries(top.take("components"), "components", sink);
  std::vector<std::pair<std::shared_ptr<Component>, const yaml::Node*>> order;
  for (const auto& [k, v] : comps) {
    if (!k->is_scalar()) {
      sink.report(DiagId::err_ir_wrong_kind, k->span, {"a component name", "a string", describe(*k)});
      continue;
    }
    auto c = std::make_shared<Component>();
    c->ir_key = k->value;
    c->name = Located<std::string>{k->value, k->span};
    c->file = tree.file;
    c->span = join(k->span, v->span);
    c->format = Component::Format::IrComponent;
    spec->components[k->value] = c;
    order.emplace_back(c, v);
  }
  for (auto& [c, v] : order) {
    read_component_spec(r, v, "component '" + c->ir_key + "'", *c);
    if (c->dag) c->format = Component::Format::IrPipeline;
  }

  const yaml::Node* root_key = top.key("root");
  if (const yaml::Node* root = top.take("root"); root_key) {
    auto c = std::make_shared<Component>();
    c->name = Located<std::string>{spec->name.value, root_key->span};
    c->file = tree.file;
    c->span = join(root_key->span, root->span);
    c->format = Component::Format::IrPipeline;
    c->description = spec->description;
    spec->root = c;
    read_component_spec(r, root, "root", *c);
  } else {
    sink.report(DiagId::err_ir_missing_key, point(doc), {"the PipelineSpec", "root"});
  }
  if (!comps_key && (!spec->root || spec->root->dag)) {
    // A DAG needs components; a root that is itself an executor does not.
    sink.report(DiagId::err_ir_missing_key, point(doc), {"the PipelineSpec", "components"});
  }

  for (const auto& d : r.dags) read_dag(r, d.dag, *d.owner);
  classify_groups(r);
  ir::disown_cycles(*spec);

  // Executors no component uses: kept for the round trip, and worth a warning.
  for (const auto& [label, e] : r.executors) {
    if (e.used) continue;
    sink.report(DiagId::warn_ir_unused_executor, e.key->span, {label});
    spec->extra["deploymentSpec"]["executors"][label] = yaml::to_json(e.value);
  }
  top.merge_rest(spec->extra);

  // The optional platform-spec document, then nothing else.
  size_t n = 1;
  for (size_t i = 1; i < tree.docs.size(); ++i) {
    const yaml::Node* d = tree.docs[i].root;
    if (!d || d->is_null()) continue;
    if (++n == 2) {
      read_platforms(r, d);
    } else {
      sink.report(DiagId::err_ir_extra_document, point(d), {std::to_string(n)});
    }
  }
  return spec;
}

}  // namespace kfp
