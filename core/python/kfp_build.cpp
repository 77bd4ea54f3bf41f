// Recorded tasks -> PipelineSpec, as kfp/compiler/pipeline_spec_builder.py
// (create_pipeline_spec, build_spec_by_group, build_task_spec_for_task) names
// and wires them: `comp-<task name>` keys and `exec-<component name>` labels
// made unique with -2, -3 in build order; dependentTasks sorted; caching on
// by default; retry defaults filled in.
#include <algorithm>
#include <set>

#include "core/checks/names.h"
#include "core/emit/names.h"
#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {

struct Builder {
  Recorded& rec;
  PipelineSpec& spec;
  Sink& sink;
  std::set<std::string> comp_keys, exec_labels;

  Task task_of(PTask& p) {
    Task t;
    t.name = Located<std::string>{p.name, p.span};
    t.display_name = p.display_name.empty() ? p.name : p.display_name;
    t.span = p.span;
    auto c = p.comp;
    c->ir_key = unique_name(component_key(p.name), comp_keys);
    comp_keys.insert(c->ir_key);
    if (c->container) {
      // build_container_spec_for_task also writes the deprecated typed
      // accelerator fields (count is an int64, so MessageToDict writes text).
      Resources& r = c->container->resources;
      if (r.accelerator_count) {
        r.extra["accelerator"]["count"] = *r.accelerator_count;
        if (r.accelerator_type) r.extra["accelerator"]["type"] = *r.accelerator_type;
      }
      c->executor_label = unique_name(executor_label(c->name.value), exec_labels);
      exec_labels.insert(c->executor_label);
    }
    spec.components[c->ir_key] = c;
    t.component = c;
    t.ref.name = Located<std::string>{c->ir_key, p.span};
    t.ref.span = p.span;
    t.arguments = p.args;
    t.enable_cache = p.enable_cache;
    if (p.retry) {
      RetryPolicy r = *p.retry;
      if (!r.backoff_duration) r.backoff_duration = "0s";
      if (!r.backoff_factor) r.backoff_factor = 2.0;
      if (!r.backoff_max_duration) r.backoff_max_duration = "3600s";
      t.retry = r;
    }
    if (p.cache_key) t.extra["cachingOptions"]["cacheKey"] = *p.cache_key;
    if (p.ignore_upstream_failure) t.trigger_strategy = "ALL_UPSTREAM_TASKS_COMPLETED";
    // dependentTasks: producers of consumed outputs, plus .after(), sorted.
    std::set<std::string> deps;
    for (const auto& a : p.args)
      if (a.source.kind == ArgumentSource::Kind::TaskOutput) deps.insert(a.source.task);
    std::map<std::string, Span> after_span;
    for (const auto& a : p.after) {
      deps.insert(a.value);
      after_span.emplace(a.value, a.span);
    }
    for (const auto& d : deps) {
      auto it = after_span.find(d);
      t.after.push_back(Located<std::string>{d, it != after_span.end() ? it->second : Span{}});
    }
    return t;
  }
};

}  // namespace

std::shared_ptr<PipelineSpec> build_pipeline_spec(const CompDef& def, Recorded& rec, Sink& sink) {
  auto spec = std::make_shared<PipelineSpec>();
  const Component& iface = *def.v2;
  spec->name = iface.name;
  if (!valid_pipeline_name(spec->name.value)) {
    sink.report(DiagId::err_py_kfp_rejects, spec->name.span,
                {"ValueError: Invalid pipeline name: " + spec->name.value +
                 ".\nPlease specify a pipeline name that matches the regular expression \"^[a-z0-9][a-z0-9-]{0,127}$\" "
                 "using `dsl.pipeline(name=...)` decorator."});
    return nullptr;
  }
  if (def.description) spec->description = *def.description;
  if (def.display_name) spec->display_name = *def.display_name;
  if (def.pipeline_root) spec->default_pipeline_root = *def.pipeline_root;
  spec->sdk_version = "kfp-2.15.2";
  spec->span = iface.span;
  auto root = std::make_shared<Component>(iface);
  root->format = Component::Format::IrPipeline;
  root->description = spec->description;
  root->dag = Dag{};
  spec->root = root;
  Builder b{rec, *spec, sink, {}, {}};
  if (rec.groups.size() > 1) {
    sink.report(DiagId::err_py_unsupported, rec.groups[1].span, {"control-flow groups"});
    return nullptr;
  }
  for (const auto& [is_group, idx] : rec.groups[0].order)
    if (!is_group) root->dag->tasks.push_back(b.task_of(rec.tasks[static_cast<size_t>(idx)]));
  return spec;
}

}  // namespace kfp::py
