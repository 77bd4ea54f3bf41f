// Hostile input through the wasm boundary: every call returns a JSON result
// with diagnostics; nothing throws, nothing hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './core.mjs';

const core = await loadCore();

function analyzeText(text, p = 'bad.yaml') {
  const t0 = Date.now();
  const s = core.analyze(JSON.stringify([{ path: p, text }]), '{}');
  const ms = Date.now() - t0;
  const r = JSON.parse(s);
  assert.equal(r.schema, 1);
  assert.ok(ms < 5000, `took ${ms} ms`);
  return r;
}

test('invalid YAML gives a positioned yaml diagnostic', () => {
  const r = analyzeText('name: x\ninputs: [a, b\n');
  const d = r.diagnostics.find((x) => x.code === 'yaml-syntax');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.file, 'bad.yaml');
  assert.ok(d.line >= 2);
  assert.deepEqual(r.graph.pipelines, []);
});

test('10k-deep nesting is a limit diagnostic, not a crash', () => {
  // Flow style, block sequences ("- - - ... x") and flow mappings, 10k deep each.
  for (const text of ['['.repeat(10000) + ']'.repeat(10000), '- '.repeat(10000) + 'x\n', '{a: '.repeat(10000) + '1' + '}'.repeat(10000)]) {
    const r = analyzeText(text);
    assert.ok(r.diagnostics.some((x) => x.code === 'yaml-limit' || x.code === 'yaml-syntax'), JSON.stringify(r.diagnostics).slice(0, 500));
  }
});

test('an alias bomb is bounded', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('name: bomb', 'implementation: {container: {image: *a11}}');
  const r = analyzeText(lines.join('\n') + '\n');
  assert.ok(r.diagnostics.length > 0);
  const c = JSON.parse(core.compile(JSON.stringify([{ path: 'bomb.yaml', text: lines.join('\n') }]), 'ir', '{}'));
  assert.equal(c.schema, 1);
});

test('malformed requests are api diagnostics', () => {
  for (const [files, opts] of [['not json', '{}'], ['{"a":1}', '{}'], ['[{"path":"x"}]', '{}'], ['[]', '[1]'], ['', '']]) {
    const r = JSON.parse(core.analyze(files, opts));
    assert.equal(r.schema, 1);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].code, 'api');
    assert.equal(r.diagnostics[0].severity, 'error');
  }
  const ok = JSON.parse(core.analyze('[]', ''));
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(ok.graph, { schema: 2, pipelines: [] });
});

test('binary garbage and invalid UTF-8 do not throw', () => {
  const garbage = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
  const r = analyzeText(garbage);
  assert.ok(r.diagnostics.length > 0);
  const r2 = analyzeText('name: "\udc80 lone surrogate"\nimplementation: {container: {image: x}}\n', '\udc80.yaml');
  assert.equal(r2.schema, 1);
});
