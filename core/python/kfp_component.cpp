// @dsl.component (lightweight Python components) and @dsl.container_component.
#include "core/python/kfp_eval.h"

namespace kfp::py {

std::shared_ptr<CompDef> Evaluator::python_component(const Stmt& fn, const Expr* decorator, bool container) {
  sink_.report(DiagId::err_py_unsupported, decorator ? decorator->span : fn.decorators[0]->span,
               {container ? "@dsl.container_component" : "@dsl.component (lightweight Python components)"});
  return nullptr;
}

}  // namespace kfp::py
