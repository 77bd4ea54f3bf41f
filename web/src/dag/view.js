// The DAG panel shared by the editor page and the embed page: takes one
// pipeline of the graph JSON, lays it out in the core (its worker), draws SVG, and
// handles selection, collapse/expand of groups, pan/zoom/fit.
import { buildElk } from './build.js';
import { layout } from './layout.js';
import { renderSvg, renderTask, COMPACT_ABOVE, DETAIL_SCALE } from './render.js';
import { PanZoom } from './panzoom.js';
import { h, clear } from '../util/dom.js';

export class DagView {
  // host: an element that the view fills. opts: {interactive, onSelect(id|null), onEdge(edge), fitMax}
  constructor(host, opts = {}) {
    this.host = host;
    this.opts = opts;
    this.canvas = h('div', { class: 'dag-canvas', tabindex: 0, 'aria-label': 'pipeline graph' });
    this.message = h('div', { class: 'dag-message', hidden: true });
    host.append(this.canvas, this.message);
    this.pz = new PanZoom(this.canvas);
    this.pipeline = null;
    this.key = null;
    this.collapsed = new Map(); // pipeline key -> Set of group ids
    this.selected = null;
    this.seq = 0;
    this.laid = null;
    this.built = null;
    this.svg = null;
    this.canvas.addEventListener('click', (e) => this.onClick(e));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => {
      if (this.svg && this.autoFit) this.pz.fit({ maxScale: this.opts.fitMax ?? 1.25 });
    }).observe(this.canvas);
  }

  // A key that stays the same while the user edits one pipeline, so the view
  // (zoom, collapsed groups) survives re-analysis on every keystroke.
  static keyOf(p) {
    return p ? `${p.file}\u0000${p.name}` : null;
  }

  showMessage(text) {
    this.message.hidden = !text;
    this.message.textContent = text || '';
  }

  collapsedSet() {
    if (!this.collapsed.has(this.key)) this.collapsed.set(this.key, new Set());
    return this.collapsed.get(this.key);
  }

  // Returns a promise resolved after the drawing is on screen (or superseded).
  async setPipeline(p, { refit = false } = {}) {
    const key = DagView.keyOf(p);
    const changed = key !== this.key;
    this.pipeline = p;
    this.key = key;
    if (!p) {
      this.clearDrawing();
      return;
    }
    await this.relayout({ refit: refit || changed || !this.svg });
  }

  clearDrawing() {
    clear(this.canvas);
    this.svg = null;
    this.pending = null;
    this.laid = null;
    this.built = null;
    this.canvas.dataset.nodes = '0';
    this.canvas.dataset.edges = '0';
  }

  async relayout({ refit = false } = {}) {
    const seq = ++this.seq;
    const p = this.pipeline;
    const collapsed = this.collapsedSet();
    for (const id of [...collapsed]) if (!p.nodes.some((n) => n.id === id)) collapsed.delete(id);
    const built = buildElk(p, collapsed);
    // Most edits (values, comments, spacing) leave the drawn structure as it
    // was: reuse the last layout instead of asking the core again.
    const sig = JSON.stringify(built.elk);
    if (sig === this.lastSig && this.laid) {
      this.built = built;
      if (this.selected && !built.info.has(this.selected)) this.selected = null;
      this.draw();
      if (refit) this.fit();
      this.canvas.dataset.ready = String(seq);
      return;
    }
    this.canvas.classList.add('busy');
    let laid;
    try {
      laid = await layout(built.elk);
    } catch (e) {
      if (seq === this.seq) {
        this.canvas.classList.remove('busy');
        this.showMessage(`Layout failed: ${e && e.message ? e.message : e}`);
      }
      return;
    }
    if (seq !== this.seq) return; // a newer layout is on its way
    this.canvas.classList.remove('busy');
    this.built = built;
    this.laid = laid;
    this.lastSig = sig;
    if (this.selected && !built.info.has(this.selected)) this.selected = null;
    this.draw();
    if (refit) {
      this.autoFit = true;
      this.pz.fit({ maxScale: this.opts.fitMax ?? 1.25 });
    }
    this.canvas.dataset.ready = String(seq);
    if (this.opts.onDrawn) this.opts.onDrawn();
  }

  draw() {
    let tasks = 0;
    for (const f of this.built.info.values()) if (f.kind === 'task') tasks++;
    const compact = tasks > COMPACT_ABOVE;
    const svg = renderSvg(this.laid, this.built, { selected: this.selected, compact });
    clear(this.canvas);
    this.canvas.append(svg);
    this.svg = svg;
    this.canvas.dataset.compact = String(compact);
    this.canvas.dataset.detailed = '0';
    // Compact tasks still to be drawn in full: id -> [info, laid box, element].
    this.pending = new Map();
    if (compact) {
      const els = new Map([...svg.querySelectorAll('g.node.task.compact')].map((el) => [el.dataset.id, el]));
      walkLaid(this.laid, (n) => {
        const f = this.built.info.get(n.id);
        if (f && f.kind === 'task' && els.has(n.id)) this.pending.set(n.id, [f, n, els.get(n.id)]);
      });
    }
    this.pz.onChange = compact ? () => this.scheduleDetail() : null;
    this.pz.attach(svg, this.laid.width, this.laid.height);
    this.canvas.dataset.nodes = String(svg.querySelectorAll('g.node').length);
    this.canvas.dataset.edges = String(svg.querySelectorAll('g.edge').length);
    this.markSelection();
  }

  // Compact drawings (render.js COMPACT_ABOVE): after a pan or zoom, the tasks
  // on screen at DETAIL_SCALE or more are drawn in full, a few hundred a frame.
  scheduleDetail() {
    if (this.detailFrame || !this.pending || !this.pending.size) return;
    this.detailFrame = requestAnimationFrame(() => {
      this.detailFrame = 0;
      this.addDetail();
    });
  }

  addDetail() {
    const { k, x, y } = this.pz.t;
    if (!this.svg || k < DETAIL_SCALE) return;
    const r = this.canvas.getBoundingClientRect();
    const x0 = -x / k;
    const y0 = -y / k;
    const x1 = x0 + r.width / k;
    const y1 = y0 + r.height / k;
    let done = 0;
    let more = false;
    for (const [id, [f, n, el]] of this.pending) {
      if (n.x > x1 || n.y > y1 || n.x + n.width < x0 || n.y + n.height < y0) continue;
      if (done === 300) {
        more = true;
        break;
      }
      el.replaceWith(renderTask(f, n.x, n.y, false, false));
      this.pending.delete(id);
      done++;
    }
    if (done) {
      this.canvas.dataset.detailed = String(Number(this.canvas.dataset.detailed || 0) + done);
      this.markSelection();
    }
    if (more) this.scheduleDetail();
  }

  markSelection() {
    if (!this.svg) return;
    for (const el of this.svg.querySelectorAll('.selected, .related')) el.classList.remove('selected', 'related');
    if (!this.selected) return;
    const sel = this.svg.querySelector(`[data-id="${CSS.escape(this.selected)}"]`);
    if (sel) sel.classList.add('selected');
    for (const el of this.svg.querySelectorAll('g.edge')) {
      if (el.dataset.from === this.selected || el.dataset.to === this.selected) el.classList.add('related');
    }
  }

  select(id, { reveal = false } = {}) {
    this.selected = id && this.built && this.built.info.has(id) ? id : null;
    this.markSelection();
    if (reveal && this.selected && this.laid) {
      const n = findElk(this.laid, this.selected);
      if (n) this.pz.reveal(n.x, n.y, n.width, n.height);
    }
  }

  toggle(id) {
    const c = this.collapsedSet();
    if (c.has(id)) c.delete(id);
    else c.add(id);
    this.autoFit = false;
    return this.relayout();
  }

  setAllGroups(collapse) {
    const c = this.collapsedSet();
    c.clear();
    if (collapse && this.pipeline) {
      // Collapse only the outermost groups; inner ones hide with them.
      for (const n of this.pipeline.nodes) if (n.kind === 'group' && !n.parent) c.add(n.id);
    }
    return this.relayout({ refit: true });
  }

  fit() {
    this.autoFit = true;
    this.pz.fit({ maxScale: this.opts.fitMax ?? 1.25 });
  }

  zoom(f) {
    this.autoFit = false;
    this.pz.zoomBy(f);
  }

  onClick(e) {
    const t = e.target;
    const toggle = t.closest && t.closest('[data-toggle]');
    if (toggle) {
      e.stopPropagation();
      this.toggle(toggle.dataset.toggle);
      return;
    }
    if (!this.opts.interactive) return;
    const node = t.closest && t.closest('g.node, g.group');
    if (node && node.dataset.id) {
      this.select(node.dataset.id);
      if (this.opts.onSelect) this.opts.onSelect(node.dataset.id);
      return;
    }
    const edge = t.closest && t.closest('g.edge, g.edge-label');
    if (edge && this.built) {
      const m = this.built.edgeInfo.get(edge.dataset.id || edge.dataset.edge);
      if (m && this.opts.onEdge) this.opts.onEdge(m);
      return;
    }
    this.select(null);
    if (this.opts.onSelect) this.opts.onSelect(null);
  }

  onKey(e) {
    if (e.key === 'Enter' || e.key === ' ') {
      const el = document.activeElement;
      if (el && el.dataset && (el.dataset.toggle || el.dataset.id)) {
        e.preventDefault();
        el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      }
    } else if (e.key === '+' || e.key === '=') this.zoom(1.2);
    else if (e.key === '-') this.zoom(1 / 1.2);
    else if (e.key === '0') this.fit();
  }
}

function walkLaid(n, fn) {
  fn(n);
  for (const c of n.children || []) walkLaid(c, fn);
}

function findElk(n, id) {
  if (n.id === id) return n;
  for (const c of n.children || []) {
    const f = findElk(c, id);
    if (f) return f;
  }
  return null;
}
