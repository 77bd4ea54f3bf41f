// Guard: page code never parses data as HTML. Everything from YAML, links and
// the core goes through text nodes (src/util/dom.js h()/s()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;
const files = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.js') ? [path.join(d, e.name)] : []));

test('no HTML sinks or eval in web/src', () => {
  const bad = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*['"]on/;
  for (const f of files(src)) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (l.trim().startsWith('//')) return;
      assert.equal(bad.test(l), false, `${path.relative(src, f)}:${i + 1}: ${l.trim()}`);
    });
  }
});
