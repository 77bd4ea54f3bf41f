// Share-link encoding: "z1:" + base64url(deflate-raw(JSON)). The prefix is a
// version: decoders accept every prefix ever written (see DECODERS), so an
// old link keeps opening after the format moves on.
import { linkState, validateState, StateError } from './state.js';

// Compressed fragments larger than this are refused before decoding, and the
// inflated JSON is capped while streaming (a small link must not inflate to
// gigabytes).
export const MAX_FRAGMENT_CHARS = 3_000_000;
export const MAX_JSON_BYTES = 8_000_000;
// Chat tools and some browsers cut URLs around here: warn above it.
export const LONG_LINK_CHARS = 2000;

export function bytesToBase64url(bytes) {
  let bin = '';
  const CH = 0x8000;
  for (let i = 0; i < bytes.length; i += CH) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + CH));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64urlToBytes(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new StateError('the link is not valid base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  let bin;
  try {
    bin = atob(b64);
  } catch {
    throw new StateError('the link is not valid base64url');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pump(stream, input, cap) {
  const writer = stream.writable.getWriter();
  // Write and close without awaiting: the reader below drains concurrently;
  // errors surface through the reader.
  writer.write(input).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > cap) {
      reader.cancel().catch(() => {});
      throw new StateError('the link inflates to too much data');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export async function deflateRaw(bytes) {
  return pump(new CompressionStream('deflate-raw'), bytes, Infinity);
}

export async function inflateRaw(bytes, cap = MAX_JSON_BYTES) {
  try {
    return await pump(new DecompressionStream('deflate-raw'), bytes, cap);
  } catch (e) {
    if (e instanceof StateError) throw e;
    throw new StateError('the link data is corrupt (cannot inflate)');
  }
}

// state -> "z1:...". Only link fields are written (never settings).
export async function encodeState(state) {
  const json = JSON.stringify(linkState(state));
  return 'z1:' + bytesToBase64url(await deflateRaw(new TextEncoder().encode(json)));
}

function parseJson(bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StateError('the link data is not UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new StateError('the link data is not JSON');
  }
}

// Every prefix ever written, newest first. Add a row, never remove one.
const DECODERS = {
  'z1:': async (payload) => parseJson(await inflateRaw(base64urlToBytes(payload))),
};

// "#z1:..." or "z1:..." -> validated state. Throws StateError.
export async function decodeFragment(fragment) {
  let f = String(fragment || '');
  if (f.startsWith('#')) f = f.slice(1);
  if (f.length > MAX_FRAGMENT_CHARS) throw new StateError('the link is too long');
  const colon = f.indexOf(':');
  const prefix = colon >= 0 ? f.slice(0, colon + 1) : '';
  const dec = DECODERS[prefix];
  if (!dec) throw new StateError(`unknown link format "${prefix.slice(0, 12) || f.slice(0, 12)}"`);
  return validateState(await dec(f.slice(colon + 1)));
}

export function isShareFragment(fragment) {
  const f = String(fragment || '').replace(/^#/, '');
  return Object.keys(DECODERS).some((p) => f.startsWith(p));
}
