// The graph JSON (docs/graph-json.md, schema 2) keeps what every task of one
// component would repeat (ports, image, command, args) once, in the
// pipeline's `components` table: a task or group node names its entry by
// `componentIndex` and carries only its own arguments, `values`, by input
// name. These put the two back together for the drawing and the inspector.

// The entry node `n` runs, or null (a condition group, a pipeline input).
export function componentOf(pipeline, n) {
  const table = pipeline && Array.isArray(pipeline.components) ? pipeline.components : null;
  const i = n ? n.componentIndex : undefined;
  if (!table || !Number.isInteger(i) || i < 0 || i >= table.length) return null;
  const c = table[i];
  return c && typeof c === 'object' ? c : null;
}

const values = (n) => (n && n.values && typeof n.values === 'object' ? n.values : {});

// The task's inputs: each declared port with the task's argument for it as
// `value` (absent when it passes none), then the arguments no declared input
// takes (type unknown: an unresolved component, or a name the checks report).
export function inputPorts(pipeline, n) {
  const c = componentOf(pipeline, n);
  const vals = values(n);
  const declared = new Set();
  const out = [];
  for (const p of c && Array.isArray(c.inputs) ? c.inputs : []) {
    if (!p) continue;
    const name = String(p.name);
    declared.add(name);
    out.push(Object.hasOwn(vals, name) ? { ...p, value: vals[name] } : p);
  }
  for (const [name, value] of Object.entries(vals)) {
    if (!declared.has(name)) out.push({ name, type: null, artifact: false, optional: false, span: null, value });
  }
  return out;
}

export function outputPorts(pipeline, n) {
  const c = componentOf(pipeline, n);
  return c && Array.isArray(c.outputs) ? c.outputs : [];
}
