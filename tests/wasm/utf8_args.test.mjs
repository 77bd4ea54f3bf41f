// The files argument crosses into wasm through TextEncoder (wasm/bindings.cpp,
// kfp_encode_utf8): text beyond ASCII (two-, three- and four-byte UTF-8, so the
// ASCII-sized first try does not fit) must reach the core as the same bytes
// kfpc reads from the file, positions counted in bytes as the CLI counts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCore, haveKfpc, kfpc } from './core.mjs';

const text = [
  'name: Café ✓ 𝄞 train',
  'description: naïve — “quoted” ✓✓ 𝄞',
  'inputs:',
  '- {name: données, type: String, default: "é"}',
  'implementation:',
  '  container: {image: "python:3.11", command: [echo, {inputValue: données}, ✓]}',
  'outputs: [{name: x, type: 𝄞: bad}]',
  '',
].join('\n');

for (const name of ['kfp_core', 'kfp_core_lite']) {
  test(`${name}: non-ASCII files arrive as kfpc reads them`, { skip: !haveKfpc && 'kfpc not built' }, async () => {
    const core = await loadCore(name);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-utf8-'));
    const file = path.join(dir, 'compoñent ✓.yaml');
    fs.writeFileSync(file, text);
    const wasm = core.analyze(JSON.stringify([{ path: file, text }]), '{}');
    const cli = kfpc(['analyze', file]);
    assert.equal(wasm + '\n', cli.stdout);
    const r = JSON.parse(wasm);
    assert.ok(r.diagnostics.some((d) => d.line === 7), JSON.stringify(r.diagnostics)); // the bad output type
    fs.rmSync(dir, { recursive: true });
  });

  test(`${name}: a files argument that is not a string is a TypeError`, async () => {
    const core = await loadCore(name);
    assert.throws(() => core.analyze([{ path: 'a.yaml', text: 'x' }], '{}'), TypeError);
    if (typeof core.compile === 'function') assert.throws(() => core.compile(42, 'ir', '{}'), TypeError);  // kfp_core only
    // and the module still answers afterwards
    assert.equal(JSON.parse(core.analyze('[]', '{}')).schema, 1);
  });
}
