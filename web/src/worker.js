// The Web Worker that owns the wasm core (kfp_core{,_lite}.mjs + .wasm, copied
// beside this file by build.mjs). It runs analyze/compile/version and posts
// back parsed JSON, so the page never blocks on the core. The submit* ops carry
// the endpoint settings (token included) to the core and back; nothing here
// logs them. Only core.js talks
// to this worker.

// Two builds of the same core (wasm/CMakeLists.txt): kfp_core_lite, which
// analyzes and lays out (no Python front-end, Argo lint, compiling or
// submitting), is what a first visit downloads; kfp_core, the whole core
// compiled for speed, is loaded the first time an open file is read as Python
// (the core's isPythonPath says which), lite meets an Argo file (its
// needsFullCore() after the call), an export or a submit starts (the Export
// menu's opening fetches it ahead: 'prefetch'), or the files grow past
// FULL_CORE_ABOVE (util/core_choice.js), and then serves every call.
import { largeEnoughForFullCore } from './util/core_choice.js';

const modules = new Map(); // name -> Promise<module>
let fullCore = null; // the loaded kfp_core, once a call needs it or it is ready

// background: a fetch made ahead of need fails quietly (lite keeps serving and
// a later need tries again) instead of failing the page.
function load(name, background = false) {
  if (!modules.has(name)) {
    const promise = new Promise((resolve, reject) => {
      (async () => {
        const jsUrl = new URL(`./${name}.mjs`, import.meta.url).href;
        const wasmUrl = new URL(`./${name}.wasm`, import.meta.url).href;
        let factory;
        try {
          factory = (await import(jsUrl)).default;
        } catch (e) {
          throw new Error(`the core module (${name}.mjs) did not load: ${e && e.message ? e.message : e}`);
        }
        const mod = await factory({
          locateFile: (p) => new URL(p, import.meta.url).href,
          // Instantiate ourselves: the same path whatever environment the module
          // was built for, and streaming compilation when the server allows it.
          // A failure rejects this load (the factory's own promise would wait forever).
          instantiateWasm(imports, done) {
            (async () => {
              const res = await fetch(wasmUrl);
              if (!res.ok) throw new Error(`${name}.wasm: HTTP ${res.status}`);
              let out;
              try {
                out = await WebAssembly.instantiateStreaming(res.clone(), imports);
              } catch {
                out = await WebAssembly.instantiate(await res.arrayBuffer(), imports);
              }
              done(out.instance, out.module);
            })().catch((e) => {
              if (!background) postMessage({ id: 0, type: 'fatal', error: String(e && e.message ? e.message : e) });
              reject(e);
            });
            return {};
          },
          print: () => {},
          printErr: (t) => console.warn('[kfp_core]', t),
        });
        resolve(mod);
      })().catch(reject);
    });
    modules.set(name, promise);
    if (background) promise.catch(() => modules.delete(name));
  }
  return modules.get(name);
}

// kfp_core, fetched in the background mode: should it fail, only the call
// that waits for it fails (an export or a submit; the page says so), lite goes
// on analyzing, and a later call tries again. Also what an Argo file, the
// Export menu's prefetch and a large input start.
async function fullCoreNow() {
  if (!fullCore) fullCore = await load('kfp_core', true);
  return fullCore;
}

// The module for a call over these files: the lite one until a file needs
// Python (then wait for the full core) or the files are large (then fetch the
// full core in the background and keep answering with lite until it is ready).
async function coreFor(files, op) {
  if (fullCore) return fullCore;
  if (op === 'compile' || String(op).startsWith('submit')) return fullCoreNow();
  const lite = await load('kfp_core_lite');
  if (!lite.hasPython() && files.some((f) => lite.isPythonPath(String(f && f.path != null ? f.path : '')))) {
    fullCore = await load('kfp_core');
    return fullCore;
  }
  // lite goes on answering until it is ready; should it fail, the next large call asks again
  if (largeEnoughForFullCore(files) && !modules.has('kfp_core')) fullCoreNow().catch(() => {});
  return lite;
}

