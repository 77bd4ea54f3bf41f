// The Submit dialog: upload the open files' pipeline (or a new version of an
// existing one), optionally start a run or a recurring run with typed
// parameters, or submit the Argo workflow. The core validates, compiles,
// builds every request and explains every failure; this file only collects
// the form, shows results, and never shows or keeps the token.
import { h } from '../util/dom.js';
import { loadSettings, endpointJson, endpointOrigin, settingsProblems } from './settings.js';
import { openSettings } from './settings_dialog.js';
import { paramForm } from './form.js';
import { runFlow, PHASES } from './flow.js';
import { perform } from './http.js';

// What the user typed last time (no settings, no token).
const kept = { nameFor: '', pipelineName: '', pipelineId: '', mode: 'upload', experiment: 'Default', runName: '', params: {}, schedule: 'cron', cron: '0 0 0 * * *', every: '3600', lint: true };

const $in = (id, attrs = {}) => h('input', { id, type: 'text', spellcheck: 'false', autocomplete: 'off', ...attrs });
const field = (label, input, help) => h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, help ? h('span', { class: 'field-help' }, help) : null);
const diagLine = (d) => `${d.file ? `${d.file}:${d.line}:${d.column}: ` : ''}${d.severity}: ${d.message} [${d.code}]`;

function describeTarget(s) {
  const origin = endpointOrigin(s);
  return `${s.target === 'argo' ? 'Argo Server' : 'KFP API'} at ${origin}${s.endpoint.slice(origin.length)}${s.namespace ? `, namespace ${s.namespace}` : ''}`;
}

