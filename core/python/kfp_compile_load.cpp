// A KFP idiom for reusing a component as a compiled file, done at import time:
//
//   with tempfile.TemporaryDirectory() as tmpdir:
//       path = os.path.join(tmpdir, 'upstream.yaml')
//       compiler.Compiler().compile(pipeline_func=my_component, package_path=path)
//       loaded = components.load_component_from_file(path)
//
// The temporary directory gets a fixed name (nothing is written); the compile
// call remembers which component or pipeline went to which path; loading that
// path gives it back, as KFP's round trip through the IR file does (the
// loaded component compiles to the same component and executor).
#include "core/python/kfp_eval.h"

namespace kfp::py {

bool Evaluator::temp_dir_block(const Stmt& s) {
  for (const auto& it : s.items)
    if (it.context->kind != ExprKind::Call || path_of(*it.context->value, nullptr) != "tempfile.TemporaryDirectory" ||
        !it.context->items.empty() || !it.context->keywords.empty() ||
        (it.target && it.target->kind != ExprKind::Name))
      return false;
  for (const auto& it : s.items)
    if (it.target)
      bind(it.target->name,
           Value::constant(Json("/tmp/kfpc-tmpdir-" + std::to_string(++temp_dirs_)), it.target->span));
  for (const auto& b : s.body) module_stmt(*b);
  return true;
}

void Evaluator::compile_to_file(const Expr& call) {
  // <kfp.compiler.Compiler()>.compile(pipeline_func, package_path, ...)
  const Expr& callee = *call.value;
  if (callee.kind != ExprKind::Attribute || callee.name != "compile" || callee.value->kind != ExprKind::Call ||
      path_of(*callee.value->value, nullptr) != "kfp.compiler.Compiler")
    return;
  const Expr *func = call.items.size() > 0 ? call.items[0].get() : nullptr,
             *path = call.items.size() > 1 ? call.items[1].get() : nullptr;
  for (const auto& k : call.keywords) {
    if (k.name == "pipeline_func") func = k.value.get();
    if (k.name == "package_path") path = k.value.get();
  }
  if (!func || !path) return;
  Value f = eval(*func, nullptr, nullptr), p = eval(*path, nullptr, nullptr);
  if (f.k != Value::K::Component || !f.comp || p.k != Value::K::Const || !p.c.is_string()) return;
  std::shared_ptr<CompDef> loaded = f.comp;
  if (loaded->kind == CompDef::Kind::Container && loaded->fn) {
    // Read back from IR, a Python component keeps its container but not its
    // Python annotations: an output typed List[Dict[str, int]] is now just
    // LIST (so a loop over it has String items, as in KFP).
    loaded = std::make_shared<CompDef>(*f.comp);
    loaded->fn = nullptr;
  }
  compiled_files_[p.c.get<std::string>()] = loaded;
}

std::shared_ptr<CompDef> Evaluator::compiled_file(const std::string& path) const {
  auto it = compiled_files_.find(path);
  return it == compiled_files_.end() ? nullptr : it->second;
}

}  // namespace kfp::py
