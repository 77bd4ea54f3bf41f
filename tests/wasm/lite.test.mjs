// kfp_core_lite (analysis and layout: no Python front-end, Argo lint,
// compiling or submitting) against kfp_core: the page loads the lite module
// first and moves to the full one when a file is read as Python, lite meets an
// Argo file, or an export or a submit starts (web/src/worker.js), so on every
// other input the two must analyze to the same bytes, and the lite module must
// say what it cannot read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, filesJson, sameText, yamlFiles } from './core.mjs';

const full = await loadCore('kfp_core');
const lite = await loadCore('kfp_core_lite');


test('only the full module has the Python front-end', () => {
  assert.equal(full.hasPython(), true);
  assert.equal(lite.hasPython(), false);
});

test('isPythonPath is the core\'s rule, the same in both modules', () => {
  for (const [p, want] of [['pipeline.py', true], ['a/b/c.py', true], ['.py', true], ['py', false], ['x.pyc', false], ['x.py.yaml', false], ['x.yaml', false], ['', false]]) {
    assert.equal(lite.isPythonPath(p), want, p);
    assert.equal(full.isPythonPath(p), want, p);
  }
});

test('lite and full analyze byte-identically every YAML fixture and sample but Argo files', () => {
  const files = yamlFiles('tests/data', 'web/samples');
  assert.ok(files.length > 50, `fixtures found: ${files.length}`);
  let argo = 0;
  for (const f of files) {
    const json = filesJson([f]);
    const want = full.analyze(json, '{}');
    if (JSON.parse(want).files.some((x) => x.kind === 'argo')) {
      argo += 1;
      continue;  // the next test
    }
    sameText(lite.analyze(json, '{}'), want, `analyze ${f}`);
    assert.equal(lite.needsFullCore(), false, f);
  }
  assert.equal(lite.version(), full.version());
  assert.ok(argo > 5, `Argo fixtures: ${argo}`);
});

test('the lite module answers an Argo file with argo-unavailable and needsFullCore(); full lints it', () => {
  const isArgo = (f) => JSON.parse(full.analyze(filesJson([f]), '{}')).files.some((x) => x.kind === 'argo');
  const files = yamlFiles('tests/data').filter(isArgo);
  assert.ok(files.length > 5);
  for (const f of files) {
    const json = filesJson([f]);
    const r = JSON.parse(lite.analyze(json, '{}'));
    assert.equal(lite.needsFullCore(), true, f);
    assert.equal(r.files[0].kind, 'argo', f);
    const d = r.diagnostics.filter((x) => x.code === 'argo-unavailable');
    assert.equal(d.length, 1, `${f}: ${JSON.stringify(r.diagnostics)}`);
    assert.equal(d[0].severity, 'error');
    assert.equal(d[0].file, f);
    assert.ok(!r.diagnostics.some((x) => x.code.startsWith('argo-') && x.code !== 'argo-unavailable'), f);
    full.analyze(json, '{}');
    assert.equal(full.needsFullCore(), false, f);
  }
  // The flag is the last call's: a KFP file next clears it.
  lite.analyze(filesJson(['tests/data/graph/lone.yaml']), '{}');
  assert.equal(lite.needsFullCore(), false);
});

test('only the full module compiles, submits and takes the Argo schema', () => {
  const submit = ['submitForm', 'submitPrepare', 'submitStart', 'submitStep', 'submitRequest', 'submitExplain'];
  for (const fn of ['compile', ...submit, 'setArgoSchema', 'hasArgoSchema']) {
    assert.equal(typeof full[fn], 'function', fn);
    assert.equal(typeof lite[fn], 'undefined', fn);
  }
  assert.equal(full.hasArgoLint(), true);
  assert.equal(lite.hasArgoLint(), false);
});

test('the lite module refuses a .py file with python-unavailable at 1:1, and full reads it', () => {
  const json = JSON.stringify([{ path: 'p.py', text: 'from kfp import dsl\n\n@dsl.pipeline\ndef p():\n    pass\n' }]);
  const r = JSON.parse(lite.analyze(json, '{}'));
  const d = r.diagnostics.find((x) => x.code === 'python-unavailable');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(lite.needsFullCore(), true);
  assert.equal(d.severity, 'error');
  assert.equal(d.line, 1);
  assert.equal(d.column, 1);
  const f = JSON.parse(full.analyze(json, '{}'));
  assert.ok(!f.diagnostics.some((x) => x.code === 'python-unavailable'));
  assert.equal(f.files[0].kind, 'python');
});
