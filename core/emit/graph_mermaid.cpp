// Mermaid flowchart rendering of the graph JSON (docs/graph-json.md): one
// `flowchart TD` per pipeline, one subgraph per group. Node ids are short
// (n0, n1, ...) because Mermaid ids cannot hold '/' or ':'.
#include "core/emit/graph_json.h"
#include "core/emit/graph_text.h"

namespace kfp {
namespace {

using graph_text::str;

// Text inside a quoted Mermaid label: quotes and markup characters as entities.
std::string label(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '|': out += "#124;"; break;
      case '\n': out += "<br/>"; break;
      default: out += c;
    }
  }
  return out;
}

class MermaidWriter {
 public:
  explicit MermaidWriter(const Json& p) : p_(p), children_(graph_text::children_by_parent(p)) {
    for (const auto& n : p["nodes"]) short_[str(n, "id")] = "n" + std::to_string(short_.size());
  }

  std::string write() {
    out_ += "flowchart TD\n";
    nodes();
    size_t index = 0;
    std::vector<size_t> red;
    for (const auto& e : p_["edges"]) {
      auto from = short_.find(e["from"]["node"].get<std::string>());
      auto to = short_.find(e["to"]["node"].get<std::string>());
      if (from == short_.end() || to == short_.end()) continue;
      if (e.value("implied", false)) continue;  // a data edge already draws this ordering
      std::string kind = str(e, "kind");
      std::string arrow = kind == "after" ? " -.-> " : " -->|\"" + label(str(e, "name")) + "\"| ";
      if (kind == "status") arrow = " -.->|\"" + label(str(e, "name")) + "\"| ";
      out_ += "  " + from->second + arrow + to->second + "\n";
      if (e.value("mismatch", false)) red.push_back(index);
      ++index;
    }
    for (size_t i : red) out_ += "  linkStyle " + std::to_string(i) + " stroke:red,color:red\n";
    return out_;
  }

 private:
  void nodes() {
    graph_text::NodeTreeVisitor v;
    v.leaf = [this](const Json& n, const std::string& ind) {
      std::string kind = str(n, "kind");
      std::string text = label(graph_text::node_text(p_, n));
      bool io = kind == "input" || kind == "output";
      out_ += ind + short_[str(n, "id")] + (io ? "([\"" + text + "\"])\n" : "[\"" + text + "\"]\n");
    };
    v.open = [this](const Json& n, const std::string& ind) {
      out_ += ind + "subgraph " + short_[str(n, "id")] + "[\"" +
              label(str(n, "displayName") + " (" + str(n, "group") + ")") + "\"]\n";
    };
    v.close = [this](const Json&, const std::string& ind) { out_ += ind + "end\n"; };
    graph_text::walk_node_tree(children_, v);
  }

  const Json& p_;
  std::map<std::string, std::vector<const Json*>> children_;
  std::map<std::string, std::string> short_;
  std::string out_;
};

}  // namespace

std::string graph_mermaid(const Json& graph) {
  return graph_text::per_pipeline(graph, [](const Json& p) { return MermaidWriter(p).write(); });
}

}  // namespace kfp
