// dag/components.js: a task's ports are its component's (the pipeline's
// `components` table, docs/graph-json.md) with the task's own arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentOf, inputPorts, outputPorts } from '../src/dag/components.js';

const scale = {
  name: 'Scale',
  image: 'busybox',
  inputs: [
    { name: 'x', type: 'NUMBER_INTEGER', optional: false },
    { name: 'y', type: 'STRING', optional: true },
  ],
  outputs: [{ name: 'out', type: 'NUMBER_INTEGER' }],
};
const pipeline = { components: [scale] };

test('declared ports carry the task argument, undeclared arguments follow untyped', () => {
  const constant = (value) => ({ source: 'constant', value });
  const task = { id: 'task:c', componentIndex: 0, values: { typo: constant('oops'), x: constant('3') } };
  const ins = inputPorts(pipeline, task);
  assert.deepEqual(ins.map((p) => [p.name, p.type, p.value ? p.value.value : undefined]), [
    ['x', 'NUMBER_INTEGER', '3'],
    ['y', 'STRING', undefined],
    ['typo', null, 'oops'],
  ]);
  assert.equal(Object.hasOwn(ins[1], 'value'), false);
  // The table's entry is not changed by the join (other tasks share it).
  assert.equal(Object.hasOwn(scale.inputs[0], 'value'), false);
  assert.deepEqual(outputPorts(pipeline, task).map((p) => p.name), ['out']);
});

test('no entry: a condition group, an index out of range or not a number, no table', () => {
  const nodes = [{ componentIndex: null }, { componentIndex: 1 }, { componentIndex: -1 }, { componentIndex: '0' }, {}];
  for (const n of nodes) {
    assert.equal(componentOf(pipeline, n), null, JSON.stringify(n));
    assert.deepEqual(outputPorts(pipeline, n), []);
  }
  assert.equal(componentOf({}, { componentIndex: 0 }), null);
  // Arguments of a task whose component is unknown are still its inputs.
  assert.deepEqual(inputPorts({}, { values: { a: { source: 'constant', value: 1 } } }).map((p) => p.name), ['a']);
});

test('an argument named like an Object property stays an argument', () => {
  const task = JSON.parse(
    '{"componentIndex": 0, "values": {"__proto__": {"source": "constant", "value": "p"},' +
      ' "constructor": {"source": "constant", "value": "c"}}}',
  );
  const names = inputPorts(pipeline, task).map((p) => p.name);
  assert.deepEqual(names, ['x', 'y', '__proto__', 'constructor']);
  const plain = { componentIndex: 0, values: {} };
  assert.deepEqual(inputPorts(pipeline, plain).map((p) => p.name), ['x', 'y']);
});
