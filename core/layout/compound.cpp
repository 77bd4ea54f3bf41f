// Compound layout: clusters are laid out innermost first (core/layout/
// layered.cpp) and then stand as one box in their parent. An edge between
// nodes in different clusters is cut where it crosses a border: each piece is
// routed in its own container, from or to a point on the border, and the
// pieces are joined. The border points are nodes of the cluster's own layout
// (first / last layer), so they land next to what they connect to, and the
// parent sees them as ports of the cluster's box.
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/layout/layered.h"
#include "core/layout/layout.h"

namespace kfp::layout {
namespace {

using detail::LEdge;
using detail::LKind;
using detail::LNode;

// An end of an edge piece inside one container.
struct End {
  enum Type { Child, BorderIn, BorderOut } type = Child;
  int node = -1;  // Child: the child's node index
};

struct Piece {
  int container;  // -1: top level
  End src, dst;
  bool src_is_origin;  // src is the edge's own source node
  bool dst_is_target;  // dst is the edge's own target node
};

// Key of an edge's border points: edges from one source port share them.
using Key = std::pair<int, int>;  // (source node, source port)

struct Laid {
  double w = 0, h = 0;
  std::map<Key, double> in_y, out_y;  // border point offsets from the cluster's top
};

}  // namespace

Result layout(const Graph& g) {
  const Options& opt = g.options;
  const size_t n = g.nodes.size();
  Result R;
  R.nodes.assign(n, Box{});
  R.edges.assign(g.edges.size(), Route{});

  // Parents: in range, a cluster, no cycles; anything else is top level.
  std::vector<int> parent(n, -1);
  for (size_t i = 0; i < n; ++i) {
    int p = g.nodes[i].parent;
    if (p >= 0 && static_cast<size_t>(p) < n && static_cast<size_t>(p) != i && g.nodes[static_cast<size_t>(p)].cluster) parent[i] = p;
  }
  {
    std::vector<uint8_t> state(n, 0);  // 0 unknown, 1 visiting, 2 fine
    for (size_t i = 0; i < n; ++i) {
      std::vector<size_t> chain;
      size_t v = i;
      while (state[v] == 0) {
        state[v] = 1;
        chain.push_back(v);
        if (parent[v] < 0) break;
        v = static_cast<size_t>(parent[v]);
      }
      if (state[v] == 1 && parent[v] >= 0) parent[v] = -1;  // a cycle: cut it here
      for (size_t c : chain) state[c] = 2;
    }
  }
  auto is_cluster = [&](int v) { return v >= 0 && g.nodes[static_cast<size_t>(v)].cluster; };

  // Children per container (index 0 = top level, c + 1 = cluster c), in node order.
  std::vector<std::vector<int>> kids(n + 1);
  for (size_t i = 0; i < n; ++i) kids[static_cast<size_t>(parent[i] + 1)].push_back(static_cast<int>(i));
  // Clusters innermost first: reverse of a pre-order walk from the top.
  std::vector<int> order;
  {
    std::vector<int> stack(kids[0].rbegin(), kids[0].rend());
    while (!stack.empty()) {
      int v = stack.back();
      stack.pop_back();
      if (!is_cluster(v)) continue;
      order.push_back(v);
      const auto& k = kids[static_cast<size_t>(v + 1)];
      for (auto it = k.rbegin(); it != k.rend(); ++it) stack.push_back(*it);
    }
    std::reverse(order.begin(), order.end());
  }
  auto chain_of = [&](int v) {  // enclosing clusters, innermost first, then -1
    std::vector<int> c;
    for (int p = parent[static_cast<size_t>(v)]; p >= 0; p = parent[static_cast<size_t>(p)]) c.push_back(p);
    c.push_back(-1);
    return c;
  };

  // Cut every edge into pieces, one per container it passes through.
  std::vector<std::vector<Piece>> pieces(g.edges.size());
  std::vector<std::vector<std::pair<size_t, size_t>>> by_container(n + 1);  // (edge, piece)
  for (size_t e = 0; e < g.edges.size(); ++e) {
    const Edge& E = g.edges[e];
    if (E.from < 0 || E.to < 0 || static_cast<size_t>(E.from) >= n || static_cast<size_t>(E.to) >= n || E.from == E.to) continue;
    int u = E.from, v = E.to;
    auto cu = chain_of(u), cv = chain_of(v);
    int L;
    if (std::find(cu.begin(), cu.end(), v) != cu.end()) L = v;       // to an enclosing cluster
    else if (std::find(cv.begin(), cv.end(), u) != cv.end()) L = u;  // from an enclosing cluster
    else {
      L = -1;
      for (int c : cu)
        if (std::find(cv.begin(), cv.end(), c) != cv.end()) {
          L = c;
          break;
        }
    }
    auto& ps = pieces[e];
    // Source side, innermost first: child -> border out.
    int below = u;  // the node of the current container on the path to u
    if (L != u) {
      for (int c : cu) {
        if (c == L) break;
        ps.push_back({c, {End::Child, below}, {End::BorderOut, -1}, below == u, false});
        below = c;
      }
    }
    // The lowest common container.
    End s = L == u ? End{End::BorderIn, -1} : End{End::Child, below};
    // Target side: find the child of L on the path to v.
    std::vector<int> down;  // containers strictly inside L down to v's parent, outermost first
    int above = v;
    if (L != v) {
      for (int c : cv) {
        if (c == L) break;
        down.push_back(c);
      }
      std::reverse(down.begin(), down.end());
      above = down.empty() ? v : down.front();
    }
    End t = L == v ? End{End::BorderOut, -1} : End{End::Child, above};
    ps.push_back({L, s, t, L != u && below == u, L != v && above == v});
    for (size_t i = 0; i < down.size(); ++i) {
      int next = i + 1 < down.size() ? down[i + 1] : v;
      ps.push_back({down[i], {End::BorderIn, -1}, {End::Child, next}, false, next == v});
    }
    for (size_t i = 0; i < ps.size(); ++i) by_container[static_cast<size_t>(ps[i].container + 1)].push_back({e, i});
  }

  // Lay out each container, innermost first, the top level last.
  std::vector<Laid> laid(n);
  std::vector<std::vector<Point>> local_pos(n + 1);  // per container, by kids index
  std::vector<std::vector<std::vector<Point>>> piece_route(g.edges.size());
  std::vector<Box> piece_label(g.edges.size());
  std::vector<char> piece_has_label(g.edges.size(), 0);
  for (size_t e = 0; e < g.edges.size(); ++e) piece_route[e].resize(pieces[e].size());
  std::vector<int> local_index(n, -1);
  order.push_back(-1);
  for (int c : order) {
    const auto& ks = kids[static_cast<size_t>(c + 1)];
    std::vector<LNode> ln;
    for (size_t i = 0; i < ks.size(); ++i) {
      int v = ks[i];
      local_index[static_cast<size_t>(v)] = static_cast<int>(i);
      const Node& N = g.nodes[static_cast<size_t>(v)];
      LNode x;
      x.w = N.cluster ? laid[static_cast<size_t>(v)].w : N.w;
      x.h = N.cluster ? laid[static_cast<size_t>(v)].h : N.h;
      x.layer = N.layer;
      ln.push_back(x);
    }
    std::map<Key, int> border_in, border_out;
    std::vector<LEdge> le;
    std::vector<std::pair<size_t, size_t>> which;
    for (auto [e, pi] : by_container[static_cast<size_t>(c + 1)]) {
      const Edge& E = g.edges[e];
      const Piece& P = pieces[e][pi];
      Key key{E.from, E.from_port};
      auto border = [&](std::map<Key, int>& m, LKind kind) {
        auto it = m.find(key);
        if (it != m.end()) return it->second;
        int id = static_cast<int>(ln.size());
        LNode b;
        b.kind = kind;
        ln.push_back(b);
        m.emplace(key, id);
        return id;
      };
      auto port_y = [&](int v, int port, bool out) {
        const Node& N = g.nodes[static_cast<size_t>(v)];
        if (port >= 0 && static_cast<size_t>(port) < N.ports.size()) return N.ports[static_cast<size_t>(port)].y;
        if (N.cluster) return std::min(N.pad_top / 2, laid[static_cast<size_t>(v)].h / 2);
        (void)out;
        return N.h / 2;
      };
      LEdge x;
      if (P.src.type == End::Child) {
        x.s = local_index[static_cast<size_t>(P.src.node)];
        if (P.src_is_origin) x.sy = port_y(E.from, E.from_port, true);
        else {
          auto& m = laid[static_cast<size_t>(P.src.node)].out_y;
          auto it = m.find(key);
          x.sy = it == m.end() ? 0 : it->second;
        }
      } else {
        x.s = border(P.src.type == End::BorderIn ? border_in : border_out, P.src.type == End::BorderIn ? LKind::BorderIn : LKind::BorderOut);
      }
      if (P.dst.type == End::Child) {
        x.t = local_index[static_cast<size_t>(P.dst.node)];
        if (P.dst_is_target) x.ty = port_y(E.to, E.to_port, false);
        else {
          auto& m = laid[static_cast<size_t>(P.dst.node)].in_y;
          auto it = m.find(key);
          x.ty = it == m.end() ? 0 : it->second;
        }
      } else {
        x.t = border(P.dst.type == End::BorderOut ? border_out : border_in, P.dst.type == End::BorderOut ? LKind::BorderOut : LKind::BorderIn);
      }
      if (P.dst_is_target) {
        x.label_w = E.label_w;
        x.label_h = E.label_h;
      }
      le.push_back(x);
      which.push_back({e, pi});
    }
    detail::Frame fr;
    if (c >= 0) {
      const Node& N = g.nodes[static_cast<size_t>(c)];
      fr = {N.pad_top, N.pad_left, N.pad_bottom, N.pad_right, N.w, N.h};
    } else {
      fr = {opt.margin, opt.margin, opt.margin, opt.margin, 0, 0};
    }
    detail::LResult lr = detail::layered(ln, le, opt, fr);
    R.dummies += lr.dummies;
    R.crossings += lr.crossings;
    R.straightened += lr.straightened;
    auto& lp = local_pos[static_cast<size_t>(c + 1)];
    lp.assign(lr.pos.begin(), lr.pos.begin() + static_cast<std::ptrdiff_t>(ks.size()));
    if (c >= 0) {
      Laid& me = laid[static_cast<size_t>(c)];
      me.w = lr.width;
      me.h = lr.height;
      for (const auto& [k, id] : border_in) me.in_y[k] = lr.pos[static_cast<size_t>(id)].y;
      for (const auto& [k, id] : border_out) me.out_y[k] = lr.pos[static_cast<size_t>(id)].y;
    } else {
      R.width = lr.width;
      R.height = lr.height;
      R.layers = lr.layers;
    }
    for (size_t i = 0; i < which.size(); ++i) {
      auto [e, pi] = which[i];
      piece_route[e][pi] = std::move(lr.routes[i]);
      if (lr.has_label[i]) {
        piece_label[e] = lr.labels[i];
        piece_has_label[e] = 1;
      }
    }
  }

  // Absolute positions, top down: a container's origin is its box's top-left.
  std::vector<Point> origin(n + 1);  // per container (0 = top level)
  {
    std::vector<int> stack{-1};
    while (!stack.empty()) {
      int c = stack.back();
      stack.pop_back();
      const auto& ks = kids[static_cast<size_t>(c + 1)];
      const auto& lp = local_pos[static_cast<size_t>(c + 1)];
      Point o = origin[static_cast<size_t>(c + 1)];
      for (size_t i = 0; i < ks.size() && i < lp.size(); ++i) {
        int v = ks[i];
        const Node& N = g.nodes[static_cast<size_t>(v)];
        Box b{o.x + lp[i].x, o.y + lp[i].y, N.cluster ? laid[static_cast<size_t>(v)].w : N.w, N.cluster ? laid[static_cast<size_t>(v)].h : N.h};
        R.nodes[static_cast<size_t>(v)] = b;
        if (N.cluster) {
          origin[static_cast<size_t>(v + 1)] = {b.x, b.y};
          stack.push_back(v);
        }
      }
    }
  }

  // Join the pieces of each edge.
  for (size_t e = 0; e < g.edges.size(); ++e) {
    Route& r = R.edges[e];
    for (size_t pi = 0; pi < pieces[e].size(); ++pi) {
      Point o = origin[static_cast<size_t>(pieces[e][pi].container + 1)];
      for (const Point& p : piece_route[e][pi]) {
        Point q{p.x + o.x, p.y + o.y};
        if (!r.points.empty() && std::abs(r.points.back().x - q.x) < 0.01 && std::abs(r.points.back().y - q.y) < 0.01) continue;
        r.points.push_back(q);
      }
      if (pieces[e][pi].dst_is_target && piece_has_label[e]) {
        r.has_label = true;
        r.label = piece_label[e];
        r.label.x += o.x;
        r.label.y += o.y;
      }
    }
  }
  return R;
}

}  // namespace kfp::layout
