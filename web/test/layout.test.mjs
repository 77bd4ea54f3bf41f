// dag/layout.js: the nested graph from build.js -> the core's layout request,
// and the core's answer -> the laid-out shape render.js draws. (The layout
// itself is tested in C++, tests/layout_test.cpp, and in the browser.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildElk } from '../src/dag/build.js';
import { toRequest, applyResult } from '../src/dag/layout.js';
import { encodeState, decodeFragment } from '../src/share/serde.js';
import { validateState } from '../src/share/state.js';

const g = JSON.parse(fs.readFileSync(new URL('./fixtures/graph_groups.json', import.meta.url)));
const p = g.pipelines[0];

test('request: clusters with padding, children with parents, ports with sides and centres', () => {
  const { elk } = buildElk(p);
  const req = toRequest(elk);
  const byId = new Map(req.nodes.map((n) => [n.id, n]));
  const group = byId.get('task:condition-1');
  assert.equal(group.cluster, true);
  assert.equal(group.pad.length, 4);
  assert.ok(group.pad[0] > group.pad[1], 'room for the title on top');
  const train = byId.get('task:condition-1/train');
  assert.equal(train.parent, 'task:condition-1');
  assert.deepEqual(train.ports.map((x) => x.side), ['in', 'out']);
  assert.ok(train.ports.every((x) => x.y > 0 && x.y < train.h));
  // Every edge names existing nodes; ports belong to their node.
  assert.equal(req.edges.length, 3);
  for (const e of req.edges) {
    assert.ok(byId.has(e.from) && byId.has(e.to), JSON.stringify(e));
    if (e.fromPort) assert.ok(byId.get(e.from).ports.some((x) => x.id === e.fromPort && x.side === 'out'));
    if (e.toPort) assert.ok(byId.get(e.to).ports.some((x) => x.id === e.toPort && x.side === 'in'));
  }
  assert.ok(req.edges.some((e) => e.label && e.label[0] > 0));
  // Collapsed: the group is a plain node.
  const closed = toRequest(buildElk(p, new Set(['task:condition-1'])).elk);
  const cg = closed.nodes.find((n) => n.id === 'task:condition-1');
  assert.equal(cg.cluster, undefined);
  assert.ok(cg.w > 0 && cg.h > 0);
  assert.equal(closed.nodes.some((n) => n.parent === 'task:condition-1'), false);
});

test('answer: boxes, sections and labels land on the nested graph', () => {
  const { elk } = buildElk(p);
  const req = toRequest(elk);
  const res = {
    schema: 1,
    width: 900,
    height: 400,
    nodes: req.nodes.map((n, i) => [10 * i, 5 * i, 100 + i, 50]),
    edges: req.edges.map((e, i) => ({ points: [0, i, 20, i, 20, 30 + i, 40, 30 + i], ...(e.label ? { label: [15, 22 + i, e.label[0], e.label[1]] } : {}) })),
  };
  const laid = applyResult(elk, req, res);
  assert.equal(laid.width, 900);
  const group = laid.children.find((c) => c.id === 'task:condition-1');
  const gi = req.nodes.findIndex((n) => n.id === 'task:condition-1');
  assert.deepEqual([group.x, group.y, group.width, group.height], res.nodes[gi]);
  const all = [];
  const walk = (n) => {
    all.push(...(n.edges || []));
    (n.children || []).forEach(walk);
  };
  walk(laid);
  assert.equal(all.length, 3);
  for (const e of all) {
    const s = e.sections[0];
    assert.deepEqual(s.startPoint, { x: 0, y: s.startPoint.y });
    assert.equal(s.bendPoints.length, 2);
    assert.equal(s.endPoint.x, 40);
    for (const l of e.labels || []) assert.equal(l.x, 15);
  }
  assert.throws(() => applyResult(elk, req, { schema: 1, error: 'bad' }), /bad/);
});

test('share links carry the Python function choice; bad names are dropped', async () => {
  const state = { files: [{ path: 'p.py', text: 'x = 1\n' }], active: 0, view: 'split', selection: null, function: 'big_one' };
  const back = await decodeFragment('#' + (await encodeState(state)));
  assert.equal(back.function, 'big_one');
  assert.equal(validateState({ v: 1, files: [{ path: 'p.py', text: '' }], function: 'a b<script>' }).function, undefined);
  assert.equal(validateState({ v: 1, files: [{ path: 'p.py', text: '' }], function: 42 }).function, undefined);
});
