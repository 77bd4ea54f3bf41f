// One container's layered layout: cycle breaking, layering, dummy nodes,
// crossing reduction, coordinates, orthogonal routes (steps in layout.h).
// Every step is linear or n log n in nodes + edges + dummies; the number of
// dummies is capped (long edges past the cap are drawn without them).
#include "core/layout/layered.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <queue>
#include <utility>

namespace kfp::layout::detail {
namespace {

// A segment between adjacent layers, as seen from one of its ends.
struct Adj {
  int other;
  double own_y;    // port offset on this node
  double other_y;  // port offset on the other node
  double weight;
};

struct Work {
  // Nodes: the container's own, then dummies.
  std::vector<double> w, h;
  std::vector<LKind> kind;
  std::vector<char> dummy;
  std::vector<int> rank;
  std::vector<std::vector<Adj>> in, out;  // adjacent-layer segments
  std::vector<std::vector<int>> layers;
  std::vector<int> pos;    // index in its layer
  std::vector<double> y;   // top
  std::vector<double> lx;  // x of its layer's left side
};

// Fraction in [0, 1) for ordering ports of one node top to bottom.
double frac(double port_y, double h) {
  if (h <= 0) return 0.5;
  double f = port_y / h;
  return std::clamp(f, 0.0, 0.999);
}

// Crossings between two adjacent layers: pairs of segments whose ends are in
// opposite orders. Merge sort inversion count, n log n.
size_t count_inversions(std::vector<double>& v, std::vector<double>& tmp, size_t lo, size_t hi) {
  if (hi - lo < 2) return 0;
  size_t mid = (lo + hi) / 2;
  size_t c = count_inversions(v, tmp, lo, mid) + count_inversions(v, tmp, mid, hi);
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    if (v[j] < v[i]) {
      c += mid - i;
      tmp[k++] = v[j++];
    } else {
      tmp[k++] = v[i++];
    }
  }
  while (i < mid) tmp[k++] = v[i++];
  while (j < hi) tmp[k++] = v[j++];
  std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo), tmp.begin() + static_cast<std::ptrdiff_t>(hi),
            v.begin() + static_cast<std::ptrdiff_t>(lo));
  return c;
}

size_t crossings_between(const Work& W, size_t L) {
  std::vector<std::pair<double, double>> segs;
  for (int u : W.layers[L])
    for (const Adj& a : W.out[static_cast<size_t>(u)])
      segs.emplace_back(W.pos[static_cast<size_t>(u)] + frac(a.own_y, W.h[static_cast<size_t>(u)]),
                        W.pos[static_cast<size_t>(a.other)] + frac(a.other_y, W.h[static_cast<size_t>(a.other)]));
  std::sort(segs.begin(), segs.end());
  std::vector<double> lower(segs.size()), tmp(segs.size());
  for (size_t i = 0; i < segs.size(); ++i) lower[i] = segs[i].second;
  return count_inversions(lower, tmp, 0, lower.size());
}

size_t total_crossings(const Work& W) {
  size_t c = 0;
  for (size_t L = 0; L + 1 < W.layers.size(); ++L) c += crossings_between(W, L);
  return c;
}

// One barycenter pass over layer L, from the neighbours on one side.
void order_layer(Work& W, size_t L, bool from_in) {
  auto& layer = W.layers[L];
  std::vector<std::pair<double, int>> keyed;
  keyed.reserve(layer.size());
  for (int v : layer) {
    const auto& nb = from_in ? W.in[static_cast<size_t>(v)] : W.out[static_cast<size_t>(v)];
    double key = W.pos[static_cast<size_t>(v)];
    if (!nb.empty()) {
      double sum = 0, wsum = 0;
      for (const Adj& a : nb) {
        sum += a.weight * (W.pos[static_cast<size_t>(a.other)] + frac(a.other_y, W.h[static_cast<size_t>(a.other)]));
        wsum += a.weight;
      }
      key = sum / wsum;
    }
    keyed.emplace_back(key, v);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < keyed.size(); ++i) {
    layer[i] = keyed[i].second;
    W.pos[static_cast<size_t>(keyed[i].second)] = static_cast<int>(i);
  }
}