// The Argo JSON schema is not inside the wasm (it is only needed for Argo
// files): fetched once, when a file may be one, and handed to each module so
// its checks are the CLI's. A file that names no "Workflow" cannot be an Argo kind.
let schemaText = null;
const schemaSet = new WeakMap(); // module -> Promise
function ensureArgoSchema(m, files) {
  if (typeof m.hasArgoSchema !== 'function' || m.hasArgoSchema()) return null;
  if (!files.some((f) => String(f.text).includes('Workflow'))) return null;
  if (!schemaText) {
    schemaText = (async () => {
      const res = await fetch(new URL('./argo-schema.json', import.meta.url).href);
      if (!res.ok) throw new Error(`argo-schema.json: HTTP ${res.status}`);
      return res.text();
    })().catch((e) => {
      schemaText = null;
      throw e;
    });
  }
  if (!schemaSet.has(m)) {
    schemaSet.set(
      m,
      schemaText.then((text) => {
        if (!m.setArgoSchema(text)) throw new Error('argo-schema.json: not a schema');
      }).catch((e) => {
        schemaSet.delete(m);
        throw e;
      }),
    );
  }
  return schemaSet.get(m);
}

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data || {};
  const t0 = performance.now();
  try {
    const files = (args && Array.isArray(args.files) && args.files) || [];
    let m = await coreFor(files, op);
    if (op === 'analyze' || op === 'compile') await ensureArgoSchema(m, files);
    // Results go to the page as the core's JSON text, parsed there (core.js):
    // a string crosses in one copy, where a parsed result would be cloned
    // object by object (1,000 tasks: ~30 ms more, and a JSON.parse here).
    let text;
    let result;
    if (op === 'analyze') {
      const call = (core) => core.analyze(JSON.stringify(args.files), JSON.stringify(args.options || {}));
      text = call(m);
      // The lite module met a file only kfp_core reads (an Argo workflow): ask
      // that one. Should it not load, lite's answer stands (it names what it
      // could not read) and a later call tries again.
      if (m !== fullCore && typeof m.needsFullCore === 'function' && m.needsFullCore()) {
        try {
          const full = await fullCoreNow();
          await ensureArgoSchema(full, files);
          text = call(full);
          m = full;
        } catch {
          // keep lite's text
        }
      }
    } else if (op === 'compile') {
      text = m.compile(JSON.stringify(args.files), String(args.target), JSON.stringify(args.options || {}));
    } else if (op === 'prefetch') {
      // Ahead of an export: fetch kfp_core in the background (lite answers meanwhile).
      fullCoreNow().catch(() => {});
      result = true;
    } else if (op === 'layout') {
      text = m.layout(JSON.stringify(args.graph));
    } else if (op === 'submitForm') {
      text = m.submitForm(JSON.stringify(args.files), JSON.stringify(args.options || {}));
    } else if (op === 'submitPrepare') {
      text = m.submitPrepare(JSON.stringify(args.files), JSON.stringify(args.options || {}), JSON.stringify(args.request || {}));
    } else if (op === 'submitStart') {
      text = m.submitStart(JSON.stringify(args.config || {}));
    } else if (op === 'submitStep') {
      text = m.submitStep(JSON.stringify(args.state || {}), JSON.stringify(args.response || {}));
    } else if (op === 'submitRequest') {
      text = m.submitRequest(String(args.kind), JSON.stringify(args.endpoint || {}), JSON.stringify(args.args || {}));
    } else if (op === 'submitExplain') {
      text = m.submitExplain(JSON.stringify(args.response || {}), JSON.stringify(args.endpoint || {}));
    } else if (op === 'version') {
      result = String(m.version());
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    postMessage({ id, ok: true, text, result, ms: performance.now() - t0, core: m === fullCore ? 'kfp_core' : 'kfp_core_lite' });
  } catch (e) {
    postMessage({ id, ok: false, error: String(e && e.message ? e.message : e), ms: performance.now() - t0 });
  }
};
