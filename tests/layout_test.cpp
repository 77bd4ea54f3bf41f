// The layered DAG layout (core/layout/): geometric invariants on small
// hand-made graphs, on generated pipelines through the graph JSON, and time
// bounds at 5,000 and 10,000 tasks.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "bench/gen_pipelines.h"
#include "core/api.h"
#include "core/emit/graph_json.h"
#include "core/layout/layout.h"
#include "core/layout/layout_json.h"
#include "test_files.h"

namespace kfp::layout {
namespace {

int add_node(Graph& g, double w, double h, int parent = -1, bool cluster = false) {
  Node n;
  n.id = "n" + std::to_string(g.nodes.size());
  n.w = w;
  n.h = h;
  n.parent = parent;
  n.cluster = cluster;
  if (cluster) {
    n.pad_top = 40;
    n.pad_left = n.pad_right = n.pad_bottom = 16;
  } else {
    n.ports.push_back({"in", false, h / 3});
    n.ports.push_back({"out", true, h / 2});
  }
  g.nodes.push_back(n);
  return static_cast<int>(g.nodes.size()) - 1;
}

void add_edge(Graph& g, int a, int b, double label = 0) {
  Edge e;
  e.id = "e" + std::to_string(g.edges.size());
  e.from = a;
  e.to = b;
  e.from_port = g.nodes[static_cast<size_t>(a)].cluster ? -1 : 1;
  e.to_port = g.nodes[static_cast<size_t>(b)].cluster ? -1 : 0;
  e.label_w = label;
  e.label_h = label > 0 ? 16 : 0;
  g.edges.push_back(e);
}

bool overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;
}

bool inside(const Box& in, const Box& out) {
  return in.x >= out.x - 0.01 && in.y >= out.y - 0.01 && in.x + in.w <= out.x + out.w + 0.01 && in.y + in.h <= out.y + out.h + 0.01;
}

// Checks every invariant the page relies on; returns the number of failures.
void check_invariants(const Graph& g, const Result& r) {
  ASSERT_EQ(r.nodes.size(), g.nodes.size());
  ASSERT_EQ(r.edges.size(), g.edges.size());
  // Siblings (nodes of the same container) never overlap; children sit inside
  // their cluster. Checked by sorting siblings by x (n log n + local pairs).
  std::vector<std::vector<size_t>> sib(g.nodes.size() + 1);
  for (size_t i = 0; i < g.nodes.size(); ++i) sib[static_cast<size_t>(g.nodes[i].parent + 1)].push_back(i);
  size_t overlaps = 0, outside = 0;
  for (auto& s : sib) {
    std::sort(s.begin(), s.end(), [&](size_t a, size_t b) { return r.nodes[a].x < r.nodes[b].x; });
    for (size_t i = 0; i < s.size(); ++i)
      for (size_t j = i + 1; j < s.size() && r.nodes[s[j]].x < r.nodes[s[i]].x + r.nodes[s[i]].w; ++j)
        if (overlap(r.nodes[s[i]], r.nodes[s[j]])) ++overlaps;
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    int p = g.nodes[i].parent;
    if (p >= 0 && !inside(r.nodes[i], r.nodes[static_cast<size_t>(p)])) ++outside;
    EXPECT_GE(r.nodes[i].x, 0);
    EXPECT_GE(r.nodes[i].y, 0);
    EXPECT_LE(r.nodes[i].x + r.nodes[i].w, r.width + 0.01);
    EXPECT_LE(r.nodes[i].y + r.nodes[i].h, r.height + 0.01);
  }
  EXPECT_EQ(overlaps, 0u);
  EXPECT_EQ(outside, 0u);
  // Routes start at the source's east side and end at the target's west side,
  // at the port, and are orthogonal.
  for (size_t e = 0; e < g.edges.size(); ++e) {
    const Edge& E = g.edges[e];
    const auto& pts = r.edges[e].points;
    ASSERT_GE(pts.size(), 2u) << E.id;
    const Box& a = r.nodes[static_cast<size_t>(E.from)];
    const Box& b = r.nodes[static_cast<size_t>(E.to)];
    EXPECT_NEAR(pts.front().x, a.x + a.w, 0.01) << E.id;
    EXPECT_NEAR(pts.back().x, b.x, 0.01) << E.id;
    if (E.from_port >= 0) { EXPECT_NEAR(pts.front().y, a.y + g.nodes[static_cast<size_t>(E.from)].ports[static_cast<size_t>(E.from_port)].y, 0.01); }
    if (E.to_port >= 0) { EXPECT_NEAR(pts.back().y, b.y + g.nodes[static_cast<size_t>(E.to)].ports[static_cast<size_t>(E.to_port)].y, 0.01); }
    for (size_t i = 1; i < pts.size(); ++i)
      EXPECT_TRUE(std::abs(pts[i].x - pts[i - 1].x) < 0.01 || std::abs(pts[i].y - pts[i - 1].y) < 0.01) << E.id << " segment " << i;
  }
}

TEST(Layout, ChainGoesLeftToRightWithoutOverlap) {
  Graph g;
  for (int i = 0; i < 5; ++i) add_node(g, 180, 90);
  for (int i = 0; i + 1 < 5; ++i) add_edge(g, i, i + 1, 50);
  Result r = layout(g);
  check_invariants(g, r);
  EXPECT_EQ(r.layers, 5u);
  for (int i = 0; i + 1 < 5; ++i) {
    EXPECT_LT(r.nodes[static_cast<size_t>(i)].x + r.nodes[static_cast<size_t>(i)].w, r.nodes[static_cast<size_t>(i + 1)].x);
    // The label sits before the target, right of the source, on the port's row.
    const Route& e = r.edges[static_cast<size_t>(i)];
    ASSERT_TRUE(e.has_label);
    EXPECT_GE(e.label.x, r.nodes[static_cast<size_t>(i)].x + r.nodes[static_cast<size_t>(i)].w);
    EXPECT_LE(e.label.x + e.label.w, r.nodes[static_cast<size_t>(i + 1)].x);
    EXPECT_NEAR(e.label.y + e.label.h / 2, e.points.back().y, 0.01);
  }
}

TEST(Layout, EdgesGoForwardAndLayerNodesDoNotOverlap) {
  // A diamond plus a long edge: the long edge gets dummies and still ends
  // right of where it starts; same-layer nodes are stacked apart.
  Graph g;
  int a = add_node(g, 180, 80), b = add_node(g, 200, 120), c = add_node(g, 160, 60), d = add_node(g, 180, 80), e = add_node(g, 180, 80);
  add_edge(g, a, b);
  add_edge(g, a, c);
  add_edge(g, b, d);
  add_edge(g, c, d);
  add_edge(g, d, e);
  add_edge(g, a, e, 40);
  Result r = layout(g);
  check_invariants(g, r);
  EXPECT_GT(r.dummies, 0u);
  for (const Edge& E : g.edges) EXPECT_LT(r.nodes[static_cast<size_t>(E.from)].x, r.nodes[static_cast<size_t>(E.to)].x);
  EXPECT_NEAR(r.nodes[static_cast<size_t>(b)].x, r.nodes[static_cast<size_t>(c)].x, 0.01);  // same layer
  EXPECT_FALSE(overlap(r.nodes[static_cast<size_t>(b)], r.nodes[static_cast<size_t>(c)]));
  EXPECT_EQ(r.crossings, 0u);
}

TEST(Layout, ClustersContainTheirChildrenAndBorderPortsJoin) {
  // in -> [cluster: x -> [inner cluster: y]] -> out, plus an edge into the
  // inner cluster from outside and one from the cluster box itself.
  Graph g;
  int src = add_node(g, 120, 30);
  int c1 = add_node(g, 150, 60, -1, true);
  int x = add_node(g, 180, 80, c1);
  int c2 = add_node(g, 100, 60, c1, true);
  int y = add_node(g, 180, 80, c2);
  int dst = add_node(g, 120, 30);
  add_edge(g, src, x, 30);
  add_edge(g, x, y, 30);
  add_edge(g, src, y, 30);  // crosses two borders
  add_edge(g, y, dst, 30);  // leaves two clusters
  add_edge(g, src, c1);     // to the cluster box
  Result r = layout(g);
  check_invariants(g, r);
  EXPECT_TRUE(inside(r.nodes[static_cast<size_t>(x)], r.nodes[static_cast<size_t>(c1)]));
  EXPECT_TRUE(inside(r.nodes[static_cast<size_t>(c2)], r.nodes[static_cast<size_t>(c1)]));
  EXPECT_TRUE(inside(r.nodes[static_cast<size_t>(y)], r.nodes[static_cast<size_t>(c2)]));
  EXPECT_FALSE(overlap(r.nodes[static_cast<size_t>(src)], r.nodes[static_cast<size_t>(c1)]));
  // The padding (room for the cluster's title) is kept.
  EXPECT_GE(r.nodes[static_cast<size_t>(x)].y, r.nodes[static_cast<size_t>(c1)].y + 40 - 0.01);
  // The crossing edge passes the borders of both clusters, left to right.
  const auto& p = r.edges[2].points;
  auto crosses_x = [&](double bx) {
    for (size_t i = 1; i < p.size(); ++i)
      if (std::min(p[i - 1].x, p[i].x) <= bx + 0.01 && std::max(p[i - 1].x, p[i].x) >= bx - 0.01) return true;
    return false;
  };
  EXPECT_TRUE(crosses_x(r.nodes[static_cast<size_t>(c1)].x));
  EXPECT_TRUE(crosses_x(r.nodes[static_cast<size_t>(c2)].x));
  // Min size honoured.
  EXPECT_GE(r.nodes[static_cast<size_t>(c1)].w, 150);
}

TEST(Layout, CollapsedClusterIsOneNode) {
  // The page collapses a group by sending it as a leaf: same code path.
  Graph g;
  int a = add_node(g, 180, 80), grp = add_node(g, 200, 56), b = add_node(g, 180, 80);
  add_edge(g, a, grp);
  add_edge(g, grp, b);
  Result r = layout(g);
  check_invariants(g, r);
  EXPECT_EQ(r.layers, 3u);
  EXPECT_DOUBLE_EQ(r.nodes[static_cast<size_t>(grp)].w, 200);
}

TEST(Layout, CyclesAndBadInputDoNotBreakIt) {
  Graph g;
  int a = add_node(g, 100, 50), b = add_node(g, 100, 50), c = add_node(g, 100, 50);
  add_edge(g, a, b);
  add_edge(g, b, c);
  add_edge(g, c, a);
  g.edges.push_back({"bad", 7, -3, 0, 0, 0, 0});
  g.edges.push_back({"self", a, a, 1, 0, 0, 0});
  g.nodes[static_cast<size_t>(c)].parent = 99;  // out of range: top level
  Result r = layout(g);
  ASSERT_EQ(r.edges.size(), 5u);
  EXPECT_TRUE(r.edges[3].points.empty());
  EXPECT_TRUE(r.edges[4].points.empty());
  EXPECT_EQ(r.edges[2].points.size() >= 2, true);  // the reversed edge is still drawn
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = i + 1; j < 3; ++j) EXPECT_FALSE(overlap(r.nodes[i], r.nodes[j]));
  // Parent cycles are cut.
  Graph h;
  int p = add_node(h, 0, 0, -1, true), q = add_node(h, 0, 0, -1, true);
  h.nodes[static_cast<size_t>(p)].parent = q;
  h.nodes[static_cast<size_t>(q)].parent = p;
  Result rh = layout(h);
  EXPECT_EQ(rh.nodes.size(), 2u);
}

