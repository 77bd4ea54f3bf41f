// What kfp_core_lite leaves out of its analysis (the Python front-end, the
// Argo lint) is replaced by stand-ins (python_absent.cpp, argo_absent.cpp)
// that report an error and set this flag; bindings.cpp clears it before each
// analyze (the lite module's one call that reads files), and the worker reads
// it (needsFullCore()) to move to kfp_core and ask again. It stays false in
// kfp_core, which has no stand-ins.
#pragma once

namespace kfp::wasm {
extern bool reached_absent_part;
}
