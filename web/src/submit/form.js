// The run form: one input per pipeline parameter, from the core's typed field
// list (submitForm). Values go back as raw text; the core converts and checks
// them against the types (core/submit/params.h), so nothing is parsed here.
import { h } from '../util/dom.js';

const TYPE_LABEL = {
  NUMBER_INTEGER: 'integer',
  NUMBER_DOUBLE: 'float',
  BOOLEAN: 'boolean',
  STRING: 'string',
  LIST: 'JSON list',
  STRUCT: 'JSON object',
};

// fields: [{name, type, required, default_text, description}]; kept: {name: text} from a previous opening.
export function paramForm(fields, kept = {}) {
  const inputs = new Map();
  const rows = fields.map((f) => {
    let input;
    if (f.type === 'BOOLEAN') {
      input = h('select', null,
        h('option', { value: '' }, f.default_text ? `default (${f.default_text})` : '—'),
        h('option', { value: 'true' }, 'true'),
        h('option', { value: 'false' }, 'false'));
    } else {
      input = h(f.type === 'LIST' || f.type === 'STRUCT' ? 'textarea' : 'input', {
        type: 'text', rows: 2, spellcheck: 'false', autocomplete: 'off',
        placeholder: f.default_text ? `default: ${f.default_text}` : f.required ? 'required' : '',
      });
    }
    input.dataset.param = f.name;
    input.setAttribute('aria-label', `Parameter ${f.name}`);
    if (typeof kept[f.name] === 'string') input.value = kept[f.name];
    inputs.set(f.name, input);
    return h('label', { class: 'field param' },
      h('span', { class: 'field-label' }, f.name, ' ', h('span', { class: 'param-type' }, TYPE_LABEL[f.type] || f.type), f.required ? h('span', { class: 'param-req', title: 'required' }, ' *') : null),
      input,
      f.description ? h('span', { class: 'field-help' }, f.description) : null);
  });
  const el = h('fieldset', { class: 'param-form', id: 'submit-params' },
    h('legend', null, 'Run parameters'),
    rows.length ? rows : h('p', { class: 'meta' }, 'This pipeline has no parameter inputs.'));
  return {
    el,
    // Only filled-in fields: an empty one means "use the default".
    values() {
      const out = {};
      for (const [name, input] of inputs) if (input.value !== '') out[name] = input.value;
      return out;
    },
  };
}
