// JSON in and out of the layout (layout_json.h). Ids are mapped to indexes
// with a hash map built once; the output is arrays in request order, rounded,
// so a 10,000-task answer stays a few hundred KB.
#include "core/layout/layout_json.h"

#include "core/emit/graph_json.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace kfp::layout {
namespace {

double num(const Json& j, const char* key, double dflt) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return dflt;
  double v = it->get<double>();
  return std::isfinite(v) ? std::clamp(v, -1e7, 1e7) : dflt;
}

std::string str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double r1(double v) { return std::round(v * 10) / 10; }

}  // namespace

Graph graph_from_json(const Json& req) {
  Graph g;
  if (!req.is_object()) return g;
  if (auto o = req.find("options"); o != req.end() && o->is_object()) {
    Options& p = g.options;
    p.node_gap = num(*o, "nodeGap", p.node_gap);
    p.layer_gap = num(*o, "layerGap", p.layer_gap);
    p.edge_gap = std::max(1.0, num(*o, "edgeGap", p.edge_gap));
    p.margin = num(*o, "margin", p.margin);
    p.label_gap = num(*o, "labelGap", p.label_gap);
    p.sweeps = static_cast<int>(std::clamp(num(*o, "sweeps", p.sweeps), 0.0, 32.0));
  }
  const Json empty = Json::array();
  auto arr = [&](const char* k) -> const Json& {
    auto it = req.find(k);
    return it != req.end() && it->is_array() ? *it : empty;
  };
  const Json& nodes = arr("nodes");
  std::unordered_map<std::string, int> index;
  std::vector<std::string> parent_id;
  // port id -> (node, port index)
  std::unordered_map<std::string, std::pair<int, int>> port_index;
  for (const Json& jn : nodes) {
    if (!jn.is_object()) continue;
    Node n;
    n.id = str(jn, "id");
    n.w = std::max(0.0, num(jn, "w", 0));
    n.h = std::max(0.0, num(jn, "h", 0));
    auto c = jn.find("cluster");
    n.cluster = c != jn.end() && c->is_boolean() && c->get<bool>();
    if (auto p = jn.find("pad"); p != jn.end() && p->is_array() && p->size() == 4) {
      auto at = [&](size_t i) { return (*p)[i].is_number() ? std::clamp((*p)[i].get<double>(), 0.0, 1e5) : 0.0; };
      n.pad_top = at(0);
      n.pad_left = at(1);
      n.pad_bottom = at(2);
      n.pad_right = at(3);
    }
    std::string layer = str(jn, "layer");
    n.layer = layer == "first" ? LayerConstraint::First : layer == "last" ? LayerConstraint::Last : LayerConstraint::Any;
    int self = static_cast<int>(g.nodes.size());
    if (auto ps = jn.find("ports"); ps != jn.end() && ps->is_array()) {
      for (const Json& jp : *ps) {
        if (!jp.is_object()) continue;
        Port p;
        p.id = str(jp, "id");
        p.out = str(jp, "side") == "out";
        p.y = num(jp, "y", n.h / 2);
        if (!p.id.empty()) port_index.emplace(p.id, std::make_pair(self, static_cast<int>(n.ports.size())));
        n.ports.push_back(std::move(p));
      }
    }
    index.emplace(n.id, self);
    parent_id.push_back(str(jn, "parent"));
    g.nodes.push_back(std::move(n));
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    auto it = parent_id[i].empty() ? index.end() : index.find(parent_id[i]);
    g.nodes[i].parent = it == index.end() ? -1 : it->second;
  }
  for (const Json& je : arr("edges")) {
    Edge e;
    if (je.is_object()) {
      e.id = str(je, "id");
      auto end = [&](const char* node_key, const char* port_key, int* node, int* port) {
        auto it = index.find(str(je, node_key));
        if (it != index.end()) *node = it->second;
        std::string pid = str(je, port_key);
        auto pit = pid.empty() ? port_index.end() : port_index.find(pid);
        if (pit != port_index.end() && pit->second.first == *node) *port = pit->second.second;
      };
      end("from", "fromPort", &e.from, &e.from_port);
      end("to", "toPort", &e.to, &e.to_port);
      if (auto l = je.find("label"); l != je.end() && l->is_array() && l->size() == 2 && (*l)[0].is_number() && (*l)[1].is_number()) {
        e.label_w = std::clamp((*l)[0].get<double>(), 0.0, 1e5);
        e.label_h = std::clamp((*l)[1].get<double>(), 0.0, 1e5);
      }
    }
    g.edges.push_back(std::move(e));  // kept even when bad, so indexes match the request
  }
  return g;
}

