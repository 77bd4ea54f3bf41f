#include "core/api.h"

#include "core/argo/lint.h"
#include "core/checks/registry.h"
#include "core/python/read_python.h"
#include "core/read/readers.h"
#include "core/yaml/load.h"

namespace kfp {

bool Analysis::has_errors() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

namespace {

void read_one(SourceFile& f, FileId id, Sink& sink) {
  if (f.kind == FileKind::Python) return;  // read after the other files: see analyze()
  const yaml::Node* root = f.tree.docs.empty() ? nullptr : f.tree.docs.front().root;
  switch (f.kind) {
    case FileKind::V1Component:
    case FileKind::V1Graph:
      if (root) f.component = read_v1_component(*root, id, sink);
      break;
    case FileKind::IrPipeline:
      f.pipeline = read_ir(f.tree, sink);
      break;
    case FileKind::Argo:
      argo::lint(f.tree, f.text, sink);  // schema + `argo lint` checks (core/argo/lint.h)
      break;
    case FileKind::Unknown:
    case FileKind::Python:
      break;
  }
}

}  // namespace

Analysis analyze(const std::vector<InputFile>& files, const AnalyzeOptions& opts) {
  Analysis a;
  Sink sink;
  for (const auto& in : files) {
    FileId id = a.ws.add(in.path, in.text);
    SourceFile& f = a.ws.file(id);
    if (!is_python_path(f.path)) {
      size_t before = sink.all().size();
      f.tree = yaml::load(f.text, id, sink);
      // Duplicate keys still leave a usable tree; any other YAML error does not.
      bool yaml_failed = false;
      for (size_t i = before; i < sink.all().size(); ++i)
        if (sink.all()[i].id != DiagId::err_yaml_duplicate_key) yaml_failed = true;
      if (yaml_failed) continue;
      if (f.tree.docs.empty() || (f.tree.docs.size() == 1 && f.tree.docs[0].root->is_null())) {
        sink.report(DiagId::err_yaml_empty, Span{id, Pos{1, 1, 0}, Pos{1, 1, 0}});
        continue;
      }
    }
    f.kind = detect_kind(f);
    if (f.kind == FileKind::Unknown) {
      const yaml::Node* r = f.tree.docs.front().root;
      sink.report(DiagId::err_unknown_format, r->span,
                  {r->is_map() ? "expected a KFP component (implementation:), an IR pipeline "
                                 "(pipelineInfo:, root:) or an Argo Workflow (kind: Workflow)"
                               : "the top level is " + std::string(r->kind_name()) + ", not a mapping"});
      continue;
    }
    read_one(f, id, sink);
  }
  // Python files last: load_component_from_file resolves against the other files.
  for (size_t i = 0; i < a.ws.size(); ++i)
    if (a.ws.file(static_cast<FileId>(i)).kind == FileKind::Python)
      read_python(a.ws, static_cast<FileId>(i), sink, opts);
  resolve_refs(a.ws, sink);
  if (opts.run_checks) run_checks(a.ws, sink);
  a.diagnostics = std::move(sink.all());
  sort_diagnostics(a.diagnostics);
  return a;
}

}  // namespace kfp
