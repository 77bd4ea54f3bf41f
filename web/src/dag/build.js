// One pipeline of the graph JSON (docs/graph-json.md) -> a nested graph to lay
// out (ELK's JSON shape: children, ports, edges with sources/targets, labels;
// laid out by the core, see layout.js), plus the facts the renderer needs.
// Collapsed groups become one box; edges into a collapsed group end at its box
// and parallel edges merge.
import { textWidth, fitText, FONT_UI, FONT_MONO } from './measure.js';
import { componentOf, inputPorts, outputPorts } from './components.js';

export const G = Object.freeze({
  fontTitle: `600 13px ${FONT_UI}`,
  fontSub: `11px ${FONT_UI}`,
  fontPort: `12px ${FONT_UI}`,
  fontType: `11px ${FONT_MONO}`,
  fontLabel: `11px ${FONT_MONO}`,
  fontGroup: `600 12px ${FONT_UI}`,
  headH: 44, // title + subtitle
  rowH: 20,
  padX: 12,
  portR: 4,
  minW: 180,
  maxW: 420,
  ioH: 30,
  groupHead: 30,
  collapsedH: 56,
});

const GROUP_TITLE = {
  condition: 'Condition',
  'parallel-for': 'ParallelFor',
  'exit-handler': 'ExitHandler',
  pipeline: 'Pipeline',
};

// "system.Dataset@0.0.1" -> "Dataset"; parameter types stay as KFP spells them.
export function shortType(t, list) {
  if (t === null || t === undefined) return '?';
  let s = String(t);
  const m = /^(?:system|google)\.([A-Za-z0-9_]+)@[0-9.]+$/.exec(s);
  if (m) s = m[1];
  return list ? `List[${s}]` : s;
}

export function nodeTitle(n) {
  return (n.displayName || n.name || n.id || '').toString();
}

// comp: the group's entry in the pipeline's components table (components.js), if any.
export function groupSummary(n, comp = null) {
  if (n.group === 'condition') return n.condition ? `if ${n.condition}` : 'condition';
  if (n.group === 'parallel-for') {
    let s = 'for each item';
    if (n.items && typeof n.items.raw === 'string') s += ` in ${n.items.raw}`;
    else if (n.items && n.items.from && n.items.from.node)
      s += ` in ${String(n.items.from.node).replace(/^task:/, '')}.${n.items.from.port ?? ''}`;
    else if (n.items && n.items.input) s += ` in ${n.items.input}`;
    if (Number.isInteger(n.parallelism) && n.parallelism > 0) s += ` (parallelism ${n.parallelism})`;
    return s;
  }
  if (n.group === 'exit-handler') return 'runs its exit task when done';
  if (n.group === 'pipeline') return comp && comp.name ? `pipeline ${comp.name}` : 'pipeline';
  return '';
}

function portId(nodeId, dir, name) {
  return `${nodeId}\u0001${dir}\u0001${name}`;
}

// Ancestors of a node (nearest first), by parent links; stops on a cycle.
function ancestors(byId, id) {
  const out = [];
  const seen = new Set([id]);
  let p = byId.get(id)?.parent;
  while (p && byId.has(p) && !seen.has(p)) {
    out.push(p);
    seen.add(p);
    p = byId.get(p).parent;
  }
  return out;
}

