// Layered (Sugiyama-style) DAG layout for the page's drawing, left to right:
// the page measures its labels and gives node sizes and port offsets; this
// returns node boxes, orthogonal edge routes and label positions.
//
// Pipeline per container (the root and every open cluster, innermost first;
// core/layout/layered.cpp):
//   1. cycle breaking (DFS back edges reversed), 2. layering (longest path,
//   sources pulled next to their successors, first/last constraints),
//   3. dummy nodes on long edges (shared per source port), 4. crossing
//   reduction (port-aware barycenter sweeps, best of several by crossing
//   count), 5. coordinates across layers (weighted isotonic regression per
//   layer, sweeping both ways), 6. layer positions with room for edge tracks
//   and labels, 7. orthogonal routes with one vertical track per source point
//   in each gap.
// Clusters (core/layout/compound.cpp) are laid out first and then act as one
// node of their parent; an edge that crosses a cluster's border gets a port
// on that border, placed by the cluster's own layout. A collapsed cluster is
// simply a leaf node sized by the page.
//
// Everything is deterministic (no hashing order, no randomness) and near
// linear in nodes + edges: see tests/layout_test.cpp for the bounds measured.
#pragma once
#include <string>
#include <vector>

namespace kfp::layout {

struct Port {
  std::string id;
  bool out = false;  // out: on the east side (x = width); in: on the west side (x = 0)
  double y = 0;      // centre, from the node's top
};

enum class LayerConstraint { Any, First, Last };

struct Node {
  std::string id;
  int parent = -1;  // index of the enclosing cluster in Graph::nodes, -1 = top level
  double w = 0, h = 0;  // leaf size; for a cluster its minimum size
  bool cluster = false; // an open group: sized by its children plus padding
  double pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;  // clusters only
  LayerConstraint layer = LayerConstraint::Any;
  std::vector<Port> ports;
};

struct Edge {
  std::string id;
  int from = -1, to = -1;            // node indexes
  int from_port = -1, to_port = -1;  // index into that node's ports, -1: the node's side centre
  double label_w = 0, label_h = 0;   // 0: no label
};

struct Options {
  double node_gap = 28;   // between nodes of one layer
  double layer_gap = 32;  // minimum between layers
  double edge_gap = 10;   // between parallel edge segments
  double margin = 24;     // around the whole drawing
  double label_gap = 10;  // between a label's right end and the target port
  int sweeps = 4;         // crossing-reduction rounds (down + up each)
};

struct Graph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  Options options;
};

struct Point {
  double x = 0, y = 0;
};

struct Box {
  double x = 0, y = 0, w = 0, h = 0;  // absolute (top-left of the drawing is 0,0)
};

struct Route {
  std::vector<Point> points;  // from the source port to the target port; empty when not drawn
  bool has_label = false;
  Box label;  // on the last horizontal segment, right-aligned before the target
};

struct Result {
  double width = 0, height = 0;
  std::vector<Box> nodes;    // by node index
  std::vector<Route> edges;  // by edge index
  // Figures for tests and the benchmark.
  size_t layers = 0;        // in the top-level container
  size_t dummies = 0;       // over all containers
  size_t crossings = 0;     // between adjacent layers, over all containers (after reduction)
  size_t straightened = 0;  // long edges drawn without dummies (the dummy budget ran out)
};

// Never throws on any input: bad indexes (a parent or endpoint out of range,
// a parent cycle) are treated as top level / dropped edges.
Result layout(const Graph& g);

}  // namespace kfp::layout
