// Entry point of embed.html: a read-only, fit-to-frame DAG of the files in the
// link fragment (#z1:...) or of YAML fetched from ?src=URL (same origin or
// CORS). No editor is loaded here.
import { core } from './core.js';
import { DagView } from './dag/view.js';
import { decodeFragment, isShareFragment } from './share/serde.js';
import { cleanPath, LIMITS } from './share/state.js';

const MAX_SRC = 4;
const GRAPH_KINDS = new Set(['v1-graph', 'ir', 'python']);

function fail(msg) {
  document.body.dataset.state = 'error';
  view.showMessage(msg);
}

async function fetchSources(urls) {
  const files = [];
  for (const raw of urls.slice(0, MAX_SRC)) {
    let url;
    try {
      url = new URL(raw, location.href);
    } catch {
      throw new Error(`not a URL: ${raw.slice(0, 80)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`only http(s) sources are allowed: ${url.protocol}`);
    const res = await fetch(url.href, { credentials: 'omit', redirect: 'follow' });
    if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > LIMITS.maxFileChars) throw new Error(`${url.href} is too large`);
    files.push({ path: cleanPath(decodeURIComponent(url.pathname.split('/').pop() || 'pipeline.yaml')), text });
  }
  return files;
}

const host = document.getElementById('dag');
const view = new DagView(host, { interactive: false, fitMax: 1.5 });
const openLink = document.getElementById('open-in-playground');
const title = document.getElementById('title');

async function main() {
  const params = new URLSearchParams(location.search);
  const srcs = params.getAll('src');
  let files;
  let active = 0;
  let options = {};
  if (isShareFragment(location.hash)) {
    const st = await decodeFragment(location.hash);
    files = st.files;
    active = st.active;
    if (st.function) options = { function: st.function };
    openLink.href = new URL(`index.html${location.hash}`, location.href).href;
  } else if (srcs.length) {
    files = await fetchSources(srcs);
    openLink.href = new URL('index.html', location.href).href;
  } else {
    throw new Error('Nothing to show: add a #z1:… share fragment or ?src=URL of a YAML file.');
  }
  const res = await core().analyze(files, options);
  const ps = (res.graph && res.graph.pipelines) || [];
  const activePath = files[active] && files[active].path;
  const p = ps.find((x) => x.file === activePath && GRAPH_KINDS.has(x.kind)) || ps.find((x) => GRAPH_KINDS.has(x.kind)) || ps[0];
  const errors = (res.diagnostics || []).filter((d) => d.severity === 'error');
  if (!p) {
    const first = errors[0];
    throw new Error(first ? `No graph: ${first.file}:${first.line}:${first.column}: ${first.message}` : 'No pipeline in these files.');
  }
  title.textContent = p.displayName || p.name || p.file;
  title.title = p.description || '';
  if (errors.length) {
    document.getElementById('problems').textContent = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
    document.getElementById('problems').hidden = false;
  }
  await view.setPipeline(p, { refit: true });
  document.body.dataset.state = 'ready';
}

for (const b of document.querySelectorAll('[data-graph]')) {
  b.addEventListener('click', () => {
    if (b.dataset.graph === 'fit') view.fit();
    else if (b.dataset.graph === 'zoom-in') view.zoom(1.25);
    else if (b.dataset.graph === 'zoom-out') view.zoom(0.8);
  });
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
