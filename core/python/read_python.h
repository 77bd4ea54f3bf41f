// The Python front-end's entry point: a KFP pipeline .py file, read
// statically (never run), into the model. A file whose pipeline compiles
// gets SourceFile::pipeline (the IR-shaped PipelineSpec, named as KFP names
// things); a file that only defines one component gets SourceFile::component.
// `opts.python_function` picks one definition when the file has several.
// Component files referenced by load_component_from_file are looked up among
// the workspace's other files, so Python files are read after the others.
#pragma once
#include "core/api.h"
#include "core/read/workspace.h"

namespace kfp {

void read_python(Workspace& ws, FileId id, Sink& sink, const AnalyzeOptions& opts);

// False only in the wasm build without the front-end (wasm/python_absent.cpp).
bool python_front_end_built();

}  // namespace kfp