// Separation between two neighbours in a layer (top of b - bottom of a).
double separation(const Work& W, int a, int b, const Options& opt) {
  bool real_a = !W.dummy[static_cast<size_t>(a)] && W.kind[static_cast<size_t>(a)] == LKind::Node;
  bool real_b = !W.dummy[static_cast<size_t>(b)] && W.kind[static_cast<size_t>(b)] == LKind::Node;
  if (real_a && real_b) return opt.node_gap;
  if (!W.dummy[static_cast<size_t>(a)] && !W.dummy[static_cast<size_t>(b)]) return 2 * opt.edge_gap;  // border points
  return opt.edge_gap;
}

// Places layer L's nodes, keeping their order and separations, as close as
// possible (weighted least squares) to where their neighbours want them:
// isotonic regression by pool-adjacent-violators, linear in the layer.
void place_layer(Work& W, size_t L, bool use_in, bool use_out, const Options& opt) {
  const auto& layer = W.layers[L];
  size_t n = layer.size();
  if (n == 0) return;
  std::vector<double> off(n), target(n), weight(n);
  double o = 0;
  for (size_t i = 0; i < n; ++i) {
    int v = layer[i];
    if (i > 0) o += W.h[static_cast<size_t>(layer[i - 1])] + separation(W, layer[i - 1], v, opt);
    off[i] = o;
    double sum = 0, wsum = 0;
    auto acc = [&](const std::vector<Adj>& nb) {
      for (const Adj& a : nb) {
        sum += a.weight * (W.y[static_cast<size_t>(a.other)] + a.other_y - a.own_y);
        wsum += a.weight;
      }
    };
    if (use_in) acc(W.in[static_cast<size_t>(v)]);
    if (use_out) acc(W.out[static_cast<size_t>(v)]);
    if (wsum == 0) {
      sum = W.y[static_cast<size_t>(v)] * 1e-3;
      wsum = 1e-3;
    }
    target[i] = sum / wsum - off[i];
    weight[i] = wsum;
  }
  // Blocks of equal value: (weight sum, weighted sum, first index).
  struct Block {
    double ws, s;
    size_t first;
  };
  std::vector<Block> st;
  st.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    st.push_back({weight[i], weight[i] * target[i], i});
    while (st.size() > 1) {
      Block& b = st.back();
      Block& a = st[st.size() - 2];
      if (a.s / a.ws <= b.s / b.ws) break;
      a.ws += b.ws;
      a.s += b.s;
      st.pop_back();
    }
  }
  for (size_t k = 0; k < st.size(); ++k) {
    size_t end = k + 1 < st.size() ? st[k + 1].first : n;
    double val = st[k].s / st[k].ws;
    for (size_t i = st[k].first; i < end; ++i) W.y[static_cast<size_t>(layer[i])] = val + off[i];
  }
}

}  // namespace

