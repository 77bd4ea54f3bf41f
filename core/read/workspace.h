// The files a user has open, each parsed once into located YAML and read into
// the model. Component refs resolve across these files (see resolve_refs).
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/yaml/node.h"

namespace kfp {

enum class FileKind {
  Unknown,
  V1Component,  // implementation.container
  V1Graph,      // implementation.graph
  IrPipeline,   // PipelineSpec (root + components + deploymentSpec)
  Argo,         // argoproj.io Workflow
  Python,       // a KFP pipeline .py file
};
std::string_view file_kind_name(FileKind k);

struct SourceFile {
  std::string path;
  std::string text;
  yaml::Tree tree;
  FileKind kind = FileKind::Unknown;
  std::shared_ptr<Component> component;    // V1Component, V1Graph (and Python components)
  std::shared_ptr<PipelineSpec> pipeline;  // IrPipeline (and Python pipelines)
  std::vector<uint32_t> line_starts;       // byte offset of each line, for rendering
  std::vector<std::pair<std::string, bool>> functions;  // Python: definitions (name, is a pipeline)

  std::string_view line(uint32_t one_based) const;
};

struct InputFile {
  std::string path;
  std::string text;
};

class Workspace {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(static_cast<size_t>(id)); }
  SourceFile& file(FileId id) { return *files_.at(static_cast<size_t>(id)); }
  size_t size() const { return files_.size(); }
  const std::vector<std::unique_ptr<SourceFile>>& files() const { return files_; }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace kfp