Graph random_graph(int n, uint32_t seed, bool clusters) {
  Graph g;
  std::mt19937 rng(seed);
  int cluster = -1;
  for (int i = 0; i < n; ++i) {
    if (clusters && i % 50 == 0) cluster = add_node(g, 120, 60, -1, true);
    add_node(g, 180 + static_cast<double>(rng() % 100), 64 + 20 * static_cast<double>(rng() % 4), clusters ? cluster : -1);
  }
  std::vector<int> tasks;
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (!g.nodes[i].cluster) tasks.push_back(static_cast<int>(i));
  for (size_t i = 1; i < tasks.size(); ++i) {
    int k = 1 + static_cast<int>(rng() % 2);
    for (int j = 0; j < k; ++j) {
      size_t back = 1 + rng() % std::min<size_t>(i, 30);
      add_edge(g, tasks[i - back], tasks[i], 40);
    }
  }
  return g;
}

TEST(Layout, Deterministic) {
  Graph g = random_graph(400, 7, true);
  Result a = layout(g), b = layout(g);
  EXPECT_EQ(result_to_json(a).dump(), result_to_json(b).dump());
}

TEST(Layout, RandomGraphsKeepInvariants) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    Graph g = random_graph(300, seed, seed != 2);
    Result r = layout(g);
    check_invariants(g, r);
    for (const Edge& E : g.edges) {
      const Box& a = r.nodes[static_cast<size_t>(E.from)];
      const Box& b = r.nodes[static_cast<size_t>(E.to)];
      EXPECT_LT(a.x + a.w, b.x + 0.01) << "edge " << E.id << " goes backwards";
    }
  }
}

