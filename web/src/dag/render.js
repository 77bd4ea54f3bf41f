// Laid-out graph (ELK's JSON shape, from layout.js) -> SVG. Every string from the pipeline goes into a text
// node (SVG <text>/<title> via textContent); nothing is parsed as markup.
import { s } from '../util/dom.js';
import { G, shortType, fitText } from './build.js';
import { textWidth } from './measure.js';

const R = 6; // corner radius of orthogonal edge bends

// Above COMPACT_ABOVE tasks a drawing fitted to the window is far too small to
// read, and the browser spent seconds laying out text nobody could see (5,000
// tasks: 4-7 s, mostly style and layout of ~200,000 SVG elements). Such a
// drawing is compact: tasks keep their box, coloured head and port dots (so
// edges still meet their ports) and are named by their aria-label; the title
// (a text to shape per task: 100 of the ~330 ms Chromium took to style, lay
// out and paint 5,000 compact tasks), head rule, subtitle, tooltip, port names
// and types are left out, and edges have no hit area, label pill or tooltip (a
// mismatched edge keeps its tooltip: KFP's message must stay reachable). view.js
// draws a task in full as soon as it is on screen at a readable zoom
// (DETAIL_SCALE or more), so nothing is lost to a user who zooms in.
export const COMPACT_ABOVE = 800;
export const DETAIL_SCALE = 0.5;

// Orthogonal polyline with rounded corners.
function pathD(points) {
  if (points.length < 2) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1];
    const c = points[i];
    const n = points[i + 1];
    const d1 = Math.hypot(c.x - p.x, c.y - p.y);
    const d2 = Math.hypot(n.x - c.x, n.y - c.y);
    const r = Math.min(R, d1 / 2, d2 / 2);
    if (r < 0.5) {
      d += ` L${c.x},${c.y}`;
      continue;
    }
    const a = { x: c.x - ((c.x - p.x) / d1) * r, y: c.y - ((c.y - p.y) / d1) * r };
    const b = { x: c.x + ((n.x - c.x) / d2) * r, y: c.y + ((n.y - c.y) / d2) * r };
    d += ` L${a.x},${a.y} Q${c.x},${c.y} ${b.x},${b.y}`;
  }
  const last = points[points.length - 1];
  return d + ` L${last.x},${last.y}`;
}

function edgePoints(e) {
  const pts = [];
  for (const sec of e.sections || []) {
    pts.push(sec.startPoint, ...(sec.bendPoints || []), sec.endPoint);
  }
  return pts;
}

function walk(n, fn) {
  fn(n);
  for (const c of n.children || []) walk(c, fn);
}

function typeClass(p) {
  if (p.missing || p.type === null || p.type === undefined) return 'unknown';
  return p.artifact ? 'artifact' : 'param';
}

// One port row: name then type, inside a column of colW pixels.
function portRow(p, side, w, colW) {
  const g = s('g', { class: ['port', side, typeClass(p)], dataset: { port: p.name } });
  const tip = `${side === 'in' ? 'input' : 'output'} ${p.name}: ${p.type ?? 'unknown type'}${p.spec && p.spec.optional ? ' (optional)' : ''}`;
  g.append(s('title', null, tip));
  const cy = p.y;
  const name = fitText(p.name, G.fontPort, colW * 0.7);
  const nameW = measureApprox(name);
  const type = fitText(shortType(p.type, p.list), G.fontType, Math.max(0, colW - nameW - 6));
  if (side === 'in') {
    g.append(s('circle', { class: 'port-dot', cx: 0, cy, r: G.portR }));
    g.append(s('text', { class: 'port-name', x: G.padX, y: cy + 4 }, name));
    if (type) g.append(s('text', { class: 'port-type', x: G.padX + nameW + 6, y: cy + 4 }, type));
  } else {
    g.append(s('circle', { class: 'port-dot', cx: w, cy, r: G.portR }));
    g.append(s('text', { class: 'port-name', x: w - G.padX, y: cy + 4, 'text-anchor': 'end' }, name));
    if (type) g.append(s('text', { class: 'port-type', x: w - G.padX - nameW - 6, y: cy + 4, 'text-anchor': 'end' }, type));
  }
  return g;
}

// A compact drawing's port: the dot only (name and type are in the node's full drawing).
function portDot(p, side, w) {
  return s('circle', { class: ['port-dot', typeClass(p)], cx: side === 'in' ? 0 : w, cy: p.y, r: G.portR });
}

