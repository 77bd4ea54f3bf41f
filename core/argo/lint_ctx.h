// Internal to core/argo: the state the lint passes share. Mirrors the pieces
// of Argo's templateValidationCtx that matter for a static lint.
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/yaml/node.h"

namespace kfp::argo {

// null-safe accessors over located YAML
inline const yaml::Node* at(const yaml::Node* n, std::string_view key) {
  if (!n || !n->is_map()) return nullptr;
  const yaml::Node* v = n->get(key);
  return v && !v->is_null() ? v : nullptr;
}
inline std::string str(const yaml::Node* n) { return n && n->is_scalar() ? n->value : std::string(); }
inline std::string str(const yaml::Node* n, std::string_view key) { return str(at(n, key)); }
inline std::vector<const yaml::Node*> items(const yaml::Node* n) {
  return n && n->is_seq() ? n->items : std::vector<const yaml::Node*>{};
}

enum class TemplateType { None, Container, ContainerSet, Steps, Script, Resource, Dag, Suspend, Data, Http, Plugin };

struct TemplateInfo {
  const yaml::Node* node = nullptr;
  TemplateType type = TemplateType::None;
  bool leaf() const { return type != TemplateType::Steps && type != TemplateType::Dag; }
  bool pod() const {
    return type == TemplateType::Container || type == TemplateType::ContainerSet || type == TemplateType::Script ||
           type == TemplateType::Resource || type == TemplateType::Data;
  }
  bool has_output() const {
    return type == TemplateType::Container || type == TemplateType::ContainerSet || type == TemplateType::Script ||
           type == TemplateType::Data || type == TemplateType::Http || type == TemplateType::Plugin;
  }
};

TemplateType template_type(const yaml::Node* t, int* count = nullptr);

// Variables visible at one place. `exact` holds full tags ("inputs.parameters.x").
struct Scope {
  std::set<std::string> exact;
  bool any_item = false;             // withParam: any {{item.*}}
  std::set<std::string> opaque;      // tasks/steps whose template is external (templateRef)
};

struct Ctx {
  Ctx(Sink& s, std::string_view t) : sink(s), text(t) {}
  Sink& sink;
  std::string_view text;
  std::map<std::string, TemplateInfo> templates;
  std::set<std::string> globals;
  bool any_wf_output_param = false, any_wf_output_artifact = false;
  bool template_validation = false;  // WorkflowTemplate: workflow.parameters.* come from the caller
  size_t errors = 0;

  Diagnostic& report(DiagId id, Span s, std::vector<std::string> args) {
    if (default_severity(id) == Severity::Error) ++errors;
    return sink.report(id, s, std::move(args));
  }
  const TemplateInfo* find(const std::string& name) const {
    auto it = templates.find(name);
    return it == templates.end() ? nullptr : &it->second;
  }
};

// --- names.cpp ---
enum class NameRule { WorkflowField, ParamOrArtifact };
// Why `name` breaks `rule`, or "" when valid.
std::string name_error(std::string_view name, NameRule rule);
// Checks a list of {name: ...} items: present, valid, unique. `what` names the
// list in messages ("input parameter", "task").
void check_names(Ctx& c, const yaml::Node* list, NameRule rule, std::string_view what);

// --- vars.cpp ---
void collect_globals(Ctx& c, const yaml::Node* root, const yaml::Node* spec);
// The scope a template starts with: its inputs, pod.name, and the globals.
Scope template_scope(const Ctx& c, const TemplateInfo& t);
// Adds what task/step `prefix` ("tasks.a") exposes from its template.
void add_outputs(Scope& s, const std::string& prefix, const TemplateInfo* t, bool aggregate, bool ancestor);
void add_items(Scope& s, const yaml::Node* step);
// Reports every {{tag}} under `n` (keys and values) that does not resolve.
void check_vars(Ctx& c, const yaml::Node* n, const Scope& s);
// Where `needle` sits inside scalar `n` in the file text (falls back to n's span).
Span span_in(const Ctx& c, const yaml::Node& n, std::string_view needle);

// --- lint_dag.cpp ---
void lint_dag(Ctx& c, const TemplateInfo& t);
void lint_steps(Ctx& c, const TemplateInfo& t);
// A call site (DAG task, step, entrypoint) passes what the template needs.
void check_supplied(Ctx& c, const TemplateInfo& callee, const std::string& callee_name, const yaml::Node* arguments,
                    Span where, const std::string& caller, bool lint_args);
// Argument lists of a task or step: names, and a value/from for each.
void check_arguments(Ctx& c, const yaml::Node* arguments);

}  // namespace kfp::argo
