// [cycle] Tasks that depend on each other in a circle (through arguments or
// `after`). Each strongly connected component is reported once, as its
// shortest cycle starting from the task nearest the top of the file, with a
// note at every dependency that closes it.
#include <algorithm>
#include <cstdint>
#include <tuple>

#include "core/checks/checks.h"

namespace kfp {
namespace {

struct Edge {
  size_t to;    // the dependent task
  Span where;   // the argument / `after` entry that makes the dependency
};

bool before(const Span& a, const Span& b) {
  return std::tie(a.file, a.begin.line, a.begin.col) < std::tie(b.file, b.begin.line, b.begin.col);
}

// Tarjan's strongly connected components that can hold a cycle (more than
// one task, or one with an edge to itself), iterative (deep graphs must not
// overflow the stack).
std::vector<std::vector<size_t>> sccs(const std::vector<std::vector<Edge>>& g) {
  size_t n = g.size(), counter = 0;
  std::vector<size_t> index(n, SIZE_MAX), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  std::vector<std::vector<size_t>> out;
  for (size_t root = 0; root < n; ++root) {
    if (index[root] != SIZE_MAX) continue;
    std::vector<std::pair<size_t, size_t>> call{{root, 0}};  // (node, next edge)
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!call.empty()) {
      auto& [v, i] = call.back();
      if (i < g[v].size()) {
        size_t w = g[v][i++].to;
        if (index[w] == SIZE_MAX) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = true;
          call.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      // A task alone in its component is only a cycle with an edge to
      // itself: acyclic graphs (the usual case) make no lists at all.
      auto self_edge = [&](size_t x) {
        return std::any_of(g[x].begin(), g[x].end(), [&](const Edge& e) { return e.to == x; });
      };
      if (low[v] == index[v] && stack.back() == v && !self_edge(v)) {
        stack.pop_back();
        on_stack[v] = false;
      } else if (low[v] == index[v]) {
        std::vector<size_t> comp;
        size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp.push_back(w);
        } while (w != v);
        out.push_back(std::move(comp));
      }
      size_t done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
    }
  }
  return out;
}

class TaskCyclesCheck final : public Check {
 public:
  std::string_view id() const override { return "cycle"; }

  void on_dag_end(const Component& owner, Sink& out) override {
    const auto& tasks = owner.dag->tasks;
    // Edges producer -> consumer (data-flow order).
    std::vector<std::vector<Edge>> g(tasks.size());
    auto add = [&](const std::string& from, size_t to, Span where) {
      const Task* producer = owner.dag->find(from);  // the first task of that name
      if (!producer) return;
      // Edges are added consumer by consumer, so a repeat of (from, to) can
      // only be the last edge of `from` (a scan of all of them was quadratic
      // in a fan-out).
      auto& out_edges = g[static_cast<size_t>(producer - tasks.data())];
      if (!out_edges.empty() && out_edges.back().to == to) return;
      out_edges.push_back({to, where});
    };
    for (size_t i = 0; i < tasks.size(); ++i) {
      for (const auto& a : tasks[i].arguments)
        if (a.source.kind == ArgumentSource::Kind::TaskOutput ||
            a.source.kind == ArgumentSource::Kind::TaskFinalStatus)
          add(a.source.task, i, a.input.span.valid() ? a.input.span : a.span);
      for (const auto& dep : tasks[i].after) add(dep.value, i, dep.span);
    }
    std::vector<std::vector<size_t>> comps = sccs(g);
    // Report in file order of each cycle's first task.
    std::vector<std::pair<size_t, std::vector<size_t>>> cycles;
    Scratch scratch(tasks.size());
    for (auto& comp : comps) {
      size_t start = comp.front();
      for (size_t v : comp)
        if (before(tasks[v].name.span, tasks[start].name.span)) start = v;
      std::vector<size_t> path = shortest_cycle(g, comp, start, scratch);
      if (!path.empty()) cycles.push_back({start, std::move(path)});
    }
    std::sort(cycles.begin(), cycles.end(),
              [&](const auto& a, const auto& b) { return before(tasks[a.first].name.span, tasks[b.first].name.span); });
    for (const auto& [start, path] : cycles) {
      // Long cycles stay readable: the first and last few tasks, the count
      // in between, and notes for the edges shown.
      constexpr size_t kShow = 8;
      std::string text;
      bool elided = path.size() > 2 * kShow;
      for (size_t k = 0; k < path.size(); ++k) {
        if (elided && k == kShow) {
          text += "... (" + std::to_string(path.size() - 2 * kShow) + " more tasks) -> ";
          k = path.size() - kShow - 1;
          continue;
        }
        text += tasks[path[k]].name.value + " -> ";
      }
      text += tasks[start].name.value;
      Diagnostic& d = out.report(DiagId::err_cycle, tasks[start].name.span, {text});
      for (size_t k = 0; k < path.size(); ++k) {
        if (elided && k >= kShow && k + kShow < path.size()) continue;
        size_t from = path[k], to = k + 1 < path.size() ? path[k + 1] : start;
        for (const Edge& e : g[from])
          if (e.to == to) d.note(DiagId::note_cycle_edge, e.where, {tasks[to].name.value, tasks[from].name.value});
      }
    }
  }

 private:
  // Per-task BFS state, allocated once per graph and reset after each
  // search (allocating it per component was quadratic: every task is a
  // component of its own in an acyclic graph).
  struct Scratch {
    explicit Scratch(size_t n) : in(n, false), seen(n, false), parent(n, SIZE_MAX) {}
    std::vector<bool> in, seen;
    std::vector<size_t> parent;
  };

  // The shortest path start -> ... -> start inside `comp` (BFS).
  static std::vector<size_t> shortest_cycle(const std::vector<std::vector<Edge>>& g,
                                            const std::vector<size_t>& comp, size_t start, Scratch& s) {
    if (comp.size() == 1) return {start};  // sccs() keeps a lone task only with its self-edge
    for (size_t v : comp) s.in[v] = true;
    std::vector<size_t> visited{start}, path;
    s.seen[start] = true;
    for (size_t head = 0; head < visited.size() && path.empty(); ++head) {
      size_t v = visited[head];
      for (const Edge& e : g[v]) {
        if (!s.in[e.to]) continue;
        if (e.to == start) {
          for (size_t x = v; x != SIZE_MAX; x = s.parent[x]) path.push_back(x);
          std::reverse(path.begin(), path.end());
          break;
        }
        if (s.seen[e.to]) continue;
        s.seen[e.to] = true;
        s.parent[e.to] = v;
        visited.push_back(e.to);
      }
    }
    for (size_t v : comp) s.in[v] = false;
    for (size_t v : visited) {
      s.seen[v] = false;
      s.parent[v] = SIZE_MAX;
    }
    return path;
  }
};

}  // namespace

std::unique_ptr<Check> make_task_cycles_check() { return std::make_unique<TaskCyclesCheck>(); }

}  // namespace kfp
