// The Settings dialog: endpoint URL, namespace, auth (bearer token or browser
// cookies), target. Saved only when the values are usable (settings.js).
import { h } from '../util/dom.js';
import { loadSettings, saveSettings, settingsProblems } from './settings.js';

function field(label, input, help) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, help ? h('span', { class: 'field-help' }, help) : null);
}

function select(id, options, value) {
  const el = h('select', { id }, options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return el;
}

// app: for app.dialog(). onSaved(settings) runs after a successful save.
export function openSettings(app, onSaved = () => {}) {
  const s = loadSettings();
  const endpoint = h('input', { id: 'settings-endpoint', type: 'url', spellcheck: 'false', autocomplete: 'off', placeholder: 'https://kfp.example.com/pipeline' });
  endpoint.value = s.endpoint;
  const namespace = h('input', { id: 'settings-namespace', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: 'kubeflow-user-example-com' });
  namespace.value = s.namespace;
  const target = select('settings-target', [['kfp', 'Kubeflow Pipelines API (v2beta1)'], ['argo', 'Argo Server']], s.target);
  const auth = select('settings-auth', [['none', 'None'], ['token', 'Bearer token'], ['cookies', 'Use browser cookies (login gateway)']], s.auth);
  // type=password: not shown on screen, not offered to autofill history.
  const token = h('input', { id: 'settings-token', type: 'password', spellcheck: 'false', autocomplete: 'off' });
  token.value = s.token;
  const tokenRow = field('Token', token, 'Sent only in the Authorization header of requests to this endpoint. Kept in this browser’s localStorage; never put in share links, exports or messages.');
  const timeout = h('input', { id: 'settings-timeout', type: 'number', min: '1', max: '600', step: '1' });
  timeout.value = String(s.timeoutSeconds);
  const problems = h('ul', { class: 'submit-problems', id: 'settings-problems', role: 'alert' });
  const showToken = () => {
    tokenRow.hidden = auth.value !== 'token';
  };
  auth.addEventListener('change', showToken);
  showToken();

  const save = h('button', { type: 'button', class: 'primary', id: 'settings-save' }, 'Save');
  const body = [
    field('Submit to', target),
    field('Endpoint URL', endpoint, 'KFP: the API base, e.g. https://host/pipeline (or http://localhost:8080 after kubectl port-forward). Argo: the Argo Server URL. The server must allow this page’s origin (CORS); `kfpc submit` has no such limit.'),
    field('Namespace', namespace, 'KFP multi-user namespace (empty for single-user); Argo namespace (empty = argo).'),
    field('Authentication', auth),
    tokenRow,
    field('Timeout per request (seconds)', timeout),
    problems,
  ];
  const d = app.dialog('Submit settings', body, [save]);
  d.id = 'settings-dialog';
  save.addEventListener('click', () => {
    const next = { endpoint: endpoint.value.trim().replace(/\/+$/, ''), namespace: namespace.value.trim(), auth: auth.value, token: token.value.trim(), target: target.value, timeoutSeconds: Number(timeout.value) };
    const errs = settingsProblems(next);
    problems.replaceChildren(...errs.map((e) => h('li', null, e)));
    if (errs.length) return;
    const saved = saveSettings(next);
    d.close();
    onSaved(saved);
  });
  return d;
}
