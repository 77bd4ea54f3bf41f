// Never lose text: the open files live in localStorage, saved shortly after
// every edit and when the page is hidden. What is read back is validated
// like a share link (it may have been written by an older page version).
import { validateState } from '../share/state.js';

const KEY = 'kfp-playground:workspace:v1';
const BACKUP_KEY = 'kfp-playground:workspace:v1:before-link';

export function loadSaved() {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const obj = JSON.parse(raw);
    const state = validateState(obj);
    return { state, link: typeof obj.link === 'string' ? obj.link : null };
  } catch {
    return null;
  }
}

// state: {files, active, view, selection, function?}; link: the fragment last written to the URL.
export function save(state, link) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ v: 1, files: state.files, active: state.active, view: state.view, selection: state.selection, function: state.function || undefined, link: link || null }));
    return true;
  } catch {
    return false; // quota exceeded or storage disabled: the hash still carries small workspaces
  }
}

// Before a shared link replaces the local files, keep them one step back.
export function backup(state) {
  try {
    localStorage.setItem(BACKUP_KEY, JSON.stringify({ v: 1, files: state.files, active: state.active, saved: Date.now() }));
  } catch {
    /* best effort */
  }
}

export function loadBackup() {
  try {
    const raw = localStorage.getItem(BACKUP_KEY);
    return raw ? validateState(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export function sameFiles(a, b) {
  if (!a || !b || a.files.length !== b.files.length) return false;
  return a.files.every((f, i) => f.path === b.files[i].path && f.text === b.files[i].text);
}
