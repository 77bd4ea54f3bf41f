// Plain Python helper functions called while a pipeline is compiled, run the
// way Python runs them then: arguments bound to parameters (defaults from the
// signature), the body run statement by statement with its own locals, the
// `return` value handed back. This is how pipeline files wrap a component
// (`def random_num_op(low, high): return load_component_from_text(... % (low, high))`)
// or task options (`def add_gpu_toleration(task, ...): task.set_accelerator_type(...)`).
// Depth is bounded, so recursion ends with a diagnostic, not a hang.
#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {
constexpr int kMaxHelperDepth = 16;
}

Value Evaluator::call_helper(const Expr& call, const Value& fn, const std::map<std::string, Value>* locals,
                             Recorded* rec) {
  const Stmt& def = *fn.fn;
  const std::string what = "the helper function '" + def.name + "'";
  if (!rec)
    return Value::opaque("the result of " + what + " called outside a pipeline (this reader runs helpers only while "
                         "a pipeline is compiled)", call.span);
  if (def.is_async || !def.decorators.empty())
    return Value::opaque("the result of " + what + " (decorated or async)", call.span);
  if (helper_depth_ >= kMaxHelperDepth)
    return Value::opaque("RecursionError: helper functions nested more than " + std::to_string(kMaxHelperDepth) +
                         " deep", call.span);

  // Bind arguments as Python does: positional first, then keywords, then defaults.
  std::map<std::string, Value> frame;
  std::vector<const Param*> params;
  for (const auto& p : def.params) {
    if (!p.star.empty()) {
      if (p.name.empty()) continue;  // the bare `*` / `/` markers
      return Value::opaque("the result of " + what + " (it takes *args or **kwargs)", call.span);
    }
    params.push_back(&p);
  }
  if (call.items.size() > params.size()) {
    sink_.report(DiagId::err_py_kfp_rejects, call.items[params.size()]->span,
                 {"TypeError: " + def.name + "() takes " + std::to_string(params.size()) + " positional arguments but " +
                  std::to_string(call.items.size()) + " were given"});
    return Value::opaque("", call.span, true);
  }
  for (size_t i = 0; i < call.items.size(); ++i) frame[params[i]->name] = eval(*call.items[i], locals, rec);
  for (const auto& k : call.keywords) {
    if (k.name.empty()) return Value::opaque("the result of " + what + " called with **mapping", k.span);
    bool known = false;
    for (const Param* p : params) known = known || p->name == k.name;
    if (!known || frame.count(k.name)) {
      sink_.report(DiagId::err_py_kfp_rejects, k.span,
                   {known ? "TypeError: " + def.name + "() got multiple values for argument '" + k.name + "'"
                          : "TypeError: " + def.name + "() got an unexpected keyword argument '" + k.name + "'"});
      return Value::opaque("", call.span, true);
    }
    frame[k.name] = eval(*k.value, locals, rec);
  }
  for (const Param* p : params) {
    if (frame.count(p->name)) continue;
    if (!p->default_value) {
      sink_.report(DiagId::err_py_kfp_rejects, call.span,
                   {"TypeError: " + def.name + "() missing 1 required positional argument: '" + p->name + "'"});
      return Value::opaque("", call.span, true);
    }
    frame[p->name] = eval(*p->default_value, nullptr, nullptr);
  }

  // Run the body; `return` lands in helper_return_ (kfp_pipeline.cpp run_body).
  Value result = Value::constant(Json(nullptr), call.span);
  Value* outer_return = helper_return_;
  bool outer_returned = helper_returned_;
  helper_return_ = &result;
  helper_returned_ = false;
  ++helper_depth_;
  run_body(def.body, frame, *rec);
  --helper_depth_;
  helper_return_ = outer_return;
  helper_returned_ = outer_returned;
  return result;
}

}  // namespace kfp::py