// Width of already-fitted text (cached by measure.js).
function measureApprox(t) {
  return textWidth(t, G.fontPort);
}

// f: a task's facts (build.js): its node and its component's entry.
function nodeTooltip(f) {
  const n = f.node;
  const c = f.component;
  const lines = [n.displayName || n.name];
  if (c && c.name) lines.push(`component: ${c.name}${c.resolved === false ? ' (unresolved)' : ''}`);
  if (c && c.image) lines.push(`image: ${c.image}`);
  if (n.condition) lines.push(`condition: ${n.condition}`);
  return lines.join('\n');
}

// A task at (x, y); compact: see COMPACT_ABOVE.
export function renderTask(f, x, y, selected, compact = false) {
  const n = f.node;
  const unresolved = !!f.component && f.component.resolved === false;
  const g = s('g', {
    class: ['node', 'task', unresolved && 'unresolved', selected && 'selected', n.condition && 'conditional', compact && 'compact'],
    transform: `translate(${x},${y})`,
    dataset: { id: n.id },
    tabindex: 0,
    role: 'button',
    'aria-label': `task ${f.title}`,
  });
  if (!compact) g.append(s('title', null, nodeTooltip(f)));
  g.append(s('rect', { class: 'node-box', width: f.w, height: f.h, rx: 8 }));
  g.append(s('path', { class: 'node-head', d: `M0,8 a8,8 0 0 1 8,-8 h${f.w - 16} a8,8 0 0 1 8,8 v${G.headH - 8} h${-f.w} z` }));
  if (compact) {
    for (const p of f.ins) g.append(portDot(p, 'in', f.w));
    for (const p of f.outs) g.append(portDot(p, 'out', f.w));
    return g;
  }
  g.append(s('line', { class: 'node-sep', x1: 0, x2: f.w, y1: G.headH, y2: G.headH }));
  g.append(s('text', { class: 'node-title', x: G.padX, y: 19 }, fitText(f.title, G.fontTitle, f.w - 2 * G.padX - (n.condition ? 18 : 0))));
  if (n.condition) {
    g.append(s('text', { class: 'node-badge', x: f.w - G.padX, y: 19, 'text-anchor': 'end' }, '◆'));
  }
  g.append(s('text', { class: 'node-sub', x: G.padX, y: 36 }, fitText(f.sub, G.fontSub, f.w - 2 * G.padX)));
  for (const p of f.ins) g.append(portRow(p, 'in', f.w, f.inColW));
  for (const p of f.outs) g.append(portRow(p, 'out', f.w, f.outColW));
  if (f.ins.length === 0 && f.outs.length === 0) {
    g.append(s('text', { class: 'node-empty', x: f.w / 2, y: G.headH + 14, 'text-anchor': 'middle' }, 'no inputs or outputs'));
  }
  return g;
}

function renderIo(f, x, y, selected) {
  const n = f.node;
  const g = s('g', {
    class: ['node', 'io', f.kind, n.artifact && 'artifact', selected && 'selected'],
    transform: `translate(${x},${y})`,
    dataset: { id: n.id },
    tabindex: 0,
    role: 'button',
    'aria-label': `pipeline ${f.kind} ${f.title}`,
  });
  let tip = `pipeline ${f.kind} ${f.title}: ${n.type ?? 'unknown type'}`;
  if (n.default !== undefined) tip += `\ndefault: ${JSON.stringify(n.default)}`;
  if (n.description) tip += `\n${n.description}`;
  g.append(s('title', null, tip));
  g.append(s('rect', { class: 'io-box', width: f.w, height: f.h, rx: f.h / 2 }));
  g.append(s('text', { class: 'io-kind', x: 12, y: f.h / 2 + 4 }, f.kind === 'input' ? '▶' : '■'));
  g.append(s('text', { class: 'port-name', x: 26, y: f.h / 2 + 4 }, f.title));
  g.append(s('text', { class: 'port-type', x: f.w - 12, y: f.h / 2 + 4, 'text-anchor': 'end' }, f.type));
  const px = f.kind === 'input' ? f.w : 0;
  g.append(s('circle', { class: ['port-dot', n.artifact ? 'artifact' : 'param'], cx: px, cy: f.h / 2, r: G.portR }));
  return g;
}

