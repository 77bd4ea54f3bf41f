// graph JSON (docs/graph-json.md) -> ELK graph: ports, nesting, collapse, merged edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildElk, shortType } from '../src/dag/build.js';

const g = JSON.parse(fs.readFileSync(new URL('./fixtures/graph_groups.json', import.meta.url)));
const p = g.pipelines[0];

const allEdges = (n) => [...(n.edges || []), ...(n.children || []).flatMap(allEdges)];

test('expanded: group is a compound node, edges end at typed ports', () => {
  const { elk, edgeInfo } = buildElk(p);
  const group = elk.children.find((c) => c.id === 'task:condition-1');
  assert.deepEqual(group.children.map((c) => c.id), ['task:condition-1/train']);
  const train = group.children[0];
  assert.deepEqual(train.ports.map((x) => x.id.split('\u0001').slice(1)), [['in', 'lr'], ['out', 'model']]);
  const edges = allEdges(elk);
  assert.equal(edges.length, 3);
  const bad = [...edgeInfo.values()].find((m) => m.mismatch);
  assert.equal(bad.targets[0], 'task:condition-1/train\u0001in\u0001lr');
  assert.equal(bad.label, 'STRING ≠ NUMBER_DOUBLE');
});

test('collapsed: inner nodes hidden, edges re-attached to the group box', () => {
  const { elk, edgeInfo } = buildElk(p, new Set(['task:condition-1']));
  const group = elk.children.find((c) => c.id === 'task:condition-1');
  assert.equal(group.children, undefined);
  const ms = [...edgeInfo.values()];
  assert.equal(ms.length, 3);
  assert.ok(ms.some((m) => m.to === 'task:condition-1' && m.mismatch));
  assert.ok(ms.some((m) => m.from === 'task:condition-1' && m.to === 'out:model'));
});

test('short artifact types', () => {
  assert.equal(shortType('system.Dataset@0.0.1'), 'Dataset');
  assert.equal(shortType('NUMBER_DOUBLE'), 'NUMBER_DOUBLE');
  assert.equal(shortType('system.Model@0.0.1', true), 'List[Model]');
  assert.equal(shortType(null), '?');
});
