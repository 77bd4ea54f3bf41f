// kfp_core_lite is linked without core/argo/ (the Argo lint and its schema
// checks; wasm/CMakeLists.txt says what else and why): this
// stands in for argo::lint() there. An Argo file is the one input that needs
// it, and the worker then moves to kfp_core (needsFullCore(), absent.h), so
// the error below is only seen by a caller that uses the lite module alone.
#include "core/argo/lint.h"
#include "wasm/absent.h"

namespace kfp::argo {

size_t lint(const yaml::Tree& tree, std::string_view, Sink& sink, const LintOptions&) {
  wasm::reached_absent_part = true;
  for (const auto& doc : tree.docs) {
    if (!doc.root) continue;
    Span at = doc.root->span;
    at.end = at.begin;
    sink.report(DiagId::err_argo_not_built, at);
    return 1;
  }
  return 0;
}

bool lint_built() { return false; }

}  // namespace kfp::argo
