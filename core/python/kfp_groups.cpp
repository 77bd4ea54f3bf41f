// Control flow inside a pipeline function: `with dsl.If/Elif/Else/Condition/
// ParallelFor/ExitHandler(...)` and the pipeline's `return`.
#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"

namespace kfp::py {

void Evaluator::with_block(const Stmt& s, std::map<std::string, Value>& locals, Recorded& rec) {
  for (const auto& it : s.items) {
    const Expr& ctx = *it.context;
    const Expr& callee = ctx.kind == ExprKind::Call ? *ctx.value : ctx;
    std::string p = path_of(callee, &locals);
    sink_.report(DiagId::err_py_unsupported, callee.span,
                 {"`with " + (p.empty() ? std::string("...") : path_display(p)) + "(...)` (control-flow groups)"});
  }
  (void)rec;
}

void Evaluator::return_outputs(const Stmt& s, std::map<std::string, Value>& locals, Recorded& rec) {
  (void)locals;
  (void)rec;
  sink_.report(DiagId::err_py_unsupported, s.span, {"returning outputs from a pipeline"});
}

}  // namespace kfp::py