Json result_to_json(const Result& r) {
  Json out = Json::object();
  out["schema"] = 1;
  out["width"] = r1(r.width);
  out["height"] = r1(r.height);
  Json nodes = Json::array();
  for (const Box& b : r.nodes) nodes.push_back(Json::array({r1(b.x), r1(b.y), r1(b.w), r1(b.h)}));
  out["nodes"] = std::move(nodes);
  Json edges = Json::array();
  for (const Route& e : r.edges) {
    Json pts = Json::array();
    for (const Point& p : e.points) {
      pts.push_back(r1(p.x));
      pts.push_back(r1(p.y));
    }
    Json je = Json::object();
    je["points"] = std::move(pts);
    if (e.has_label) je["label"] = Json::array({r1(e.label.x), r1(e.label.y), r1(e.label.w), r1(e.label.h)});
    edges.push_back(std::move(je));
  }
  out["edges"] = std::move(edges);
  out["stats"] = {{"layers", r.layers}, {"dummies", r.dummies}, {"crossings", r.crossings}, {"straightened", r.straightened}};
  return out;
}

std::string layout_json(std::string_view request) {
  Json req = Json::parse(request.begin(), request.end(), nullptr, /*allow_exceptions=*/false);
  if (req.is_discarded() || !req.is_object()) {
    Json err = {{"schema", 1}, {"error", "layout request must be a JSON object"}};
    return err.dump();
  }
  return result_to_json(layout(graph_from_json(req))).dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// Character-count estimates of the page's fonts (13px UI title, 12px port
// names, 11px mono types): good enough for a file, not for pixels.
double text_w(const std::string& s, double per_char) { return static_cast<double>(s.size()) * per_char; }

std::string s_of(const Json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Json layout_pipeline(const Json& p) {
  Json req = Json::object();
  Json nodes = Json::array(), edges = Json::array();
  const Json empty = Json::array();
  const Json& pn = p.contains("nodes") && p["nodes"].is_array() ? p["nodes"] : empty;
  const Json& pe = p.contains("edges") && p["edges"].is_array() ? p["edges"] : empty;
  for (const Json& n : pn) {
    if (!n.is_object()) continue;
    std::string id = s_of(n, "id"), kind = s_of(n, "kind");
    Json jn = {{"id", id}};
    if (n.contains("parent") && n["parent"].is_string()) jn["parent"] = n["parent"];
    if (kind == "input" || kind == "output") {
      jn["w"] = std::max(110.0, text_w(s_of(n, "name"), 7) + 60);
      jn["h"] = 30;
      jn["layer"] = n.contains("parent") && n["parent"].is_string() ? "" : (kind == "input" ? "first" : "last");
      jn["ports"] = Json::array({{{"id", id + (kind == "input" ? "\x01out" : "\x01in")}, {"side", kind == "input" ? "out" : "in"}, {"y", 15}}});
    } else if (kind == "group") {
      jn["cluster"] = true;
      jn["pad"] = Json::array({40, 16, 16, 16});
      jn["w"] = text_w(s_of(n, "name"), 7.5) + 100;
      jn["h"] = 60;
    } else {
      Json ports = Json::array();
      size_t ins = 0, outs = 0;
      double in_w = 0, out_w = 0;
      // The component's ports (docs/graph-json.md), then inputs the task
      // passes that it does not declare.
      auto port = [&](const std::string& name, bool out) {
        size_t& k = out ? outs : ins;
        ports.push_back({{"id", id + (out ? "\x01out\x01" : "\x01in\x01") + name}, {"side", out ? "out" : "in"}, {"y", 44 + 20.0 * static_cast<double>(k) + 10}});
        ++k;
        (out ? out_w : in_w) = std::max(out ? out_w : in_w, text_w(name, 7) + 60);
      };
      std::set<std::string> declared;
      const Json* comp = graph_component(p, n);
      for (const char* side : {"inputs", "outputs"}) {
        if (!comp || !comp->contains(side) || !(*comp)[side].is_array()) continue;
        for (const Json& pt : (*comp)[side]) {
          std::string name = s_of(pt, "name");
          if (side[0] == 'i') declared.insert(name);
          port(name, side[0] == 'o');
        }
      }
      if (n.contains("values") && n["values"].is_object())
        for (const auto& [name, value] : n["values"].items())
          if (!declared.count(name)) port(name, false);
      std::string title = s_of(n, "displayName").empty() ? s_of(n, "name") : s_of(n, "displayName");
      jn["w"] = std::clamp(std::max(text_w(title, 7.5) + 44, in_w + out_w + 44), 180.0, 420.0);
      jn["h"] = 44 + 20.0 * static_cast<double>(std::max<size_t>({ins, outs, 1})) + 8;
      jn["ports"] = std::move(ports);
    }
    nodes.push_back(std::move(jn));
  }
  for (const Json& e : pe) {
    if (!e.is_object() || !e.contains("from") || !e.contains("to") || !e["from"].is_object() || !e["to"].is_object()) continue;
    if (e.contains("implied") && e["implied"] == true) continue;
    std::string from = s_of(e["from"], "node"), to = s_of(e["to"], "node");
    Json je = {{"id", s_of(e, "id")}, {"from", from}, {"to", to}};
    std::string fp = s_of(e["from"], "port"), tp = s_of(e["to"], "port");
    je["fromPort"] = from.rfind("in:", 0) == 0 ? from + "\x01out" : from + "\x01out\x01" + fp;
    je["toPort"] = to.rfind("out:", 0) == 0 ? to + "\x01in" : to + "\x01in\x01" + tp;
    std::string kind = s_of(e, "kind");
    if (kind != "after") je["label"] = Json::array({text_w(kind == "status" ? "final status" : s_of(e, "name"), 6.6) + 10, 16});
    edges.push_back(std::move(je));
  }
  req["nodes"] = std::move(nodes);
  req["edges"] = std::move(edges);
  Graph g = graph_from_json(req);
  Result r = layout(g);
  Json out = Json::object();
  out["width"] = r1(r.width);
  out["height"] = r1(r.height);
  Json on = Json::object(), oe = Json::object();
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Box& b = r.nodes[i];
    on[g.nodes[i].id] = Json::array({r1(b.x), r1(b.y), r1(b.w), r1(b.h)});
  }
  for (size_t i = 0; i < g.edges.size(); ++i) {
    Json pts = Json::array();
    for (const Point& q : r.edges[i].points) {
      pts.push_back(r1(q.x));
      pts.push_back(r1(q.y));
    }
    Json je = {{"points", std::move(pts)}};
    if (r.edges[i].has_label) je["label"] = Json::array({r1(r.edges[i].label.x), r1(r.edges[i].label.y), r1(r.edges[i].label.w), r1(r.edges[i].label.h)});
    oe[g.edges[i].id] = std::move(je);
  }
  out["nodes"] = std::move(on);
  out["edges"] = std::move(oe);
  return out;
}

}  // namespace kfp::layout
