// The wasm compile() against `kfpc compile --to <target>`: same text, byte
// for byte. While the IR/Argo emitters are not in the core, compile() answers
// {available:false} and these comparisons are skipped (with a message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, kfpc, haveKfpc, haveCorpus, corpus, corpusSample, filesJson, rel, sameText } from './core.mjs';

const core = await loadCore();
const probe = JSON.parse(core.compile(filesJson(['tests/data/graph/lone.yaml']), 'ir', '{}'));

test('compile() result shape', () => {
  assert.equal(probe.schema, 1);
  assert.equal(typeof probe.text, 'string');
  assert.ok(Array.isArray(probe.diagnostics));
  const bad = JSON.parse(core.compile('[]', 'yaml', '{}'));
  assert.equal(bad.diagnostics[0].code, 'api');
});

for (const target of ['ir', 'argo']) {
  const available = JSON.parse(core.compile(filesJson(['tests/data/graph/lone.yaml']), target, '{}')).available !== false;
  test(`compile(${target}) equals kfpc compile --to ${target}`, {
    skip: (!available && `compile to ${target} not available in the core yet`) || (!haveKfpc && 'native kfpc not built'),
  }, () => {
    const samples = ['tests/data/graph/lone.yaml', 'tests/data/graph/v1_graph.yaml'];
    if (haveCorpus) {
      samples.push(...corpusSample('v1-components', 6, (f) => !f.includes('kfp-ir')).map(rel));
      samples.push(...corpusSample('graph-pipelines', 4, (f) => f.endsWith('.pipeline.yaml')).map(rel));
      if (target === 'argo') samples.push(...corpusSample('ir/valid', 4).map(rel));
    } else {
      console.log(`# corpus not found at ${corpus}: fixtures only`);
    }
    for (const s of samples) {
      const cli = kfpc(['compile', '--to', target, s]);
      const r = JSON.parse(core.compile(filesJson([s]), target, '{}'));
      if (cli.status === 0) sameText(r.text, cli.stdout, `compile --to ${target} ${s}`);
      else assert.equal(r.text, '', `refused by kfpc but not by wasm: ${s}`);
    }
  });
}
