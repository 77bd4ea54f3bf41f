// Argo's name rules (validate.go: isValidWorkflowFieldName,
// isValidParamOrArtifactName, validateWorkflowFieldNames).
#include <map>

#include "core/argo/lint_ctx.h"

namespace kfp::argo {
namespace {

bool alnum(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'); }

}  // namespace

std::string name_error(std::string_view name, NameRule rule) {
  if (rule == NameRule::ParamOrArtifact) {
    // ^[-a-zA-Z0-9_]+$
    for (char ch : name)
      if (!alnum(ch) && ch != '-' && ch != '_')
        return "parameter and artifact names must consist of alpha-numeric characters, '_' or '-'";
    return name.empty() ? "empty name" : "";
  }
  // ^[a-zA-Z0-9][-a-zA-Z0-9]*$, at most 128 characters
  if (name.size() > 128) return "must be no more than 128 characters";
  bool ok = !name.empty() && alnum(name[0]);
  for (char ch : name)
    if (!alnum(ch) && ch != '-') ok = false;
  if (!ok) return "name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character";
  return "";
}

void check_names(Ctx& c, const yaml::Node* list, NameRule rule, std::string_view what) {
  std::map<std::string, const yaml::Node*> seen;
  for (const yaml::Node* item : items(list)) {
    if (!item->is_map()) continue;  // the schema pass reports the shape
    const yaml::Node* name = at(item, "name");
    if (!name || !name->is_scalar() || name->value.empty()) {
      c.report(DiagId::err_argo_missing_name, item->span, {std::string(what)});
      continue;
    }
    if (std::string why = name_error(name->value, rule); !why.empty()) {
      c.report(DiagId::err_argo_invalid_name, name->span, {std::string(what), name->value, why});
      continue;
    }
    auto [it, fresh] = seen.emplace(name->value, name);
    if (!fresh)
      c.report(DiagId::err_argo_duplicate_name, name->span, {std::string(what), name->value})
          .note(DiagId::note_argo_first_defined, it->second->span, {name->value});
  }
}

}  // namespace kfp::argo
