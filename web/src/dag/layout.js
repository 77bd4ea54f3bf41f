// Layout off the main thread: the core's layered layout (core/layout/, the
// wasm `layout()` in the core's worker, docs/wasm-api.md). The nested graph
// from build.js is flattened into the core's request (sizes and port offsets
// measured here), and the answer is written back as a laid-out copy in ELK's
// JSON shape (x/y/width/height, edge sections and labels in root
// coordinates), which render.js draws. Only the newest request matters; older
// results are dropped by the caller's sequence check.
import { core } from '../core.js';

function walk(n, parent, fn) {
  fn(n, parent);
  for (const c of n.children || []) walk(c, n, fn);
}

// The nested graph -> {nodes, edges} as core/layout/layout_json.h reads it.
export function toRequest(root) {
  const nodes = [];
  const edges = [];
  const portOwner = new Map();
  walk(root, null, (n, parent) => {
    if (n === root) return;
    const node = { id: n.id, w: n.width || 0, h: n.height || 0 };
    if (parent && parent !== root) node.parent = parent.id;
    if (n.children) {
      node.cluster = true;
      node.pad = n.padding || [0, 0, 0, 0];
      node.w = n.minWidth || 0;
      node.h = n.minHeight || 0;
    }
    if (n.layer) node.layer = n.layer;
    if (n.ports && n.ports.length) {
      node.ports = n.ports.map((p) => ({ id: p.id, side: p.side, y: p.y + (p.height || 0) / 2 }));
      for (const p of n.ports) portOwner.set(p.id, n.id);
    }
    nodes.push(node);
  });
  walk(root, null, (n) => {
    for (const e of n.edges || []) {
      const s = e.sources[0];
      const t = e.targets[0];
      const req = { id: e.id, from: portOwner.get(s) ?? s, to: portOwner.get(t) ?? t };
      if (portOwner.has(s)) req.fromPort = s;
      if (portOwner.has(t)) req.toPort = t;
      const l = e.labels && e.labels[0];
      if (l) req.label = [l.width, l.height];
      edges.push(req);
    }
  });
  return { nodes, edges };
}

// The core's answer -> a laid-out copy of the nested graph.
export function applyResult(root, req, res) {
  if (!res || res.error) throw new Error(res && res.error ? res.error : 'no layout');
  const box = new Map(req.nodes.map((n, i) => [n.id, res.nodes[i]]));
  const route = new Map(req.edges.map((e, i) => [e.id, res.edges[i]]));
  const copy = (n) => {
    const out = { ...n };
    const b = box.get(n.id);
    if (b) [out.x, out.y, out.width, out.height] = b;
    if (n.children) out.children = n.children.map(copy);
    if (n.edges) {
      out.edges = n.edges.map((e) => {
        const r = route.get(e.id);
        const p = r ? r.points : [];
        const pts = [];
        for (let i = 0; i + 1 < p.length; i += 2) pts.push({ x: p[i], y: p[i + 1] });
        const le = { ...e, sections: pts.length >= 2 ? [{ startPoint: pts[0], bendPoints: pts.slice(1, -1), endPoint: pts[pts.length - 1] }] : [] };
        if (e.labels) {
          le.labels = r && r.label ? e.labels.map((l) => ({ ...l, x: r.label[0], y: r.label[1], width: r.label[2], height: r.label[3] })) : [];
        }
        return le;
      });
    }
    return out;
  };
  const laid = copy(root);
  laid.x = 0;
  laid.y = 0;
  laid.width = res.width;
  laid.height = res.height;
  laid.stats = res.stats;
  return laid;
}

export async function layout(root) {
  const req = toRequest(root);
  const res = await core().layout(req);
  return applyResult(root, req, res);
}
