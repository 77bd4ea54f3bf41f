// heapPeakBytes(): the heap's high-water mark, which bench/bench_wasm.mjs
// reads before and after one call in a fresh instance as that call's peak
// memory. It must rise by at least what a call had to hold (a megabyte of
// text is copied into the module and read into the model) and never fall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './core.mjs';

const bigComponent = () => {
  const description = 'x'.repeat(1 << 20);  // 1 MiB, held at least once while it is read
  const text = `name: big\ndescription: ${description}\nimplementation:\n  container:\n    image: alpine\n`;
  return JSON.stringify([{ path: 'big.yaml', text }]);
};

for (const name of ['kfp_core', 'kfp_core_lite']) {
  test(`${name}: heapPeakBytes rises with a call's memory and never falls`, async () => {
    const core = await loadCore(name);
    const start = core.heapPeakBytes();
    assert.ok(Number.isFinite(start) && start > 0, `start ${start}`);
    core.analyze(JSON.stringify([{ path: 'a.yaml', text: 'name: a\n' }]), '{}');
    const small = core.heapPeakBytes();
    assert.ok(small >= start, `${small} >= ${start}`);
    const r = JSON.parse(core.analyze(bigComponent(), '{}'));
    assert.equal(r.files[0].kind, 'v1-component');
    const big = core.heapPeakBytes();
    assert.ok(big - start >= 1 << 20, `rose by ${big - start} bytes`);
    core.analyze(JSON.stringify([{ path: 'a.yaml', text: 'name: a\n' }]), '{}');
    assert.equal(core.heapPeakBytes(), big, 'a smaller call leaves the mark where it was');
  });
}
