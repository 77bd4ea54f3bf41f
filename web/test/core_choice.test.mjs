// Which build answers (web/src/util/core_choice.js): the full core once all
// open files together hold more than FULL_CORE_ABOVE characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FULL_CORE_ABOVE, largeEnoughForFullCore } from '../src/util/core_choice.js';

test('the files\' characters together decide, past the threshold only', () => {
  const half = 'x'.repeat(FULL_CORE_ABOVE / 2);
  assert.equal(largeEnoughForFullCore([]), false);
  assert.equal(largeEnoughForFullCore([{ path: 'a', text: half }, { path: 'b', text: half }]), false);
  assert.equal(largeEnoughForFullCore([{ path: 'a', text: half }, { path: 'b', text: half + 'y' }]), true);
  // Characters, not UTF-8 bytes: "é" counts once.
  assert.equal(largeEnoughForFullCore([{ path: 'a', text: 'é'.repeat(FULL_CORE_ABOVE) }]), false);
});

test('files without text count as empty', () => {
  assert.equal(largeEnoughForFullCore([null, { path: 'a' }, { path: 'b', text: 'x'.repeat(FULL_CORE_ABOVE + 1) }]), true);
  assert.equal(largeEnoughForFullCore([null, { path: 'a' }]), false);
});
