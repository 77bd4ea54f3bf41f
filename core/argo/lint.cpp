// The lint driver: schema pass, then the workflow-level checks and one pass
// per template (validate.go: ValidateWorkflow, validateTemplate,
// validateInputs, validateOutputs, validateLeaf).
#include "core/argo/lint.h"

#include <cstdlib>
#include <map>

#include "core/argo/lint_ctx.h"
#include "core/argo/schema_validate.h"

namespace kfp::argo {
namespace {

bool is_argo_kind(std::string_view k) {
  return k == "Workflow" || k == "WorkflowTemplate" || k == "ClusterWorkflowTemplate" || k == "CronWorkflow";
}

const char* type_name(TemplateType t) {
  switch (t) {
    case TemplateType::Container: return "container";
    case TemplateType::ContainerSet: return "containerSet";
    case TemplateType::Steps: return "steps";
    case TemplateType::Script: return "script";
    case TemplateType::Resource: return "resource";
    case TemplateType::Dag: return "dag";
    case TemplateType::Suspend: return "suspend";
    case TemplateType::Data: return "data";
    case TemplateType::Http: return "http";
    case TemplateType::Plugin: return "plugin";
    case TemplateType::None: break;
  }
  return "none";
}

constexpr std::pair<const char*, TemplateType> kTypes[] = {
    {"container", TemplateType::Container}, {"containerSet", TemplateType::ContainerSet},
    {"steps", TemplateType::Steps},         {"script", TemplateType::Script},
    {"resource", TemplateType::Resource},   {"dag", TemplateType::Dag},
    {"suspend", TemplateType::Suspend},     {"data", TemplateType::Data},
    {"http", TemplateType::Http},           {"plugin", TemplateType::Plugin},
};

Span name_span(const TemplateInfo& t) {
  const yaml::Node* n = at(t.node, "name");
  return n ? n->span : t.node->span;
}

void lint_inputs(Ctx& c, const TemplateInfo& t, const std::string& name) {
  const yaml::Node* in = at(t.node, "inputs");
  check_names(c, at(in, "parameters"), NameRule::ParamOrArtifact, "input parameter");
  check_names(c, at(in, "artifacts"), NameRule::ParamOrArtifact, "input artifact");
  for (const yaml::Node* a : items(at(in, "artifacts"))) {
    const yaml::Node* an = at(a, "name");
    if (!an) continue;
    const yaml::Node* path = at(a, "path");
    if (t.leaf() && t.type != TemplateType::Suspend && (!path || path->value.empty()))
      c.report(DiagId::err_argo_artifact_path, an->span, {"input", an->value, name, "needs a path"});
    if (!t.leaf() && path)
      c.report(DiagId::err_argo_artifact_path, path->span,
               {"input", an->value, name, "may have a path only in container and script templates"});
    if (const yaml::Node* from = at(a, "from"))
      c.report(DiagId::err_argo_input_from, from->span, {an->value, name});
  }
}

void lint_outputs(Ctx& c, const TemplateInfo& t, const std::string& name) {
  const yaml::Node* out = at(t.node, "outputs");
  check_names(c, at(out, "parameters"), NameRule::ParamOrArtifact, "output parameter");
  check_names(c, at(out, "artifacts"), NameRule::ParamOrArtifact, "output artifact");
  for (const yaml::Node* a : items(at(out, "artifacts"))) {
    const yaml::Node* an = at(a, "name");
    if (!an) continue;
    const yaml::Node* path = at(a, "path");
    if (t.leaf() && t.type != TemplateType::Suspend && (!path || path->value.empty()))
      c.report(DiagId::err_argo_artifact_path, an->span, {"output", an->value, name, "needs a path"});
    if (!t.leaf() && path)
      c.report(DiagId::err_argo_artifact_path, path->span,
               {"output", an->value, name, "may have a path only in container and script templates"});
  }
  for (const yaml::Node* p : items(at(out, "parameters"))) {
    const yaml::Node* pn = at(p, "name");
    if (!pn) continue;
    const yaml::Node* vf = at(p, "valueFrom");
    bool has_value = at(p, "value") != nullptr;
    auto bad = [&](std::string why) { c.report(DiagId::err_argo_output_param, pn->span, {pn->value, name, why}); };
    if (vf && has_value) {
      bad("has both value and valueFrom; choose one");
      continue;
    }
    if (has_value) continue;
    if (!vf) {
      bad("needs valueFrom or value");
      continue;
    }
    int kinds = 0;
    for (const char* k : {"path", "jqFilter", "jsonPath", "parameter", "expression", "supplied"})
      if (at(vf, k) && !(at(vf, k)->is_scalar() && at(vf, k)->value.empty() && std::string(k) != "supplied")) ++kinds;
    if (kinds == 0) {
      bad("has a valueFrom with none of: path, jqFilter, jsonPath, parameter, expression, supplied");
      continue;
    }
    if (kinds > 1) {
      bad("has a valueFrom with more than one of: path, jqFilter, jsonPath, parameter, expression, supplied");
      continue;
    }
    switch (t.type) {
      case TemplateType::Container:
      case TemplateType::ContainerSet:
      case TemplateType::Script:
        if (!at(vf, "path")) bad("needs valueFrom.path in a " + std::string(type_name(t.type)) + " template");
        break;
      case TemplateType::Resource:
        if (!at(vf, "jqFilter") && !at(vf, "jsonPath")) bad("needs valueFrom.jqFilter or jsonPath in a resource template");
        break;
      case TemplateType::Dag:
      case TemplateType::Steps:
        if (!at(vf, "parameter") && !at(vf, "expression"))
          bad("needs valueFrom.parameter or expression in a " + std::string(type_name(t.type)) + " template");
        break;
      default:
        break;
    }
  }
}

void lint_fields(Ctx& c, const TemplateInfo& t, const std::string& name) {
  if (const yaml::Node* p = at(t.node, "parallelism"); p && t.leaf())
    c.report(DiagId::err_argo_leaf_only, p->span, {"parallelism", "steps and dag"});
  if (const yaml::Node* d = at(t.node, "activeDeadlineSeconds")) {
    if (!t.leaf()) {
      c.report(DiagId::err_argo_leaf_only, d->span, {"activeDeadlineSeconds", "leaf (container, script, resource)"});
    } else if (d->is_scalar() && d->value.find("{{") == std::string::npos) {
      char* end = nullptr;
      long v = std::strtol(d->value.c_str(), &end, 10);
      if (d->value.empty() || *end != '\0' || v < 0) c.report(DiagId::err_argo_deadline, d->span, {name});
    }
  }
  if (const yaml::Node* rp = at(at(t.node, "retryStrategy"), "retryPolicy")) {
    const std::string& v = rp->value;
    if (v != "Always" && v != "OnFailure" && v != "OnError" && v != "OnTransientError" && !v.empty() &&
        v.find("{{") == std::string::npos)
      c.report(DiagId::err_argo_retry_policy, rp->span, {v});
  }
  for (const char* kind : {"container", "script"}) {
    const yaml::Node* ct = at(t.node, kind);
    const yaml::Node* image = at(ct, "image");
    if (image && image->is_scalar() && image->value.empty())
      c.report(DiagId::err_argo_empty_image, image->span, {kind, name});
  }
  if (const yaml::Node* action = at(at(t.node, "resource"), "action")) {
    const std::string& a = action->value;
    if (a != "get" && a != "create" && a != "apply" && a != "delete" && a != "replace" && a != "patch" &&
        a.find("{{") == std::string::npos)
      c.report(DiagId::err_argo_resource_action, action->span, {name});
  }
  // Volume mounts and input artifact paths must not collide.
  if (const yaml::Node* ct = at(t.node, "container")) {
    std::map<std::string, std::string> mounted;
    for (const yaml::Node* m : items(at(ct, "volumeMounts"))) {
      const yaml::Node* mp = at(m, "mountPath");
      if (!mp) continue;
      auto [it, fresh] = mounted.emplace(mp->value, "volume mount '" + str(m, "name") + "'");
      if (!fresh) c.report(DiagId::err_argo_mount_collision, mp->span, {mp->value, name, it->second});
    }
    for (const yaml::Node* a : items(at(at(t.node, "inputs"), "artifacts"))) {
      const yaml::Node* ap = at(a, "path");
      if (!ap) continue;
      auto [it, fresh] = mounted.emplace(ap->value, "input artifact '" + str(a, "name") + "'");
      if (!fresh) c.report(DiagId::err_argo_mount_collision, ap->span, {ap->value, name, it->second});
    }
  }
}

void lint_template(Ctx& c, const TemplateInfo& t) {
  std::string name = str(t.node, "name");
  int count = 0;
  template_type(t.node, &count);
  if (count != 1) {
    std::string found;
    for (const auto& [k, ty] : kTypes)
      if (at(t.node, k)) found += std::string(found.empty() ? "" : " and ") + k;
    c.report(DiagId::err_argo_template_type, name_span(t),
             {name, count == 0 ? "has no type" : "has more than one type (" + found + ")"});
  }
  lint_inputs(c, t, name);
  lint_outputs(c, t, name);
  lint_fields(c, t, name);
  switch (t.type) {
    case TemplateType::Dag:
      lint_dag(c, t);
      break;
    case TemplateType::Steps:
      lint_steps(c, t);
      break;
    default:
      // A leaf: the whole template must resolve in its own scope.
      check_vars(c, t.node, template_scope(c, t));
      break;
  }
}

}  // namespace

TemplateType template_type(const yaml::Node* t, int* count) {
  TemplateType found = TemplateType::None;
  int n = 0;
  for (const auto& [k, ty] : kTypes) {
    if (at(t, k)) {
      if (n == 0) found = ty;
      ++n;
    }
  }
  if (count) *count = n;
  return found;
}

size_t lint_document(const yaml::Node& root, std::string_view text, Sink& sink, const LintOptions& opts) {
  std::string kind = str(&root, "kind");
  if (!is_argo_kind(kind)) return 0;
  Ctx c{sink, text};
  if (opts.check_schema && (opts.schema || have_builtin_schema()))
    c.errors += validate_schema(root, kind, opts.schema ? *opts.schema : builtin_schema(), sink);

  const yaml::Node* spec = kind == "CronWorkflow" ? at(at(&root, "spec"), "workflowSpec") : at(&root, "spec");
  if (!spec || !spec->is_map()) return c.errors;  // the schema pass says what is missing
  c.template_validation = kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate";

  const yaml::Node* tlist = at(spec, "templates");
  check_names(c, tlist, NameRule::WorkflowField, "template");
  std::vector<const TemplateInfo*> order;
  for (const yaml::Node* t : items(tlist)) {
    std::string n = str(t, "name");
    if (n.empty() || !t->is_map()) continue;
    auto [it, fresh] = c.templates.emplace(n, TemplateInfo{t, template_type(t)});
    if (fresh) order.push_back(&it->second);
  }
  collect_globals(c, &root, spec);

  const yaml::Node* args = at(spec, "arguments");
  check_names(c, at(args, "parameters"), NameRule::ParamOrArtifact, "argument parameter");
  check_names(c, at(args, "artifacts"), NameRule::ParamOrArtifact, "argument artifact");

  // With a workflowTemplateRef the templates live elsewhere.
  if (!at(spec, "workflowTemplateRef")) {
    const yaml::Node* ep = at(spec, "entrypoint");
    if (!ep || ep->value.empty()) {
      if (!c.template_validation) {
        const yaml::Node* key = root.key_node(kind == "CronWorkflow" ? "spec" : "spec");
        c.report(DiagId::err_argo_no_entrypoint, key ? key->span : spec->span, {});
      }
    } else if (const TemplateInfo* t = c.find(ep->value)) {
      check_supplied(c, *t, ep->value, args, ep->span, " by spec.arguments", true);
    } else {
      c.report(DiagId::err_argo_unknown_template, ep->span, {ep->value, " (spec.entrypoint)"});
    }
    if (const yaml::Node* ex = at(spec, "onExit")) {
      if (const TemplateInfo* t = c.find(ex->value))
        check_supplied(c, *t, ex->value, args, ex->span, " by spec.arguments", true);
      else
        c.report(DiagId::err_argo_unknown_template, ex->span, {ex->value, " (spec.onExit)"});
    }
  }
  if (const yaml::Node* st = at(at(spec, "podGC"), "strategy")) {
    const std::string& v = st->value;
    if (v != "OnPodCompletion" && v != "OnPodSuccess" && v != "OnWorkflowCompletion" && v != "OnWorkflowSuccess" &&
        !v.empty())
      c.report(DiagId::err_argo_podgc_strategy, st->span, {v});
  }
  for (const TemplateInfo* t : order) lint_template(c, *t);
  return c.errors;
}

bool lint_built() { return true; }

size_t lint(const yaml::Tree& tree, std::string_view text, Sink& sink, const LintOptions& opts) {
  size_t errors = 0;
  for (const auto& doc : tree.docs)
    if (doc.root && doc.root->is_map()) errors += lint_document(*doc.root, text, sink, opts);
  return errors;
}

}  // namespace kfp::argo
