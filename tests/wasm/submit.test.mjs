// The submit API of the wasm core (docs/wasm-api.md): the run form, our own
// validation before anything is sent, the flow's requests and the failure
// explanations. Driven from Node exactly as the page drives it (fetch each
// request the core builds, hand the answer back), against the mock KFP API
// that checks every request against KFP's swagger; and compared with what
// `kfpc submit` sends for the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadCore, filesJson, root, kfpcPath, haveKfpc } from './core.mjs';
import { startMock, haveSwagger } from '../submit/mock.mjs';

const core = await loadCore();
const TYPED = ['tests/data/submit/train.component.yaml', 'tests/data/submit/train.pipeline.yaml'];
const files = filesJson(TYPED);
const TOKEN = 'tok-3f9a-SECRET';
const J = (s) => JSON.parse(s);
const prepare = (req) => J(core.submitPrepare(files, '{}', JSON.stringify(req)));
const noMock = haveSwagger ? false : 'KFP swagger not found (../shared/corpus absent)';

test('submitForm: one typed field per parameter input', () => {
  const f = J(core.submitForm(files, '{}'));
  assert.equal(f.schema, 1);
  assert.equal(f.pipeline_name, 'Train pipeline');
  const byName = Object.fromEntries(f.fields.map((x) => [x.name, x]));
  assert.deepEqual(Object.keys(byName).sort(), ['epochs', 'rate', 'shuffle', 'tag']);
  assert.equal(byName.epochs.type, 'NUMBER_INTEGER');
  assert.equal(byName.epochs.required, true);
  assert.equal(byName.rate.type, 'NUMBER_DOUBLE');
  assert.equal(byName.rate.required, false);
  assert.equal(byName.shuffle.type, 'BOOLEAN');
  assert.equal(byName.tag.type, 'STRING');
  assert.equal(byName.tag.default_text, 'nightly');
  assert.equal(J(core.submitForm('not json', '{}')).diagnostics[0].code, 'api');
});

test('submitPrepare: a bad integer is refused before anything is sent', () => {
  const p = prepare({ target: 'kfp', endpoint: { base_url: 'http://127.0.0.1:9' }, run: true, parameters: { epochs: 'ten', rate: '0.5' } });
  assert.equal(p.submittable, false);
  assert.equal(p.config, null);
  assert.match(p.refusal, /not submitted: validation found 1 error/);
  const d = p.diagnostics.find((x) => x.code === 'run-param');
  assert.match(d.message, /value 'ten' for input 'epochs' is not a valid NUMBER_INTEGER/);
  assert.equal(d.file, 'tests/data/submit/train.pipeline.yaml');
  assert.ok(d.line > 0);
  // A missing required input is an error too; an explicit override submits anyway.
  assert.match(prepare({ target: 'kfp', endpoint: { base_url: 'http://x' }, run: true }).diagnostics.map((x) => x.message).join('\n'), /required input 'epochs' has no value/);
  const forced = prepare({ target: 'kfp', endpoint: { base_url: 'http://x' }, run: true, force: true, parameters: { epochs: 'ten' } });
  assert.equal(forced.submittable, true);
  assert.deepEqual(forced.config.parameters, {});
});

test('submitPrepare: typed parameters and the compiled pipeline', () => {
  const p = prepare({ target: 'kfp', endpoint: { base_url: 'http://h' }, run: true, experiment: 'exp', parameters: { epochs: '3', rate: '0.5', shuffle: 'false', tag: '12' } });
  assert.equal(p.submittable, true, JSON.stringify(p.diagnostics));
  assert.deepEqual(p.config.parameters, { epochs: 3, rate: 0.5, shuffle: false, tag: '12' });
  assert.equal(p.config.pipeline_name, 'Train pipeline');
  assert.equal(p.config.experiment, 'exp');
  assert.match(p.config.pipeline_yaml, /^pipelineInfo:/m);
  if (haveKfpc) {
    const cli = spawnSync(kfpcPath, ['compile', '--to', 'ir', ...TYPED], { cwd: root, encoding: 'utf8' });
    assert.equal(p.config.pipeline_yaml, cli.stdout, 'the uploaded text is `kfpc compile --to ir`');
  }
  // Upload only: no run parameters are demanded.
  assert.equal(prepare({ target: 'kfp', endpoint: { base_url: 'http://h' } }).submittable, true);
  // A schedule must be usable.
  const bad = prepare({ target: 'kfp', endpoint: { base_url: 'http://h' }, parameters: { epochs: '1' }, schedule: { interval_seconds: 'soon' } });
  assert.equal(bad.submittable, false);
  assert.match(bad.refusal, /recurring run needs a cron expression/);
  // Argo: the workflow as JSON.
  const a = prepare({ target: 'argo', endpoint: { base_url: 'http://h', namespace: 'ns' }, lint: true });
  assert.equal(a.config.workflow.kind, 'Workflow');
  assert.equal(a.config.lint, true);
});

