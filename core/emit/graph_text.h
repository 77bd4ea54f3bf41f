// What the text renderings of the graph JSON (DOT, Mermaid) share: field
// access, the words a node shows, the node tree by parent, and one rendering
// per pipeline. Each renderer only says how its own syntax spells these.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/emit/graph_json.h"
#include "core/yaml/scalar.h"  // Json

namespace kfp::graph_text {

// j[key] when it is a string, else "".
inline std::string str(const Json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// A node's label lines: "name\ntype" for pipeline inputs/outputs, the display
// name then the component name (when different) for tasks of pipeline `p`.
inline std::string node_text(const Json& p, const Json& n) {
  std::string kind = str(n, "kind");
  std::string type = str(n, "type");
  if (kind == "input" || kind == "output") return str(n, "name") + (type.empty() ? "" : "\n" + type);
  std::string text = str(n, "displayName");
  if (const Json* c = graph_component(p, n)) {
    std::string comp = str(*c, "name");
    if (!comp.empty() && comp != text) text += "\n" + comp;
  }
  return text;
}

// Nodes by parent group id ("" = top level), in graph order.
inline std::map<std::string, std::vector<const Json*>> children_by_parent(const Json& pipeline) {
  std::map<std::string, std::vector<const Json*>> out;
  for (const auto& n : pipeline["nodes"]) {
    const Json& parent = n["parent"];
    out[parent.is_string() ? parent.get<std::string>() : std::string()].push_back(&n);
  }
  return out;
}

// The node tree in graph order, depth first: leaf(node, indent) for a task,
// input or output; open(node, indent), the group's children one level
// deeper, then close(node, indent) for a group. Indent is two spaces a level,
// starting at one level for the top.
struct NodeTreeVisitor {
  std::function<void(const Json&, const std::string&)> leaf, open, close;
};
inline void walk_node_tree(const std::map<std::string, std::vector<const Json*>>& children, const NodeTreeVisitor& v,
                           const std::string& parent = "", int depth = 1) {
  auto it = children.find(parent);
  if (it == children.end()) return;
  std::string ind(static_cast<size_t>(depth) * 2, ' ');
  for (const Json* n : it->second) {
    if (str(*n, "kind") != "group") {
      v.leaf(*n, ind);
      continue;
    }
    v.open(*n, ind);
    walk_node_tree(children, v, str(*n, "id"), depth + 1);
    v.close(*n, ind);
  }
}

// One rendering per pipeline, separated by a blank line.
inline std::string per_pipeline(const Json& graph, const std::function<std::string(const Json&)>& render) {
  std::string out;
  if (!graph.contains("pipelines")) return out;
  for (const auto& p : graph["pipelines"]) {
    if (!out.empty()) out += "\n";
    out += render(p);
  }
  return out;
}

}  // namespace kfp::graph_text
