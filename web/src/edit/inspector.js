// The details panel for a clicked node: image, command, args, inputs (with
// what the task passes) and outputs. Text only (h() makes text nodes).
import { h, clear } from '../util/dom.js';
import { componentOf, inputPorts, outputPorts } from '../dag/components.js';

function binding(v) {
  if (!v || typeof v !== 'object') return '';
  switch (v.source) {
    case 'constant':
      return typeof v.value === 'string' ? JSON.stringify(v.value) : JSON.stringify(v.value ?? null);
    case 'pipeline-input':
      return `pipeline input ${v.input}`;
    case 'task-output':
      return `${v.task}.${v.output}`;
    case 'loop-item':
      return `loop item ${v.input}${v.expression ? ` [${v.expression}]` : ''}`;
    case 'task-final-status':
      return `final status of ${v.task}`;
    default:
      return String(v.source ?? '');
  }
}

function where(span) {
  return span && span.file ? `${span.file}:${span.line}:${span.column}` : '';
}

function codeList(items) {
  if (!Array.isArray(items) || items.length === 0) return h('p', { class: 'muted' }, 'none');
  return h('ol', { class: 'code-list' }, items.map((x) => h('li', null, h('code', null, String(x)))));
}

function portTable(ports, withValue) {
  if (!Array.isArray(ports) || ports.length === 0) return h('p', { class: 'muted' }, 'none');
  const rows = ports.map((p) =>
    h('tr', null,
      h('td', null, h('span', { class: ['dot', p.artifact ? 'artifact' : 'param'] }), String(p.name ?? '')),
      h('td', null, h('code', null, `${p.type ?? '?'}${p.list ? '[]' : ''}`), p.optional ? h('span', { class: 'muted' }, ' optional') : null),
      withValue ? h('td', null, p.value ? h('code', null, binding(p.value)) : p.default !== undefined ? h('span', { class: 'muted' }, `default ${JSON.stringify(p.default)}`) : h('span', { class: 'muted' }, '—')) : null,
    ));
  return h('table', { class: 'ports' },
    h('thead', null, h('tr', null, h('th', null, 'name'), h('th', null, 'type'), withValue ? h('th', null, 'value') : null)),
    h('tbody', null, rows));
}

// node: graph JSON node of `pipeline` (its component is in the pipeline's
// table: dag/components.js). actions: {goto(span), close()}
export function renderInspector(el, pipeline, node, actions) {
  clear(el);
  if (!node) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const title = node.displayName || node.name || node.id;
  const kindLabel = node.kind === 'group' ? `${node.group} group` : node.kind === 'task' ? 'task' : `pipeline ${node.kind}`;
  const head = h('header', { class: 'insp-head' },
    h('div', null, h('div', { class: 'insp-kind' }, kindLabel), h('h2', { class: 'insp-title' }, String(title))),
    h('button', { type: 'button', class: 'icon', 'aria-label': 'Close details', title: 'Close' }, '×'));
  head.querySelector('button').addEventListener('click', () => actions.close());
  el.append(head);

  const facts = h('dl', { class: 'facts' });
  const fact = (k, v, span) => {
    if (v === undefined || v === null || v === '') return;
    const dd = h('dd', null, typeof v === 'string' ? v : v);
    if (span && span.file) {
      const a = h('button', { type: 'button', class: 'link goto', title: 'Show in editor' }, where(span));
      a.addEventListener('click', () => actions.goto(span));
      dd.append(' ', a);
    }
    facts.append(h('dt', null, k), dd);
  };
  if (node.name && node.name !== title) fact('name', String(node.name));
  if (node.span && node.span.file) fact('defined at', h('span'), node.span);
  const comp = componentOf(pipeline, node);
  if (comp) {
    fact('component', `${comp.name ?? ''}${comp.resolved === false ? ' (unresolved)' : ''}`, comp.span);
    if (comp.executor && comp.executor !== 'container') fact('executor', String(comp.executor));
  }
  if (node.kind === 'input' || node.kind === 'output') {
    fact('type', String(node.type ?? '?'));
    if (node.default !== undefined) fact('default', JSON.stringify(node.default));
    if (node.optional) fact('optional', 'yes');
  }
  if (node.condition) fact('condition', String(node.condition));
  if (node.items) fact('items', node.items.raw !== undefined ? String(node.items.raw) : String(node.items.input ?? ''));
  if (node.itemInput) fact('loop item', String(node.itemInput));
  if (node.parallelism !== undefined) fact('parallelism', String(node.parallelism));
  if (node.cache !== undefined) fact('cache', node.cache ? 'enabled' : 'disabled');
  if (node.retry) fact('retry', JSON.stringify(node.retry));
  if (node.triggerStrategy) fact('trigger', String(node.triggerStrategy));
  if (node.description) fact('description', String(node.description));
  el.append(facts);

  if (node.kind === 'task' || node.kind === 'group') {
    if (comp && comp.image) {
      el.append(h('h3', null, 'Image'), h('p', null, h('code', { class: 'image' }, String(comp.image))));
    }
    if (node.kind === 'task') {
      el.append(h('h3', null, 'Command'), codeList(comp ? comp.command : []));
      el.append(h('h3', null, 'Args'), codeList(comp ? comp.args : []));
    }
    el.append(h('h3', null, 'Inputs'), portTable(inputPorts(pipeline, node), true));
    el.append(h('h3', null, 'Outputs'), portTable(outputPorts(pipeline, node), false));
  }
}