test('submitStart / submitStep: failures a person can act on, token redacted', () => {
  const none = J(core.submitStart(JSON.stringify({ target: 'kfp' })));
  assert.equal(none.done, true);
  assert.equal(none.failure.code, 'no-endpoint');
  const cfg = prepare({ target: 'kfp', endpoint: { base_url: 'http://127.0.0.1:1/pipeline', token: TOKEN } }).config;
  const s = J(core.submitStart(JSON.stringify(cfg)));
  assert.equal(s.request.method, 'POST');
  assert.equal(s.request.url.split('?')[0], 'http://127.0.0.1:1/pipeline/apis/v2beta1/pipelines/upload');
  assert.deepEqual(s.request.headers.find(([k]) => k === 'Authorization'), ['Authorization', `Bearer ${TOKEN}`]);
  const step = (response) => J(core.submitStep(JSON.stringify(s.state), JSON.stringify(response)));
  const cors = step({ transport: 'cors', from_browser: true });
  assert.equal(cors.failure.code, 'cors');
  assert.match(cors.failure.hint, /Access-Control-Allow-Origin/);
  assert.match(cors.failure.hint, /kfpc submit/);
  assert.match(step({ transport: 'cors', origin: 'https://play.example' }).failure.hint, /this page's origin \(https:\/\/play\.example\), allow/);
  const unauth = step({ transport: 'ok', status: 401, body: JSON.stringify({ code: 16, message: `bad token ${TOKEN}` }), from_browser: true });
  assert.equal(unauth.failure.code, 'unauthorized');
  assert.match(unauth.failure.message, /401 Unauthorized: bad token <redacted>/);
  assert.match(unauth.failure.hint, /Settings/);
  assert.ok(!JSON.stringify(unauth.failure).includes(TOKEN));
  assert.equal(step({ transport: 'timeout' }).failure.code, 'timeout');
  assert.equal(step({ transport: 'unreachable' }).failure.code, 'unreachable');
  const bad = step({ transport: 'ok', status: 400, body: '{"message":"Failed to upload: spec invalid"}' });
  assert.equal(bad.failure.code, 'bad-request');
  assert.match(bad.failure.message, /Failed to upload: spec invalid/);
  // Hostile input: a JSON answer, never a trap.
  assert.equal(typeof J(core.submitStep('[', '{"status":"x","transport":7}')), 'object');
  assert.equal(J(core.submitExplain('{"transport":"cors"}', '{"base_url":"http://h"}')).code, 'cors');
});

test('submitRequest: single requests outside the flow', () => {
  const r = J(core.submitRequest('list_experiments', JSON.stringify({ base_url: 'http://h/p', namespace: 'team' }), '{}'));
  assert.equal(r.request.method, 'GET');
  assert.match(r.request.url, /^http:\/\/h\/p\/apis\/v2beta1\/experiments\?.*namespace=team/);
  assert.ok(J(core.submitRequest('delete_everything', '{"base_url":"http://h"}', '{}')).error);
  assert.ok(J(core.submitRequest('list_experiments', '{}', '{}')).error);
});

// The page's loop, in Node: fetch what the core asks for, hand back the answer.
async function drive(config) {
  let st = J(core.submitStart(JSON.stringify(config)));
  while (!st.done && st.request) {
    const r = st.request;
    const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.method === 'GET' ? undefined : r.body });
    st = J(core.submitStep(JSON.stringify(st.state), JSON.stringify({ transport: 'ok', status: res.status, body: await res.text(), from_browser: true })));
  }
  return st;
}
const shape = (reqs) => reqs.filter((q) => q.method !== 'OPTIONS').map((q) => ({ m: q.method, u: q.url, ct: q.headers['content-type'] || '', auth: q.headers.authorization || '', b: q.body }));