export async function openSubmit(app) {
  const settings = loadSettings();
  const files = app.editor.files();
  let form;
  try {
    form = await app.core.submitForm(files);
  } catch (e) {
    app.toast(`The core failed: ${e.message}`, 'error');
    return null;
  }
  const reopen = () => {
    d.close();
    openSubmit(app);
  };
  const configured = settingsProblems(settings).length === 0;
  const settingsBtn = h('button', { type: 'button', class: 'link', id: 'submit-open-settings' }, 'Settings…');
  settingsBtn.addEventListener('click', () => openSettings(app, reopen));
  const head = configured
    ? h('p', { class: 'meta', id: 'submit-target' }, `To the ${describeTarget(settings)}. `, settingsBtn)
    : h('div', { class: 'callout warn', id: 'submit-unconfigured' }, h('p', null, 'Set where to submit first: the endpoint URL, namespace and authentication.'), settingsBtn);

  const isKfp = settings.target === 'kfp';
  const body = [head];
  const ui = {};
  if (isKfp) {
    ui.name = $in('submit-pipeline-name');
    // A name typed for this pipeline survives reopening; another pipeline starts from its own name.
    ui.name.value = kept.nameFor === form.pipeline_name && kept.pipelineName ? kept.pipelineName : form.pipeline_name;
    ui.name.dataset.for = form.pipeline_name;
    ui.pipelineId = $in('submit-pipeline-id', { placeholder: 'optional' });
    ui.pipelineId.value = kept.pipelineId;
    ui.mode = h('select', { id: 'submit-mode' },
      h('option', { value: 'upload' }, 'Upload only'),
      h('option', { value: 'run' }, 'Upload and start a run'),
      h('option', { value: 'recurring' }, 'Upload and create a recurring run'));
    ui.mode.value = kept.mode;
    ui.experiment = $in('submit-experiment', { list: 'submit-experiments' });
    ui.experiment.value = kept.experiment;
    const list = h('datalist', { id: 'submit-experiments' });
    const load = h('button', { type: 'button', id: 'submit-load-experiments' }, 'Load experiments');
    load.addEventListener('click', () => loadExperiments(app, list, ui));
    ui.runName = $in('submit-run-name', { placeholder: `${form.pipeline_name} run` });
    ui.runName.value = kept.runName;
    ui.params = paramForm(form.fields || [], kept.params);
    ui.schedule = h('select', { id: 'submit-schedule' }, h('option', { value: 'cron' }, 'Cron'), h('option', { value: 'periodic' }, 'Every N seconds'));
    ui.schedule.value = kept.schedule;
    ui.cron = $in('submit-cron');
    ui.cron.value = kept.cron;
    ui.every = $in('submit-every', { inputmode: 'numeric' });
    ui.every.value = kept.every;
    const cronRow = field('Cron expression', ui.cron, 'KFP’s cron has a seconds field: "0 0 0 * * *" is every day at midnight.');
    const everyRow = field('Interval (seconds)', ui.every);
    const scheduleBox = h('fieldset', { class: 'submit-schedule-box' }, h('legend', null, 'Schedule'), field('Kind', ui.schedule), cronRow, everyRow);
    const runBox = h('div', { class: 'submit-run-box' },
      field('Experiment (created when missing)', h('span', { class: 'row' }, ui.experiment, load), null), list,
      field('Run name', ui.runName), scheduleBox, ui.params.el);
    const sync = () => {
      runBox.hidden = ui.mode.value === 'upload';
      scheduleBox.hidden = ui.mode.value !== 'recurring';
      cronRow.hidden = ui.schedule.value !== 'cron';
      everyRow.hidden = ui.schedule.value !== 'periodic';
    };
    ui.mode.addEventListener('change', sync);
    ui.schedule.addEventListener('change', sync);
    sync();
    body.push(field('Pipeline name', ui.name),
      field('Existing pipeline ID', ui.pipelineId, 'Leave empty to create the pipeline (a new version is uploaded when the name exists); or give an ID to upload a new version of that pipeline.'),
      field('What to do', ui.mode), runBox);
  } else {
    ui.lint = h('input', { type: 'checkbox', id: 'submit-lint' });
    ui.lint.checked = kept.lint;
    body.push(h('p', null, 'Compiles the open files to an Argo Workflow and submits it.'),
      h('label', { class: 'check' }, ui.lint, ' Lint on the server first (skipped when the server has no lint endpoint)'));
  }
  const problems = h('ul', { class: 'submit-problems', id: 'submit-problems', hidden: true });
  ui.force = h('input', { type: 'checkbox', id: 'submit-force' });
  const forceRow = h('label', { class: 'check warn', id: 'submit-force-row', hidden: true }, ui.force, ' Submit anyway: I know the validation found errors');
  const status = h('p', { class: 'meta', id: 'submit-status', role: 'status' });
  const error = h('div', { class: 'callout error', id: 'submit-error', role: 'alert', hidden: true });
  const result = h('div', { class: 'callout ok', id: 'submit-result', hidden: true });
  body.push(problems, forceRow, status, error, result);

  const go = h('button', { type: 'button', class: 'primary', id: 'submit-go', disabled: !configured }, 'Submit');
  const d = app.dialog(isKfp ? 'Submit to Kubeflow Pipelines' : 'Submit to an Argo Server', body, [go]);
  d.id = 'submit-dialog';
  d.classList.add('submit-dialog');
  go.addEventListener('click', async () => {
    go.disabled = true;
    try {
      await submit(app, ui, { problems, forceRow, status, error, result });
    } finally {
      go.disabled = false;
    }
  });
  return d;
}

function remember(ui) {
  if (!ui.name) {
    kept.lint = ui.lint.checked;
    return;
  }
  Object.assign(kept, {
    nameFor: ui.name.dataset.for, pipelineName: ui.name.value.trim(), pipelineId: ui.pipelineId.value.trim(), mode: ui.mode.value,
    experiment: ui.experiment.value.trim(), runName: ui.runName.value.trim(), params: ui.params.values(),
    schedule: ui.schedule.value, cron: ui.cron.value.trim(), every: ui.every.value.trim(),
  });
}

// The core's request: raw form values; it converts and checks them.
function buildRequest(settings, ui) {
  const req = { target: settings.target, endpoint: endpointJson(settings), force: ui.force.checked };
  if (!ui.name) return { ...req, lint: ui.lint.checked };
  Object.assign(req, {
    pipeline_name: kept.pipelineName, pipeline_id: kept.pipelineId, run: kept.mode === 'run',
    experiment: kept.experiment, run_name: kept.runName,
    parameters: kept.mode === 'upload' ? {} : kept.params,
  });
  if (kept.mode === 'recurring') {
    req.schedule = kept.schedule === 'cron' ? { cron: kept.cron } : { interval_seconds: /^\d+$/.test(kept.every) ? Number(kept.every) : kept.every };
  }
  return req;
}

