// The editor page: wires files (tabs + CodeMirror), the core (analyze in a
// worker, debounced), the DAG view, exports, share links and persistence.
import { core, Superseded } from '../core.js';
import { Editor } from './editor.js';
import { Tabs } from './tabs.js';
import { renderInspector } from './inspector.js';
import * as persist from './persist.js';
import { DagView } from '../dag/view.js';
import { exportSvgText, exportPngBlob } from '../dag/export.js';
import { encodeState, decodeFragment, isShareFragment, LONG_LINK_CHARS } from '../share/serde.js';
import { validateState, cleanPath, uniquePath, LIMITS, VIEWS } from '../share/state.js';
import { h, clear, debounce, downloadText, downloadBlob, copyText } from '../util/dom.js';

const ANALYZE_DELAY_MS = 250;
const SAVE_DELAY_MS = 300;
const HASH_DELAY_MS = 700;
// Above this the fragment is not kept in the address bar (localStorage still
// has the files); the Share dialog offers a file download instead.
const MAX_HASH_CHARS = 100_000;
const MAX_OPEN_BYTES = LIMITS.maxFileChars;
const GRAPH_KINDS = new Set(['v1-graph', 'ir', 'python']);

const $ = (id) => document.getElementById(id);

export class App {
  constructor() {
    this.core = core();
    this.result = null;
    this.meta = new Map(); // path -> {kind, errors, warnings}
    this.view = 'split';
    this.selection = null;
    this.graphFile = null; // the file whose pipeline is drawn
    this.pipelineChoice = ''; // '' = follow the active tab
    this.linkWritten = null;
    this.analysisSeq = 0;
    this.untitled = 1;

    this.editor = new Editor($('editor'), { onChange: () => this.changed() });
    this.tabs = new Tabs($('tabs'), {
      select: (i) => this.selectTab(i, { user: true }),
      close: (i) => this.closeTab(i),
      rename: (i, p) => this.renameTab(i, p),
      add: () => this.newFile(),
    });
    this.dag = new DagView($('dag'), {
      interactive: true,
      onSelect: (id) => this.selectNode(id, { jump: true }),
      onEdge: (m) => this.gotoSpan(m.edges[0] && m.edges[0].span),
    });

    this.analyzeSoon = debounce(() => this.analyze(), ANALYZE_DELAY_MS);
    this.saveSoon = debounce(() => this.save(), SAVE_DELAY_MS);
    this.hashSoon = debounce(() => this.writeHash(), HASH_DELAY_MS);
  }

  // True while an edit waits for its debounced analysis (tests poll this).
  analyzeSoonPending() {
    return this.analyzeSoon.pending();
  }

  // ---------- start-up ----------

  async start() {
    this.wireUi();
    const saved = persist.loadSaved();
    let state = null;
    if (!(saved && saved.link && saved.link === location.hash.slice(1))) state = await this.openFragment(location.hash, saved);
    if (!state && saved) {
      state = saved.state;
      this.linkWritten = saved.link;
    }
    if (state) {
      this.loadState(state);
      this.hashSoon(); // bring the address bar up to date with what is shown
    }
    else await this.loadSample('add', { quiet: true });
    // A link pasted into the address bar of an open tab changes only the
    // fragment: open it as a fresh load would, instead of writing over it.
    window.addEventListener('hashchange', () => this.hashChanged());
    this.loadSamplesMenu();
    this.core.version().then(
      (v) => {
        $('status-version').textContent = v;
        $('status-core').textContent = 'Core ready';
        document.body.dataset.core = 'ready';
      },
      (e) => this.coreFailed(e),
    );
    this.analyze();
  }

  // The state in a share fragment, or null when there is none or it is broken
  // (then a banner says why). Files shown before are backed up, not lost.
  async openFragment(hash, saved) {
    if (!isShareFragment(hash)) return null;
    try {
      const state = await decodeFragment(hash);
      if (saved && !persist.sameFiles(saved.state, state)) {
        persist.backup(saved.state);
        this.banner('Opened a shared link. Your previous files were kept.', 'Restore my previous files', () => this.restoreBackup());
      }
      return state;
    } catch (e) {
      this.banner(`This link could not be opened: ${e.message}.${saved ? ' Showing your saved files.' : ''}`);
      return null;
    }
  }

  async hashChanged() {
    const frag = location.hash.slice(1);
    if (!frag || frag === this.linkWritten) return;
    this.hashSoon.cancel();
    this.saveSoon.flush();
    const state = await this.openFragment(location.hash, { state: this.currentState() });
    if (state) {
      this.loadState(state);
      this.linkWritten = frag;
      this.save();
      this.analyze();
    }
  }

