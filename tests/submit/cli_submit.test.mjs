// `kfpc submit` against the mock KFP API / Argo Server, which checks every
// request against KFP's swagger. Skips when the corpus (swagger) is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMock, haveSwagger, kfpc, repo } from './mock.mjs';

const skip = haveSwagger ? false : 'KFP swagger not found (../shared/corpus absent): skipping submit tests';
const samples = [path.join(repo, 'samples/add.component.yaml'), path.join(repo, 'samples/add_pipeline.yaml')];
const TOKEN = 's3cr3t-token-XYZ';

function run(args, env = {}) {
  const r = spawnSync(kfpc, args, { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('upload, experiment and a run with typed parameters', { skip }, async () => {
  const mock = await startMock(['--token', TOKEN]);
  try {
    const r = run(['submit', '--to', 'kfp', ...samples, '--endpoint', mock.base, '--run', '--experiment', 'demo',
      '--param', 'a=2.5', '--param', 'c=4'], { KFP_TOKEN: TOKEN });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^pipeline_id: p-\d+$/m);
    assert.match(r.out, /^run_id: r-\d+$/m);
    assert.match(r.out, /^run_url: http:\/\/127\.0\.0\.1:\d+\/#\/runs\/details\/r-\d+$/m);
    const state = await mock.state();
    assert.equal(state.experiments[0].display_name, 'demo');
    const runBody = state.runs[0];
    assert.deepEqual(runBody.runtime_config.parameters, { a: 2.5, c: 4 });  // typed: Float inputs
    assert.ok(runBody.pipeline_version_reference.pipeline_version_id);
    const reqs = await mock.requests();
    assert.deepEqual(reqs.map((q) => q.method + ' ' + q.url.split('?')[0]), [
      'POST /apis/v2beta1/pipelines/upload',
      'GET /apis/v2beta1/pipelines/p-0001/versions',
      'GET /apis/v2beta1/experiments',
      'POST /apis/v2beta1/experiments',
      'POST /apis/v2beta1/runs',
    ]);
    for (const q of reqs) assert.equal(q.headers.authorization, `Bearer ${TOKEN}`);
    assert.ok(!r.out.includes(TOKEN) && !r.err.includes(TOKEN));
    // Uploading again creates a new version of the same pipeline.
    const again = run(['submit', '--to', 'kfp', ...samples, '--endpoint', mock.base], { KFP_TOKEN: TOKEN });
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^pipeline_version_id: v-\d+$/m);
    assert.equal((await mock.state()).versions.length, 2);
  } finally {
    mock.stop();
  }
});

test('a recurring run from a cron schedule', { skip }, async () => {
  const mock = await startMock();
  try {
    const r = run(['submit', '--to', 'kfp', ...samples, '--endpoint', mock.base, '--cron', '0 0 * * * *']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^recurring_run_id: rr-\d+$/m);
    const rr = (await mock.state()).recurring[0];
    assert.equal(rr.trigger.cron_schedule.cron, '0 0 * * * *');
    assert.equal(rr.mode, 'ENABLE');
  } finally {
    mock.stop();
  }
});

test('a wrong token is a clear 401 and the token never shows', { skip }, async () => {
  const mock = await startMock(['--token', TOKEN]);
  try {
    const tokfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kfpc-')), 'token');
    fs.writeFileSync(tokfile, 'wrong-token-ABC\n');
    const r = run(['submit', '--to', 'kfp', ...samples, '--endpoint', mock.base, '--token-file', tokfile]);
    assert.equal(r.code, 1);
    assert.match(r.err, /401 Unauthorized/);
    assert.match(r.err, /KFP_TOKEN or --token-file/);
    assert.ok(!r.err.includes('wrong-token-ABC') && !r.out.includes('wrong-token-ABC'));
  } finally {
    mock.stop();
  }
});

test('bad parameter values are refused before anything is sent', { skip }, async () => {
  const mock = await startMock();
  try {
    const r = run(['submit', '--to', 'kfp', ...samples, '--endpoint', mock.base, '--run', '--param', 'a=abc', '--param', 'nope=1']);
    assert.equal(r.code, 1);
    assert.match(r.err, /value 'abc' for input 'a' is not a valid NUMBER_DOUBLE/);
    assert.match(r.err, /no input named 'nope'/);
    assert.match(r.err, /not submitted/);
    assert.equal((await mock.requests()).length, 0);
  } finally {
    mock.stop();
  }
});

test('unreachable endpoint and token on the command line', { skip }, async () => {
  const r = run(['submit', '--to', 'kfp', ...samples, '--endpoint', 'http://127.0.0.1:9', '--timeout', '5']);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot reach http:\/\/127\.0\.0\.1:9/);
  const t = run(['submit', '--to', 'kfp', ...samples, '--endpoint', 'http://127.0.0.1:9', '--token', 'x']);
  assert.equal(t.code, 2);
});

test('submit to an Argo Server', { skip }, async () => {
  const mock = await startMock();
  try {
    const r = run(['submit', '--to', 'argo', ...samples, '--endpoint', mock.base, '--namespace', 'team-a', '--lint']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^workflow: add-pipeline-/m);
    const reqs = await mock.requests();
    assert.deepEqual(reqs.map((q) => q.method + ' ' + q.url), [
      'POST /api/v1/workflows/team-a/lint',
      'POST /api/v1/workflows/team-a',
    ]);
    const body = JSON.parse(reqs[1].body);
    assert.equal(body.namespace, 'team-a');
    assert.equal(body.workflow.kind, 'Workflow');
  } finally {
    mock.stop();
  }
});
