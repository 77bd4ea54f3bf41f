// Parse, evaluate the module, compile every pipeline (KFP compiles each
// @dsl.pipeline when the module is imported, so an error in any of them is an
// error of the file), then choose what the file is, as `kfp dsl compile`
// does (kfp/cli/compile_.py collect_pipeline_or_component_from_module): the
// one pipeline, else the one component, else --function NAME.
#include "core/python/read_python.h"

#include "core/python/kfp_eval.h"
#include "core/python/parser.h"

namespace kfp {

void read_python(Workspace& ws, FileId id, Sink& sink, const AnalyzeOptions& opts) {
  SourceFile& f = ws.file(id);
  size_t errors_before = sink.error_count();
  py::Module m = py::parse_module(f.text, id, sink);
  bool syntax_ok = sink.error_count() == errors_before;
  py::Evaluator ev(ws, id, sink, opts);
  ev.run_module(m);

  std::vector<std::pair<std::string, std::shared_ptr<py::CompDef>>> pipelines, components;
  for (const auto& [name, def] : ev.definitions()) {
    if (def->kind == py::CompDef::Kind::Pipeline) {
      ev.compile_pipeline(*def);
      pipelines.emplace_back(name, def);
    } else {
      components.emplace_back(name, def);
    }
  }
  Span top{id, Pos{1, 1, 0}, Pos{1, 1, 0}};
  std::shared_ptr<py::CompDef> chosen;
  if (!opts.python_function.empty()) {
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
    if (syntax_ok) sink.report(DiagId::err_py_no_pipeline, top);
    return;
  }
  if (chosen->kind == py::CompDef::Kind::Pipeline) {
    f.pipeline = ev.compile_pipeline(*chosen);
  } else if (chosen->v1) {
    f.component = chosen->v1;
  } else {
    f.component = chosen->v2;
  }
}

}  // namespace kfp