async function submit(app, ui, out) {
  remember(ui);
  for (const el of [out.error, out.result, out.problems]) {
    el.hidden = true;
    el.replaceChildren();
  }
  const settings = loadSettings();
  const bad = settingsProblems(settings);
  if (bad.length) return showError(out, { code: 'settings', message: bad.join(' '), hint: 'open Settings' });
  out.status.textContent = 'Validating and compiling…';
  let prep;
  try {
    prep = await app.core.submitPrepare(app.editor.files(), buildRequest(settings, ui));
  } catch (e) {
    return showError(out, { code: 'core', message: `the core failed: ${e.message}`, hint: '' });
  }
  const diags = (prep.diagnostics || []).filter((x) => x.severity === 'error' || x.severity === 'warning');
  if (diags.length) {
    out.problems.replaceChildren(...diags.slice(0, 30).map((x) => h('li', { class: x.severity }, diagLine(x))));
    out.problems.hidden = false;
  }
  if (!prep.submittable) {
    out.status.textContent = '';
    if (prep.summary && prep.summary.errors > 0) out.forceRow.hidden = false;
    return showError(out, { code: 'validation', message: prep.refusal || 'not submitted', hint: prep.summary && prep.summary.errors > 0 ? 'fix the problems listed above, or tick “Submit anyway”' : '' });
  }
  let final;
  try {
    final = await runFlow(app.core, prep.config, settings, { onPhase: (p) => (out.status.textContent = PHASES[p] || p) });
  } catch (e) {
    out.status.textContent = '';
    return showError(out, { code: 'internal', message: e.message, hint: '' });
  }
  out.status.textContent = '';
  if (!final.ok) return showError(out, final.failure || { code: 'internal', message: 'the submission failed', hint: '' });
  showResult(out.result, final.result);
}

function showError(out, f) {
  out.error.dataset.code = f.code;
  // Server text arrives in f.message: text nodes only.
  out.error.replaceChildren(h('p', { class: 'submit-error-message' }, f.message), f.hint ? h('p', { class: 'submit-error-hint' }, f.hint) : null);
  out.error.hidden = false;
  out.error.scrollIntoView({ block: 'nearest' });
}

function showResult(el, r) {
  const rows = [];
  const row = (label, value, id) => value && rows.push(h('div', { class: 'kv' }, h('span', null, label), h('code', { id }, value)));
  row('Workflow', r.workflow_name, 'submit-workflow');
  if (r.lint) row('Server lint', r.lint, 'submit-lint-result');
  row('Pipeline ID', r.pipeline_id, 'submit-pipeline-id-result');
  row('Version ID', r.pipeline_version_id, 'submit-version-id');
  row('Experiment ID', r.experiment_id, 'submit-experiment-id');
  row('Run ID', r.run_id, 'submit-run-id');
  row('Recurring run ID', r.recurring_run_id, 'submit-recurring-id');
  if (r.run_url && /^https?:\/\//.test(r.run_url)) {
    rows.push(h('a', { href: r.run_url, target: '_blank', rel: 'noopener noreferrer', id: 'submit-run-link' }, 'Open the run in the KFP UI'));
  }
  el.replaceChildren(h('p', null, 'Submitted.'), ...rows);
  el.hidden = false;
  el.scrollIntoView({ block: 'nearest' });
}

async function loadExperiments(app, list, ui) {
  const settings = loadSettings();
  if (settingsProblems(settings).length) return;
  try {
    const r = await app.core.submitRequest('list_experiments', endpointJson(settings), {});
    if (!r.request) throw new Error(r.error || 'no request');
    const resp = await perform(r.request, settings);
    if (resp.transport !== 'ok' || resp.status >= 300) {
      const f = await app.core.submitExplain({ ...resp, from_browser: true, origin: location.origin }, endpointJson(settings));
      app.toast(`Could not list experiments: ${f.message}`, 'error');
      return;
    }
    const names = (JSON.parse(resp.body).experiments || []).map((e) => String(e.display_name || '')).filter(Boolean);
    list.replaceChildren(...names.map((n) => h('option', { value: n })));
    app.toast(`${names.length} experiment${names.length === 1 ? '' : 's'} in ${settings.namespace || 'the default namespace'}`);
    ui.experiment.focus();
  } catch (e) {
    app.toast(`Could not list experiments: ${e.message}`, 'error');
  }
}
