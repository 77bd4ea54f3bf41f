#include "core/read/workspace.h"

namespace kfp {

std::string_view file_kind_name(FileKind k) {
  switch (k) {
    case FileKind::Unknown: return "unknown";
    case FileKind::V1Component: return "v1-component";
    case FileKind::V1Graph: return "v1-graph";
    case FileKind::IrPipeline: return "ir";
    case FileKind::Argo: return "argo";
    case FileKind::Python: return "python";
  }
  return "unknown";
}

std::string_view SourceFile::line(uint32_t n) const {
  if (n == 0 || n > line_starts.size()) return {};
  size_t b = line_starts[n - 1];
  size_t e = n < line_starts.size() ? line_starts[n] : text.size();
  std::string_view v(text);
  v = v.substr(b, e - b);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

FileId Workspace::add(std::string path, std::string text) {
  auto f = std::make_unique<SourceFile>();
  f->path = std::move(path);
  f->text = std::move(text);
  f->line_starts.push_back(0);
  for (size_t i = 0; i < f->text.size(); ++i)
    if (f->text[i] == '\n') f->line_starts.push_back(static_cast<uint32_t>(i + 1));
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace kfp
