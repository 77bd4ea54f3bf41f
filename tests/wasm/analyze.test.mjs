// The wasm analyze()/version() against the native CLI: `kfpc analyze` prints
// core/api_json.cpp's analyze_json(), the same function the bindings call, so
// the two strings must be byte-identical on every sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadCore, kfpc, haveKfpc, haveCorpus, corpus, corpusSample, filesJson, rel, root, sameText, yamlFiles } from './core.mjs';

const core = await loadCore();

const fixtures = () => yamlFiles('tests/data');

function sameAsCli(relPaths) {
  const cli = kfpc(['analyze', ...relPaths]);
  assert.ok(cli.status === 0 || cli.status === 1, `kfpc analyze exit ${cli.status}: ${cli.stderr}`);
  const wasm = core.analyze(filesJson(relPaths), '{}');
  const native = cli.stdout.replace(/\n$/, '');
  sameText(wasm, native, `analyze ${relPaths.join(' ')}`);
  const r = JSON.parse(wasm);
  assert.equal(r.schema, 1);
  assert.equal(r.files.length, relPaths.length);
  return r;
}

test('version() is kfpc version', { skip: !haveKfpc && 'native kfpc not built' }, () => {
  assert.equal(core.version(), kfpc(['version']).stdout.trim());
  assert.match(core.version(), /^kfpc \d+\.\d+\.\d+$/);
});

test('analyze() equals `kfpc analyze` on the project fixtures', { skip: !haveKfpc && 'native kfpc not built' }, () => {
  const files = fixtures();
  assert.ok(files.length >= 3, 'fixtures found');
  for (const f of files) sameAsCli([f]);
});

test('analyze() of the graph fixture carries graph and mismatch', () => {
  const r = JSON.parse(core.analyze(filesJson(['tests/data/graph/v1_graph.yaml']), '{}'));
  assert.equal(r.files[0].kind, 'v1-graph');
  const p = r.graph.pipelines[0];
  const e = p.edges.find((x) => x.from.node === 'task:gen' && x.to.node === 'task:count');
  assert.ok(e, 'edge gen -> count');
  assert.equal(e.mismatch, true);
  const d = r.diagnostics[e.diagnostic.index];
  assert.equal(d.code, 'type-mismatch');
  assert.equal(d.line, 39);
  assert.equal(d.file, 'tests/data/graph/v1_graph.yaml');
});

test('analyze() equals `kfpc analyze` on corpus samples', { skip: (!haveKfpc && 'native kfpc not built') || (!haveCorpus && `corpus not found at ${corpus}`) }, () => {
  const samples = [
    ...corpusSample('ir/valid', 12),
    ...corpusSample('ir/invalid', 4),
    ...corpusSample('v1-components', 8, (f) => !f.includes('kfp-ir')),
    ...corpusSample('graph-pipelines', 8, (f) => f.endsWith('.pipeline.yaml')),
    ...corpusSample('argo-kfp-backend', 2),
  ];
  assert.ok(samples.length > 20);
  for (const s of samples) sameAsCli([rel(s)]);
  // Several files at once: a graph plus unrelated components.
  sameAsCli(samples.slice(0, 3).map(rel));
});