function toggleButton(id, open) {
  const g = s('g', { class: 'group-toggle', dataset: { toggle: id }, role: 'button', tabindex: 0, 'aria-label': open ? 'collapse group' : 'expand group' });
  g.append(s('title', null, open ? 'Collapse' : 'Expand'));
  g.append(s('rect', { x: 0, y: 0, width: 18, height: 18, rx: 4 }));
  g.append(s('path', { d: open ? 'M5,9 h8' : 'M5,9 h8 M9,5 v8' }));
  return g;
}

function renderOpenGroup(f, n, selected) {
  const node = f.node;
  const g = s('g', { class: ['group', `group-${node.group}`, selected && 'selected'], dataset: { id: node.id } });
  const tip = [f.title, f.summary].filter(Boolean).join('\n');
  g.append(s('title', null, tip));
  g.append(s('rect', { class: 'group-box', x: n.x, y: n.y, width: n.width, height: n.height, rx: 10 }));
  const head = s('g', { class: 'group-head', transform: `translate(${n.x},${n.y})` });
  const tb = toggleButton(node.id, true);
  tb.setAttribute('transform', 'translate(8,7)');
  head.append(tb);
  head.append(s('text', { class: 'group-title', x: 32, y: 20 }, fitText(f.title, G.fontGroup, n.width - 44)));
  const titleW = Math.min(textWidth(f.title, G.fontGroup), n.width - 44);
  if (f.summary) {
    const room = n.width - 44 - titleW - 12;
    if (room > 40) head.append(s('text', { class: 'group-summary', x: 32 + titleW + 10, y: 20 }, fitText(f.summary, G.fontSub, room)));
  }
  g.append(head);
  return g;
}

function renderCollapsedGroup(f, x, y, selected) {
  const node = f.node;
  const g = s('g', {
    class: ['node', 'group-collapsed', `group-${node.group}`, selected && 'selected'],
    transform: `translate(${x},${y})`,
    dataset: { id: node.id },
    tabindex: 0,
    role: 'button',
    'aria-label': `group ${f.title}`,
  });
  g.append(s('title', null, [f.title, f.summary].filter(Boolean).join('\n')));
  g.append(s('rect', { class: 'node-box stacked', x: 4, y: 4, width: f.w, height: f.h, rx: 8 }));
  g.append(s('rect', { class: 'node-box', width: f.w, height: f.h, rx: 8 }));
  const tb = toggleButton(node.id, false);
  tb.setAttribute('transform', 'translate(8,9)');
  g.append(tb);
  g.append(s('text', { class: 'node-title', x: 32, y: 22 }, fitText(f.title, G.fontTitle, f.w - 44)));
  g.append(s('text', { class: 'node-sub', x: 12, y: 44 }, fitText(f.sub, G.fontSub, f.w - 24)));
  return g;
}

function edgeTooltip(m, nameOf) {
  if (m.kind === 'after') return `${nameOf(m.from)} runs before ${nameOf(m.to)} (after)`;
  const lines = [];
  for (const e of m.edges) {
    if (e.mismatch && e.message) lines.push(e.message);
  }
  for (const e of m.edges.slice(0, 8)) {
    const src = `${nameOf(e.from.node)}${e.from.port !== null && e.from.port !== undefined ? '.' + e.from.port : ''}`;
    const dst = `${nameOf(e.to.node)}${e.to.port !== null && e.to.port !== undefined ? '.' + e.to.port : ''}`;
    let l = `${src} → ${dst}`;
    const t = e.producerType ?? e.consumerType;
    if (t) l += ` (${t}${e.consumerType && e.producerType && e.consumerType !== e.producerType ? ' → ' + e.consumerType : ''})`;
    if (e.loopItem) l += ', one item per iteration';
    if (e.unchecked) l += ', types not checked: producer unresolved';
    lines.push(l);
  }
  if (m.edges.length > 8) lines.push(`… ${m.edges.length - 8} more`);
  return lines.join('\n');
}