TEST(Layout, LongRangeEdgesStayLinear) {
  // A chain where every node also reads node i/2: the dummy nodes such edges
  // need grow quadratically; past a linear budget they are drawn straight.
  Graph g;
  const int n = 4000;
  for (int i = 0; i < n; ++i) add_node(g, 180, 64);
  for (int i = 1; i < n; ++i) {
    add_edge(g, i - 1, i);
    if (i / 2 < i - 1) add_edge(g, i / 2, i, 30);
  }
  auto t0 = std::chrono::steady_clock::now();
  Result r = layout(g);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("long-range edges, %d nodes: %.1f ms, %zu dummies, %zu straightened\n", n, ms, r.dummies, r.straightened);
  EXPECT_GT(r.straightened, 0u);
  EXPECT_LE(r.dummies, 3 * (g.nodes.size() + g.edges.size()) + 2000);
  EXPECT_LT(ms, 3000);
  check_invariants(g, r);
}

TEST(Layout, JsonRequestRoundTrip) {
  std::string req = R"({"nodes":[{"id":"a","w":100,"h":40,"ports":[{"id":"a.o","side":"out","y":30}]},
    {"id":"g","cluster":true,"pad":[40,16,16,16],"w":120,"h":60},
    {"id":"b","parent":"g","w":100,"h":40,"ports":[{"id":"b.i","side":"in","y":10}]}],
    "edges":[{"id":"e","from":"a","fromPort":"a.o","to":"b","toPort":"b.i","label":[30,16]},
             {"id":"bad","from":"zz","to":"b"}]})";
  Json r = Json::parse(layout_json(req));
  ASSERT_EQ(r["nodes"].size(), 3u);
  ASSERT_EQ(r["edges"].size(), 2u);
  const Json& pts = r["edges"][0]["points"];
  ASSERT_GE(pts.size(), 4u);
  EXPECT_DOUBLE_EQ(pts[0].get<double>(), r["nodes"][0][0].get<double>() + 100);
  EXPECT_DOUBLE_EQ(pts[1].get<double>(), r["nodes"][0][1].get<double>() + 30);
  EXPECT_DOUBLE_EQ(pts[pts.size() - 1].get<double>(), r["nodes"][2][1].get<double>() + 10);
  EXPECT_TRUE(r["edges"][0].contains("label"));
  EXPECT_TRUE(r["edges"][1]["points"].empty());
  EXPECT_TRUE(Json::parse(layout_json("[1,2"))["error"].is_string());
}

