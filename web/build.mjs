// Builds the static site into web/dist/ and prints what a first visit
// transfers (gzip), against the 600 KB budget.
//
//   node build.mjs [--require-wasm] [--strict-budget] [--sourcemap]
//
// The wasm core comes from KFP_WASM_DIR (default ../build/wasm/wasm):
// kfp_core.mjs + kfp_core.wasm, built by scripts/build_wasm.sh.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const args = new Set(process.argv.slice(2));
const wasmDir = path.resolve(here, process.env.KFP_WASM_DIR || '../build/wasm/wasm');
const BUDGET = 600 * 1000; // bytes, gzip

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

// 1. JavaScript: the two pages and the core's worker. Shared and lazy chunks
// land in dist/ itself, so import.meta.url of every file is dist/ and the
// sibling assets (worker.js, kfp_core.*, argo-schema.json) resolve next to it.
const js = await esbuild.build({
  entryPoints: { main: 'src/main.js', embed: 'src/embed.js', worker: 'src/worker.js' },
  metafile: true,
  absWorkingDir: here,
  outdir: dist,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'none',
  sourcemap: args.has('--sourcemap') ? 'linked' : false,
  logLevel: 'warning',
});

// 2. CSS, minified.
await esbuild.build({
  entryPoints: ['styles.css'],
  absWorkingDir: here,
  outfile: path.join(dist, 'styles.css'),
  minify: true,
  logLevel: 'warning',
});

// 3. (The DAG layout is in the wasm core: core/layout/.)
// 4. Static files and samples.
for (const f of ['index.html', 'embed.html', 'favicon.svg']) fs.copyFileSync(path.join(here, f), path.join(dist, f));
fs.cpSync(path.join(here, 'samples'), path.join(dist, 'samples'), { recursive: true });
fs.writeFileSync(path.join(dist, 'LICENSES.txt'), licenses());

// 5. The wasm core in its two builds: kfp_core_lite (no Python front-end),
// which a first visit loads, and kfp_core, loaded by the worker when a .py
// file is open or the files are large; and the Argo schema they are handed
// only when an Argo file is open (loaded lazily by the worker, not part of a
// first visit). The
// Emscripten glue (.mjs) is minified here, local names too (emcc only strips
// its whitespace without Closure, which Debian's emscripten lacks): 12.9 ->
// 9.9 KB gzip. Its generated code (`new Function` bodies) names nothing but
// its own parameters, so renaming is safe; the e2e tests run the page on this
// copy (tests/wasm on the build's own).
let haveWasm = true;
for (const f of ['kfp_core_lite.mjs', 'kfp_core_lite.wasm', 'kfp_core.mjs', 'kfp_core.wasm', 'argo-schema.json']) {
  const src = path.join(wasmDir, f);
  if (fs.existsSync(src) && f.endsWith('.mjs')) {
    const { code } = await esbuild.transform(fs.readFileSync(src, 'utf8'), { minify: true, format: 'esm', target: 'es2020' });
    fs.writeFileSync(path.join(dist, f), code);
  } else if (fs.existsSync(src)) fs.copyFileSync(src, path.join(dist, f));
  else if (f !== 'argo-schema.json') haveWasm = false;
  else console.warn(`warning: ${src} missing: Argo files will be linted without the schema pass`);
}
if (!haveWasm) {
  const msg = `wasm core not found in ${wasmDir} (run scripts/build_wasm.sh); the page will say the core is unavailable`;
  if (args.has('--require-wasm')) {
    console.error(`error: ${msg}`);
    process.exit(1);
  }
  console.warn(`warning: ${msg}`);
}

// 6. Sizes.
const gz = (p) => zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
function report(title, files) {
  let raw = 0;
  let zipped = 0;
  console.log(`\n${title}`);
  for (const f of files) {
    const p = path.join(dist, f);
    if (!fs.existsSync(p)) {
      console.log(`  ${f.padEnd(34)} (missing)`);
      continue;
    }
    const r = fs.statSync(p).size;
    const g = gz(p);
    raw += r;
    zipped += g;
    console.log(`  ${f.padEnd(34)} ${kb(r).padStart(10)} ${kb(g).padStart(10)} gzip`);
  }
  console.log(`  ${'total'.padEnd(34)} ${kb(raw).padStart(10)} ${kb(zipped).padStart(10)} gzip`);
  return zipped;
}
// An entry plus the chunks it imports statically (lazy chunks load on demand).
function closure(entry) {
  const outs = js.metafile.outputs;
  const rel = (p) => path.relative(dist, path.resolve(here, p));
  const byRel = new Map(Object.keys(outs).map((k) => [rel(k), outs[k]]));
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of byRel.get(f)?.imports || []) if (i.kind === 'import-statement') visit(rel(i.path));
  };
  visit(entry);
  return [...seen];
}
const core = [...closure('worker.js'), 'kfp_core_lite.mjs', 'kfp_core_lite.wasm', 'styles.css', 'favicon.svg'];
const mainTotal = report('editor page (index.html), first visit:', ['index.html', ...closure('main.js'), ...core, 'samples/index.json', 'samples/add/add.component.yaml', 'samples/add/pipeline.yaml']);
const embedTotal = report('embed page (embed.html):', ['embed.html', ...closure('embed.js'), ...core]);
const worst = Math.max(mainTotal, embedTotal);
const verdict = worst <= BUDGET ? 'within' : 'OVER';
console.log(`\ntransfer (gzip): editor page ${kb(mainTotal)}, embed page ${kb(embedTotal)} — ${verdict} the ${kb(BUDGET)} budget${haveWasm ? '' : ' (without the wasm core)'}`);
if (verdict === 'OVER') console.log(`  over by ${kb(worst - BUDGET)}`);
// Said, not hidden: opening a .py adds the whole core (the Python grammar's
// chunk comes on top; it is in the on-demand list below).
const lazyPy = ['kfp_core.mjs', 'kfp_core.wasm'].reduce((n, f) => n + (fs.existsSync(path.join(dist, f)) ? gz(path.join(dist, f)) : 0), 0);
console.log(`  opening a .py file or a large pipeline then loads the full core: +${kb(lazyPy)} gzip (kfp_core.mjs + kfp_core.wasm)`);
// The same figures for scripts/bench.sh (bench/results/transfer.json).
fs.writeFileSync(path.join(dist, 'transfer.json'), JSON.stringify({ budget: BUDGET, editor: mainTotal, embed: embedTotal, python_extra: lazyPy }) + '\n');
report('loaded on demand (not counted):', ['kfp_core.mjs', 'kfp_core.wasm', ...Object.keys(js.metafile.outputs).map((k) => path.relative(dist, path.resolve(here, k))).filter((f) => f.endsWith('.js') && !closure('main.js').includes(f) && !closure('embed.js').includes(f) && !closure('worker.js').includes(f)), 'argo-schema.json']);
if (verdict === 'OVER' && args.has('--strict-budget')) process.exit(1);

function licenses() {
  const lic = (p) => {
    try {
      return fs.readFileSync(path.join(here, 'node_modules', p), 'utf8');
    } catch {
      return '(license file not found)\n';
    }
  };
  return [
    'KFP Playground bundles the following third-party software.\n',
    '== CodeMirror 6 (@codemirror/*, @lezer/*) — MIT ==\n' + lic('@codemirror/view/LICENSE'),
    '== samples/ir/*.yaml — Apache-2.0, see samples/ir/NOTICE ==\n',
  ].join('\n');
}