LResult layered(const std::vector<LNode>& nodes, const std::vector<LEdge>& edges, const Options& opt, const Frame& frame) {
  LResult R;
  const size_t n = nodes.size();
  R.pos.assign(n, Point{});
  R.routes.assign(edges.size(), {});
  R.labels.assign(edges.size(), Box{});
  R.has_label.assign(edges.size(), 0);

  // --- 1. cycle breaking: reverse the back edges of a DFS in node order ------
  std::vector<std::vector<int>> outE(n);
  for (size_t e = 0; e < edges.size(); ++e) {
    const LEdge& E = edges[e];
    if (E.s < 0 || E.t < 0 || static_cast<size_t>(E.s) >= n || static_cast<size_t>(E.t) >= n || E.s == E.t) continue;
    outE[static_cast<size_t>(E.s)].push_back(static_cast<int>(e));
  }
  std::vector<char> reversed(edges.size(), 0), valid(edges.size(), 0);
  {
    std::vector<uint8_t> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<int, size_t>> stack;
    for (size_t r = 0; r < n; ++r) {
      if (state[r]) continue;
      stack.push_back({static_cast<int>(r), 0});
      state[r] = 1;
      while (!stack.empty()) {
        auto& [v, i] = stack.back();
        const auto& oe = outE[static_cast<size_t>(v)];
        if (i < oe.size()) {
          int e = oe[i++];
          valid[static_cast<size_t>(e)] = 1;
          int t = edges[static_cast<size_t>(e)].t;
          if (state[static_cast<size_t>(t)] == 1) {
            reversed[static_cast<size_t>(e)] = 1;
          } else if (state[static_cast<size_t>(t)] == 0) {
            state[static_cast<size_t>(t)] = 1;
            stack.push_back({t, 0});
          }
        } else {
          state[static_cast<size_t>(v)] = 2;
          stack.pop_back();
        }
      }
    }
  }
  // Directed (acyclic) view: a -> b.
  auto head = [&](size_t e) { return reversed[e] ? edges[e].t : edges[e].s; };
  auto tail = [&](size_t e) { return reversed[e] ? edges[e].s : edges[e].t; };

  // --- 2. layering ------------------------------------------------------------
  bool has_in = false, has_out = false;
  for (const auto& nd : nodes) {
    has_in |= nd.kind == LKind::BorderIn;
    has_out |= nd.kind == LKind::BorderOut;
  }
  const int base = has_in ? 1 : 0;
  auto is_inner = [&](size_t v) { return nodes[v].kind == LKind::Node; };
  std::vector<std::vector<int>> dout(n), din(n);  // directed inner-to-inner edges
  for (size_t e = 0; e < edges.size(); ++e) {
    if (!valid[e]) continue;
    size_t a = static_cast<size_t>(head(e)), b = static_cast<size_t>(tail(e));
    if (is_inner(a) && is_inner(b)) {
      dout[a].push_back(static_cast<int>(b));
      din[b].push_back(static_cast<int>(a));
    }
  }
  std::vector<int> rank(n, base);
  std::vector<int> topo;
  topo.reserve(n);
  {
    std::vector<size_t> indeg(n, 0);
    for (size_t v = 0; v < n; ++v) indeg[v] = din[v].size();
    std::queue<int> q;
    for (size_t v = 0; v < n; ++v)
      if (is_inner(v) && indeg[v] == 0) q.push(static_cast<int>(v));
    while (!q.empty()) {
      int v = q.front();
      q.pop();
      topo.push_back(v);
      for (int b : dout[static_cast<size_t>(v)]) {
        rank[static_cast<size_t>(b)] = std::max(rank[static_cast<size_t>(b)], rank[static_cast<size_t>(v)] + 1);
        if (--indeg[static_cast<size_t>(b)] == 0) q.push(b);
      }
    }
  }
  // Sources sit just before their first successor (not all in layer 0), unless
  // pinned to the first layer.
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    size_t v = static_cast<size_t>(*it);
    if (!din[v].empty() || dout[v].empty() || nodes[v].layer == LayerConstraint::First) continue;
    int m = INT32_MAX;
    for (int b : dout[v]) m = std::min(m, rank[static_cast<size_t>(b)]);
    rank[v] = std::max(base, m - 1);
  }
  int maxr = base - 1;
  for (size_t v = 0; v < n; ++v)
    if (is_inner(v)) maxr = std::max(maxr, rank[v]);
  for (size_t v = 0; v < n; ++v)
    if (is_inner(v) && nodes[v].layer == LayerConstraint::Last && dout[v].empty()) rank[v] = maxr;
  // Drop empty layers.
  {
    std::vector<char> used(static_cast<size_t>(std::max(maxr + 1, 0)), 0);
    for (size_t v = 0; v < n; ++v)
      if (is_inner(v)) used[static_cast<size_t>(rank[v])] = 1;
    std::vector<int> remap(used.size(), 0);
    int next = base;
    for (size_t r = static_cast<size_t>(base); r < used.size(); ++r)
      if (used[r]) remap[r] = next++;
    for (size_t v = 0; v < n; ++v)
      if (is_inner(v)) rank[v] = remap[static_cast<size_t>(rank[v])];
    maxr = next - 1;
  }
  for (size_t v = 0; v < n; ++v) {
    if (nodes[v].kind == LKind::BorderIn) rank[v] = 0;
    if (nodes[v].kind == LKind::BorderOut) rank[v] = maxr + 1;
  }
  const int nlayers = std::max(maxr + 1 + (has_out ? 1 : 0), 0);

  // --- 3. dummy nodes: one chain per source port, shared by its long edges ---
  Work W;
  W.w.resize(n);
  W.h.resize(n);
  W.kind.resize(n);
  W.dummy.assign(n, 0);
  for (size_t v = 0; v < n; ++v) {
    W.w[v] = nodes[v].w;
    W.h[v] = nodes[v].h;
    W.kind[v] = nodes[v].kind;
  }
  W.rank = rank;
  W.in.resize(n);
  W.out.resize(n);
  // Linear in the input: past this, long edges are drawn without dummies
  // (straight across the layers they span) rather than making the layout
  // quadratic when many edges reach far back (measured with `kfpc graph
  // --layout`, 5,000 tasks with random long-range inputs: 4.2 s -> 0.55 s).
  const size_t dummy_budget = 3 * (n + edges.size()) + 2000;
  std::map<std::pair<int, double>, std::vector<int>> chains;  // (node, port y) -> dummies by layer offset
  std::vector<std::vector<int>> paths(edges.size());
  std::vector<char> straight(edges.size(), 0);
  auto add_seg = [&](int u, double uy, int v, double vy) {
    double wgt = (W.dummy[static_cast<size_t>(u)] && W.dummy[static_cast<size_t>(v)]) ? 8.0
                 : (W.dummy[static_cast<size_t>(u)] || W.dummy[static_cast<size_t>(v)]) ? 2.0
                                                                                          : 1.0;
    W.out[static_cast<size_t>(u)].push_back({v, uy, vy, wgt});
    W.in[static_cast<size_t>(v)].push_back({u, vy, uy, wgt});
  };
  auto port_out = [&](size_t e) { return reversed[e] ? edges[e].ty : edges[e].sy; };
  auto port_in = [&](size_t e) { return reversed[e] ? edges[e].sy : edges[e].ty; };
  for (size_t e = 0; e < edges.size(); ++e) {
    if (!valid[e]) continue;
    int a = head(e), b = tail(e);
    double ay = port_out(e), by = port_in(e);
    int span = rank[static_cast<size_t>(b)] - rank[static_cast<size_t>(a)];
    auto& path = paths[e];
    path.push_back(a);
    if (span > 1 && R.dummies + static_cast<size_t>(span - 1) > dummy_budget) {
      straight[e] = 1;
      ++R.straightened;
    } else if (span > 1) {
      // Reversed edges get a chain of their own (key on the edge's index).
      auto key = reversed[e] ? std::make_pair(-1 - static_cast<int>(e), 0.0) : std::make_pair(a, ay);
      auto& chain = chains[key];
      int prev = a;
      double prev_y = ay;
      for (int k = 1; k < span; ++k) {
        if (static_cast<size_t>(k - 1) >= chain.size()) {
          int d = static_cast<int>(W.w.size());
          W.w.push_back(0);
          W.h.push_back(0);
          W.kind.push_back(LKind::Node);
          W.dummy.push_back(1);
          W.rank.push_back(rank[static_cast<size_t>(a)] + k);
          W.in.emplace_back();
          W.out.emplace_back();
          chain.push_back(d);
          add_seg(prev, prev_y, d, 0);
          ++R.dummies;
        }
        prev = chain[static_cast<size_t>(k - 1)];
        prev_y = 0;
        path.push_back(prev);
      }
      add_seg(prev, prev_y, b, by);
    } else {
      add_seg(a, ay, b, by);
    }
    path.push_back(b);
  }
  const size_t total = W.w.size();

  // --- 4. crossing reduction ----------------------------------------------------
  W.layers.assign(static_cast<size_t>(nlayers), {});
  for (size_t v = 0; v < total; ++v)
    if (W.rank[v] >= 0 && W.rank[v] < nlayers) W.layers[static_cast<size_t>(W.rank[v])].push_back(static_cast<int>(v));
  W.pos.assign(total, 0);
  for (auto& layer : W.layers)
    for (size_t i = 0; i < layer.size(); ++i) W.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
  // The first order follows the model (a DFS would be no better for pipelines,
  // whose tasks come in a sensible order); a first downward pass places the
  // dummies next to their sources.
  for (size_t L = 1; L < W.layers.size(); ++L) order_layer(W, L, true);
  size_t best = total_crossings(W);
  std::vector<std::vector<int>> best_layers = W.layers;
  for (int round = 0; round < opt.sweeps && best > 0; ++round) {
    for (size_t L = 1; L < W.layers.size(); ++L) order_layer(W, L, true);
    for (size_t L = W.layers.size(); L-- > 1;) order_layer(W, L - 1, false);
    size_t c = total_crossings(W);
    if (c < best) {
      best = c;
      best_layers = W.layers;
    } else {
      break;  // no progress: further sweeps rarely help and cost time
    }
  }
  W.layers = std::move(best_layers);
  for (auto& layer : W.layers)
    for (size_t i = 0; i < layer.size(); ++i) W.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
  R.crossings = best;

  // --- 5. coordinates across layers (y) -------------------------------------------
  W.y.assign(total, 0);
  for (const auto& layer : W.layers) {
    double y = 0;
    for (size_t i = 0; i < layer.size(); ++i) {
      if (i > 0) y += W.h[static_cast<size_t>(layer[i - 1])] + separation(W, layer[i - 1], layer[i], opt);
      W.y[static_cast<size_t>(layer[i])] = y;
    }
  }
  for (int round = 0; round < 4; ++round) {
    for (size_t L = 1; L < W.layers.size(); ++L) place_layer(W, L, true, false, opt);
    for (size_t L = W.layers.size(); L-- > 1;) place_layer(W, L - 1, false, true, opt);
  }
  for (size_t L = 0; L < W.layers.size(); ++L) place_layer(W, L, true, true, opt);
  double miny = 0, maxy = 0;
  bool any = false;
  for (size_t v = 0; v < total; ++v) {
    if (W.rank[v] < 0 || W.rank[v] >= nlayers) continue;
    miny = any ? std::min(miny, W.y[v]) : W.y[v];
    maxy = any ? std::max(maxy, W.y[v] + W.h[v]) : W.y[v] + W.h[v];
    any = true;
  }
  // Whole pixels: edges between near-equal rows become exactly straight
  // instead of hundredth-of-a-pixel jogs (separations only grow: they are
  // whole numbers in practice, and rounding keeps the order).
  for (size_t v = 0; v < total; ++v) W.y[v] = std::round(W.y[v] + frame.pad_top - miny);
  maxy = std::round(maxy + frame.pad_top - miny);

  // --- 6. tracks in each gap, then layer positions (x) ---------------------------
  // A vertical track per source point (node, port) in a gap: edges that leave
  // one port fork on one line; different sources that overlap get their own.
  struct Group {
    int node;
    double y;  // source point y
    double lo, hi;
    int track = 0;
  };
  std::vector<std::vector<Group>> gaps(static_cast<size_t>(std::max(nlayers, 1)));
  std::map<std::tuple<int, int, double>, size_t> group_of;  // (gap, node, y) -> index in gaps[gap]
  std::vector<double> label_room(static_cast<size_t>(std::max(nlayers, 1)), 0);  // per target layer
  auto ry = [&](int v, double port) { return W.y[static_cast<size_t>(v)] + port; };
  for (size_t e = 0; e < edges.size(); ++e) {
    const auto& p = paths[e];
    if (p.size() < 2) continue;
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      int u = p[i], v = p[i + 1];
      double uy = ry(u, i == 0 ? port_out(e) : 0);
      double vy = ry(v, i + 2 == p.size() ? port_in(e) : 0);
      if (std::abs(uy - vy) < 0.01 && !straight[e]) continue;
      int gap = W.rank[static_cast<size_t>(u)];
      if (gap < 0 || gap >= nlayers) continue;
      auto key = std::make_tuple(gap, u, uy);
      auto it = group_of.find(key);
      if (it == group_of.end()) {
        it = group_of.emplace(key, gaps[static_cast<size_t>(gap)].size()).first;
        gaps[static_cast<size_t>(gap)].push_back({u, uy, std::min(uy, vy), std::max(uy, vy)});
      } else {
        Group& g = gaps[static_cast<size_t>(gap)][it->second];
        g.lo = std::min(g.lo, std::min(uy, vy));
        g.hi = std::max(g.hi, std::max(uy, vy));
      }
    }
    if (!reversed[e] && edges[e].label_w > 0 && !straight[e]) {
      int L = W.rank[static_cast<size_t>(p.back())];
      if (L > 0 && L < nlayers) label_room[static_cast<size_t>(L)] = std::max(label_room[static_cast<size_t>(L)], edges[e].label_w);
    }
  }
  std::vector<int> tracks(static_cast<size_t>(std::max(nlayers, 1)), 0);
  for (size_t L = 0; L < gaps.size(); ++L) {
    auto& gs = gaps[L];
    std::vector<size_t> idx(gs.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return gs[a].lo < gs[b].lo; });
    // (end, track): the track that frees first is reused.
    std::priority_queue<std::pair<double, int>, std::vector<std::pair<double, int>>, std::greater<>> busy;
    int ntracks = 0;
    for (size_t i : idx) {
      if (!busy.empty() && busy.top().first + opt.edge_gap / 2 < gs[i].lo) {
        gs[i].track = busy.top().second;
        busy.pop();
      } else {
        gs[i].track = ntracks++;
      }
      busy.push({gs[i].hi, gs[i].track});
    }
    tracks[L] = ntracks;
  }
  std::vector<double> layer_w(static_cast<size_t>(std::max(nlayers, 1)), 0), layer_x(static_cast<size_t>(std::max(nlayers, 1)), 0);
  for (size_t v = 0; v < total; ++v)
    if (W.rank[v] >= 0 && W.rank[v] < nlayers) layer_w[static_cast<size_t>(W.rank[v])] = std::max(layer_w[static_cast<size_t>(W.rank[v])], W.w[v]);
  auto gap_after = [&](size_t L) {
    double g = opt.edge_gap * (tracks[L] + 1);
    if (L + 1 < label_room.size() && label_room[L + 1] > 0) g += label_room[L + 1] + opt.label_gap;
    else g += opt.edge_gap;
    return std::max(g, opt.layer_gap);
  };
  double x = has_in ? 0 : frame.pad_left;
  double content_right = frame.pad_left;
  for (int L = 0; L < nlayers; ++L) {
    bool border_out = has_out && L == nlayers - 1;
    if (L > 0) x += layer_w[static_cast<size_t>(L - 1)] + gap_after(static_cast<size_t>(L - 1));
    if (has_in && L == 1) x = std::max(x, frame.pad_left);
    if (border_out) x = std::max(x, content_right + frame.pad_right);
    layer_x[static_cast<size_t>(L)] = x;
    if (!border_out && !(has_in && L == 0)) content_right = std::max(content_right, x + layer_w[static_cast<size_t>(L)]);
  }
  R.width = std::max(frame.min_w, content_right + frame.pad_right);
  if (has_out) R.width = std::max(R.width, layer_x[static_cast<size_t>(nlayers - 1)]);
  if (has_out) layer_x[static_cast<size_t>(nlayers - 1)] = R.width;
  R.height = std::max(frame.min_h, (any ? maxy : frame.pad_top) + frame.pad_bottom);
  if (n == 0) R.width = std::max(frame.min_w, frame.pad_left + frame.pad_right);
  R.layers = static_cast<size_t>(nlayers);
  for (size_t v = 0; v < n; ++v) {
    int L = W.rank[v];
    R.pos[v] = {L >= 0 && L < nlayers ? layer_x[static_cast<size_t>(L)] : 0, W.y[v]};
  }

  // --- 7. routes --------------------------------------------------------------------
  auto track_x = [&](int gap, int node, double y) {
    auto it = group_of.find(std::make_tuple(gap, node, y));
    int t = it == group_of.end() ? 0 : gaps[static_cast<size_t>(gap)][it->second].track;
    return layer_x[static_cast<size_t>(gap)] + layer_w[static_cast<size_t>(gap)] + opt.edge_gap * (t + 1);
  };
  for (size_t e = 0; e < edges.size(); ++e) {
    const auto& p = paths[e];
    if (p.size() < 2) continue;
    std::vector<Point> pts;
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      int u = p[i], v = p[i + 1];
      size_t su = static_cast<size_t>(u), sv = static_cast<size_t>(v);
      double uy = ry(u, i == 0 ? port_out(e) : 0);
      double vy = ry(v, i + 2 == p.size() ? port_in(e) : 0);
      int Lu = W.rank[su];
      // Leave u from its east side (a dummy spans its whole layer).
      double ux = W.dummy[su] ? layer_x[static_cast<size_t>(Lu)] + layer_w[static_cast<size_t>(Lu)] : R.pos[su].x + W.w[su];
      pts.push_back({ux, uy});
      double vx = W.dummy[sv] ? layer_x[static_cast<size_t>(W.rank[sv])] : R.pos[sv].x;
      if (std::abs(uy - vy) >= 0.01 || straight[e]) {
        double tx = track_x(Lu, u, uy);
        pts.push_back({tx, uy});
        pts.push_back({tx, vy});
      }
      pts.push_back({vx, vy});
    }
    // Drop repeated and collinear points.
    std::vector<Point> clean;
    for (const Point& q : pts) {
      if (!clean.empty() && std::abs(clean.back().x - q.x) < 0.01 && std::abs(clean.back().y - q.y) < 0.01) continue;
      if (clean.size() >= 2) {
        const Point& a = clean[clean.size() - 2];
        const Point& b = clean.back();
        bool col = (std::abs(a.x - b.x) < 0.01 && std::abs(b.x - q.x) < 0.01) || (std::abs(a.y - b.y) < 0.01 && std::abs(b.y - q.y) < 0.01);
        if (col) clean.back() = q;
        else clean.push_back(q);
      } else {
        clean.push_back(q);
      }
    }
    if (reversed[e]) std::reverse(clean.begin(), clean.end());
    R.routes[e] = std::move(clean);
    if (!reversed[e] && edges[e].label_w > 0) {
      size_t t = static_cast<size_t>(edges[e].t);
      R.has_label[e] = 1;
      R.labels[e] = {R.pos[t].x - opt.label_gap - edges[e].label_w, R.pos[t].y + edges[e].ty - edges[e].label_h / 2, edges[e].label_w,
                     edges[e].label_h};
    }
  }
  return R;
}

}  // namespace kfp::layout::detail
