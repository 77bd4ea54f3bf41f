// Share-link encoding: round trip, saved old links, and refusal of hostile input.
// Run: node --test test/   (Node 20+: CompressionStream is global)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { encodeState, decodeFragment, deflateRaw, bytesToBase64url, isShareFragment } from '../src/share/serde.js';
import { validateState, cleanPath, LIMITS, StateError } from '../src/share/state.js';

const enc = (s) => new TextEncoder().encode(s);

test('round trip keeps files, active tab, view and selection', async () => {
  const state = {
    files: [
      { path: 'a.yaml', text: 'name: A\n# ünïcødé ✓ 🚀\n' },
      { path: 'dir/b.yaml', text: '' },
    ],
    active: 1,
    view: 'editor',
    selection: 'task:x/y',
  };
  const frag = await encodeState(state);
  assert.match(frag, /^z1:[A-Za-z0-9_-]+$/);
  const back = await decodeFragment('#' + frag);
  assert.deepEqual(back, { v: 1, ...state });
});

test('settings are never written into a link', async () => {
  const frag = await encodeState({ files: [{ path: 'a.yaml', text: 'x' }], active: 0, view: 'split', selection: null, endpoint: 'https://kfp.example', token: 'secret-token' });
  const back = await decodeFragment(frag);
  assert.equal(JSON.stringify(back).includes('secret-token'), false);
  assert.equal(JSON.stringify(back).includes('kfp.example'), false);
});

test('every saved old link still opens', async () => {
  const { links } = JSON.parse(fs.readFileSync(new URL('./fixtures/old_links.json', import.meta.url)));
  assert.ok(links.length > 0);
  for (const l of links) assert.deepEqual(await decodeFragment(l.fragment), l.expect, l.written_by);
});

test('unknown prefixes and garbage are refused with a message', async () => {
  assert.equal(isShareFragment('#z1:abc'), true);
  assert.equal(isShareFragment('#section-2'), false);
  await assert.rejects(decodeFragment('#q9:abc'), StateError);
  await assert.rejects(decodeFragment('#z1:***'), /base64url/);
  await assert.rejects(decodeFragment('#z1:' + bytesToBase64url(enc('not deflate at all'))), StateError);
  const notJson = 'z1:' + bytesToBase64url(await deflateRaw(enc('{oops')));
  await assert.rejects(decodeFragment(notJson), /JSON/);
});

test('a small link that inflates hugely is capped', async () => {
  const bomb = enc(JSON.stringify({ files: [{ path: 'a', text: 'x'.repeat(20_000_000) }] }));
  const frag = 'z1:' + bytesToBase64url(await deflateRaw(bomb));
  assert.ok(frag.length < 100_000, `bomb link is ${frag.length} chars`);
  await assert.rejects(decodeFragment(frag), /too much data/);
});

test('state validation checks shapes and caps sizes', () => {
  assert.throws(() => validateState(null), StateError);
  assert.throws(() => validateState({ files: 'x' }), StateError);
  assert.throws(() => validateState({ files: [] }), StateError);
  assert.throws(() => validateState({ files: [{ path: 'a', text: 5 }] }), StateError);
  assert.throws(() => validateState({ v: 99, files: [{ path: 'a', text: '' }] }), /version/);
  const many = Array.from({ length: LIMITS.maxFiles + 1 }, (_, i) => ({ path: `f${i}`, text: '' }));
  assert.throws(() => validateState({ files: many }), /too many/);
  const s = validateState({ files: [{ path: '../../etc/passwd', text: 'a' }, { path: 'a.yaml', text: '' }, { path: 'a.yaml', text: '' }], active: 7, view: '<script>', selection: 42, extra: 'dropped' });
  assert.deepEqual(s.files.map((f) => f.path), ['etc/passwd', 'a.yaml', 'a-2.yaml']);
  assert.equal(s.active, 0);
  assert.equal(s.view, 'split');
  assert.equal(s.selection, null);
  assert.equal('extra' in s, false);
});

test('paths are cleaned of control characters and traversal', () => {
  assert.equal(cleanPath('a/\u0000b\u001b.yaml'), 'a/b.yaml');
  assert.equal(cleanPath('/x/../y/./z.yaml'), 'x/y/z.yaml');
  assert.equal(cleanPath(''), 'untitled.yaml');
  assert.equal(cleanPath(7), 'untitled.yaml');
});
