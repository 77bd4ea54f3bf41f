// The tab strip: one tab per open file with its detected kind and problem
// count; click to switch, double-click to rename, × to close, + for a new file.
import { h, clear } from '../util/dom.js';

const KIND_LABEL = {
  'v1-component': 'component',
  'v1-graph': 'pipeline',
  ir: 'IR',
  argo: 'Argo',
  python: 'Python',
  unknown: '?',
};

export class Tabs {
  // host: element; cb: {select(i), close(i), rename(i, path), add()}
  constructor(host, cb) {
    this.host = host;
    this.cb = cb;
  }

  render(paths, active, meta = new Map()) {
    clear(this.host);
    paths.forEach((path, i) => {
      const m = meta.get(path) || {};
      const base = path.split('/').pop();
      const tab = h('div', {
        class: ['tab', i === active && 'active', m.errors && 'has-errors'],
        role: 'tab',
        'aria-selected': i === active ? 'true' : 'false',
        tabindex: i === active ? 0 : -1,
        title: path + (m.kind ? ` (${m.kind})` : ''),
        dataset: { path, index: i },
      });
      if (m.kind) tab.append(h('span', { class: ['kind', `kind-${m.kind}`] }, KIND_LABEL[m.kind] || m.kind));
      tab.append(h('span', { class: 'tab-name' }, base));
      if (m.errors) tab.append(h('span', { class: 'badge error', title: `${m.errors} error(s)` }, String(m.errors)));
      else if (m.warnings) tab.append(h('span', { class: 'badge warning', title: `${m.warnings} warning(s)` }, String(m.warnings)));
      const close = h('button', { type: 'button', class: 'tab-close', 'aria-label': `Close ${base}`, title: 'Close file' }, '×');
      tab.append(close);
      tab.addEventListener('click', (e) => {
        if (e.target === close) return;
        this.cb.select(i);
      });
      tab.addEventListener('dblclick', () => this.startRename(tab, i, path));
      tab.addEventListener('keydown', (e) => {
        if (e.key === 'F2') this.startRename(tab, i, path);
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const n = (i + (e.key === 'ArrowRight' ? 1 : paths.length - 1)) % paths.length;
          this.cb.select(n);
          this.host.querySelector(`[data-index="${n}"]`)?.focus();
        }
      });
      close.addEventListener('click', () => this.cb.close(i));
      this.host.append(tab);
    });
    const add = h('button', { type: 'button', class: 'tab-add', title: 'New file', 'aria-label': 'New file' }, '+');
    add.addEventListener('click', () => this.cb.add());
    this.host.append(add);
  }

  startRename(tab, i, path) {
    const input = h('input', { class: 'tab-rename', value: path, 'aria-label': 'File name', spellcheck: 'false' });
    clear(tab);
    tab.append(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (ok) => {
      if (done) return;
      done = true;
      if (ok && input.value.trim() && input.value.trim() !== path) this.cb.rename(i, input.value.trim());
      else this.cb.rename(i, null);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(true);
      if (e.key === 'Escape') finish(false);
      e.stopPropagation();
    });
    input.addEventListener('blur', () => finish(true));
  }
}
