// Python type annotations -> KFP types (kfp/dsl/types/type_annotations.py,
// type_utils.py): int/float/str/bool/list/dict and their typing generics are
// parameters; Input[X]/Output[X] and the artifact classes are artifacts;
// InputPath/OutputPath take a v1-style type name or a class; Optional[X] is X.
#include "core/emit/lower_v1.h"
#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"

namespace kfp::py {
namespace {

Type param_type(ParamType p) {
  Type t;
  t.is_artifact = false;
  t.param = p;
  return t;
}

Type artifact_type(const std::string& title) {
  Type t;
  t.is_artifact = true;
  t.schema_title = title;
  t.schema_version = "0.0.1";
  return t;
}

// A class or type name, by its KFP path.
bool simple_type(const std::string& path, Type* t) {
  if (path == "builtins.int") return *t = param_type(ParamType::Integer), true;
  if (path == "builtins.float") return *t = param_type(ParamType::Double), true;
  if (path == "builtins.str") return *t = param_type(ParamType::String), true;
  if (path == "builtins.bool") return *t = param_type(ParamType::Boolean), true;
  if (path == "builtins.list" || path == "typing.List") return *t = param_type(ParamType::List), true;
  if (path == "builtins.dict" || path == "typing.Dict") return *t = param_type(ParamType::Struct), true;
  if (path == "kfp.dsl.PipelineTaskFinalStatus") return *t = param_type(ParamType::TaskFinalStatus), true;
  if (path.rfind("kfp.dsl.", 0) == 0) {
    std::string title = artifact_schema_title(path.substr(8));
    if (!title.empty()) return *t = artifact_type(title), true;
  }
  if (path.rfind("google_cloud_pipeline_components.types.artifact_types.", 0) == 0) {
    *t = artifact_type("google." + path.substr(path.rfind('.') + 1));
    return true;
  }
  return false;
}

}  // namespace

bool Evaluator::class_type(const std::string& path, Type* t) {
  auto it = local_artifacts_.find(path);
  if (it != local_artifacts_.end()) return *t = it->second, true;
  return simple_type(path, t);
}

// `class VertexDataset(dsl.Artifact): schema_title = 'google.VertexDataset'`:
// an artifact class of the user's, usable wherever KFP's are (annotations,
// importer artifact_class). schema_title/schema_version default to the base's.
bool Evaluator::artifact_class_def(const Stmt& cls) {
  if (cls.bases.size() != 1) return false;
  Type base;
  if (!class_type(path_of(*cls.bases[0], nullptr), &base) || !base.is_artifact) return false;
  for (const auto& st : cls.body) {
    if ((st->kind != StmtKind::Assign && st->kind != StmtKind::AnnAssign) || !st->value || st->targets.size() != 1 ||
        st->targets[0]->kind != ExprKind::Name)
      continue;
    const std::string& field = st->targets[0]->name;
    if (field != "schema_title" && field != "schema_version") continue;
    if (st->value->kind != ExprKind::Const || st->value->ck != ConstKind::Str) return false;
    (field == "schema_title" ? base.schema_title : base.schema_version) = st->value->s;
  }
  std::string path = "<file>." + cls.name;
  local_artifacts_[path] = base;
  bind(cls.name, Value::module(path, cls.name_span));
  return true;
}

bool Evaluator::annotation_type(const Expr& ann, const std::string& param, Type* out, bool* is_output,
                                bool* is_list_art) {
  auto bad = [&]() {
    const SourceFile& f = ws_.file(file_);
    std::string text = f.text.substr(ann.span.begin.offset, ann.span.end.offset - ann.span.begin.offset);
    sink_.report(DiagId::err_py_bad_annotation, ann.span, {text, param});
    return false;
  };
  *is_output = false;
  *is_list_art = false;
  const Expr* a = &ann;
  // A string annotation: a forward reference, or a v1 type name.
  if (a->kind == ExprKind::Const && a->ck == ConstKind::Str) {
    *out = v2_type_from_v1(Json(a->s), true);
    return true;
  }
  if (a->kind == ExprKind::Name || a->kind == ExprKind::Attribute) {
    std::string p = path_of(*a, nullptr);
    if (class_type(p, out)) return true;
    if (p.empty() && a->kind == ExprKind::Name) {
      Value v = lookup(a->name, a->span, nullptr);
      if (v.k == Value::K::Opaque && v.reported) return false;
    }
    return bad();
  }
  if (a->kind == ExprKind::Call) {
    std::string p = path_of(*a->value, nullptr);
    if (p == "kfp.dsl.InputPath" || p == "kfp.dsl.OutputPath") {
      *is_output = p == "kfp.dsl.OutputPath";
      if (a->items.empty() && a->keywords.empty()) return *out = artifact_type("system.Artifact"), true;
      const Expr& x = a->items.empty() ? *a->keywords[0].value : *a->items[0];
      if (x.kind == ExprKind::Const && x.ck == ConstKind::Str) {
        *out = v2_type_from_v1(Json(x.s), !*is_output);
        return true;
      }
      if (class_type(path_of(x, nullptr), out)) return true;
      // OutputPath(Dict[str, int]) / InputPath(List[str]): the generic's origin.
      if (x.kind == ExprKind::Subscript) {
        std::string g = path_of(*x.value, nullptr);
        if (g == "typing.List" || g == "builtins.list") return *out = param_type(ParamType::List), true;
        if (g == "typing.Dict" || g == "builtins.dict") return *out = param_type(ParamType::Struct), true;
      }
    }
    return bad();
  }
  if (a->kind == ExprKind::Subscript) {
    std::string p = path_of(*a->value, nullptr);
    const Expr& inner = *a->index;
    if (p == "typing.Optional") return annotation_type(inner, param, out, is_output, is_list_art);
    if (p == "typing.Union") {
      // Optional[X] spelled Union[X, None].
      if (inner.kind == ExprKind::Tuple && inner.items.size() == 2 && inner.items[1]->kind == ExprKind::Const &&
          inner.items[1]->ck == ConstKind::None)
        return annotation_type(*inner.items[0], param, out, is_output, is_list_art);
      return bad();
    }
    if (p == "kfp.dsl.Input" || p == "kfp.dsl.Output") {
      bool inner_out = false;
      if (!annotation_type(inner, param, out, &inner_out, is_list_art)) return false;
      *is_output = p == "kfp.dsl.Output";
      if (!out->is_artifact) return bad();
      return true;
    }
    if (p == "typing.List" || p == "builtins.list") {
      // List[Artifact] is a list of artifacts; List[int] a LIST parameter.
      Type it;
      if ((inner.kind == ExprKind::Name || inner.kind == ExprKind::Attribute) &&
          class_type(path_of(inner, nullptr), &it) && it.is_artifact) {
        *out = it;
        *is_list_art = true;
        return true;
      }
      *out = param_type(ParamType::List);
      return true;
    }
    if (p == "typing.Dict" || p == "builtins.dict") return *out = param_type(ParamType::Struct), true;
    return bad();
  }
  return bad();
}

// A signature default (components and pipelines alike): a constant KFP can
// store, None only for artifacts. False when it is not (reported at the
// default); *out is the constant, null for None.
bool Evaluator::signature_default(const Expr& dflt, const std::string& param, bool is_artifact, Json* out) {
  Value dv = eval(dflt, nullptr, nullptr);
  if (report_opaque(dv, dflt.span, "the default of '" + param + "'")) return false;
  if (dv.k != Value::K::Const) {
    sink_.report(DiagId::err_py_bad_value, dflt.span, {"the default of '" + param + "' is not a constant KFP can store"});
    return false;
  }
  if (is_artifact && !dv.c.is_null()) {
    sink_.report(DiagId::err_py_kfp_rejects, dflt.span,
                 {"ValueError: Optional Input artifacts may only have default value None. Got: " + python_repr(dv.c) + "."});
    return false;
  }
  *out = std::move(dv.c);
  return true;
}

}  // namespace kfp::py
