// {{variable}} resolution as `argo lint` does it (validate.go:
// resolveAllVariables, addOutputsToScope, addItemsToScope): only tags with an
// Argo prefix are checked; everything else ({{$}}, KFP's {{$.inputs...}}, Go
// templates) is someone else's business.
#include "core/argo/lint_ctx.h"

namespace kfp::argo {
namespace {

constexpr std::string_view kPrefixes[] = {"item.", "steps.", "inputs.", "outputs.", "pod.", "workflow.", "tasks."};

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool resolves(const Ctx& c, const Scope& s, const std::string& tag) {
  if (s.exact.count(tag) || c.globals.count(tag)) return true;
  if ((tag == "item" || starts(tag, "item.")) && s.any_item) return true;
  if (starts(tag, "workflow.outputs.parameters.") && c.any_wf_output_param) return true;
  if (starts(tag, "workflow.outputs.artifacts.") && c.any_wf_output_artifact) return true;
  for (std::string_view p : {"outputs.", "workflow.creationTimestamp", "workflow.scheduledTime", "workflow.duration",
                             "tasks.name", "steps.name", "node.name"})
    if (starts(tag, p)) return true;
  if (starts(tag, "workflow.parameters") && c.template_validation) return true;
  for (const auto& o : s.opaque)
    if (starts(tag, o + ".")) return true;
  return false;
}

// A hint for the most common mistakes, appended to the message.
std::string hint(const Scope& s, const std::string& tag) {
  auto part = [&](size_t i) {
    size_t b = 0;
    for (size_t k = 0; k < i; ++k) {
      b = tag.find('.', b);
      if (b == std::string::npos) return std::string();
      ++b;
    }
    size_t e = tag.find('.', b);
    return tag.substr(b, e == std::string::npos ? std::string::npos : e - b);
  };
  if (starts(tag, "tasks.") || starts(tag, "steps.")) {
    std::string kind = tag.substr(0, tag.find('.'));
    std::string name = part(1);
    std::string id = kind + "." + name + ".id";
    if (!s.exact.count(id)) return " (no " + std::string(kind == "tasks" ? "task" : "step") + " named '" + name + "' here)";
    if (starts(tag, kind + "." + name + ".status")) return " (the task must depend on '" + name + "' to read its status)";
    return " ('" + name + "' has no such output)";
  }
  if (starts(tag, "inputs.parameters.")) return " (the template has no input parameter '" + tag.substr(18) + "')";
  if (starts(tag, "inputs.artifacts.")) return " (the template has no such input artifact)";
  if (starts(tag, "workflow.parameters.")) return " (no parameter '" + tag.substr(20) + "' in spec.arguments)";
  if (starts(tag, "item")) return " (no withItems/withParam/withSequence provides it)";
  return "";
}

void scan(Ctx& c, const yaml::Node& n, const Scope& s) {
  const std::string& v = n.value;
  size_t pos = 0;
  while ((pos = v.find("{{", pos)) != std::string::npos) {
    size_t end = v.find("}}", pos + 2);
    if (end == std::string::npos) return;
    std::string tag(trim(std::string_view(v).substr(pos + 2, end - pos - 2)));
    std::string_view raw = std::string_view(v).substr(pos, end + 2 - pos);
    pos = end + 2;
    bool prefixed = false;
    for (std::string_view p : kPrefixes)
      if (starts(tag, p)) prefixed = true;
    if (!prefixed || resolves(c, s, tag)) continue;
    c.report(DiagId::err_argo_unresolved_var, span_in(c, n, raw), {std::string(raw), hint(s, tag)});
  }
}

void add(Scope& s, std::string v) { s.exact.insert(std::move(v)); }

}  // namespace

Span span_in(const Ctx& c, const yaml::Node& n, std::string_view needle) {
  Span sp = n.span;
  if (c.text.empty() || !sp.valid() || sp.end.offset <= sp.begin.offset || sp.end.offset > c.text.size()) return sp;
  std::string_view src = c.text.substr(sp.begin.offset, sp.end.offset - sp.begin.offset);
  size_t at = src.find(needle);
  if (at == std::string_view::npos) return sp;
  Pos p = sp.begin;
  for (size_t i = 0; i < at; ++i) {
    if (src[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  p.offset = sp.begin.offset + static_cast<uint32_t>(at);
  Pos e = p;
  e.col += static_cast<uint32_t>(needle.size());
  e.offset += static_cast<uint32_t>(needle.size());
  return Span{sp.file, p, e};
}

void collect_globals(Ctx& c, const yaml::Node* root, const yaml::Node* spec) {
  for (const char* g : {"workflow.name", "workflow.namespace", "workflow.mainEntrypoint", "workflow.serviceAccountName",
                        "workflow.uid", "workflow.status", "workflow.annotations", "workflow.annotations.json",
                        "workflow.labels", "workflow.labels.json"})
    c.globals.insert(g);
  const yaml::Node* params = at(at(spec, "arguments"), "parameters");
  if (!items(params).empty()) {
    c.globals.insert("workflow.parameters");
    c.globals.insert("workflow.parameters.json");
  }
  for (const yaml::Node* p : items(params))
    if (std::string n = str(p, "name"); !n.empty()) c.globals.insert("workflow.parameters." + n);
  auto keys = [&](const yaml::Node* m, const char* prefix) {
    if (m && m->is_map())
      for (const auto& [k, v] : m->entries)
        if (k->is_scalar()) c.globals.insert(prefix + k->value);
  };
  const yaml::Node* meta = at(root, "metadata");
  const yaml::Node* wfmeta = at(spec, "workflowMetadata");
  keys(at(meta, "annotations"), "workflow.annotations.");
  keys(at(wfmeta, "annotations"), "workflow.annotations.");
  keys(at(meta, "labels"), "workflow.labels.");
  keys(at(wfmeta, "labels"), "workflow.labels.");
  keys(at(wfmeta, "labelsFrom"), "workflow.labels.");
  if (at(spec, "priority")) c.globals.insert("workflow.priority");
  if (at(spec, "onExit")) c.globals.insert("workflow.failures");
  // Outputs exported with globalName become workflow.outputs.* (Argo adds them
  // as it meets them; a lint that does not depend on order adds them all).
  for (const auto& [name, t] : c.templates) {
    const yaml::Node* outs = at(t.node, "outputs");
    for (const char* kind : {"parameters", "artifacts"}) {
      for (const yaml::Node* o : items(at(outs, kind))) {
        std::string g = str(o, "globalName");
        if (g.empty()) continue;
        if (g.find("{{") != std::string::npos) {
          (std::string(kind) == "parameters" ? c.any_wf_output_param : c.any_wf_output_artifact) = true;
        } else {
          c.globals.insert("workflow.outputs." + std::string(kind) + "." + g);
        }
      }
    }
  }
}

Scope template_scope(const Ctx& c, const TemplateInfo& t) {
  Scope s;
  const yaml::Node* in = at(t.node, "inputs");
  const auto params = items(at(in, "parameters"));
  for (const yaml::Node* p : params)
    if (std::string n = str(p, "name"); !n.empty()) add(s, "inputs.parameters." + n);
  if (!params.empty()) add(s, "inputs.parameters");
  for (const yaml::Node* a : items(at(in, "artifacts"))) {
    std::string n = str(a, "name");
    if (n.empty()) continue;
    add(s, "inputs.artifacts." + n);
    if (t.leaf()) add(s, "inputs.artifacts." + n + ".path");
  }
  if (t.pod()) add(s, "pod.name");
  return s;
}

void add_outputs(Scope& s, const std::string& prefix, const TemplateInfo* t, bool aggregate, bool ancestor) {
  for (const char* f : {".id", ".startedAt", ".finishedAt", ".hostNodeName"}) add(s, prefix + f);
  if (ancestor) add(s, prefix + ".status");
  if (!t) return;
  const yaml::Node* outs = at(t->node, "outputs");
  if (t->has_output()) {
    add(s, prefix + ".outputs.result");
    add(s, prefix + ".exitCode");
  }
  if (const yaml::Node* daemon = at(t->node, "daemon"); daemon && daemon->value == "true") add(s, prefix + ".ip");
  for (const yaml::Node* p : items(at(outs, "parameters")))
    if (std::string n = str(p, "name"); !n.empty()) add(s, prefix + ".outputs.parameters." + n);
  for (const yaml::Node* a : items(at(outs, "artifacts")))
    if (std::string n = str(a, "name"); !n.empty()) add(s, prefix + ".outputs.artifacts." + n);
  if (aggregate) {
    add(s, prefix + ".outputs.parameters");
    if (t->type == TemplateType::Script || t->type == TemplateType::ContainerSet) {
      add(s, prefix + ".outputs.result");
      add(s, prefix + ".exitCode");
    }
  }
}

void add_items(Scope& s, const yaml::Node* step) {
  const yaml::Node* with_items = at(step, "withItems");
  if (with_items && with_items->is_seq() && !with_items->items.empty()) {
    for (const yaml::Node* it : with_items->items) {
      if (it->is_map()) {
        for (const auto& [k, v] : it->entries)
          if (k->is_scalar()) add(s, "item." + k->value);
      } else if (it->is_seq()) {
        for (size_t i = 0; i < it->items.size(); ++i) add(s, "item.[" + std::to_string(i) + "]");
      } else {
        add(s, "item");
      }
    }
  } else if (at(step, "withParam")) {
    add(s, "item");
    s.any_item = true;
  } else if (at(step, "withSequence")) {
    add(s, "item");
  }
}

void check_vars(Ctx& c, const yaml::Node* n, const Scope& s) {
  if (!n) return;
  switch (n->kind) {
    case yaml::Kind::Scalar:
      scan(c, *n, s);
      break;
    case yaml::Kind::Sequence:
      for (const yaml::Node* i : n->items) check_vars(c, i, s);
      break;
    case yaml::Kind::Mapping:
      for (const auto& [k, v] : n->entries) {
        check_vars(c, k, s);
        check_vars(c, v, s);
      }
      break;
    case yaml::Kind::Null:
      break;
  }
}

}  // namespace kfp::argo
