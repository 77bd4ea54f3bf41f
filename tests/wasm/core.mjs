// Shared setup for the Node tests of the built wasm module: loads
// build/wasm/wasm/kfp_core.{mjs,wasm} exactly as the page does (the ES6
// factory, given the bytes), and runs the native kfpc for comparison.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const wasmDir = process.env.KFP_WASM_DIR ?? path.join(root, 'build/wasm/wasm');
export const kfpcPath = process.env.KFPC ?? path.join(root, 'build/native/cli/kfpc');
export const corpus = process.env.KFP_CORPUS ?? path.resolve(root, '../shared/corpus');

// name: 'kfp_core' (the whole core) or 'kfp_core_lite' (no Python front-end,
// what a first visit of the page loads).
export async function loadCore(name = 'kfp_core') {
  const mjs = path.join(wasmDir, `${name}.mjs`);
  if (!fs.existsSync(mjs)) throw new Error(`${mjs} missing: run scripts/build_wasm.sh`);
  const { default: factory } = await import(pathToFileURL(mjs).href);
  const m = await factory({ wasmBinary: fs.readFileSync(path.join(wasmDir, `${name}.wasm`)) });
  // The Argo schema is not embedded in the wasm; the page hands it in (web/src/worker.js).
  const schema = path.join(wasmDir, 'argo-schema.json');
  if (typeof m.setArgoSchema === 'function' && fs.existsSync(schema) && !m.setArgoSchema(fs.readFileSync(schema, 'utf8')))
    throw new Error('argo-schema.json was refused');
  return m;
}

export const haveKfpc = fs.existsSync(kfpcPath);
export const haveCorpus = fs.existsSync(corpus);

// Runs kfpc with paths relative to the repo root (so the paths in its output
// are the ones the wasm call is given). Returns {status, stdout, stderr}.
export function kfpc(args) {
  const r = spawnSync(kfpcPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// [{path, text}] for repo-relative paths, as the page sends them.
export function filesJson(relPaths) {
  return JSON.stringify(relPaths.map((p) => ({ path: p, text: fs.readFileSync(path.join(root, p), 'utf8') })));
}

// Repo-relative paths of the .yaml/.yml files under the given repo-relative folders, sorted.
export function yamlFiles(...dirs) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(rel(p));
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out;
}

// Repo-relative path of an absolute one (corpus files sit outside the repo).
export function rel(abs) {
  return path.relative(root, abs);
}

// A few files of each corpus folder, in a stable order.
export function corpusSample(dir, n, filter = () => true) {
  const d = path.join(corpus, dir);
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d)
    .filter((f) => f.endsWith('.yaml') && filter(f))
    .sort()
    .slice(0, n)
    .map((f) => path.join(d, f));
}

// Fails with the place where two long strings first differ, not both whole.
export function sameText(actual, expected, what) {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  const around = (s) => JSON.stringify(s.slice(Math.max(0, i - 120), i + 120));
  throw new Error(`${what}: differ at char ${i} (lengths ${actual.length} vs ${expected.length})\n  wasm:   ${around(actual)}\n  native: ${around(expected)}`);
}
