// Parse, evaluate the module, compile every pipeline (KFP compiles each
// @dsl.pipeline when the module is imported, so an error in any of them is an
// error of the file), then choose what the file is, as `kfp dsl compile`
// does (kfp/cli/compile_.py collect_pipeline_or_component_from_module): the
// one pipeline, else the one component, else --function NAME.
#include "core/python/read_python.h"

#include <optional>

#include "core/python/kfp_component.h"
#include "core/python/kfp_eval.h"
#include "core/python/parser.h"

namespace kfp {

bool python_front_end_built() { return true; }

void read_python(Workspace& ws, FileId id, Sink& sink, const AnalyzeOptions& opts) {
  SourceFile& f = ws.file(id);
  size_t errors_before = sink.error_count();
  py::Module m = py::parse_module(f.text, id, sink);
  bool syntax_ok = sink.error_count() == errors_before;
  py::Evaluator ev(ws, id, sink, opts);
  ev.run_module(m);

  std::vector<std::pair<std::string, std::shared_ptr<py::CompDef>>> pipelines, components;
  for (const auto& [name, def] : ev.definitions()) {
    if (def->kind == py::CompDef::Kind::Pipeline && def->fn) {
      ev.compile_pipeline(*def);
      pipelines.emplace_back(name, def);
    } else {
      // A loaded compiled pipeline counts with the loaded components: the
      // script's own @dsl.pipeline is what it is about.
      components.emplace_back(name, def);
    }
  }
  // What `--function NAME` can pick, listed by analyze_json for the page's picker.
  for (const auto& [name, def] : pipelines) f.functions.push_back({name, true});
  for (const auto& [name, def] : components) f.functions.push_back({name, false});
  Span top{id, Pos{1, 1, 0}, Pos{1, 1, 0}};
  std::shared_ptr<py::CompDef> chosen;
  // The script's own compile call picks the pipeline and may override its
  // name and parameter defaults (Compiler.compile -> modify_pipeline_spec_with_override).
  const py::Expr* main_call = opts.python_function.empty() ? ev.main_compile() : nullptr;
  std::optional<std::string> override_name;
  Json override_params;
  if (main_call) {
    const py::Expr* target = main_call->items.empty() ? nullptr : main_call->items[0].get();
    for (const auto& k : main_call->keywords) {
      if (k.name == "pipeline_func") target = k.value.get();
      if (ev.main_is_run()) continue;  // a run's arguments are not compile options
      bool ok = true;
      if (k.name == "pipeline_name") {
        Json v = py::const_json(*k.value, &ok);
        if (ok && v.is_string()) override_name = v.get<std::string>();
      }
      if (k.name == "pipeline_parameters") {
        Json v = py::const_json(*k.value, &ok);
        if (ok && v.is_object()) override_params = v;
      }
    }
    if (target && target->kind == py::ExprKind::Name)
      for (const auto& [name, def] : ev.definitions())
        if (name == target->name) chosen = def;
  }
  if (chosen) {
    // chosen by the script's compile call
  } else if (!opts.python_function.empty()) {
    for (const auto& [name, def] : ev.definitions())
      if (name == opts.python_function) chosen = def;
    if (!chosen) {
      std::string names;
      for (const auto& [name, def] : ev.definitions()) names += (names.empty() ? "" : ", ") + name;
      sink.report(DiagId::err_py_function_not_found, top, {opts.python_function, names.empty() ? "nothing" : names});
      return;
    }
  } else if (pipelines.size() == 1) {
    chosen = pipelines[0].second;
  } else if (pipelines.empty() && components.size() == 1) {
    chosen = components[0].second;
  } else if (pipelines.size() + components.size() > 1) {
    std::string names;
    for (const auto& [name, def] : pipelines) names += (names.empty() ? "" : ", ") + name;
    if (pipelines.empty())
      for (const auto& [name, def] : components) names += (names.empty() ? "" : ", ") + name;
    sink.report(DiagId::err_py_several_pipelines, top, {names});
    return;
  } else {
    // Only when nothing was reported: a definition we refused is not "missing".
    if (syntax_ok && sink.error_count() == errors_before) sink.report(DiagId::err_py_no_pipeline, top);
    return;
  }
  // A @dsl.component / @dsl.container_component compiles as a one-step
  // pipeline (kfp_component.cpp); the script's overrides apply to it too.
  bool py_component = chosen->kind != py::CompDef::Kind::Pipeline && chosen->fn && chosen->v2;
  if (chosen->kind == py::CompDef::Kind::Pipeline || py_component) {
    auto spec = py_component ? py::component_pipeline_spec(*chosen, sink) : ev.compile_pipeline(*chosen);
    if (spec && (override_name || override_params.is_object())) {
      spec = std::make_shared<PipelineSpec>(*spec);
      spec->root = std::make_shared<Component>(*spec->root);
      if (override_name) spec->name.value = *override_name;
      if (override_params.is_object())
        for (auto it = override_params.begin(); it != override_params.end(); ++it) {
          bool found = false;
          for (auto& in : spec->root->inputs)
            if (in.name.value == it.key() && !in.type.is_artifact) {
              found = true;
              if (!it.value().is_null()) in.default_value = it.value();
            }
          if (!found)
            sink.report(DiagId::err_py_kfp_rejects, main_call->span,
                        {"ValueError: Pipeline parameter " + it.key() + " does not match any known pipeline input."});
        }
    }
    if (spec) py::check_workspace_download(*spec, sink);
    f.pipeline = spec;
    if (!spec && py_component) f.component = chosen->v2;
  } else if (chosen->v1) {
    f.component = chosen->v1;
  } else {
    f.component = chosen->v2;
  }
}

}  // namespace kfp
