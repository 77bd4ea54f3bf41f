// CodeMirror 6: one EditorView, one EditorState per open file (so each tab
// keeps its own undo history and selection). The core's diagnostics arrive
// with 1-based line/column (column counts UTF-8 bytes); this adapter is the
// one place that turns them into CodeMirror offsets.
import { EditorState, Compartment, EditorSelection } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, rectangularSelection, dropCursor,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, foldGutter, foldKeymap, indentUnit } from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';

// Python highlighting is loaded on first use: most sessions are YAML only,
// and the Python grammar is a large part of the bundle.
let pythonLang = null;
let pythonLoading = null;
function loadPython() {
  if (!pythonLoading) {
    pythonLoading = import('@codemirror/lang-python').then((m) => {
      pythonLang = m.python();
      return pythonLang;
    });
  }
  return pythonLoading;
}

const isPython = (path) => /\.py$/i.test(path);

export function languageFor(path) {
  if (!isPython(path)) return yaml();
  return pythonLang || [];
}

// 1-based line + 1-based byte column -> document offset (clamped).
export function posToOffset(doc, line, byteCol) {
  if (!Number.isFinite(line) || line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let want = Math.max(0, (Number.isFinite(byteCol) ? byteCol : 1) - 1);
  // Walk the line counting UTF-8 bytes per UTF-16 code unit.
  const text = l.text;
  let i = 0;
  while (i < text.length && want > 0) {
    const c = text.codePointAt(i);
    const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    want -= bytes;
    i += c >= 0x10000 ? 2 : 1;
  }
  return l.from + i;
}

export function spanRange(doc, sp) {
  const from = posToOffset(doc, sp.line, sp.column);
  let to = sp.endLine ? posToOffset(doc, sp.endLine, sp.endColumn) : from;
  if (to < from) to = from;
  return { from, to };
}

const SEVERITY = { error: 'error', warning: 'warning', note: 'info' };

// Core diagnostics for one file -> CodeMirror lint diagnostics.
export function toCmDiagnostics(doc, diags, path) {
  const out = [];
  for (const d of diags) {
    if (d.file !== path) continue;
    let { from, to } = spanRange(doc, d);
    if (to === from) {
      // A point: underline the rest of the token so it is visible.
      const line = doc.lineAt(from);
      const rest = line.text.slice(from - line.from);
      const m = /^\S+/.exec(rest);
      to = m ? from + m[0].length : Math.min(line.to, from + 1);
      if (to === from && from > line.from) from -= 1;
    }
    let message = `${d.line}:${d.column}: ${d.message}`;
    for (const n of d.notes || []) message += `\n${n.file === path ? '' : (n.file || '') + ':'}${n.line}:${n.column}: note: ${n.message}`;
    out.push({ from, to, severity: SEVERITY[d.severity] || 'info', message, source: d.code });
  }
  return out;
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-bg)', borderRight: '1px solid var(--border)', color: 'var(--muted)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-content': { caretColor: 'var(--accent)' },
  '.cm-tooltip-lint': { maxWidth: '640px', whiteSpace: 'pre-wrap' },
  '.cm-flash': { backgroundColor: 'var(--flash)' },
});

export class Editor {
  // parent: element; onChange(fileIndex) after a user edit.
  constructor(parent, { onChange } = {}) {
    this.onChange = onChange;
    this.lang = new Compartment();
    this.states = []; // EditorState per file, in tab order
    this.paths = [];
    this.active = -1;
    this.diags = [];
    this.view = new EditorView({ parent, state: EditorState.create({ doc: '' }) });
    this.view.dom.classList.add('kfp-editor');
  }

  extensions(path) {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      foldGutter(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      indentUnit.of('  '),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      rectangularSelection(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      lintGutter(),
      keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
      this.lang.of(languageFor(path)),
      theme,
      EditorView.lineWrapping,
      EditorView.updateListener.of((u) => {
        if (u.docChanged && this.onChange) this.onChange(this.active);
      }),
    ];
  }

  makeState(path, text) {
    if (isPython(path) && !pythonLang) this.whenPythonLoads();
    return EditorState.create({ doc: text, extensions: this.extensions(path) });
  }

  whenPythonLoads() {
    loadPython().then(() => {
      this.saveActive();
      this.states = this.states.map((st, i) =>
        isPython(this.paths[i]) ? st.update({ effects: this.lang.reconfigure(languageFor(this.paths[i])) }).state : st);
      if (this.active >= 0) this.view.setState(this.states[this.active]);
      this.applyDiagnostics();
    }, () => {});
  }

  // Replace all files. files: [{path, text}]
  load(files, active = 0) {
    this.states = files.map((f) => this.makeState(f.path, f.text));
    this.paths = files.map((f) => f.path);
    this.active = -1;
    this.show(Math.min(Math.max(0, active), files.length - 1));
  }

  saveActive() {
    if (this.active >= 0 && this.active < this.states.length) this.states[this.active] = this.view.state;
  }

  show(i) {
    if (i === this.active || i < 0 || i >= this.states.length) return;
    this.saveActive();
    this.active = i;
    this.view.setState(this.states[i]);
    this.applyDiagnostics();
  }

  add(path, text) {
    this.saveActive();
    this.states.push(this.makeState(path, text));
    this.paths.push(path);
    return this.states.length - 1;
  }

  remove(i) {
    this.saveActive();
    this.states.splice(i, 1);
    this.paths.splice(i, 1);
    const next = Math.min(i, this.states.length - 1);
    this.active = -1;
    if (next >= 0) this.show(next);
  }

  rename(i, path) {
    this.saveActive();
    this.paths[i] = path;
    if (isPython(path) && !pythonLang) this.whenPythonLoads();
    const st = this.states[i];
    const tr = st.update({ effects: this.lang.reconfigure(languageFor(path)) });
    this.states[i] = tr.state;
    if (i === this.active) this.view.setState(tr.state);
    this.applyDiagnostics();
  }

  text(i) {
    if (i === this.active) return this.view.state.doc.toString();
    return this.states[i].doc.toString();
  }

  files() {
    return this.paths.map((path, i) => ({ path, text: this.text(i) }));
  }

  setText(i, text) {
    if (i === this.active) {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    } else {
      const st = this.states[i];
      this.states[i] = st.update({ changes: { from: 0, to: st.doc.length, insert: text } }).state;
      if (this.onChange) this.onChange(i);
    }
  }

  setDiagnostics(diags) {
    this.diags = diags || [];
    this.applyDiagnostics();
  }

  applyDiagnostics() {
    if (this.active < 0) return;
    const path = this.paths[this.active];
    const cm = toCmDiagnostics(this.view.state.doc, this.diags, path);
    this.view.dispatch(setDiagnostics(this.view.state, cm));
  }

  // Select a span (core positions) in the active file and scroll it to the centre.
  reveal(span) {
    const doc = this.view.state.doc;
    const { from, to } = spanRange(doc, span);
    this.view.dispatch({
      selection: EditorSelection.single(from, to),
      effects: EditorView.scrollIntoView(from, { y: 'center' }),
    });
    this.view.focus();
  }

  focus() {
    this.view.focus();
  }
}
