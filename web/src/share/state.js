// The state a share link (and localStorage) carries, and its validation.
// Everything decoded from a link is untrusted: check every field's type,
// cap every size, and drop anything unknown. Settings (endpoint, token) are
// deliberately not part of this shape, so no code path can put them in a link.

export const STATE_VERSION = 1;

export const LIMITS = Object.freeze({
  maxFiles: 64,
  maxPathChars: 200,
  maxFileChars: 1_000_000,
  maxTotalChars: 2_000_000,
  maxSelectionChars: 1000,
  maxFunctionChars: 200,
});

export const VIEWS = Object.freeze(['split', 'editor', 'graph']);

export class StateError extends Error {}

// A file path as shown on a tab: printable, no directory escapes that could
// matter if someone saves it, bounded length.
export function cleanPath(p, fallback = 'untitled.yaml') {
  if (typeof p !== 'string') return fallback;
  // eslint-disable-next-line no-control-regex
  let s = p.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\\/g, '/').trim();
  s = s.replace(/^\/+/, '').split('/').filter((x) => x !== '' && x !== '.' && x !== '..').join('/');
  if (s.length > LIMITS.maxPathChars) s = s.slice(s.length - LIMITS.maxPathChars);
  return s || fallback;
}

// Makes paths unique by suffixing "-2", "-3" before the extension.
export function uniquePath(path, taken) {
  if (!taken.has(path)) return path;
  const dot = path.lastIndexOf('.');
  const stem = dot > 0 ? path.slice(0, dot) : path;
  const ext = dot > 0 ? path.slice(dot) : '';
  for (let i = 2; ; i++) {
    const p = `${stem}-${i}${ext}`;
    if (!taken.has(p)) return p;
  }
}

// Validates a decoded object and returns a clean state:
// {v, files:[{path,text}], active:number, view:string, selection:string|null,
//  function?:string} (function: the Python definition to draw, kfpc --function).
// Throws StateError with a message a user can read.
export function validateState(raw) {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new StateError('not an object');
  const m = migrate(raw);
  if (!Array.isArray(m.files)) throw new StateError('no file list');
  if (m.files.length === 0) throw new StateError('no files');
  if (m.files.length > LIMITS.maxFiles) throw new StateError(`too many files (${m.files.length} > ${LIMITS.maxFiles})`);
  const files = [];
  const taken = new Set();
  let total = 0;
  for (const f of m.files) {
    if (f === null || typeof f !== 'object') throw new StateError('a file entry is not an object');
    if (typeof f.text !== 'string') throw new StateError('a file has no text');
    if (f.text.length > LIMITS.maxFileChars) throw new StateError('a file is too large');
    total += f.text.length;
    if (total > LIMITS.maxTotalChars) throw new StateError('the files are too large in total');
    const path = uniquePath(cleanPath(f.path), taken);
    taken.add(path);
    files.push({ path, text: f.text });
  }
  let active = Number.isInteger(m.active) && m.active >= 0 && m.active < files.length ? m.active : 0;
  const view = VIEWS.includes(m.view) ? m.view : 'split';
  let selection = null;
  if (typeof m.selection === 'string' && m.selection.length <= LIMITS.maxSelectionChars) selection = m.selection;
  // A Python identifier only: it goes to the core as options.function.
  let fn = null;
  if (typeof m.function === 'string' && m.function.length <= LIMITS.maxFunctionChars && /^[A-Za-z_][A-Za-z0-9_]*$/.test(m.function)) fn = m.function;
  const out = { v: STATE_VERSION, files, active, view, selection };
  if (fn) out.function = fn;
  return out;
}

// Old shapes -> current. Version 1 is the first; new fields are only ever
// added as optional ones so that this stays a no-op for v1 links.
export function migrate(raw) {
  const v = raw.v === undefined ? 1 : raw.v;
  if (v !== 1) throw new StateError(`unknown state version ${String(v).slice(0, 20)}`);
  return raw;
}

// Only the fields that belong in a link, in a fixed order.
export function linkState(s) {
  const out = { v: STATE_VERSION, files: s.files.map((f) => ({ path: f.path, text: f.text })), active: s.active };
  if (s.view && s.view !== 'split') out.view = s.view;
  if (s.selection) out.selection = s.selection;
  if (s.function) out.function = s.function;
  return out;
}