// pipeline: one element of graph.pipelines. collapsed: Set of group ids.
export function buildElk(pipeline, collapsed = new Set()) {
  const nodes = Array.isArray(pipeline?.nodes) ? pipeline.nodes.filter((n) => n && typeof n.id === 'string') : [];
  const edges = Array.isArray(pipeline?.edges) ? pipeline.edges.filter((e) => e && e.from && e.to) : [];
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // The visible stand-in of a node: itself, or its outermost collapsed ancestor.
  const visible = new Map();
  for (const n of nodes) {
    let v = n.id;
    for (const a of ancestors(byId, n.id)) if (collapsed.has(a)) v = a;
    visible.set(n.id, v);
  }
  const isShown = (id) => visible.get(id) === id;
  const isOpenGroup = (n) => n.kind === 'group' && !collapsed.has(n.id);
  const parentOf = (id) => {
    const p = byId.get(id)?.parent;
    return p && byId.has(p) ? p : null;
  };

  // Ports referenced by edges but missing from the node (unresolved components).
  const extraIn = new Map();
  const extraOut = new Map();
  for (const e of edges) {
    const add = (m, id, port) => {
      if (port === null || port === undefined) return;
      if (!m.has(id)) m.set(id, new Set());
      m.get(id).add(String(port));
    };
    add(extraOut, e.from.node, e.from.port);
    add(extraIn, e.to.node, e.to.port);
  }

  const info = new Map(); // id -> render facts
  const elkNodes = new Map(); // id -> elk node

  const makePorts = (n, w) => {
    const ins = [];
    const outs = [];
    const seenIn = new Set();
    const seenOut = new Set();
    for (const p of inputPorts(pipeline, n)) {
      if (!p || seenIn.has(String(p.name))) continue;
      seenIn.add(String(p.name));
      ins.push({ name: String(p.name), type: p.type, list: !!p.list, artifact: !!p.artifact, spec: p });
    }
    for (const p of outputPorts(pipeline, n)) {
      if (!p || seenOut.has(String(p.name))) continue;
      seenOut.add(String(p.name));
      outs.push({ name: String(p.name), type: p.type, list: !!p.list, artifact: !!p.artifact, spec: p });
    }
    for (const name of extraIn.get(n.id) || []) if (!seenIn.has(name)) ins.push({ name, type: null, missing: true });
    for (const name of extraOut.get(n.id) || []) if (!seenOut.has(name)) outs.push({ name, type: null, missing: true });
    return { ins, outs, w };
  };

  // comp: the node's entry in the pipeline's components table, or null.
  const taskBox = (n, entry) => {
    const title = nodeTitle(n);
    const comp = entry || {};
    const compName = comp.name && comp.name !== title && comp.name !== n.name ? comp.name : '';
    const sub = [compName, comp.image || ''].filter(Boolean).join(' · ') || (comp.resolved === false ? 'unresolved component' : comp.executor && comp.executor !== 'container' ? comp.executor : '');
    const { ins, outs } = makePorts(n);
    const rowText = (p) => textWidth(p.name, G.fontPort) + 6 + textWidth(shortType(p.type, p.list), G.fontType);
    let inW = Math.max(0, ...ins.map(rowText));
    let outW = Math.max(0, ...outs.map(rowText));
    let w = Math.max(textWidth(title, G.fontTitle) + 2 * G.padX + 20, Math.min(textWidth(sub, G.fontSub), 260) + 2 * G.padX, inW + outW + 2 * G.padX + 20);
    w = Math.ceil(Math.min(G.maxW, Math.max(G.minW, w)));
    // Share the row between the input and output columns, in proportion when cut.
    const room = w - 2 * G.padX - 20;
    if (inW + outW > room) {
      const k = room / (inW + outW);
      inW = Math.max(room * 0.3, inW * k);
      outW = room - inW;
    } else if (outW === 0) inW = room;
    else if (inW === 0) outW = room;
    else {
      inW += (room - inW - outW) / 2;
      outW = room - inW;
    }
    const rows = Math.max(ins.length, outs.length, 1);
    const hgt = G.headH + rows * G.rowH + 8;
    return { title, sub, ins, outs, w, h: hgt, inColW: inW, outColW: outW };
  };

  const elkPorts = (id, f) => {
    const ports = [];
    f.ins.forEach((p, i) => {
      p.id = portId(id, 'in', p.name);
      p.y = G.headH + i * G.rowH + G.rowH / 2;
      ports.push({ id: p.id, side: 'in', width: 2 * G.portR, height: 2 * G.portR, x: -G.portR, y: p.y - G.portR });
    });
    f.outs.forEach((p, i) => {
      p.id = portId(id, 'out', p.name);
      p.y = G.headH + i * G.rowH + G.rowH / 2;
      ports.push({ id: p.id, side: 'out', width: 2 * G.portR, height: 2 * G.portR, x: f.w - G.portR, y: p.y - G.portR });
    });
    return ports;
  };

  for (const n of nodes) {
    if (!isShown(n.id)) continue;
    const comp = componentOf(pipeline, n); // its entry in the components table (components.js), or null
    let f;
    let elk;
    if (n.kind === 'input' || n.kind === 'output') {
      const label = String(n.name ?? '');
      const type = shortType(n.type, n.list);
      const w = Math.ceil(Math.max(110, textWidth(label, G.fontPort) + textWidth(type, G.fontType) + 2 * G.padX + 22));
      f = { kind: n.kind, title: label, type, w, h: G.ioH, ins: [], outs: [] };
      const pid = portId(n.id, n.kind === 'input' ? 'out' : 'in', '');
      f.anchor = pid;
      elk = {
        id: n.id,
        width: w,
        height: G.ioH,
        ports: [{ id: pid, side: n.kind === 'input' ? 'out' : 'in', width: 2 * G.portR, height: 2 * G.portR, x: n.kind === 'input' ? w - G.portR : -G.portR, y: G.ioH / 2 - G.portR }],
      };
      // Top-level pipeline inputs in the first layer, outputs in the last.
      if (n.kind === 'input' && !parentOf(n.id)) elk.layer = 'first';
      if (n.kind === 'output' && !parentOf(n.id)) elk.layer = 'last';
    } else if (isOpenGroup(n)) {
      const title = `${GROUP_TITLE[n.group] || 'Group'} · ${nodeTitle(n)}`;
      const summary = groupSummary(n, comp);
      f = { kind: 'group', open: true, title, summary, group: n.group, ins: [], outs: [] };
      const minW = Math.ceil(textWidth(title, G.fontGroup) + 60);
      // padding: [top, left, bottom, right]; the top leaves room for the title.
      elk = { id: n.id, children: [], padding: [G.groupHead + 10, 16, 16, 16], minWidth: minW, minHeight: 60 };
    } else if (n.kind === 'group') {
      // Collapsed: a box the size of a task, edges attach to the box itself.
      const title = nodeTitle(n);
      const inner = nodes.filter((m) => m.kind === 'task' && ancestors(byId, m.id).includes(n.id)).length;
      const sub = `${GROUP_TITLE[n.group] || 'Group'} · ${inner} task${inner === 1 ? '' : 's'} inside`;
      const w = Math.ceil(Math.min(G.maxW, Math.max(G.minW, textWidth(title, G.fontTitle) + 60, textWidth(sub, G.fontSub) + 2 * G.padX)));
      const summary = groupSummary(n, comp);
      f = { kind: 'group', open: false, title, sub, summary, group: n.group, w, h: G.collapsedH, ins: [], outs: [] };
      elk = { id: n.id, width: w, height: G.collapsedH };
    } else {
      f = { kind: 'task', ...taskBox(n, comp) };
      elk = { id: n.id, width: f.w, height: f.h, ports: elkPorts(n.id, f) };
    }
    f.node = n;
    f.component = comp;
    info.set(n.id, f);
    elkNodes.set(n.id, elk);
  }

  // Nest shown nodes under their open parent group.
  const root = { id: '__root__', children: [], edges: [] };
  for (const [id, elk] of elkNodes) {
    const p = parentOf(id);
    const parentElk = p && elkNodes.get(p);
    if (parentElk && parentElk.children) parentElk.children.push(elk);
    else root.children.push(elk);
  }
  const containerOf = new Map([['__root__', root]]);
  for (const [id, elk] of elkNodes) if (elk.children) containerOf.set(id, elk);

  // Lowest open group containing both endpoints (an edge from a group to its own
  // child lives in that group).
  const chain = (id) => [id, ...ancestors(byId, id)];
  const lca = (a, b) => {
    const ca = chain(a);
    const cb = new Set(chain(b));
    for (const x of ca) if (cb.has(x) && containerOf.has(x) && (x !== a || elkNodes.get(a)?.children) && (x !== b || elkNodes.get(b)?.children)) return x;
    return '__root__';
  };

  // Edges: remap endpoints to visible stand-ins, merge parallel ones.
  const merged = new Map();
  for (const e of edges) {
    const fromN = String(e.from.node);
    const toN = String(e.to.node);
    if (!byId.has(fromN) || !byId.has(toN)) continue;
    const vf = visible.get(fromN);
    const vt = visible.get(toN);
    if (vf === vt) continue; // inside one collapsed group
    const ff = info.get(vf);
    const ft = info.get(vt);
    let sp = null;
    let tp = null;
    if (vf === fromN && ff) {
      if (ff.anchor) sp = ff.anchor;
      else if (e.from.port !== null && e.from.port !== undefined) sp = ff.outs.find((p) => p.name === String(e.from.port))?.id ?? null;
    }
    if (vt === toN && ft) {
      if (ft.anchor) tp = ft.anchor;
      else if (e.to.port !== null && e.to.port !== undefined) tp = ft.ins.find((p) => p.name === String(e.to.port))?.id ?? null;
    }
    const kind = ['data', 'status', 'after'].includes(e.kind) ? e.kind : 'data';
    const key = [vf, sp, vt, tp, kind].join('\u0002');
    let m = merged.get(key);
    if (!m) {
      m = { id: `m${merged.size}`, kind, from: vf, to: vt, sources: [sp ?? vf], targets: [tp ?? vt], edges: [] };
      merged.set(key, m);
    }
    m.edges.push(e);
  }

  const edgeInfo = new Map();
  for (const m of merged.values()) {
    m.mismatch = m.edges.some((e) => e.mismatch === true);
    m.unchecked = m.edges.some((e) => e.unchecked === true);
    m.loopItem = m.edges.some((e) => e.loopItem === true);
    m.label = edgeLabel(m);
    const elkEdge = { id: m.id, sources: m.sources, targets: m.targets };
    if (m.label) {
      m.labelW = Math.ceil(textWidth(m.label, G.fontLabel) + 10);
      elkEdge.labels = [{ id: `${m.id}:l`, text: m.label, width: m.labelW, height: 16 }];
    }
    containerOf.get(lca(m.from, m.to)).edges ||= [];
    containerOf.get(lca(m.from, m.to)).edges.push(elkEdge);
    edgeInfo.set(m.id, m);
  }

  return { elk: root, info, edgeInfo };
}

function edgeLabel(m) {
  if (m.kind === 'after') return '';
  if (m.kind === 'status') return 'final status';
  const e = m.edges[0];
  if (m.mismatch) {
    const bad = m.edges.find((x) => x.mismatch);
    return `${shortType(bad.producerType)} ≠ ${shortType(bad.consumerType)}`;
  }
  const t = e.producerType ?? e.consumerType;
  let s = t === null || t === undefined ? String(e.name ?? '') : shortType(t);
  if (m.loopItem) s = `each ${s}`;
  if (m.edges.length > 1) s += ` ×${m.edges.length}`;
  return s;
}

export { fitText };