// kfpc graph --layout sizes a task by its ports: its component's (the
// pipeline's `components` table, docs/graph-json.md) and the arguments the
// task passes for inputs the component does not declare.
TEST(Layout, TaskBoxesHaveTheirComponentsPorts) {
  const std::string comp = test_files::slurp(std::string(KFP_TEST_DATA) + "/graph/scale.yaml");  // x, y | out
  const std::string pipe = R"(name: reuse
implementation:
  graph:
    tasks:
      a:
        componentRef: {name: Scale}
        arguments: {x: '1'}
      b:
        componentRef: {name: Scale}
        arguments: {x: '3', typo: oops, other: no}
)";
  Analysis a = analyze({{"scale.yaml", comp}, {"reuse.yaml", pipe}});
  Json graph = graph_json(a.ws, a.diagnostics);
  const Json* p = nullptr;
  for (const Json& q : graph["pipelines"])
    if (q["file"] == "reuse.yaml") p = &q;
  ASSERT_NE(p, nullptr);
  Json laid = layout_pipeline(*p);
  ASSERT_EQ(laid["nodes"].size(), 2u) << laid.dump();
  // 44 for the title, 20 a row (the longer port column), 8 below.
  EXPECT_EQ(laid["nodes"]["task:a"][3], 44 + 2 * 20 + 8);  // x, y | out
  EXPECT_EQ(laid["nodes"]["task:b"][3], 44 + 4 * 20 + 8);  // x, y, other, typo | out
}

// Generated pipelines through the graph JSON, sizes estimated as kfpc does.
double time_pipeline(bench::Shape shape, int tasks, size_t* nodes_out) {
  std::vector<InputFile> files = {{"make.yaml", bench::gen_component_make()},
                                  {"train.yaml", bench::gen_component_train()},
                                  {"combine.yaml", bench::gen_component_combine()},
                                  {"pipeline.yaml", bench::gen_pipeline(shape, tasks)}};
  Analysis a = analyze(files);
  Json graph = graph_json(a.ws, a.diagnostics);
  const Json* p = nullptr;
  for (const Json& q : graph["pipelines"])
    if (q["file"] == "pipeline.yaml") p = &q;
  EXPECT_NE(p, nullptr);
  if (!p) return 0;
  auto t0 = std::chrono::steady_clock::now();
  Json laid = layout_pipeline(*p);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  *nodes_out = laid["nodes"].size();
  EXPECT_EQ(laid["nodes"].size(), (*p)["nodes"].size());
  EXPECT_GT(laid["width"].get<double>(), 0);
  return ms;
}

TEST(Layout, LaysOutTenThousandTasks) {
  // Every node placed at every size. Times are printed, not asserted: speed
  // goals live in the benchmarks (bench/, docs/web.md), and CI runs this
  // test under ASan on a shared 2-core machine too.
  for (auto shape : {bench::Shape::Chain, bench::Shape::FanOutIn, bench::Shape::Random}) {
    for (int n : {100, 1000, 5000, 10000}) {
      size_t nodes = 0;
      double ms = time_pipeline(shape, n, &nodes);
      std::printf("layout %-9s %6d tasks (%6zu nodes): %8.1f ms\n", bench::shape_name(shape), n, nodes, ms);
    }
  }
}

}  // namespace
}  // namespace kfp::layout
