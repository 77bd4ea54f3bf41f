// The Web Worker that owns the wasm core (kfp_core.mjs + kfp_core.wasm, copied
// beside this file by build.mjs). It runs analyze/compile/version and posts
// back parsed JSON, so the page never blocks on the core. The submit* ops carry
// the endpoint settings (token included) to the core and back; nothing here
// logs them. Only core.js talks
// to this worker.

let modulePromise = null;

function load() {
  if (!modulePromise) {
    modulePromise = (async () => {
      const jsUrl = new URL('./kfp_core.mjs', import.meta.url).href;
      const wasmUrl = new URL('./kfp_core.wasm', import.meta.url).href;
      let factory;
      try {
        factory = (await import(jsUrl)).default;
      } catch (e) {
        throw new Error(`the core module (kfp_core.mjs) did not load: ${e && e.message ? e.message : e}`);
      }
      return factory({
        locateFile: (p) => new URL(p, import.meta.url).href,
        // Instantiate ourselves: the same path whatever environment the module
        // was built for, and streaming compilation when the server allows it.
        instantiateWasm(imports, done) {
          (async () => {
            const res = await fetch(wasmUrl);
            if (!res.ok) throw new Error(`kfp_core.wasm: HTTP ${res.status}`);
            let out;
            try {
              out = await WebAssembly.instantiateStreaming(res.clone(), imports);
            } catch {
              out = await WebAssembly.instantiate(await res.arrayBuffer(), imports);
            }
            done(out.instance, out.module);
          })().catch((e) => {
            modulePromise = Promise.reject(e);
            postMessage({ id: 0, type: 'fatal', error: String(e && e.message ? e.message : e) });
          });
          return {};
        },
        print: () => {},
        printErr: (t) => console.warn('[kfp_core]', t),
      });
    })();
  }
  return modulePromise;
}

// The Argo JSON schema is not inside the wasm (it is only needed for Argo
// files): fetched once, when a file may be one, and handed to the core so its
// checks are the CLI's. A file that names no "Workflow" cannot be an Argo kind.
let schemaPromise = null;
function ensureArgoSchema(m, files) {
  if (typeof m.hasArgoSchema !== 'function' || m.hasArgoSchema()) return null;
  if (!files.some((f) => String(f.text).includes('Workflow'))) return null;
  if (!schemaPromise) {
    schemaPromise = (async () => {
      const res = await fetch(new URL('./argo-schema.json', import.meta.url).href);
      if (!res.ok) throw new Error(`argo-schema.json: HTTP ${res.status}`);
      if (!m.setArgoSchema(await res.text())) throw new Error('argo-schema.json: not a schema');
    })().catch((e) => {
      schemaPromise = null;
      throw e;
    });
  }
  return schemaPromise;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`the core returned invalid JSON: ${e.message}`);
  }
}

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data || {};
  const t0 = performance.now();
  try {
    const m = await load();
    if (op === 'analyze' || op === 'compile') await ensureArgoSchema(m, args.files || []);
    let result;
    if (op === 'analyze') {
      result = parse(m.analyze(JSON.stringify(args.files), JSON.stringify(args.options || {})));
    } else if (op === 'compile') {
      result = parse(m.compile(JSON.stringify(args.files), String(args.target), JSON.stringify(args.options || {})));
    } else if (op === 'layout') {
      result = parse(m.layout(JSON.stringify(args.graph)));
    } else if (op === 'submitForm') {
      result = parse(m.submitForm(JSON.stringify(args.files), JSON.stringify(args.options || {})));
    } else if (op === 'submitPrepare') {
      result = parse(m.submitPrepare(JSON.stringify(args.files), JSON.stringify(args.options || {}), JSON.stringify(args.request || {})));
    } else if (op === 'submitStart') {
      result = parse(m.submitStart(JSON.stringify(args.config || {})));
    } else if (op === 'submitStep') {
      result = parse(m.submitStep(JSON.stringify(args.state || {}), JSON.stringify(args.response || {})));
    } else if (op === 'submitRequest') {
      result = parse(m.submitRequest(String(args.kind), JSON.stringify(args.endpoint || {}), JSON.stringify(args.args || {})));
    } else if (op === 'submitExplain') {
      result = parse(m.submitExplain(JSON.stringify(args.response || {}), JSON.stringify(args.endpoint || {})));
    } else if (op === 'version') {
      result = String(m.version());
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    postMessage({ id, ok: true, result, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({ id, ok: false, error: String(e && e.message ? e.message : e), ms: performance.now() - t0 });
  }
};
