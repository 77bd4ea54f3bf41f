// One container's layered layout (internal to core/layout/): the nodes of one
// level — leaves, clusters already laid out (as boxes with border ports), and
// the border points of edges that enter or leave this container — in local
// coordinates (the container's top-left is 0,0). See layout.h for the steps.
#pragma once
#include <vector>

#include "core/layout/layout.h"

namespace kfp::layout::detail {

enum class LKind { Node, BorderIn, BorderOut };

struct LNode {
  double w = 0, h = 0;
  LKind kind = LKind::Node;
  LayerConstraint layer = LayerConstraint::Any;
};

struct LEdge {
  int s = -1, t = -1;
  double sy = 0, ty = 0;            // port offsets from the top of s (east side) and t (west side)
  double label_w = 0, label_h = 0;  // drawn before t when > 0
};

struct Frame {
  double pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  double min_w = 0, min_h = 0;
};

struct LResult {
  std::vector<Point> pos;  // top-left of each LNode; border nodes sit on the container's border
  double width = 0, height = 0;
  std::vector<std::vector<Point>> routes;  // per LEdge; empty for a self loop
  std::vector<Box> labels;                 // per LEdge, meaningful when has_label
  std::vector<char> has_label;
  size_t layers = 0, dummies = 0, crossings = 0, straightened = 0;
};

LResult layered(const std::vector<LNode>& nodes, const std::vector<LEdge>& edges, const Options& opt, const Frame& frame);

}  // namespace kfp::layout::detail
