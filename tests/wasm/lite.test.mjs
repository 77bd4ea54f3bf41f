// kfp_core_lite (no Python front-end) against kfp_core: the page loads the
// lite module first and moves to the full one when a file is read as Python
// (web/src/worker.js), so on every non-Python input the two must answer with
// the same bytes, and the lite module must say what it cannot read.
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

test('lite and full give byte-identical analyze and compile results on every YAML fixture and sample', () => {
  const files = yamlFiles('tests/data', 'web/samples');
  assert.ok(files.length > 50, `fixtures found: ${files.length}`);
  for (const f of files) {
    const json = filesJson([f]);
    sameText(lite.analyze(json, '{}'), full.analyze(json, '{}'), `analyze ${f}`);
    for (const target of ['ir', 'argo']) sameText(lite.compile(json, target, '{}'), full.compile(json, target, '{}'), `compile --to ${target} ${f}`);
  }
  assert.equal(lite.version(), full.version());
});

test('the lite module refuses a .py file with python-unavailable at 1:1, and full reads it', () => {
  const json = JSON.stringify([{ path: 'p.py', text: 'from kfp import dsl\n\n@dsl.pipeline\ndef p():\n    pass\n' }]);
  const r = JSON.parse(lite.analyze(json, '{}'));
  const d = r.diagnostics.find((x) => x.code === 'python-unavailable');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.severity, 'error');
  assert.equal(d.line, 1);
  assert.equal(d.column, 1);
  const f = JSON.parse(full.analyze(json, '{}'));
  assert.ok(!f.diagnostics.some((x) => x.code === 'python-unavailable'));
  assert.equal(f.files[0].kind, 'python');
});
