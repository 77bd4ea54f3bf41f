// The first-paint core (kfp_core_lite.wasm) is the same core without the
// Python front-end, which is about a third of the code: a page that opens
// YAML never downloads it. This file stands in for core/python/read_python.cpp
// in that link only (the linker then pulls nothing else from core/python/).
// The worker asks isPythonPath() of each call's files and moves to the full
// core (kfp_core.wasm) when a .py file is open, so the diagnostic below is only
// seen by a caller that uses the lite module on its own.
#include "core/diag/diagnostic.h"
#include "core/python/read_python.h"
#include "wasm/absent.h"

namespace kfp {

void read_python(Workspace&, FileId id, Sink& sink, const AnalyzeOptions&) {
  wasm::reached_absent_part = true;
  sink.report(DiagId::err_py_not_built, Span{id, Pos{1, 1, 0}, Pos{1, 1, 0}});
}

bool python_front_end_built() { return false; }

}  // namespace kfp