test('the wasm flow sends what `kfpc submit` sends, and the swagger mock accepts it', { skip: noMock || (!haveKfpc && 'native kfpc not built') }, async () => {
  const params = { epochs: '7', rate: '0.25', shuffle: 'true' };
  const web = await startMock(['--token', TOKEN]);
  const cli = await startMock(['--token', TOKEN]);
  try {
    const p = prepare({ target: 'kfp', endpoint: { base_url: web.base, token: TOKEN }, run: true, experiment: 'nightly', parameters: params });
    const st = await drive(p.config);
    assert.equal(st.ok, true, JSON.stringify(st.failure));
    assert.match(st.result.run_id, /^r-\d+$/);
    assert.equal(st.result.run_url, `${web.base}/#/runs/details/${st.result.run_id}`);
    const run = (await web.state()).runs[0];
    assert.deepEqual(run.runtime_config.parameters, { epochs: 7, rate: 0.25, shuffle: true });

    const args = ['submit', '--to', 'kfp', ...TYPED, '--endpoint', cli.base, '--run', '--experiment', 'nightly'];
    for (const [k, v] of Object.entries(params)) args.push('--param', `${k}=${v}`);
    const r = spawnSync(kfpcPath, args, { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, KFP_TOKEN: TOKEN } });
    assert.equal(r.status, 0, r.stderr);
    const a = shape(await web.requests());
    const b = shape(await cli.requests());
    assert.equal(a.length, 5);
    assert.deepEqual(a, b);

    // Again, upload only: the name exists, so both upload a new version, named alike.
    const again = await drive(prepare({ target: 'kfp', endpoint: { base_url: web.base, token: TOKEN } }).config);
    assert.equal(again.ok, true, JSON.stringify(again.failure));
    const r2 = spawnSync(kfpcPath, ['submit', '--to', 'kfp', ...TYPED, '--endpoint', cli.base], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, KFP_TOKEN: TOKEN } });
    assert.equal(r2.status, 0, r2.stderr);
    const a2 = shape(await web.requests());
    assert.deepEqual(a2.slice(5).map((q) => q.m + ' ' + q.u.split('?')[0]), [
      'POST /apis/v2beta1/pipelines/upload',
      'GET /apis/v2beta1/pipelines/names/Train%20pipeline',
      'POST /apis/v2beta1/pipelines/upload_version',
    ]);
    assert.deepEqual(a2, shape(await cli.requests()));
  } finally {
    web.stop();
    cli.stop();
  }
});

test('a new version of an existing pipeline, and a periodic recurring run', { skip: noMock }, async () => {
  const mock = await startMock();
  try {
    const base = { target: 'kfp', endpoint: { base_url: mock.base } };
    const first = await drive(prepare(base).config);
    assert.equal(first.ok, true, JSON.stringify(first.failure));
    const again = await drive(prepare({ ...base, pipeline_id: first.result.pipeline_id, parameters: { epochs: '2' }, schedule: { interval_seconds: 600 } }).config);
    assert.equal(again.ok, true, JSON.stringify(again.failure));
    assert.equal(again.result.pipeline_id, first.result.pipeline_id);
    assert.match(again.result.recurring_run_id, /^rr-\d+$/);
    const st = await mock.state();
    assert.equal(st.versions.length, 2);
    assert.equal(st.recurring[0].trigger.periodic_schedule.interval_second, '600');
    assert.deepEqual(st.recurring[0].runtime_config.parameters, { epochs: 2 });
  } finally {
    mock.stop();
  }
});

test('Argo: lint, then submit', { skip: noMock }, async () => {
  const mock = await startMock();
  try {
    const st = await drive(prepare({ target: 'argo', endpoint: { base_url: mock.base, namespace: 'team-a' }, lint: true }).config);
    assert.equal(st.ok, true, JSON.stringify(st.failure));
    assert.equal(st.result.lint, 'ok');
    assert.match(st.result.workflow_name, /^train-pipeline-/);
    assert.deepEqual((await mock.requests()).map((q) => q.method + ' ' + q.url), ['POST /api/v1/workflows/team-a/lint', 'POST /api/v1/workflows/team-a']);
  } finally {
    mock.stop();
  }
});
