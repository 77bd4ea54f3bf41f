// Graphviz DOT rendering of the graph JSON (docs/graph-json.md): one digraph
// per pipeline, one cluster per group. Built from the JSON so it can never
// disagree with what the page draws.
#include "core/emit/graph_json.h"
#include "core/emit/graph_text.h"

namespace kfp {
namespace {

using graph_text::str;

// A DOT double-quoted string.
std::string q(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

class DotWriter {
 public:
  explicit DotWriter(const Json& p) : p_(p), children_(graph_text::children_by_parent(p)) {}

  std::string write() {
    out_ += "digraph " + q(str(p_, "name")) + " {\n";
    out_ += "  rankdir=TB;\n";
    out_ += "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
    out_ += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
    nodes();
    for (const auto& e : p_["edges"]) edge(e);
    out_ += "}\n";
    return out_;
  }

 private:
  void nodes() {
    graph_text::NodeTreeVisitor v;
    v.leaf = [this](const Json& n, const std::string& ind) {
      std::string kind = str(n, "kind");
      bool io = kind == "input" || kind == "output";
      out_ += ind + q(str(n, "id")) + " [label=" + q(graph_text::node_text(p_, n)) + (io ? ", shape=ellipse" : "") + "];\n";
    };
    v.open = [this](const Json& n, const std::string& ind) {
      std::string id = str(n, "id");
      out_ += ind + "subgraph " + q("cluster_" + id) + " {\n";
      out_ += ind + "  label=" + q(str(n, "displayName") + " (" + str(n, "group") + ")") + ";\n";
      out_ += ind + "  style=dashed;\n";
      // Clusters cannot be edge ends: a point inside stands for the group.
      out_ += ind + "  " + q(id) + " [shape=point, label=\"\"];\n";
    };
    v.close = [this](const Json&, const std::string& ind) { out_ += ind + "}\n"; };
    graph_text::walk_node_tree(children_, v);
  }

  void edge(const Json& e) {
    if (e.value("implied", false)) return;  // a data edge already draws this ordering
    std::string kind = str(e, "kind");
    out_ += "  " + q(e["from"]["node"].get<std::string>()) + " -> " + q(e["to"]["node"].get<std::string>());
    std::vector<std::string> attrs;
    if (kind == "after") {
      attrs.push_back("style=dashed");
    } else {
      attrs.push_back("label=" + q(str(e, "name")));
      if (kind == "status") attrs.push_back("style=dotted");
    }
    if (e.value("mismatch", false)) attrs.push_back("color=red, fontcolor=red");
    if (!attrs.empty()) {
      out_ += " [";
      for (size_t i = 0; i < attrs.size(); ++i) out_ += (i ? ", " : "") + attrs[i];
      out_ += "]";
    }
    out_ += ";\n";
  }

  const Json& p_;
  std::map<std::string, std::vector<const Json*>> children_;
  std::string out_;
};

}  // namespace

std::string graph_dot(const Json& graph) {
  return graph_text::per_pipeline(graph, [](const Json& p) { return DotWriter(p).write(); });
}

}  // namespace kfp