// laid: layout.js output (root coordinates). built: buildElk() result.
// compact: draw tasks and edges compact (COMPACT_ABOVE; the caller decides).
export function renderSvg(laid, built, { selected = null, compact = false } = {}) {
  const { info, edgeInfo } = built;
  const nameOf = (id) => {
    const f = info.get(id);
    if (f) return f.node.displayName || f.node.name || id;
    return String(id).replace(/^(task|in|out):/, '');
  };
  const W = Math.ceil(laid.width || 0);
  const H = Math.ceil(laid.height || 0);
  const svg = s('svg', { class: 'dag', xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-label': 'pipeline graph', dataset: { width: W, height: H } });
  const defs = s('defs');
  for (const k of ['data', 'artifact', 'mismatch', 'after', 'status']) {
    const m = s('marker', { id: `arrow-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' });
    m.append(s('path', { class: `arrow arrow-${k}`, d: 'M0,1 L9,5 L0,9 z' }));
    defs.append(m);
  }
  svg.append(defs);
  const vp = s('g', { class: 'viewport' });
  const gGroups = s('g', { class: 'groups' });
  const gEdges = s('g', { class: 'edges' });
  const gNodes = s('g', { class: 'nodes' });
  const gLabels = s('g', { class: 'edge-labels' });
  vp.append(gGroups, gEdges, gNodes, gLabels);
  svg.append(vp);

  // Groups outermost first so inner clusters paint on top.
  const elkById = new Map();
  walk(laid, (n) => elkById.set(n.id, n));
  walk(laid, (n) => {
    const f = info.get(n.id);
    if (!f) return;
    const sel = selected === n.id;
    if (f.kind === 'group' && f.open) gGroups.append(renderOpenGroup(f, n, sel));
    else if (f.kind === 'group') gNodes.append(renderCollapsedGroup(f, n.x, n.y, sel));
    else if (f.kind === 'task') gNodes.append(renderTask(f, n.x, n.y, sel, compact));
    else gNodes.append(renderIo(f, n.x, n.y, sel));
  });

  const allEdges = [];
  walk(laid, (n) => allEdges.push(...(n.edges || [])));
  for (const le of allEdges) {
    const m = edgeInfo.get(le.id);
    if (!m) continue;
    const pts = edgePoints(le);
    if (pts.length < 2) continue;
    const d = pathD(pts);
    const artifact = m.kind === 'data' && m.edges.every((e) => e.artifact === true);
    const cls = ['edge', `edge-${m.kind}`, artifact && 'artifact', m.mismatch && 'mismatch', m.unchecked && 'unchecked', m.loopItem && 'loop-item'];
    const g = s('g', { class: cls, dataset: { id: m.id, from: m.from, to: m.to }, tabindex: 0, role: 'button' });
    const tip = !compact || m.mismatch ? edgeTooltip(m, nameOf) : null;
    if (tip) g.append(s('title', null, tip));
    if (!compact) g.append(s('path', { class: 'edge-hit', d }));
    // Compact drawings leave out arrowheads (too small to see at that zoom;
    // the layout runs top to bottom): markers were a large part of the time
    // Chromium spent drawing 5,000 tasks.
    const marker = m.mismatch ? 'mismatch' : artifact ? 'artifact' : m.kind;
    g.append(s('path', compact ? { class: 'edge-line', d } : { class: 'edge-line', d, 'marker-end': `url(#arrow-${marker})` }));
    gEdges.append(g);
    if (compact) continue;
    for (const l of le.labels || []) {
      if (!l.text) continue;
      // Centre the label on the edge segment nearest ELK's placement.
      const lg = s('g', { class: ['edge-label', m.mismatch && 'mismatch'], dataset: { edge: m.id } });
      lg.append(s('title', null, tip));
      const w = l.width;
      const cy = nearestSegmentY(pts, l.x + w / 2, l.y + l.height / 2);
      lg.append(s('rect', { x: l.x, y: cy - 8, width: w, height: 16, rx: 8 }));
      lg.append(s('text', { x: l.x + w / 2, y: cy + 4, 'text-anchor': 'middle' }, l.text));
      gLabels.append(lg);
    }
  }
  return svg;
}

// ELK puts a CENTER label beside the edge; we draw it on the line (a pill),
// which needs the y of the horizontal segment under the label's centre.
function nearestSegmentY(pts, cx, cy) {
  let best = cy;
  let bestD = Infinity;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (Math.abs(a.y - b.y) < 0.5 && cx >= Math.min(a.x, b.x) - 1 && cx <= Math.max(a.x, b.x) + 1) {
      const d = Math.abs(a.y - cy);
      if (d < bestD) {
        bestD = d;
        best = a.y;
      }
    }
  }
  return bestD < 40 ? best : cy;
}