  coreFailed(e) {
    const msg = e && e.message ? e.message : String(e);
    $('status-core').textContent = `Core unavailable: ${msg}`;
    document.body.dataset.core = 'failed';
    this.dag.showMessage(`The KFP core did not load, so nothing can be checked or drawn.\n${msg}`);
  }

  loadState(state, { keepView = false } = {}) {
    this.editor.load(state.files, state.active);
    if (!keepView) this.setView(state.view || 'split');
    this.selection = state.selection || null;
    this.pyFunction = state.function || '';
    this.graphFile = null;
    this.pipelineChoice = '';
    this.meta = new Map();
    this.renderTabs();
    this.renderInspector();
  }

  currentState() {
    return { files: this.editor.files(), active: this.editor.active, view: this.view, selection: this.selection, function: this.pyFunction || null };
  }

  // ---------- UI wiring ----------

  wireUi() {
    $('btn-new').addEventListener('click', () => this.newFile());
    $('btn-open').addEventListener('click', () => $('file-input').click());
    $('file-input').addEventListener('change', async (e) => {
      await this.openFiles([...e.target.files]);
      e.target.value = '';
    });
    $('samples').addEventListener('change', async (e) => {
      const id = e.target.value;
      e.target.value = '';
      if (id) await this.loadSample(id);
    });
    $('btn-share').addEventListener('click', () => this.shareDialog());
    $('btn-embed').addEventListener('click', () => this.embedDialog());
    for (const b of document.querySelectorAll('[data-view]')) {
      if (b.tagName === 'BUTTON') b.addEventListener('click', () => this.setView(b.dataset.view, { user: true }));
    }
    for (const b of document.querySelectorAll('[data-graph]')) {
      b.addEventListener('click', () => {
        const a = b.dataset.graph;
        if (a === 'fit') this.dag.fit();
        else if (a === 'zoom-in') this.dag.zoom(1.25);
        else if (a === 'zoom-out') this.dag.zoom(0.8);
        else if (a === 'expand') this.dag.setAllGroups(false);
        else if (a === 'collapse') this.dag.setAllGroups(true);
      });
    }
    $('function-select').addEventListener('change', (e) => {
      // kfpc --function NAME: which definition of a .py file with several to draw.
      this.pyFunction = e.target.value;
      this.pipelineChoice = '';
      this.saveSoon();
      this.hashSoon();
      this.analyze();
    });
    $('pipeline-select').addEventListener('change', (e) => {
      this.pipelineChoice = e.target.value;
      this.updateGraph({ refit: true });
    });
    $('problems-toggle').addEventListener('click', () => {
      const p = $('problems');
      const open = p.classList.toggle('collapsed');
      $('problems-toggle').setAttribute('aria-expanded', open ? 'false' : 'true');
    });
    this.wireMenu();
    this.wireSplitter();
    this.wireDrop();
    this.wirePaste();
    window.addEventListener('pagehide', () => this.save());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.save();
    });
  }

  wireMenu() {
    const menu = $('menu-export');
    const btn = menu.querySelector('.menu-button');
    const list = menu.querySelector('.menu-list');
    const close = () => {
      list.hidden = true;
      btn.setAttribute('aria-expanded', 'false');
    };
    btn.addEventListener('click', (e) => {
      e.stopPropagation();
      list.hidden = !list.hidden;
      btn.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
      // The YAML exports compile in the full core: start fetching it while the menu is open.
      if (!list.hidden) this.core.prefetchFullCore().catch(() => {});
    });
    document.addEventListener('click', (e) => {
      if (!menu.contains(e.target)) close();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
    });
    for (const item of list.querySelectorAll('[data-export]')) {
      item.addEventListener('click', () => {
        close();
        this.exportAction(item.dataset.export);
      });
    }
  }

  wireSplitter() {
    const sp = $('splitter');
    const ws = $('workspace');
    let drag = false;
    sp.addEventListener('pointerdown', (e) => {
      drag = true;
      sp.setPointerCapture(e.pointerId);
      document.body.classList.add('resizing');
    });
    sp.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const r = ws.getBoundingClientRect();
      const pct = Math.min(80, Math.max(20, ((e.clientX - r.left) / r.width) * 100));
      ws.style.setProperty('--split', `${pct}%`);
    });
    const end = () => {
      drag = false;
      document.body.classList.remove('resizing');
    };
    sp.addEventListener('pointerup', end);
    sp.addEventListener('pointercancel', end);
    sp.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const cur = parseFloat(getComputedStyle(ws).getPropertyValue('--split')) || 45;
      ws.style.setProperty('--split', `${Math.min(80, Math.max(20, cur + (e.key === 'ArrowLeft' ? -5 : 5)))}%`);
    });
  }

  wireDrop() {
    const overlay = $('drop-overlay');
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    // Capture phase: files dropped on the editor open as tabs instead of
    // CodeMirror inserting their text at the drop point.
    document.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    }, true);
    document.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }, true);
    document.addEventListener('dragleave', (e) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    }, true);
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      overlay.hidden = true;
      this.openFiles([...e.dataTransfer.files]);
    }, true);
  }

  wirePaste() {
    // A paste outside the editor and inputs opens the text as a new file.
    document.addEventListener('paste', (e) => {
      const t = e.target;
      if (t && t.closest && t.closest('.cm-editor, input, textarea, select, [contenteditable="true"]')) return;
      const text = e.clipboardData && e.clipboardData.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      this.addFile(this.freshName('pasted'), text);
      this.toast('Pasted into a new file');
    });
  }

  // ---------- files ----------

  freshName(stem = 'untitled') {
    const taken = new Set(this.editor.paths);
    let p;
    do p = `${stem}-${this.untitled++}.yaml`;
    while (taken.has(p));
    return p;
  }

  newFile() {
    this.addFile(this.freshName(), '');
    this.editor.focus();
  }

  addFile(path, text, { select = true } = {}) {
    if (this.editor.paths.length >= LIMITS.maxFiles) {
      this.toast(`At most ${LIMITS.maxFiles} files can be open`, 'error');
      return -1;
    }
    const p = uniquePath(cleanPath(path), new Set(this.editor.paths));
    const i = this.editor.add(p, text);
    if (select) this.selectTab(i, { user: true });
    this.changed();
    return i;
  }

  async openFiles(fileList) {
    let opened = 0;
    for (const f of fileList.slice(0, LIMITS.maxFiles)) {
      if (f.size > MAX_OPEN_BYTES) {
        this.toast(`${f.name} is too large (${Math.round(f.size / 1024)} KB; the limit is ${MAX_OPEN_BYTES / 1000} KB)`, 'error');
        continue;
      }
      let text;
      try {
        text = await f.text();
      } catch {
        this.toast(`Could not read ${f.name}`, 'error');
        continue;
      }
      if (text.includes('\u0000')) {
        this.toast(`${f.name} looks binary; not opened`, 'error');
        continue;
      }
      if (/\.json$/i.test(f.name) && this.tryOpenWorkspace(text)) return;
      const existing = this.editor.paths.indexOf(cleanPath(f.name));
      if (existing >= 0 && this.editor.text(existing) === '') {
        this.editor.setText(existing, text);
        this.selectTab(existing, { user: true });
      } else {
        this.addFile(f.name, text);
      }
      opened++;
    }
    if (opened) {
      this.dropEmptyUntitled();
      this.toast(`Opened ${opened} file${opened === 1 ? '' : 's'}`);
    }
  }

  // Opened files replace the empty placeholder tab a fresh workspace has.
  dropEmptyUntitled() {
    for (let i = this.editor.paths.length - 1; i >= 0; i--) {
      if (this.editor.paths.length > 1 && /^untitled-\d+\.yaml$/.test(this.editor.paths[i]) && this.editor.text(i) === '') {
        const active = this.editor.paths[this.editor.active];
        this.editor.remove(i);
        this.editor.show(Math.max(0, this.editor.paths.indexOf(active)));
      }
    }
    this.renderTabs();
    this.changed();
  }

  // A workspace file written by "All files — workspace .json".
  tryOpenWorkspace(text) {
    let obj;
    try {
      obj = JSON.parse(text);
    } catch {
      return false;
    }
    if (!obj || obj.kfpPlayground !== 1) return false;
    try {
      const state = validateState({ v: 1, files: obj.files, active: obj.active });
      persist.backup(this.currentState());
      this.loadState(state, { keepView: true });
      this.changed();
      this.banner('Opened a workspace file. Your previous files were kept.', 'Restore my previous files', () => this.restoreBackup());
    } catch (e) {
      this.toast(`Not a valid workspace file: ${e.message}`, 'error');
    }
    return true;
  }

  selectTab(i, { user = false } = {}) {
    this.editor.show(i);
    if (user) this.followActiveFile();
    this.renderTabs();
    this.saveSoon();
    this.hashSoon();
  }

  closeTab(i) {
    const path = this.editor.paths[i];
    const text = this.editor.text(i);
    if (this.editor.paths.length === 1) {
      // Keep one (empty) file open; the closed text stays recoverable below.
      this.editor.add(this.freshName(), '');
    }
    this.editor.remove(i);
    if (text.trim()) {
      this.toast(`Closed ${path}`, 'info', 'Undo', () => {
        const j = this.addFile(path, text);
        if (j >= 0) this.selectTab(j, { user: true });
      });
    }
    this.renderTabs();
    this.changed();
  }

  renameTab(i, path) {
    if (path !== null) {
      const others = new Set(this.editor.paths.filter((_, j) => j !== i));
      const p = uniquePath(cleanPath(path, this.editor.paths[i]), others);
      if (this.graphFile === this.editor.paths[i]) this.graphFile = p;
      this.editor.rename(i, p);
      this.changed();
    }
    this.renderTabs();
  }

  renderTabs() {
    this.tabs.render(this.editor.paths, this.editor.active, this.meta);
  }

  changed() {
    this.analyzeSoon();
    this.saveSoon();
    this.hashSoon();
    document.body.dataset.dirty = String(Date.now());
  }

  save() {
    persist.save(this.currentState(), this.linkWritten);
  }

  restoreBackup() {
    const b = persist.loadBackup();
    if (!b) {
      this.toast('No previous files to restore', 'error');
      return;
    }
    persist.backup(this.currentState());
    this.loadState(b, { keepView: true });
    this.changed();
    this.hideBanner();
    this.toast('Restored your previous files');
  }

  // The share fragment of what is shown now (tests compare it with the address bar).
  encodeCurrent() {
    return encodeState(this.currentState());
  }

  async writeHash() {
    const before = location.hash;
    let frag;
    try {
      frag = await this.encodeCurrent();
    } catch {
      return;
    }
    // The address changed while encoding (a link pasted into the address
    // bar): that link wins; hashChanged() opens it.
    if (location.hash !== before) return;
    const base = location.pathname + location.search;
    if (frag.length <= MAX_HASH_CHARS) {
      if (location.hash.slice(1) !== frag) history.replaceState(null, '', `${base}#${frag}`);
      this.linkWritten = frag;
    } else {
      if (location.hash) history.replaceState(null, '', base);
      this.linkWritten = null;
    }
    this.save();
  }

  // ---------- samples ----------

  async samplesIndex() {
    if (!this.samplesPromise) {
      this.samplesPromise = fetch(new URL('samples/index.json', document.baseURI)).then((r) => {
        if (!r.ok) throw new Error(`samples/index.json: HTTP ${r.status}`);
        return r.json();
      });
    }
    return this.samplesPromise;
  }

  async loadSamplesMenu() {
    try {
      const idx = await this.samplesIndex();
      const sel = $('samples');
      for (const s of idx.samples) sel.append(h('option', { value: s.id }, s.title));
    } catch {
      /* samples are optional */
    }
  }

  async loadSample(id, { quiet = false } = {}) {
    // Until the sample's files arrive, what is shown is not settled (tests
    // and the status line wait on data-analysis).
    const prior = document.body.dataset.analysis;
    document.body.dataset.analysis = 'loading';
    try {
      const idx = await this.samplesIndex();
      const s = idx.samples.find((x) => x.id === id);
      if (!s) throw new Error(`no sample ${id}`);
      const files = await Promise.all(
        s.files.map(async (p) => {
          const r = await fetch(new URL(`samples/${p}`, document.baseURI));
          if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`);
          return { path: p.split('/').pop(), text: await r.text() };
        }),
      );
      const active = Math.max(0, s.files.indexOf(s.active || s.files[s.files.length - 1]));
      if (!quiet) persist.backup(this.currentState());
      this.loadState(validateState({ v: 1, files, active }), { keepView: true });
      this.changed();
      if (!quiet) this.banner(`Loaded the sample “${s.title}”. Your previous files were kept.`, 'Restore my previous files', () => this.restoreBackup());
    } catch (e) {
      if (prior) document.body.dataset.analysis = prior;
      else delete document.body.dataset.analysis;
      if (quiet) this.loadState(validateState({ v: 1, files: [{ path: 'pipeline.yaml', text: '' }] }));
      else this.toast(`Could not load the sample: ${e.message}`, 'error');
    }
  }

  // ---------- analysis ----------

  async analyze() {
    const seq = ++this.analysisSeq;
    const files = this.editor.files();
    $('status-analysis').textContent = 'Checking…';
    document.body.dataset.analysis = 'running';
    const t0 = performance.now();
    let res;
    try {
      res = await this.core.analyze(files, this.coreOptions());
    } catch (e) {
      if (e instanceof Superseded) return;
      if (seq === this.analysisSeq) {
        $('status-analysis').textContent = '';
        document.body.dataset.analysis = 'failed';
        this.coreFailed(e);
      }
      return;
    }
    if (seq !== this.analysisSeq) return;
    this.result = res;
    const ms = Math.round(performance.now() - t0);
    const diags = Array.isArray(res.diagnostics) ? res.diagnostics : [];
    this.meta = new Map();
    for (const f of res.files || []) this.meta.set(f.path, { kind: f.kind, errors: 0, warnings: 0 });
    for (const d of diags) {
      const m = this.meta.get(d.file);
      if (!m) continue;
      if (d.severity === 'error') m.errors++;
      else if (d.severity === 'warning') m.warnings++;
    }
    this.editor.setDiagnostics(diags);
    this.renderFunctionSelect(res.files || []);
    this.renderTabs();
    this.renderProblems(diags);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    $('status-analysis').textContent = `${files.length} file${files.length === 1 ? '' : 's'} · ${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'} · ${ms} ms`;
    await this.updateGraph();
    if (seq !== this.analysisSeq) return; // a newer analysis started meanwhile
    document.body.dataset.analysis = 'done';
    document.body.dataset.analysisSeq = String(seq);
  }

  // Options for the core: the Python definition chosen in the picker, if any.
  coreOptions() {
    return this.pyFunction ? { function: this.pyFunction } : {};
  }

  // The picker appears when a .py file defines more than one pipeline (or
  // component): files[].functions from analyze (docs/wasm-api.md).
  renderFunctionSelect(files) {
    const sel = $('function-select');
    const names = [];
    for (const f of files) for (const fn of Array.isArray(f.functions) ? f.functions : []) if (typeof fn.name === 'string' && !names.some((x) => x.name === fn.name)) names.push(fn);
    const show = names.length > 1 || (this.pyFunction && names.length > 0);
    sel.parentElement.hidden = !show;
    clear(sel);
    if (!show) return;
    sel.append(h('option', { value: '' }, 'Function: as the file says'));
    for (const kind of ['pipeline', 'component']) {
      const group = names.filter((x) => x.kind === kind);
      if (!group.length) continue;
      const og = h('optgroup', { label: kind === 'pipeline' ? 'Pipelines' : 'Components' });
      for (const x of group) og.append(h('option', { value: x.name }, x.name));
      sel.append(og);
    }
    if (this.pyFunction && !names.some((x) => x.name === this.pyFunction)) sel.append(h('option', { value: this.pyFunction }, `${this.pyFunction} (not defined)`));
    sel.value = this.pyFunction || '';
  }

  pipelines() {
    const g = this.result && this.result.graph;
    return g && Array.isArray(g.pipelines) ? g.pipelines : [];
  }

  // Picks the pipeline to draw: the user's explicit choice, else the active
  // file's pipeline graph, else the one last followed (a component tab keeps
  // the pipeline that uses it on screen), else the first pipeline graph.
  choosePipeline() {
    const ps = this.pipelines();
    if (ps.length === 0) return null;
    if (this.pipelineChoice) {
      const p = ps.find((x) => DagView.keyOf(x) === this.pipelineChoice) || ps.find((x) => x.file === this.pipelineChoice.split('\u0000')[0]);
      if (p) return p;
    }
    const byFile = (f) => ps.find((x) => x.file === f);
    const anyGraph = ps.find((x) => GRAPH_KINDS.has(x.kind));
    const active = byFile(this.editor.paths[this.editor.active]);
    if (active && GRAPH_KINDS.has(active.kind)) return active;
    const followed = this.graphFile && byFile(this.graphFile);
    if (followed && (GRAPH_KINDS.has(followed.kind) || !anyGraph)) return followed;
    return anyGraph || active || followed || ps[0];
  }

  // On a user tab switch: follow the new file if it is a pipeline; a lone
  // component file keeps the pipeline that uses it on screen.
  followActiveFile() {
    const path = this.editor.paths[this.editor.active];
    const p = this.pipelines().find((x) => x.file === path);
    const shown = this.pipelines().find((x) => x.file === this.graphFile);
    if (p && (GRAPH_KINDS.has(p.kind) || !shown || !GRAPH_KINDS.has(shown.kind))) {
      if (this.graphFile !== path) {
        this.graphFile = path;
        this.pipelineChoice = '';
        this.updateGraph({ refit: true });
      }
    }
  }

  renderPipelineSelect(current) {
    const sel = $('pipeline-select');
    clear(sel);
    const ps = this.pipelines();
    sel.disabled = ps.length === 0;
    if (ps.length === 0) sel.append(h('option', { value: '' }, 'No pipeline'));
    for (const p of ps) {
      const key = DagView.keyOf(p);
      const opt = h('option', { value: key }, `${p.displayName || p.name} — ${p.file}`);
      if (current && key === DagView.keyOf(current)) opt.selected = true;
      sel.append(opt);
    }
  }

  async updateGraph({ refit = false } = {}) {
    const p = this.choosePipeline();
    this.renderPipelineSelect(p);
    const host = $('dag');
    if (!p) {
      const hasErrors = (this.result?.diagnostics || []).some((d) => d.severity === 'error');
      // Keep the last drawing (greyed) only while its file is still open: it
      // is the pipeline being edited into shape, not a leftover.
      if (this.dag.pipeline && !this.editor.paths.includes(this.dag.pipeline.file)) await this.dag.setPipeline(null);
      if (this.dag.pipeline) {
        host.classList.add('stale');
        this.dag.showMessage(hasErrors ? 'Showing the last graph that could be read: fix the errors listed under Problems to update it.' : 'No pipeline in the open files.');
      } else {
        host.classList.remove('stale');
        this.dag.showMessage(hasErrors ? 'Nothing to draw yet: fix the errors listed under Problems.' : 'No pipeline in the open files. Open a component or a pipeline, paste one, or pick a sample.');
      }
      $('graph-desc').textContent = '';
      return;
    }
    host.classList.remove('stale');
    this.dag.showMessage('');
    this.graphFile = p.file;
    document.title = `${p.displayName || p.name || p.file} — KFP Playground`;
    const tasks = p.nodes.filter((n) => n.kind === 'task').length;
    const groups = p.nodes.filter((n) => n.kind === 'group').length;
    const bad = p.edges.filter((e) => e.mismatch).length;
    $('graph-desc').textContent = `${tasks} task${tasks === 1 ? '' : 's'}${groups ? ` · ${groups} group${groups === 1 ? '' : 's'}` : ''}${bad ? ` · ${bad} type mismatch${bad === 1 ? '' : 'es'}` : ''}`;
    await this.dag.setPipeline(p, { refit });
    if (this.selection) this.dag.select(this.selection);
    this.renderInspector();
  }

  // ---------- problems ----------

  renderProblems(diags) {
    const list = $('problem-list');
    clear(list);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    const counts = $('problem-counts');
    clear(counts);
    counts.append(
      h('span', { class: ['count', 'error', errors && 'nonzero'] }, `${errors} error${errors === 1 ? '' : 's'}`),
      h('span', { class: ['count', 'warning', warnings && 'nonzero'] }, `${warnings} warning${warnings === 1 ? '' : 's'}`),
    );
    if (diags.length === 0) {
      list.append(h('li', { class: 'problem none' }, 'No problems found.'));
      return;
    }
    for (const d of diags.slice(0, 500)) {
      const li = h('li', { class: ['problem', d.severity], tabindex: 0, role: 'button', dataset: { code: d.code || '' } },
        h('span', { class: 'sev', 'aria-label': d.severity }, d.severity === 'error' ? '●' : d.severity === 'warning' ? '▲' : 'ℹ'),
        h('span', { class: 'loc' }, `${d.file ?? ''}:${d.line}:${d.column}`),
        h('span', { class: 'msg' }, d.message),
        d.code ? h('span', { class: 'code' }, `[${d.code}]`) : null);
      const go = () => this.gotoSpan(d);
      li.addEventListener('click', go);
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') go();
      });
      list.append(li);
      for (const n of d.notes || []) {
        const ni = h('li', { class: 'problem note child', tabindex: 0, role: 'button' },
          h('span', { class: 'sev' }, '↳'),
          h('span', { class: 'loc' }, `${n.file ?? ''}:${n.line}:${n.column}`),
          h('span', { class: 'msg' }, n.message));
        ni.addEventListener('click', () => this.gotoSpan(n));
        list.append(ni);
      }
    }
  }

  gotoSpan(span) {
    if (!span || !span.file) return;
    const i = this.editor.paths.indexOf(span.file);
    if (i < 0) return;
    if (i !== this.editor.active) this.selectTab(i);
    this.editor.reveal(span);
  }

  // ---------- selection / inspector ----------

  findNode(id) {
    const p = this.dag.pipeline;
    return p && id ? p.nodes.find((n) => n.id === id) || null : null;
  }

  selectNode(id, { jump = false } = {}) {
    this.selection = id;
    this.renderInspector();
    this.hashSoon();
    this.saveSoon();
    const n = this.findNode(id);
    if (jump && n && n.span && this.view !== 'graph') this.gotoSpan(n.span);
  }

  renderInspector() {
    const n = this.findNode(this.selection);
    renderInspector($('inspector'), this.dag.pipeline, n, {
      goto: (span) => {
        if (this.view === 'graph') this.setView('split');
        this.gotoSpan(span);
      },
      close: () => {
        this.selection = null;
        this.dag.select(null);
        this.renderInspector();
        this.hashSoon();
      },
    });
  }

  // ---------- views ----------

  setView(v, { user = false } = {}) {
    if (!VIEWS.includes(v)) v = 'split';
    this.view = v;
    $('workspace').dataset.view = v;
    for (const b of document.querySelectorAll('.view-switch [data-view]')) b.setAttribute('aria-pressed', b.dataset.view === v ? 'true' : 'false');
    if (user) {
      this.hashSoon();
      this.saveSoon();
      requestAnimationFrame(() => this.dag.fit());
    }
  }

  // ---------- export ----------

  // Download names: the pipeline's name (as KFP would name it), else the file's.
  stem() {
    const p = this.dag.pipeline;
    const fromName = p && p.name ? String(p.name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) : '';
    if (fromName) return fromName;
    const base = (p ? p.file : this.editor.paths[this.editor.active]) || 'pipeline';
    return base.split('/').pop().replace(/\.(ya?ml|json|py)$/i, '') || 'pipeline';
  }

  async exportAction(what) {
    if (what === 'ir-download' || what === 'ir-copy' || what === 'argo-download' || what === 'argo-copy') {
      const target = what.startsWith('ir') ? 'ir' : 'argo';
      let res;
      try {
        res = await this.core.compile(this.editor.files(), target, this.coreOptions());
      } catch (e) {
        this.toast(`Compile failed: ${e.message}`, 'error');
        return;
      }
      const diags = Array.isArray(res.diagnostics) ? res.diagnostics : [];
      if (res.available === false) {
        this.toast(`This build of the core cannot compile to ${target === 'ir' ? 'IR' : 'Argo'} yet`, 'error');
        return;
      }
      if (!res.text) {
        const first = diags.find((d) => d.severity === 'error') || diags[0];
        this.renderProblems(diags);
        this.toast(first ? `Cannot compile to ${target === 'ir' ? 'IR' : 'Argo'}: ${first.message}${first.file ? ` (${first.file}:${first.line}:${first.column})` : ''}` : 'The compiler produced no output', 'error');
        return;
      }
      const name = `${this.stem()}.${target}.yaml`;
      if (what.endsWith('download')) {
        downloadText(name, res.text);
        this.toast(`Downloaded ${name}`);
      } else {
        const ok = await copyText(res.text);
        this.toast(ok ? `Copied ${target === 'ir' ? 'IR' : 'Argo'} YAML (${res.text.length} characters)` : 'Copy failed: the browser refused clipboard access', ok ? 'info' : 'error');
      }
    } else if (what === 'svg' || what === 'png') {
      if (!this.dag.svg || !this.dag.laid) {
        this.toast('There is no graph to export', 'error');
        return;
      }
      const text = exportSvgText(this.dag.svg, this.dag.laid.width, this.dag.laid.height);
      if (what === 'svg') {
        downloadText(`${this.stem()}.svg`, text, 'image/svg+xml');
        this.toast(`Downloaded ${this.stem()}.svg`);
      } else {
        try {
          const blob = await exportPngBlob(text, this.dag.laid.width, this.dag.laid.height);
          downloadBlob(`${this.stem()}.png`, blob);
          this.toast(`Downloaded ${this.stem()}.png`);
        } catch (e) {
          this.toast(`PNG export failed: ${e.message}`, 'error');
        }
      }
    } else if (what === 'workspace') {
      this.downloadWorkspace();
    }
  }

  downloadWorkspace() {
    const s = this.currentState();
    const text = JSON.stringify({ kfpPlayground: 1, files: s.files, active: s.active }, null, 2) + '\n';
    downloadText('kfp-playground.json', text, 'application/json');
    this.toast('Downloaded kfp-playground.json (open it here, or drop it on the page, to restore these files)');
  }

  // ---------- share / embed ----------

  async shareLink() {
    const frag = await encodeState(this.currentState());
    return { frag, url: `${location.origin}${location.pathname}#${frag}` };
  }

  async shareDialog() {
    let link;
    try {
      link = await this.shareLink();
    } catch (e) {
      this.toast(`Could not build the link: ${e.message}`, 'error');
      return;
    }
    const field = h('textarea', { class: 'link-field', readonly: true, rows: 3, spellcheck: 'false', id: 'share-url', 'aria-label': 'Share link' });
    field.value = link.url;
    const copy = h('button', { type: 'button', class: 'primary', id: 'share-copy' }, 'Copy link');
    copy.addEventListener('click', async () => {
      const ok = await copyText(link.url);
      copy.textContent = ok ? 'Copied' : 'Copy failed';
    });
    const long = link.url.length > LONG_LINK_CHARS;
    const body = [
      h('p', null, `The link holds all ${this.editor.paths.length} open file${this.editor.paths.length === 1 ? '' : 's'}, compressed into the part after #. Nothing is uploaded; settings are never included.`),
      field,
      h('p', { class: ['meta', long && 'warn'], id: 'share-length' }, `${link.url.length.toLocaleString('en')} characters`),
    ];
    if (long) {
      const dl = h('button', { type: 'button', id: 'share-download' }, 'Download the files instead');
      dl.addEventListener('click', () => this.downloadWorkspace());
      body.push(h('div', { class: 'callout warn', id: 'share-warning' },
        h('p', null, `This link is longer than ${LONG_LINK_CHARS.toLocaleString('en')} characters. Chat tools, e-mail clients and some browsers cut long links, so it may arrive broken.`),
        dl));
    }
    this.dialog('Share these files', body, [copy]);
  }

  async embedDialog() {
    let link;
    try {
      link = await this.shareLink();
    } catch (e) {
      this.toast(`Could not build the link: ${e.message}`, 'error');
      return;
    }
    const src = new URL(`embed.html#${link.frag}`, location.href).href;
    const snippet = `<iframe src="${src}" width="100%" height="480" style="border:1px solid #d0d7de;border-radius:8px" title="Kubeflow pipeline graph" loading="lazy"></iframe>`;
    const field = h('textarea', { class: 'link-field', readonly: true, rows: 5, spellcheck: 'false', id: 'embed-snippet', 'aria-label': 'Embed snippet' });
    field.value = snippet;
    const copy = h('button', { type: 'button', class: 'primary', id: 'embed-copy' }, 'Copy snippet');
    copy.addEventListener('click', async () => {
      const ok = await copyText(snippet);
      copy.textContent = ok ? 'Copied' : 'Copy failed';
    });
    const open = h('a', { href: src, target: '_blank', rel: 'noopener noreferrer', class: 'button', id: 'embed-open' }, 'Open the embed');
    const body = [
      h('p', null, 'Paste this into a page to show a read-only graph of these files. A YAML file on the web works too: embed.html?src=https://…/pipeline.yaml (the server must allow CORS).'),
      field,
    ];
    if (src.length > LONG_LINK_CHARS) body.push(h('p', { class: 'meta warn' }, `The embed address is ${src.length.toLocaleString('en')} characters long; consider hosting the YAML and using ?src= instead.`));
    this.dialog('Embed the graph', body, [open, copy]);
  }

  dialog(title, body, buttons = []) {
    const close = h('button', { type: 'button' }, 'Close');
    const d = h('dialog', { class: 'dialog' },
      h('header', null, h('h2', null, title)),
      h('div', { class: 'dialog-body' }, body),
      h('footer', null, ...buttons, close));
    close.addEventListener('click', () => d.close());
    d.addEventListener('close', () => d.remove());
    document.body.append(d);
    d.showModal();
    return d;
  }

  // ---------- notices ----------

  banner(text, actionLabel, action) {
    const b = $('banner');
    clear(b);
    b.append(h('span', null, text));
    if (actionLabel) {
      const a = h('button', { type: 'button', class: 'link' }, actionLabel);
      a.addEventListener('click', action);
      b.append(a);
    }
    const x = h('button', { type: 'button', class: 'icon', 'aria-label': 'Dismiss' }, '×');
    x.addEventListener('click', () => this.hideBanner());
    b.append(x);
    b.hidden = false;
  }

  hideBanner() {
    $('banner').hidden = true;
  }

  toast(text, kind = 'info', actionLabel, action) {
    const t = $('toast');
    clear(t);
    t.className = `toast ${kind}`;
    t.append(h('span', null, text));
    if (actionLabel) {
      const a = h('button', { type: 'button', class: 'link' }, actionLabel);
      a.addEventListener('click', () => {
        t.hidden = true;
        action();
      });
      t.append(a);
    }
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      t.hidden = true;
    }, kind === 'error' ? 9000 : 4000);
  }
}
