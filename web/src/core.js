// The only module that talks to the wasm core. The core runs in a Web Worker
// (worker.js); this file turns its messages into promises:
//   await core.analyze(files)          -> {schema, files, graph, diagnostics}
//   await core.compile(files, 'ir')    -> {schema, text, diagnostics}
//   await core.version()               -> "kfpc x.y.z"
//   await core.layout(request)         -> node boxes and edge routes (dag/layout.js)
//   await core.submitForm(files) / submitPrepare(files, request) / submitStart(config)
//         / submitStep(state, response) / submitRequest(kind, endpoint, args) / submitExplain(response, endpoint)
//                                      -> the submit API (docs/wasm-api.md)
// files: [{path, text}]. Analyze calls are coalesced: while one runs, only the
// newest waiting request is kept; the ones it replaces reject with Superseded.

export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'Superseded';
  }
}

export class Core {
  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    this.worker = new Worker(workerUrl, { type: 'module', name: 'kfp-core' });
    this.nextId = 1;
    this.pending = new Map();
    this.analyzeBusy = false;
    this.analyzeWaiting = null; // {args, resolve, reject}
    this.fatal = null;
    this.lastCore = null; // kfp_core_lite or kfp_core: the build that answered the last call
    this.worker.onmessage = (ev) => this.onMessage(ev.data);
    this.worker.onerror = (ev) => {
      ev.preventDefault?.();
      this.fail(`the core worker failed: ${ev.message || 'unknown error'}`);
    };
  }

  fail(message) {
    this.fatal = message;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    if (this.analyzeWaiting) {
      this.analyzeWaiting.reject(new Error(message));
      this.analyzeWaiting = null;
    }
  }

  onMessage(msg) {
    if (!msg) return;
    if (msg.type === 'fatal') {
      this.fail(msg.error);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.core) this.lastCore = msg.core;
    if (!msg.ok) {
      p.reject(new Error(msg.error));
      return;
    }
    if (typeof msg.text !== 'string') {
      p.resolve(msg.result, msg.ms);
      return;
    }
    let result;
    try {
      result = JSON.parse(msg.text); // worker.js sends the core's JSON as text
    } catch (e) {
      p.reject(new Error(`the core returned invalid JSON: ${e.message}`));
      return;
    }
    p.resolve(result, msg.ms);
  }

  call(op, args) {
    if (this.fatal) return Promise.reject(new Error(this.fatal));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  static cleanFiles(files) {
    return files.map((f) => ({ path: String(f.path), text: String(f.text) }));
  }

  analyze(files, options = {}) {
    const args = { files: Core.cleanFiles(files), options };
    return new Promise((resolve, reject) => {
      if (this.analyzeWaiting) this.analyzeWaiting.reject(new Superseded());
      this.analyzeWaiting = { args, resolve, reject };
      this.pumpAnalyze();
    });
  }

  pumpAnalyze() {
    if (this.analyzeBusy || !this.analyzeWaiting) return;
    const { args, resolve, reject } = this.analyzeWaiting;
    this.analyzeWaiting = null;
    this.analyzeBusy = true;
    this.call('analyze', args)
      .then(resolve, reject)
      .finally(() => {
        this.analyzeBusy = false;
        this.pumpAnalyze();
      });
  }

  compile(files, target, options = {}) {
    return this.call('compile', { files: Core.cleanFiles(files), target, options });
  }

  // Compiling is the full core's (docs/wasm-api.md): fetch it ahead of an export.
  prefetchFullCore() {
    return this.call('prefetch', {});
  }

  version() {
    return this.call('version', {});
  }

  // The DAG layout (core/layout/): request and answer as in docs/wasm-api.md.
  layout(graph) {
    return this.call('layout', { graph });
  }

  // Submitting (web/src/submit/): the core builds every request and decides
  // every next step; the page only performs the fetch() it is given.
  submitForm(files, options = {}) {
    return this.call('submitForm', { files: Core.cleanFiles(files), options });
  }

  submitPrepare(files, request, options = {}) {
    return this.call('submitPrepare', { files: Core.cleanFiles(files), options, request });
  }

  submitStart(config) {
    return this.call('submitStart', { config });
  }

  submitStep(state, response) {
    return this.call('submitStep', { state, response });
  }

  submitRequest(kind, endpoint, args = {}) {
    return this.call('submitRequest', { kind, endpoint, args });
  }

  submitExplain(response, endpoint) {
    return this.call('submitExplain', { response, endpoint });
  }
}

let shared = null;
export function core() {
  if (!shared) shared = new Core();
  return shared;
}
